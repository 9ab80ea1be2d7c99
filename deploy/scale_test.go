package deploy

// The multi-replica test: the coach as it runs scaled out, on loopback: two
// replicas of the real binary behind nginx (round robin, with the
// configuration compose/nginx.conf ships), sharing Redis, and a fake
// OpenAI-compatible upstream that counts its calls. It checks that rate
// limits hold across replicas, that an LLM answer is computed once for all
// of them, that stopping a replica loses no request nginx could route to
// the other, and that a Redis outage costs limits and caching, never
// requests. It needs Debian's redis-server and nginx; without them it is
// skipped, except in CI (CI=true), where .ci/run installs them.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/ladder/coach/internal/coachproc"
	"github.com/ladder/coach/internal/redistest"
)

// rateLimit is COACH_RATE_LIMIT for the replicas: requests a minute, and the
// burst, per client.
const rateLimit = 30

func TestScaleOut(t *testing.T) {
	if testing.Short() {
		t.Skip("starts redis-server, nginx and two coach processes")
	}
	nginxBin := lookNginx(t)
	redis := redistest.Start(t)
	upstream := newFakeOpenAI(t)

	env := map[string]string{
		"COACH_REDIS_URL":        redis.URL(),
		"COACH_RATE_LIMIT":       strconv.Itoa(rateLimit),
		"COACH_TRUSTED_PROXIES":  "127.0.0.1", // nginx, whose X-Forwarded-For names the client
		"OPENAI_BASE_URL":        upstream.URL + "/v1",
		"OPENAI_API_KEY":         "sk-fake",
		"COACH_MODEL":            "fake-model",
		"COACH_LLM_TIMEOUT":      "10s",
		"COACH_LLM_READ":         "off", // the upstream counts answers: no readings of questions among them
		"COACH_SHUTDOWN_TIMEOUT": "10s",
	}
	a := startReplica(t, "a", env)
	b := startReplica(t, "b", env)
	byAddr := map[string]*coachproc.Process{a.Addr: a, b.Addr: b}
	lb := startNginx(t, nginxBin, a.Addr, b.Addr)
	c := newClient()

	t.Run("rate limit holds across replicas", func(t *testing.T) {
		before := a.Metric(t, "coach_http_requests_total", `route="/api/levels"`) + b.Metric(t, "coach_http_requests_total", `route="/api/levels"`)
		aBefore := a.Metric(t, "coach_http_requests_total", `route="/api/levels"`)
		ok, limited := c.burst(t, lb+"/api/levels", "203.0.113.1", 120)
		t.Logf("120 requests of one client through nginx: %d passed, %d refused", ok, limited)
		if ok < rateLimit || ok > rateLimit+2 || ok+limited != 120 {
			t.Errorf("%d passed and %d refused of 120; want about %d passed in all (the limit is shared, not %d per replica)",
				ok, limited, rateLimit, rateLimit)
		}
		// Both replicas served their share: the limit was enforced across them.
		aGot := a.Metric(t, "coach_http_requests_total", `route="/api/levels"`) - aBefore
		total := a.Metric(t, "coach_http_requests_total", `route="/api/levels"`) + b.Metric(t, "coach_http_requests_total", `route="/api/levels"`) - before
		if total != 120 || aGot < 40 || aGot > 80 {
			t.Errorf("replica a served %v of %v requests; want about half of 120", aGot, total)
		}
	})

	t.Run("an LLM answer is computed once for all replicas", func(t *testing.T) {
		q1 := "How is a senior PM's success judged?"
		first := c.chat(t, a.URL, "203.0.113.2", q1)
		if n := upstream.calls.Load(); n != 1 || first.Mode != "llm" {
			t.Fatalf("after the first question: %d upstream calls, mode %q", n, first.Mode)
		}
		second := c.chat(t, b.URL, "203.0.113.2", "how is a Senior PM's success judged")
		if n := upstream.calls.Load(); n != 1 {
			t.Errorf("the same question on the other replica called the upstream again: %d calls", n)
		}
		if second.Answer != first.Answer || second.Mode != "llm" {
			t.Errorf("replica b answered %q (%s); replica a %q", second.Answer, second.Mode, first.Answer)
		}
		if hits := b.Metric(t, "coach_llm_cache_total", `result="hit"`); hits != 1 {
			t.Errorf("replica b counted %v cache hits; want 1", hits)
		}
		// Streamed through nginx, whichever replica: from the cache, as a stream.
		ev := c.stream(t, lb, "203.0.113.2", q1)
		if ev.done.Mode != "llm" || ev.done.Degraded || ev.deltas < 2 || ev.text == "" {
			t.Errorf("cached stream: %d deltas, text %q, done %+v", ev.deltas, ev.text, ev.done)
		}
		if n := upstream.calls.Load(); n != 1 {
			t.Errorf("a streamed repeat called the upstream: %d calls", n)
		}
		// A streamed answer is cached too, for plain requests elsewhere.
		q2 := "What skills should a mid-level PM develop to become a senior PM?"
		if ev := c.stream(t, a.URL, "203.0.113.2", q2); ev.done.Mode != "llm" {
			t.Fatalf("stream of a new question: %+v", ev.done)
		}
		if n := upstream.calls.Load(); n != 2 {
			t.Fatalf("%d upstream calls after a new question; want 2", n)
		}
		if r := c.chat(t, b.URL, "203.0.113.2", q2); r.Mode != "llm" || upstream.calls.Load() != 2 {
			t.Errorf("the streamed answer was not served from the cache: mode %q, %d calls", r.Mode, upstream.calls.Load())
		}
	})

	t.Run("a Redis outage costs limits and caching, not requests", func(t *testing.T) {
		errsBefore := a.Metric(t, "coach_rate_limit_errors_total") + b.Metric(t, "coach_rate_limit_errors_total")
		redis.Stop()
		ok, limited := c.burst(t, lb+"/api/levels", "203.0.113.4", 2*rateLimit)
		if ok != 2*rateLimit {
			t.Errorf("with Redis down, %d of %d requests passed (%d refused); want all: limits fail open", ok, 2*rateLimit, limited)
		}
		calls := upstream.calls.Load()
		r := c.chat(t, lb, "203.0.113.4", "What does a Director of Product do?")
		if r.Mode != "llm" || r.Degraded || upstream.calls.Load() != calls+1 {
			t.Errorf("with Redis down: mode %q degraded %v, %d upstream calls (was %d)", r.Mode, r.Degraded, upstream.calls.Load(), calls)
		}
		if n := a.Metric(t, "coach_rate_limit_errors_total") + b.Metric(t, "coach_rate_limit_errors_total") - errsBefore; n < float64(2*rateLimit) {
			t.Errorf("%v rate-limit errors counted; want one a request at least (%d)", n, 2*rateLimit)
		}
		if n := a.Metric(t, "coach_llm_cache_total", `result="error"`) + b.Metric(t, "coach_llm_cache_total", `result="error"`); n < 1 {
			t.Error("no cache error counted with Redis down")
		}

		redis.Restart()
		waitRecovered(t, c, a, b)
		ok, limited = c.burst(t, lb+"/api/levels", "203.0.113.5", 120)
		t.Logf("after Redis came back: %d passed, %d refused", ok, limited)
		if ok < rateLimit || ok > rateLimit+2 {
			t.Errorf("after Redis came back, %d of 120 passed; want about %d: shared limits resume", ok, rateLimit)
		}
	})

	t.Run("stopping a replica loses no request", func(t *testing.T) {
		// A slow streamed answer in flight on the replica about to stop.
		s := c.startStream(t, lb, "203.0.113.6", "Explain slowly what a senior PM is responsible for.")
		victim, survivor := byAddr[s.upstream], a
		if victim == nil {
			t.Fatalf("nginx names upstream %q", s.upstream)
		}
		if victim == a {
			survivor = b
		}

		var (
			stop             atomic.Bool
			total, afterExit atomic.Int64
			mu               sync.Mutex
			failures         []string
			wg               sync.WaitGroup
			seq              atomic.Int64
			exited           atomic.Bool
		)
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for !stop.Load() {
					n := seq.Add(1)
					ip := fmt.Sprintf("10.%d.%d.%d", n>>16&255, n>>8&255, n&255) // one client a request: no limit in the way
					status, up, err := c.get(lb+"/api/levels", ip)
					total.Add(1)
					if exited.Load() && strings.Contains(up, survivor.Addr) {
						afterExit.Add(1)
					}
					if err != nil || status != http.StatusOK {
						mu.Lock()
						failures = append(failures, fmt.Sprintf("status %d via %q: %v", status, up, err))
						mu.Unlock()
					}
				}
			}()
		}
		time.Sleep(300 * time.Millisecond)
		start := time.Now()
		victim.Signal(t, syscall.SIGTERM)
		code := victim.Wait(t, 15*time.Second)
		exited.Store(true)
		t.Logf("replica %s exited %d, %v after SIGTERM", victim.Name, code, time.Since(start).Round(time.Millisecond))
		time.Sleep(time.Second)
		stop.Store(true)
		wg.Wait()

		ev := s.wait(t)
		t.Logf("%d requests through nginx during the stop, %d after it by replica %s; the stream in flight: %d deltas, done %+v",
			total.Load(), afterExit.Load(), survivor.Name, ev.deltas, ev.done)
		if len(failures) > 0 {
			t.Errorf("%d of %d requests failed while a replica stopped; first: %s", len(failures), total.Load(), failures[0])
		}
		if code != 0 {
			t.Errorf("the stopped replica exited %d; want 0", code)
		}
		if afterExit.Load() == 0 {
			t.Error("no request reached the other replica after the stop")
		}
		if ev.done.Mode != "llm" || ev.done.Degraded || ev.errorEvent || !strings.Contains(ev.text, "end of the slow answer") {
			t.Errorf("the stream in flight on the stopped replica did not finish: text %q, done %+v, error event %v", ev.text, ev.done, ev.errorEvent)
		}
	})
}

// lookNginx finds nginx (in /usr/sbin, outside most users' PATH), skipping
// the test without it except in CI.
func lookNginx(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("nginx"); err == nil {
		return p
	}
	if _, err := os.Stat("/usr/sbin/nginx"); err == nil {
		return "/usr/sbin/nginx"
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("nginx is missing; .ci/run installs Debian's nginx package")
	}
	t.Skip("nginx is missing (apt-get install nginx)")
	return ""
}

// fakeOpenAI is an OpenAI-compatible chat endpoint that counts its calls.
// Its answers cite [1] and [2]; a question asking for "slowly" streams its
// answer over about 1.5 s.
type fakeOpenAI struct {
	*httptest.Server
	calls atomic.Int64
}

func newFakeOpenAI(t *testing.T) *fakeOpenAI {
	f := &fakeOpenAI{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/chat/completions" || r.Method != http.MethodPost {
			http.NotFound(w, r)
			return
		}
		var req struct {
			Stream   bool `json:"stream"`
			Messages []struct {
				Content string `json:"content"`
			} `json:"messages"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || len(req.Messages) == 0 {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		f.calls.Add(1)
		question := req.Messages[len(req.Messages)-1].Content
		pieces := []string{"Own the outcomes of your area [1]. ", "Lead with influence and clear writing [2]."}
		delay := time.Duration(0)
		if strings.Contains(question, "slowly") {
			pieces = nil
			for i := range 12 {
				pieces = append(pieces, fmt.Sprintf("Step %d of owning outcomes [1]. ", i+1))
			}
			pieces = append(pieces, "That is the end of the slow answer [2].")
			delay = 120 * time.Millisecond
		}
		if !req.Stream {
			w.Header().Set("Content-Type", "application/json")
			b, _ := json.Marshal(strings.Join(pieces, ""))
			fmt.Fprintf(w, `{"id":"x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}]}`, b)
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		fl := w.(http.Flusher)
		for _, p := range pieces {
			time.Sleep(delay)
			b, _ := json.Marshal(p)
			fmt.Fprintf(w, "data: {\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":%s}}]}\n\n", b)
			fl.Flush()
		}
		fmt.Fprint(w, "data: [DONE]\n\n")
	}))
	t.Cleanup(f.Close)
	return f
}

// startReplica runs `coach serve` on a free port with env and waits for
// /readyz.
func startReplica(t *testing.T, name string, env map[string]string) *coachproc.Process {
	t.Helper()
	port, err := redistest.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	return coachproc.Start(t, coachproc.Options{Name: name, Addr: "127.0.0.1:" + strconv.Itoa(port), Env: env})
}

// startNginx runs nginx with deploy/compose/nginx.conf, its upstreams and
// port rewritten to loopback, inside a main configuration that keeps every
// file in the test's folder. It returns nginx's base URL.
func startNginx(t *testing.T, bin, addrA, addrB string) string {
	t.Helper()
	site, err := os.ReadFile(filepath.Join("compose", "nginx.conf"))
	if err != nil {
		t.Fatal(err)
	}
	port, err := redistest.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	conf := string(site)
	for old, new := range map[string]string{"coach-1:8080": addrA, "coach-2:8080": addrB, "listen 8080;": "listen " + addr + ";"} {
		if strings.Count(conf, old) != 1 {
			t.Fatalf("deploy/compose/nginx.conf has %d of %q; the test rewrites exactly one", strings.Count(conf, old), old)
		}
		conf = strings.Replace(conf, old, new, 1)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "site.conf"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	user := ""
	if os.Geteuid() == 0 {
		user = "user root;" // workers must reach the test's private folder
	}
	main := fmt.Sprintf(`%[2]s
worker_processes 1;
daemon off;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log warn;
events { worker_connections 1024; }
http {
    log_format upstream '$remote_addr "$request" $status upstream=$upstream_addr ($upstream_status)';
    access_log %[1]s/access.log upstream;
    client_body_temp_path %[1]s/client_body;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fastcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
    # Which replica answered, for the test.
    add_header X-Upstream $upstream_addr always;
    include %[1]s/site.conf;
}
`, dir, user)
	confPath := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(confPath, []byte(main), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-p", dir, "-c", confPath, "-e", filepath.Join(dir, "error.log"))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			for _, f := range []string{"error.log", "access.log"} {
				b, _ := os.ReadFile(filepath.Join(dir, f))
				t.Logf("nginx %s (last 3000 bytes):\n%s", f, tail(b, 3000))
			}
			t.Logf("nginx output: %s", out.String())
		}
	})
	base := "http://" + addr
	waitHTTP(t, base+"/healthz", done)
	return base
}

// waitHTTP waits until url answers 200, failing if exited closes first.
func waitHTTP(t *testing.T, url string, exited <-chan struct{}) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			t.Fatalf("the process serving %s exited", url)
		default:
		}
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s did not answer 200 within 20s", url)
}

// waitRecovered waits until neither replica's rate limiter fails any more
// (Redis is back and their connections were made again).
func waitRecovered(t *testing.T, c *client, rs ...*coachproc.Process) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for n := 0; time.Now().Before(deadline); n++ {
		recovered := true
		for _, r := range rs {
			before := r.Metric(t, "coach_rate_limit_errors_total")
			if status, _, err := c.get(r.URL+"/api/levels", fmt.Sprintf("198.51.100.%d", n%250)); err != nil || status != http.StatusOK {
				t.Fatalf("probe of replica %s: %d %v", r.Name, status, err)
			}
			recovered = recovered && r.Metric(t, "coach_rate_limit_errors_total") == before
		}
		if recovered {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("the replicas' rate limiters still fail 15s after Redis came back")
}

func tail(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}

// client sends the test's requests; xff is the client's address as nginx's
// X-Forwarded-For tells it (the replicas trust nginx's loopback address).
type client struct{ http *http.Client }

func newClient() *client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 16
	return &client{http: &http.Client{Transport: tr, Timeout: 30 * time.Second}}
}

func (c *client) get(url, xff string) (status int, upstream string, err error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("X-Forwarded-For", xff)
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, resp.Header.Get("X-Upstream"), err
}

// burst sends n GETs as one client, four at a time, and counts 200s and 429s.
func (c *client) burst(t *testing.T, url, xff string, n int) (ok, limited int) {
	t.Helper()
	var okN, limN atomic.Int64
	var wg sync.WaitGroup
	work := make(chan struct{}, n)
	for range n {
		work <- struct{}{}
	}
	close(work)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range work {
				status, _, err := c.get(url, xff)
				switch {
				case err != nil:
					t.Errorf("GET %s: %v", url, err)
				case status == http.StatusOK:
					okN.Add(1)
				case status == http.StatusTooManyRequests:
					limN.Add(1)
				default:
					t.Errorf("GET %s: status %d", url, status)
				}
			}
		}()
	}
	wg.Wait()
	return int(okN.Load()), int(limN.Load())
}

type chatReply struct {
	Answer   string `json:"answer"`
	Mode     string `json:"mode"`
	Degraded bool   `json:"degraded"`
}

func (c *client) chatRequest(t *testing.T, base, xff, question string, stream bool) *http.Request {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"message": question, "stream": stream})
	req, err := http.NewRequest(http.MethodPost, base+"/api/chat", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Forwarded-For", xff)
	return req
}

func (c *client) chat(t *testing.T, base, xff, question string) chatReply {
	t.Helper()
	resp, err := c.http.Do(c.chatRequest(t, base, xff, question, false))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r chatReply
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("POST %s/api/chat: %d %s", base, resp.StatusCode, b)
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		t.Fatal(err)
	}
	return r
}

// events is what a streamed reply carried.
type events struct {
	text       string
	deltas     int
	errorEvent bool
	done       struct {
		Mode     string `json:"mode"`
		Degraded bool   `json:"degraded"`
	}
}

// openStream is a streamed reply being read.
type openStream struct {
	upstream string
	result   chan events
	err      chan error
}

// startStream sends a streamed question and returns once the headers are
// in, with the replica nginx chose.
func (c *client) startStream(t *testing.T, base, xff, question string) *openStream {
	t.Helper()
	resp, err := c.http.Do(c.chatRequest(t, base, xff, question, true))
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		t.Fatalf("stream: %d %s %s", resp.StatusCode, resp.Header.Get("Content-Type"), b)
	}
	s := &openStream{upstream: resp.Header.Get("X-Upstream"), result: make(chan events, 1), err: make(chan error, 1)}
	go func() {
		defer resp.Body.Close()
		ev, err := readEvents(resp.Body)
		if err != nil {
			s.err <- err
			return
		}
		s.result <- ev
	}()
	return s
}

func (s *openStream) wait(t *testing.T) events {
	t.Helper()
	select {
	case ev := <-s.result:
		return ev
	case err := <-s.err:
		t.Fatalf("reading the stream: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("the stream did not end within 20s")
	}
	return events{}
}

func (c *client) stream(t *testing.T, base, xff, question string) events {
	t.Helper()
	return c.startStream(t, base, xff, question).wait(t)
}

// readEvents reads Server-Sent Events up to done.
func readEvents(r io.Reader) (events, error) {
	var ev events
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	name := ""
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			data := []byte(strings.TrimPrefix(line, "data: "))
			switch name {
			case "delta":
				var d struct {
					Text string `json:"text"`
				}
				if err := json.Unmarshal(data, &d); err != nil {
					return ev, err
				}
				ev.text += d.Text
				ev.deltas++
			case "error":
				ev.errorEvent = true
			case "done":
				if err := json.Unmarshal(data, &ev.done); err != nil {
					return ev, err
				}
				return ev, nil
			}
		}
	}
	if err := sc.Err(); err != nil {
		return ev, err
	}
	return ev, errors.New("the stream ended without a done event")
}
