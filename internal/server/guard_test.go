package server

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ladder/coach/internal/answer"
	"github.com/ladder/coach/internal/metrics"
	"github.com/ladder/coach/internal/ratelimit"
)

func newGuardedServer(t *testing.T, d Deps) http.Handler {
	t.Helper()
	if d.Chatter == nil {
		d.Chatter = &fakeChatter{reply: answer.Reply{Answer: "ok", Citations: []answer.Citation{}, Mode: answer.ModeOffline}}
	}
	d.Sections = testSections
	if d.Logger == nil {
		d.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return New(d)
}

func send(h http.Handler, method, target, body string, header map[string]string) *httptest.ResponseRecorder {
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, r)
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	req.RemoteAddr = "192.0.2.10:1234"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestAPIKeys(t *testing.T) {
	h := newGuardedServer(t, Deps{APIKeys: []string{"key-one", " key-two "}, MetricsHandler: metrics.New().Handler()})
	chat := `{"message":"What does a senior PM do?"}`
	tests := []struct {
		name, method, path, body, auth string
		want                           int
	}{
		{"no key", "POST", "/api/chat", chat, "", 401},
		{"wrong key", "POST", "/api/chat", chat, "Bearer nope", 401},
		{"not bearer", "POST", "/api/chat", chat, "Basic a2V5LW9uZQ==", 401},
		{"key one", "POST", "/api/chat", chat, "Bearer key-one", 200},
		{"key two, any case scheme", "POST", "/api/chat", chat, "bearer key-two", 200},
		{"sections need a key", "GET", "/api/sections", "", "", 401},
		{"v1 needs a key", "GET", "/v1/models", "", "", 401},
		{"v1 with key", "GET", "/v1/models", "", "Bearer key-one", 200},
		{"metrics need a key", "GET", "/metrics", "", "", 401},
		{"metrics with key", "GET", "/metrics", "", "Bearer key-two", 200},
		{"healthz open", "GET", "/healthz", "", "", 200},
		{"readyz open", "GET", "/readyz", "", "", 200},
		{"page open", "GET", "/", "", "", 200},
	}
	for _, tt := range tests {
		rec := send(h, tt.method, tt.path, tt.body, map[string]string{"Authorization": tt.auth})
		if rec.Code != tt.want {
			t.Errorf("%s: %s %s = %d; want %d (%s)", tt.name, tt.method, tt.path, rec.Code, tt.want, rec.Body)
		}
		if tt.want == 401 {
			if rec.Header().Get("WWW-Authenticate") == "" {
				t.Errorf("%s: no WWW-Authenticate", tt.name)
			}
			if strings.HasPrefix(tt.path, "/v1") {
				if !strings.Contains(rec.Body.String(), `"type"`) {
					t.Errorf("%s: /v1 error not in OpenAI's shape: %s", tt.name, rec.Body)
				}
			} else {
				errorMessage(t, rec)
			}
		}
	}
}

func TestNoKeysMeansOpen(t *testing.T) {
	h := newGuardedServer(t, Deps{})
	if rec := send(h, "GET", "/api/sections", "", nil); rec.Code != 200 {
		t.Errorf("open server: %d", rec.Code)
	}
}

func TestRateLimit(t *testing.T) {
	m := metrics.New()
	h := newGuardedServer(t, Deps{Limiter: ratelimit.NewMemory(5), Metrics: m, MetricsHandler: m.Handler()})
	ok, limited := 0, 0
	var last *httptest.ResponseRecorder
	for i := 0; i < 12; i++ {
		rec := send(h, "GET", "/api/levels", "", nil)
		switch rec.Code {
		case 200:
			ok++
		case 429:
			limited++
			last = rec
		default:
			t.Fatalf("status %d", rec.Code)
		}
	}
	if ok != 5 || limited != 7 {
		t.Fatalf("%d ok, %d limited; want 5 and 7", ok, limited)
	}
	if ra, err := strconv.Atoi(last.Header().Get("Retry-After")); err != nil || ra < 1 || ra > 12 {
		t.Errorf("Retry-After %q; want 1..12 seconds", last.Header().Get("Retry-After"))
	}
	if msg := errorMessage(t, last); !strings.Contains(msg, "rate limit") {
		t.Errorf("message %q", msg)
	}
	// Another client is not affected; health checks are never limited.
	if rec := send(h, "GET", "/api/levels", "", map[string]string{"X-Forwarded-For": "203.0.113.9"}); rec.Code != 429 {
		t.Errorf("an untrusted X-Forwarded-For changed the client: %d", rec.Code)
	}
	if rec := send(h, "GET", "/healthz", "", nil); rec.Code != 200 {
		t.Errorf("healthz limited: %d", rec.Code)
	}
	rec := send(h, "GET", "/metrics", "", nil)
	if !strings.Contains(rec.Body.String(), "coach_rate_limited_total 8") {
		t.Errorf("metrics lack the 8 refusals:\n%s", grepLines(rec.Body.String(), "rate_limited"))
	}
}

func TestTrustedProxies(t *testing.T) {
	h := newGuardedServer(t, Deps{Limiter: ratelimit.NewMemory(1), TrustedProxies: []string{"192.0.2.0/24"}})
	// Behind the trusted proxy, each forwarded client has its own bucket.
	for _, ip := range []string{"198.51.100.1", "198.51.100.2", "198.51.100.3"} {
		if rec := send(h, "GET", "/api/levels", "", map[string]string{"X-Forwarded-For": ip}); rec.Code != 200 {
			t.Errorf("client %s: %d", ip, rec.Code)
		}
	}
	if rec := send(h, "GET", "/api/levels", "", map[string]string{"X-Forwarded-For": "198.51.100.1"}); rec.Code != 429 {
		t.Errorf("second request of 198.51.100.1: %d; want 429", rec.Code)
	}
}

func TestRateLimitPerKey(t *testing.T) {
	h := newGuardedServer(t, Deps{APIKeys: []string{"a", "b"}, Limiter: ratelimit.NewMemory(2)})
	for i, key := range []string{"a", "a", "b", "b"} {
		if rec := send(h, "GET", "/api/levels", "", map[string]string{"Authorization": "Bearer " + key}); rec.Code != 200 {
			t.Errorf("request %d with key %s: %d", i, key, rec.Code)
		}
	}
	if rec := send(h, "GET", "/api/levels", "", map[string]string{"Authorization": "Bearer a"}); rec.Code != 429 {
		t.Errorf("third request with key a: %d; want 429", rec.Code)
	}
}

func TestRequestIDAndLog(t *testing.T) {
	var logs bytes.Buffer
	h := newGuardedServer(t, Deps{Logger: slog.New(slog.NewJSONHandler(&logs, nil))})
	rec := send(h, "GET", "/healthz", "", map[string]string{"X-Request-ID": "abc-123"})
	if got := rec.Header().Get("X-Request-ID"); got != "abc-123" {
		t.Errorf("echoed id %q", got)
	}
	if !strings.Contains(logs.String(), `"request_id":"abc-123"`) || !strings.Contains(logs.String(), `"route":"/healthz"`) {
		t.Errorf("log line lacks the id or route: %s", logs.String())
	}
	for _, bad := range []string{"", strings.Repeat("x", 200), "has space", "tab\there"} {
		rec := send(h, "GET", "/healthz", "", map[string]string{"X-Request-ID": bad})
		got := rec.Header().Get("X-Request-ID")
		if got == bad || len(got) != 24 {
			t.Errorf("bad id %q: got %q; want a new 24-hex id", bad, got)
		}
	}
}

// TestAccessLogLine: one line a request, with every field in its order and
// of its type.
func TestAccessLogLine(t *testing.T) {
	tests := []struct {
		method, target, body string
		route                string
		status               float64
	}{
		{"POST", "/api/chat", `{"message":"What does a Senior PM do?"}`, "/api/chat", 200},
		{"POST", "/api/chat", `{"message":1}`, "/api/chat", 400},
		{"GET", "/nope", "", "", 404},
		{"POST", "/v1/chat/completions", `{"model":"x"`, "/v1/chat/completions", 400},
	}
	for _, tt := range tests {
		var logs bytes.Buffer
		h := newGuardedServer(t, Deps{Logger: slog.New(slog.NewJSONHandler(&logs, nil))})
		rec := send(h, tt.method, tt.target, tt.body, map[string]string{"X-Request-ID": "id-7"})
		line := strings.TrimSpace(logs.String())
		var keys []string
		dec := json.NewDecoder(strings.NewReader(line))
		var fields map[string]any
		if err := json.Unmarshal([]byte(line), &fields); err != nil || strings.Count(line, "\n") > 0 {
			t.Fatalf("%s %s: not one JSON line: %q", tt.method, tt.target, line)
		}
		_, _ = dec.Token()
		for dec.More() {
			k, _ := dec.Token()
			keys = append(keys, k.(string))
			var skip json.RawMessage
			_ = dec.Decode(&skip)
		}
		want := []string{"time", "level", "msg", "request_id", "method", "path", "route", "status", "bytes", "client", "duration"}
		if !slices.Equal(keys, want) {
			t.Errorf("%s %s: log fields %v; want %v", tt.method, tt.target, keys, want)
		}
		wantValues := map[string]any{"level": "INFO", "msg": "request", "request_id": "id-7", "method": tt.method, "path": tt.target,
			"route": tt.route, "status": tt.status, "bytes": float64(rec.Body.Len()), "client": "192.0.2.10"}
		for k, v := range wantValues {
			if fields[k] != v {
				t.Errorf("%s %s: %s = %v; want %v", tt.method, tt.target, k, fields[k], v)
			}
		}
		if d, ok := fields["duration"].(float64); !ok || d <= 0 {
			t.Errorf("%s %s: duration %v; want nanoseconds", tt.method, tt.target, fields["duration"])
		}
	}
}

func TestSecurityHeadersEverywhere(t *testing.T) {
	h := newGuardedServer(t, Deps{APIKeys: []string{"k"}, Limiter: ratelimit.NewMemory(100)})
	for _, path := range []string{"/", "/healthz", "/api/chat", "/v1/models", "/nope", "/static/nope.js"} {
		rec := send(h, "GET", path, "", nil)
		csp := rec.Header().Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "frame-ancestors 'none'", "script-src 'self'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", path, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP allows inline script", path)
		}
		if rec.Header().Get("X-Content-Type-Options") != "nosniff" || rec.Header().Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s: headers %v", path, rec.Header())
		}
	}
}

func TestMetricsCountRoutesAndPanics(t *testing.T) {
	m := metrics.New()
	h := newGuardedServer(t, Deps{Chatter: &fakeChatter{panic: true}, Metrics: m, MetricsHandler: m.Handler()})
	send(h, "POST", "/api/chat", `{"message":"hi"}`, nil)
	send(h, "GET", "/api/sections/senior/skills", "", nil)
	send(h, "GET", "/does/not/exist", "", nil)
	body := send(h, "GET", "/metrics", "", nil).Body.String()
	for _, want := range []string{
		`coach_panics_total 1`,
		`coach_http_requests_total{method="POST",route="/api/chat",status="500"} 1`,
		`coach_http_requests_total{method="GET",route="/api/sections/*id",status="200"} 1`,
		`coach_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q:\n%s", want, grepLines(body, "coach_"))
		}
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
