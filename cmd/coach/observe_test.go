package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ladder/coach/internal/llmtest"
)

// lockedBuffer is a bytes.Buffer safe for the server's goroutines to write
// while the test reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// serveInProcess runs `coach serve` in the test's process with only env set,
// waits until it is ready and returns its base URL and its standard error.
// It stops at the end of the test.
func serveInProcess(t *testing.T, env map[string]string) (string, *lockedBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stderr := &lockedBuffer{}
	p := &program{stdout: io.Discard, stderr: stderr, getenv: func(k string) string { return env[k] }, ctx: ctx}
	addrc := make(chan string, 1)
	p.onListen = func(addr string) { addrc <- addr }
	done := make(chan int, 1)
	go func() { done <- p.run([]string{"serve", "--addr", "127.0.0.1:0"}) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Error("serve did not stop")
		}
	})
	var base string
	select {
	case addr := <-addrc:
		base = "http://" + addr
	case code := <-done:
		t.Fatalf("serve exited %d: %s", code, stderr)
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not listen")
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return base, stderr
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("not ready: %v\n%s", err, stderr)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// call sends one request and returns its status, X-Request-ID and body.
func call(t *testing.T, method, url, body string, header map[string]string) (int, string, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("X-Request-ID"), string(b)
}

// TestJSONRequestLogs: with COACH_LOG_FORMAT=json every request gives one
// JSON line with its id (echoed or made), method, route, status and
// duration, streamed answers and errors included.
func TestJSONRequestLogs(t *testing.T) {
	base, stderr := serveInProcess(t, map[string]string{"COACH_LOG_FORMAT": "json"})
	type sent struct {
		method, path, body, id string
		stream                 bool
		route                  string
		status                 int
	}
	reqs := []sent{
		{method: "GET", path: "/healthz", id: "probe-1", route: "/healthz", status: 200},
		{method: "POST", path: "/api/chat", body: `{"message":"What does a Senior PM do?"}`, id: "chat-1", route: "/api/chat", status: 200},
		{method: "POST", path: "/api/chat", body: `{"message":"What does a Senior PM do?","stream":true}`, route: "/api/chat", status: 200},
		{method: "POST", path: "/api/chat", body: `{"message":`, id: "bad json", route: "/api/chat", status: 400},
		{method: "GET", path: "/api/sections/senior/skills", route: "/api/sections/*id", status: 200},
		{method: "GET", path: "/no/such/page", route: "", status: 404},
		{method: "DELETE", path: "/api/chat", route: "", status: 405},
		{method: "POST", path: "/v1/chat/completions", body: `{"messages":[{"role":"user","content":"What does a Senior PM do?"}],"stream":true}`, route: "/v1/chat/completions", status: 200},
	}
	ids := make([]string, len(reqs))
	before := strings.Count(stderr.String(), "\n")
	for i, r := range reqs {
		hdr := map[string]string{}
		if r.id != "" {
			hdr["X-Request-ID"] = r.id
		}
		status, id, body := call(t, r.method, base+r.path, r.body, hdr)
		if status != r.status {
			t.Fatalf("%s %s = %d, want %d: %s", r.method, r.path, status, r.status, body)
		}
		switch {
		case r.id == "probe-1" || r.id == "chat-1":
			if id != r.id {
				t.Errorf("%s %s: X-Request-ID %q, want the client's %q echoed", r.method, r.path, id, r.id)
			}
		case !regexp.MustCompile(`^[0-9a-f]{24}$`).MatchString(id):
			t.Errorf("%s %s: made X-Request-ID %q, want 24 hex digits", r.method, r.path, id)
		}
		ids[i] = id
	}

	// The log lines come after the replies: wait for all of them.
	var lines []map[string]any
	deadline := time.Now().Add(5 * time.Second)
	for {
		lines = lines[:0]
		all := strings.Split(strings.TrimSpace(stderr.String()), "\n")
		for _, l := range all[min(before, len(all)):] {
			var m map[string]any
			if err := json.Unmarshal([]byte(l), &m); err != nil {
				t.Fatalf("log line is not JSON: %q", l)
			}
			if m["msg"] == "request" {
				lines = append(lines, m)
			}
		}
		if len(lines) >= len(reqs) || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if len(lines) != len(reqs) {
		t.Fatalf("%d request log lines for %d requests:\n%s", len(lines), len(reqs), stderr)
	}
	byID := map[string]map[string]any{}
	for _, l := range lines {
		id, _ := l["request_id"].(string)
		if byID[id] != nil {
			t.Errorf("two log lines with request_id %q", id)
		}
		byID[id] = l
	}
	for i, r := range reqs {
		l := byID[ids[i]]
		if l == nil {
			t.Errorf("%s %s: no log line with request_id %q", r.method, r.path, ids[i])
			continue
		}
		if l["method"] != r.method || l["route"] != r.route || l["path"] != r.path || l["status"] != float64(r.status) {
			t.Errorf("%s %s: log line %v; want method, route %q, path and status %d", r.method, r.path, l, r.route, r.status)
		}
		if d, ok := l["duration"].(float64); !ok || d <= 0 {
			t.Errorf("%s %s: duration %v; want nanoseconds > 0", r.method, r.path, l["duration"])
		}
		if l["level"] != "INFO" || l["time"] == nil {
			t.Errorf("%s %s: level %v, time %v", r.method, r.path, l["level"], l["time"])
		}
	}
}

// metricValue returns the value of the sample named exactly name (labels
// included, as /metrics prints them), or -1.
func metricValue(body, name string) float64 {
	for _, l := range strings.Split(body, "\n") {
		if rest, ok := strings.CutPrefix(l, name+" "); ok {
			v, err := strconv.ParseFloat(strings.TrimSpace(rest), 64)
			if err == nil {
				return v
			}
		}
	}
	return -1
}

// TestMetricsEndToEnd drives the real server (API keys, a rate limit, an
// LLM that fails so answers fall back) and reads GET /metrics.
func TestMetricsEndToEnd(t *testing.T) {
	up := llmtest.Start(t, llmtest.Options{Status: http.StatusInternalServerError})
	base, stderr := serveInProcess(t, map[string]string{
		"COACH_LOG_FORMAT": "json", "COACH_API_KEYS": "key-a,key-b", "COACH_RATE_LIMIT": "4",
		"OPENAI_BASE_URL": up.URL, "OPENAI_API_KEY": "test", "COACH_MODEL": "fake",
	})
	a := map[string]string{"Authorization": "Bearer key-a"}
	b := map[string]string{"Authorization": "Bearer key-b"}
	if s, _, body := call(t, "POST", base+"/api/chat", `{"message":"What does a Senior PM do?"}`, a); s != 200 || !strings.Contains(body, `"degraded":true`) {
		t.Fatalf("chat with a failing LLM = %d %s; want the offline answer, degraded", s, body)
	}
	if s, _, _ := call(t, "POST", base+"/api/chat", `{"message":"What does a Senior PM do?","stream":true}`, a); s != 200 {
		t.Fatalf("streamed chat = %d", s)
	}
	if s, _, _ := call(t, "POST", base+"/api/chat", `{"message":`, a); s != 400 {
		t.Fatalf("bad JSON = %d", s)
	}
	if s, _, _ := call(t, "POST", base+"/api/chat", `{"message":"hi"}`, nil); s != 401 {
		t.Fatalf("no key = %d", s)
	}
	limited := 0
	for range 6 {
		if s, _, _ := call(t, "GET", base+"/api/levels", "", b); s == 429 {
			limited++
		}
	}
	if limited != 2 {
		t.Fatalf("%d of 6 requests limited at 4 a minute, want 2", limited)
	}
	if s, _, _ := call(t, "GET", base+"/metrics", "", nil); s != 401 {
		t.Errorf("/metrics without a key = %d, want 401", s)
	}
	s, _, body := call(t, "GET", base+"/metrics", "", b) // scrapes are never limited
	if s != 200 {
		t.Fatalf("/metrics = %d %s", s, body)
	}
	checks := []struct {
		name string
		min  float64
	}{
		{`coach_http_requests_total{method="POST",route="/api/chat",status="200"}`, 2},
		{`coach_http_requests_total{method="POST",route="/api/chat",status="400"}`, 1},
		{`coach_http_requests_total{method="POST",route="/api/chat",status="401"}`, 1},
		{`coach_http_requests_total{method="GET",route="/api/levels",status="200"}`, 4},
		{`coach_http_requests_total{method="GET",route="/api/levels",status="429"}`, 2},
		{`coach_http_request_duration_seconds_count{route="/api/chat"}`, 4},
		{`coach_http_request_duration_seconds_bucket{route="/api/chat",le="+Inf"}`, 4},
		{`coach_retrieval_duration_seconds_count`, 2},
		{`coach_llm_calls_total{outcome="error"}`, 2},
		{`coach_llm_duration_seconds_count`, 2},
		{`coach_llm_fallbacks_total{reason="error"}`, 2},
		{`coach_rate_limited_total`, 2},
		{`coach_panics_total`, 0},
		{`go_goroutines`, 1},
		{`process_resident_memory_bytes`, 1},
	}
	for _, c := range checks {
		if v := metricValue(body, c.name); v < c.min {
			t.Errorf("%s = %v, want at least %v", c.name, v, c.min)
		}
	}
	if t.Failed() {
		t.Logf("metrics:\n%s\nlogs:\n%s", grep(body, "coach_"), stderr)
	}
}

func grep(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
