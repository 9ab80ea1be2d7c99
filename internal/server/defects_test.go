package server

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ladder/coach/internal/metrics"
)

// TestDuplicateKeysDifferingInCase: {"message":"A","MESSAGE":"B"} answered
// B, as encoding/json reads keys without regard to case and the last wins.
func TestDuplicateKeysDifferingInCase(t *testing.T) {
	chat := &fakeChatter{}
	h := newGuardedServer(t, Deps{Chatter: chat})
	for _, body := range []string{
		`{"message":"A","MESSAGE":"B"}`,
		`{"MESSAGE":"A","message":"B"}`,
		`{"message":"A","history":[{"role":"user","Role":"assistant","content":"x"}]}`,
	} {
		rec := send(h, "POST", "/api/chat", body, nil)
		if rec.Code != http.StatusBadRequest || !strings.Contains(errorMessage(t, rec), "twice") {
			t.Errorf("%s: %d %s; want 400 naming the key given twice", body, rec.Code, rec.Body.String())
		}
	}
	if chat.calls() != 0 {
		t.Errorf("the chatter was called %d times", chat.calls())
	}
}

// failingReader fails the way a body read does at the read timeout.
type failingReader struct{ err error }

func (r failingReader) Read([]byte) (int, error) { return 0, r.err }

// TestBodyReadErrorHidesAddresses: a body-read timeout answered "read tcp
// 127.0.0.1:18500->...: i/o timeout", the server's own address.
func TestBodyReadErrorHidesAddresses(t *testing.T) {
	timeout := &net.OpError{Op: "read", Net: "tcp",
		Source: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 18500},
		Addr:   &net.TCPAddr{IP: net.IPv4(10, 1, 2, 3), Port: 53412},
		Err:    errors.New("i/o timeout")}
	h := newGuardedServer(t, Deps{})
	for _, path := range []string{"/api/chat", "/api/plan", "/api/assess", "/v1/chat/completions"} {
		req, _ := http.NewRequest("POST", path, io.NopCloser(failingReader{timeout}))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		body := rec.Body.String()
		if rec.Code != http.StatusBadRequest || strings.Contains(body, "127.0.0.1") || strings.Contains(body, "10.1.2.3") ||
			!strings.Contains(body, "read timeout") {
			t.Errorf("%s: %d %s; want 400 about the read timeout, without addresses", path, rec.Code, body)
		}
	}
}

// TestHeaderLimit: headers of 33-35 KiB were accepted (net/http reads 4 KiB
// past MaxHeaderBytes), where the README says over 32 KiB gets 431.
func TestHeaderLimit(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := HTTPServer(ln.Addr().String(), newGuardedServer(t, Deps{}), time.Second)
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	status := func(headerBytes int) int {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		head := "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
		pad := headerBytes - len(head) - len("X-Pad: \r\n\r\n")
		fmt.Fprintf(c, "%sX-Pad: %s\r\n\r\n", head, strings.Repeat("a", pad))
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatalf("%d bytes: %v", headerBytes, err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for _, tt := range []struct {
		bytes, want int
	}{
		{1 << 10, 200},
		{31 << 10, 200},
		{MaxHeaderBytes + 1024, 431},
		{33 << 10, 431},
		{35 << 10, 431},
	} {
		if got := status(tt.bytes); got != tt.want {
			t.Errorf("headers of %d bytes: %d; want %d", tt.bytes, got, tt.want)
		}
	}
}

// TestHeadOnHealth: HEAD /healthz and /readyz answered 405, so monitors
// that probe with HEAD failed.
func TestHeadOnHealth(t *testing.T) {
	ready := false
	h := newGuardedServer(t, Deps{Ready: func() bool { return ready }})
	for _, tt := range []struct {
		path  string
		ready bool
		want  int
	}{
		{"/healthz", false, 200},
		{"/readyz", false, 503},
		{"/readyz", true, 200},
	} {
		ready = tt.ready
		rec := send(h, "HEAD", tt.path, "", nil)
		if rec.Code != tt.want {
			t.Errorf("HEAD %s (ready %v): %d; want %d", tt.path, tt.ready, rec.Code, tt.want)
		}
	}
}

// brokenWriter fails every write, as net/http does past the write timeout.
type brokenWriter struct{ header http.Header }

func (w *brokenWriter) Header() http.Header       { return w.header }
func (w *brokenWriter) WriteHeader(int)           {}
func (w *brokenWriter) Write([]byte) (int, error) { return 0, errors.New("i/o timeout") }

// TestWriteFailureLogged: 20 slow assessments left 17 clients with no reply
// at the write timeout, and the log counted all 20 as 200.
func TestWriteFailureLogged(t *testing.T) {
	var log strings.Builder
	m := metrics.New()
	h := newGuardedServer(t, Deps{Logger: slog.New(slog.NewTextHandler(&log, nil)), Metrics: m})
	req := httptest.NewRequest("GET", "/api/levels", nil)
	h.ServeHTTP(&brokenWriter{header: http.Header{}}, req)
	line := log.String()
	if !strings.Contains(line, "level=WARN") || !strings.Contains(line, "status=0") || !strings.Contains(line, "intended_status=200") ||
		!strings.Contains(line, "i/o timeout") {
		t.Errorf("log: %s; want a warning with status=0, the intended status and the error", line)
	}
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if !strings.Contains(rec.Body.String(), `route="/api/levels",status="write_failed"} 1`) {
		t.Errorf("metrics: %s", grepLines(rec.Body.String(), "coach_http_requests_total"))
	}
}

// TestHelpfulErrors: unknown top-level fields were ignored silently, so
// {"question": ...} got "message must not be empty"; wrongly typed values
// were named without their index.
func TestHelpfulErrors(t *testing.T) {
	h := newGuardedServer(t, Deps{})
	for _, tt := range []struct {
		path, body, want string
	}{
		{"/api/chat", `{"question":"What does a senior PM do?"}`, `unknown field "question"; the question goes in "message"`},
		{"/api/chat", `{"messages":[{"role":"user","content":"hi"}]}`, `OpenAI-style chat request ("messages"): send it to POST /v1/chat/completions`},
		{"/api/chat", `{"message":"hi","history":["earlier"]}`, `field "history[0]" must be an object, not a string`},
		{"/api/assess", `{"text":"I own the roadmap"}`, `unknown field "text"; the text goes in "description"`},
		{"/api/plan", `{"from":"APM","to":"Senior PM","weeks":12}`, `unknown field "from"; the from goes in "current"; unknown field "to"; the to goes in "target"`},
		{"/api/plan", `{"current":"APM","target":"Senior PM","wekes":12}`, `unknown field "wekes"; did you mean "weeks"?`},
	} {
		rec := send(h, "POST", tt.path, tt.body, nil)
		if rec.Code != http.StatusBadRequest || !strings.Contains(errorMessage(t, rec), tt.want) {
			t.Errorf("%s %s: %d %s\nwant 400 with %s", tt.path, tt.body, rec.Code, rec.Body.String(), tt.want)
		}
	}
}
