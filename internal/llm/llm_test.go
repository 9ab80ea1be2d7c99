package llm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// seen is what the fake upstream received.
type seen struct {
	Method, Path, Auth string
	Body               map[string]any
}

// upstream starts a fake OpenAI-compatible server that records each request
// and answers with reply.
func upstream(t *testing.T, reply http.HandlerFunc) (*httptest.Server, func() []seen) {
	t.Helper()
	var mu sync.Mutex
	var got []seen
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s := seen{Method: r.Method, Path: r.URL.Path, Auth: r.Header.Get("Authorization")}
		b, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(b, &s.Body)
		mu.Lock()
		got = append(got, s)
		mu.Unlock()
		reply(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, func() []seen {
		mu.Lock()
		defer mu.Unlock()
		return append([]seen(nil), got...)
	}
}

func chatReply(text string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"id":"x","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":%q},"finish_reason":"stop"}]}`, text)
	}
}

// hang blocks until the client goes away.
func hang(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }

func status(code int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		fmt.Fprint(w, `{"error":{"message":"boom","type":"server_error"}}`)
	}
}

var msgs = []Message{{Role: "system", Content: "be brief"}, {Role: "user", Content: "hello"}}

func TestCompleteRequest(t *testing.T) {
	for _, key := range []string{"sk-test", ""} {
		t.Run("key="+key, func(t *testing.T) {
			srv, got := upstream(t, chatReply("hi there"))
			c := New(Config{BaseURL: srv.URL + "/v1/", APIKey: key, Model: "tiny", Timeout: 5 * time.Second})
			out, err := c.Complete(context.Background(), msgs)
			if err != nil {
				t.Fatal(err)
			}
			if out != "hi there" {
				t.Errorf("reply = %q", out)
			}
			reqs := got()
			if len(reqs) != 1 {
				t.Fatalf("%d requests", len(reqs))
			}
			r := reqs[0]
			if r.Method != http.MethodPost || r.Path != "/v1/chat/completions" {
				t.Errorf("request = %s %s", r.Method, r.Path)
			}
			wantAuth := ""
			if key != "" {
				wantAuth = "Bearer " + key
			}
			if r.Auth != wantAuth {
				t.Errorf("Authorization = %q, want %q", r.Auth, wantAuth)
			}
			if r.Body["model"] != "tiny" {
				t.Errorf("model = %v", r.Body["model"])
			}
			ms, _ := r.Body["messages"].([]any)
			if len(ms) != 2 {
				t.Fatalf("messages = %v", r.Body["messages"])
			}
			for i, m := range ms {
				mm := m.(map[string]any)
				if mm["role"] != msgs[i].Role || mm["content"] != msgs[i].Content {
					t.Errorf("message %d = %v, want %+v", i, mm, msgs[i])
				}
			}
		})
	}
}

func TestCompleteServerError(t *testing.T) {
	srv, _ := upstream(t, status(http.StatusInternalServerError))
	c := New(Config{BaseURL: srv.URL, Model: "tiny", Timeout: 5 * time.Second})
	if _, err := c.Complete(context.Background(), msgs); err == nil {
		t.Fatal("no error from a 500")
	}
}

func TestCompleteNoChoices(t *testing.T) {
	srv, _ := upstream(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id":"x","choices":[]}`)
	})
	c := New(Config{BaseURL: srv.URL, Model: "tiny", Timeout: 5 * time.Second})
	if _, err := c.Complete(context.Background(), msgs); err == nil {
		t.Fatal("no error for a reply without choices")
	}
}

func TestCompleteTimeout(t *testing.T) {
	srv, _ := upstream(t, hang)
	c := New(Config{BaseURL: srv.URL, Model: "tiny", Timeout: 200 * time.Millisecond})
	start := time.Now()
	_, err := c.Complete(context.Background(), msgs)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want deadline exceeded", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
}

func TestCompleteShorterContextWins(t *testing.T) {
	srv, _ := upstream(t, hang)
	c := New(Config{BaseURL: srv.URL, Model: "tiny", Timeout: time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := c.Complete(ctx, msgs); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want deadline exceeded", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
}

// sse writes chunks as server-sent events, with keep-alive comments between
// them (more than go-openai's default limit), then [DONE].
func sse(chunks ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		f := w.(http.Flusher)
		for i, c := range chunks {
			if i == 1 {
				fmt.Fprint(w, strings.Repeat(": keep-alive\n\n", 400))
			}
			fmt.Fprintf(w, "data: %s\n\n", c)
			f.Flush()
		}
		fmt.Fprint(w, "data: [DONE]\n\n")
		f.Flush()
	}
}

func delta(s string) string {
	return fmt.Sprintf(`{"id":"x","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":%q}}]}`, s)
}

func TestStream(t *testing.T) {
	srv, got := upstream(t, sse(
		`{"id":"x","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant"}}]}`,
		delta("Build "), delta("influence "), delta("[1]."),
		`{"id":"x","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":3,"total_tokens":4}}`,
	))
	c := New(Config{BaseURL: srv.URL, APIKey: "k", Model: "tiny", Timeout: 5 * time.Second})
	var parts []string
	err := c.Stream(context.Background(), msgs, func(s string) error {
		parts = append(parts, s)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Build ", "influence ", "[1]."}; strings.Join(parts, "|") != strings.Join(want, "|") {
		t.Errorf("deltas = %q, want %q", parts, want)
	}
	r := got()[0]
	if r.Path != "/chat/completions" || r.Body["stream"] != true || r.Body["model"] != "tiny" {
		t.Errorf("request = %s %v", r.Path, r.Body)
	}
}

func TestStreamStopsOnCallbackError(t *testing.T) {
	srv, _ := upstream(t, sse(delta("a"), delta("b"), delta("c")))
	c := New(Config{BaseURL: srv.URL, Model: "tiny", Timeout: 5 * time.Second})
	stop := errors.New("client gone")
	n := 0
	err := c.Stream(context.Background(), msgs, func(string) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Fatalf("err = %v after %d deltas", err, n)
	}
}

func TestStreamErrors(t *testing.T) {
	srv, _ := upstream(t, status(http.StatusInternalServerError))
	c := New(Config{BaseURL: srv.URL, Model: "tiny", Timeout: 5 * time.Second})
	if err := c.Stream(context.Background(), msgs, func(string) error { return nil }); err == nil {
		t.Error("no error from a 500")
	}

	// A stream that sends one piece and then hangs: the piece arrives, then
	// the deadline ends the call.
	srv2, _ := upstream(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		fmt.Fprintf(w, "data: %s\n\n", delta("partial"))
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	})
	c2 := New(Config{BaseURL: srv2.URL, Model: "tiny", Timeout: 200 * time.Millisecond})
	var got string
	start := time.Now()
	err := c2.Stream(context.Background(), msgs, func(s string) error { got += s; return nil })
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want deadline exceeded", err)
	}
	if got != "partial" {
		t.Errorf("got %q before the deadline", got)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
}

func TestEmbedFunc(t *testing.T) {
	srv, got := upstream(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"object":"list","data":[{"object":"embedding","index":0,"embedding":[3,4,0]}],"model":"emb"}`)
	})
	f := New(Config{BaseURL: srv.URL, APIKey: "sk-e", Model: "chat", Timeout: 5 * time.Second}).EmbedFunc("emb")
	v, err := f(context.Background(), "senior pm skills")
	if err != nil {
		t.Fatal(err)
	}
	want := []float32{0.6, 0.8, 0}
	var norm float64
	for i := range v {
		if math.Abs(float64(v[i]-want[i])) > 1e-6 {
			t.Errorf("v = %v, want %v", v, want)
			break
		}
		norm += float64(v[i]) * float64(v[i])
	}
	if math.Abs(norm-1) > 1e-6 {
		t.Errorf("|v|² = %v", norm)
	}
	r := got()[0]
	if r.Method != http.MethodPost || r.Path != "/embeddings" || r.Auth != "Bearer sk-e" {
		t.Errorf("request = %s %s auth %q", r.Method, r.Path, r.Auth)
	}
	if r.Body["model"] != "emb" {
		t.Errorf("model = %v", r.Body["model"])
	}
	if in, _ := r.Body["input"].([]any); len(in) != 1 || in[0] != "senior pm skills" {
		t.Errorf("input = %v", r.Body["input"])
	}
}

func TestEmbedFuncErrors(t *testing.T) {
	for name, h := range map[string]http.HandlerFunc{
		"500": status(http.StatusInternalServerError),
		"zero": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `{"data":[{"embedding":[0,0]}]}`)
		},
		"empty": func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, `{"data":[]}`) },
		"hang":  hang,
	} {
		t.Run(name, func(t *testing.T) {
			srv, _ := upstream(t, h)
			f := New(Config{BaseURL: srv.URL, Timeout: 200 * time.Millisecond}).EmbedFunc("emb")
			start := time.Now()
			if _, err := f(context.Background(), "x"); err == nil {
				t.Error("no error")
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

// TestReplyBodyBounded: a 10 MB answer was read whole. The body is read
// up to 8 times MaxReplyBytes plus 64 KiB (plain) or 256 times (a stream).
func TestReplyBodyBounded(t *testing.T) {
	huge := strings.Repeat("word ", 1<<18) // 1.3 MB: past a stream's bound, 256 × 4096 bytes
	srv, _ := upstream(t, chatReply(huge))
	c := New(Config{BaseURL: srv.URL + "/v1", Model: "m", Timeout: 10 * time.Second, MaxReplyBytes: 4096})
	if _, err := c.Complete(context.Background(), msgs); !errors.Is(err, ErrReplyTooLarge) {
		t.Errorf("plain: err %v; want ErrReplyTooLarge", err)
	}
	small, _ := upstream(t, chatReply(strings.Repeat("word ", 1000)))
	c = New(Config{BaseURL: small.URL + "/v1", Model: "m", Timeout: 10 * time.Second, MaxReplyBytes: 4096})
	if got, err := c.Complete(context.Background(), msgs); err != nil || len(got) != 5000 {
		t.Errorf("a reply within the bound: %d bytes, %v", len(got), err)
	}
	stream, _ := upstream(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		chunk := fmt.Sprintf(`data: {"id":"x","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"content":%q}}]}`+"\n\n", huge)
		fmt.Fprint(w, chunk)
	})
	c = New(Config{BaseURL: stream.URL + "/v1", Model: "m", Timeout: 10 * time.Second, MaxReplyBytes: 4096})
	err := c.Stream(context.Background(), msgs, func(string) error { return nil })
	if !errors.Is(err, ErrReplyTooLarge) {
		t.Errorf("stream: err %v; want ErrReplyTooLarge", err)
	}
}
