package server

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/ladder/coach/internal/ratelimit"
)

// TestAllowedHosts: only the listed Host names are served (the loopback
// names by default on a loopback address), so DNS rebinding gets 421.
func TestAllowedHosts(t *testing.T) {
	h := newGuardedServer(t, Deps{AllowedHosts: []string{"localhost", "127.0.0.1", "::1", ".example.com"}})
	for _, tt := range []struct {
		host string
		want int
	}{
		{"127.0.0.1:8080", 200},
		{"localhost", 200},
		{"LOCALHOST:9", 200},
		{"[::1]:8080", 200},
		{"coach.example.com", 200},
		{"example.com:443", 200},
		{"evil.test", 421},
		{"evil.test:8080", 421},
		{"127.0.0.1.evil.test", 421},
		{"example.com.evil.test", 421},
		{"", 421},
	} {
		req := newReq("GET", "/api/levels")
		req.Host = tt.host
		rec := serve(h, req)
		if rec.Code != tt.want {
			t.Errorf("Host %q: %d; want %d", tt.host, rec.Code, tt.want)
		}
		if tt.want == 421 && errorMessage(t, rec) == "" {
			t.Errorf("Host %q: no JSON error", tt.host)
		}
	}
}

// TestCORS: OPTIONS /api/chat was 405, so a browser app on another origin
// could not call the API. Listed origins get the CORS headers, others none;
// credentials never.
func TestCORS(t *testing.T) {
	h := newGuardedServer(t, Deps{CORSOrigins: []string{"https://app.example.com"}})
	preflight := func(origin, path string) *http.Response {
		req := newReq("OPTIONS", path)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
		return serve(h, req).Result()
	}
	r := preflight("https://app.example.com", "/api/chat")
	if r.StatusCode/100 != 2 || r.Header.Get("Access-Control-Allow-Origin") != "https://app.example.com" ||
		r.Header.Get("Access-Control-Allow-Credentials") != "" || r.Header.Get("Access-Control-Allow-Methods") == "" {
		t.Errorf("listed origin: %d %v", r.StatusCode, r.Header)
	}
	if r := preflight("https://app.example.com", "/v1/chat/completions"); r.Header.Get("Access-Control-Allow-Origin") == "" {
		t.Errorf("/v1: %d %v", r.StatusCode, r.Header)
	}
	for _, o := range []string{"https://evil.example", "null", "https://app.example.com.evil.test"} {
		r := preflight(o, "/api/chat")
		for k := range r.Header {
			if len(k) > 12 && k[:12] == "Access-Contr" {
				t.Errorf("unlisted origin %q got %s", o, k)
			}
		}
	}
	// A real request from the listed origin can read the reply.
	req := newReq("GET", "/api/levels")
	req.Header.Set("Origin", "https://app.example.com")
	if rec := serve(h, req); rec.Code != 200 || rec.Header().Get("Access-Control-Allow-Origin") != "https://app.example.com" ||
		rec.Header().Get("Access-Control-Expose-Headers") == "" {
		t.Errorf("GET from the listed origin: %d %v", rec.Code, rec.Header())
	}
	// Without origins configured, no CORS at all.
	plain := newGuardedServer(t, Deps{})
	req = newReq("OPTIONS", "/api/chat")
	req.Header.Set("Origin", "https://app.example.com")
	if rec := serve(plain, req); rec.Code != 405 || rec.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("no origins configured: %d %v", rec.Code, rec.Header())
	}
}

// TestFailedKeysCountTowardLimit: wrong API keys were never rate-limited,
// so keys could be guessed at full speed.
func TestFailedKeysCountTowardLimit(t *testing.T) {
	h := newGuardedServer(t, Deps{APIKeys: []string{"right"}, Limiter: ratelimit.NewMemory(5)})
	codes := map[int]int{}
	for i := range 12 {
		rec := send(h, "GET", "/api/levels", "", map[string]string{"Authorization": "Bearer guess-" + string(rune('a'+i))})
		codes[rec.Code]++
	}
	if codes[401] != 5 || codes[429] != 7 {
		t.Errorf("12 wrong keys: %v; want 5 401s then 429s", codes)
	}
	// A valid key is its own client: the guesses do not lock it out.
	if rec := send(h, "GET", "/api/levels", "", map[string]string{"Authorization": "Bearer right"}); rec.Code != 200 {
		t.Errorf("right key: %d", rec.Code)
	}
}

func newReq(method, target string) *http.Request {
	req := httptest.NewRequest(method, target, nil)
	req.RemoteAddr = "192.0.2.10:1234"
	return req
}

func serve(h http.Handler, req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}
