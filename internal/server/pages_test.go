package server

import (
	"net/http"
	"strings"
	"testing"

	"github.com/ladder/coach/web"
)

func TestIndexPage(t *testing.T) {
	h := newTestServer(t, &fakeChatter{}, nil, nil)
	rec := do(t, h, http.MethodGet, "/", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET / = %d", rec.Code)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("Content-Type = %q", ct)
	}
	body := rec.Body.String()
	for _, want := range []string{"/static/chat.js?v=" + mustAsset(t, "chat.js").Hash, "/static/common.css?v=", `id="chat-form"`} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	h := newTestServer(t, &fakeChatter{}, nil, nil)
	for _, target := range []string{"/", "/healthz", "/nope"} {
		rec := do(t, h, http.MethodGet, target, nil)
		csp := rec.Header().Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", target, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("%s: CSP %q allows inline code", target, csp)
		}
		if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", target)
		}
	}
}

func TestStaticFiles(t *testing.T) {
	h := newTestServer(t, &fakeChatter{}, nil, nil)
	tests := []struct {
		name, ctype string
	}{
		{"chat.js", "javascript"},
		{"chat.css", "text/css"},
		{"favicon.svg", "image/svg+xml"},
		{"common.js", "javascript"},
		{"common.css", "text/css"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := mustAsset(t, tt.name)
			rec := do(t, h, http.MethodGet, "/static/"+tt.name+"?v="+a.Hash, nil)
			if rec.Code != http.StatusOK || !strings.Contains(rec.Header().Get("Content-Type"), tt.ctype) {
				t.Fatalf("GET %s = %d %q", tt.name, rec.Code, rec.Header().Get("Content-Type"))
			}
			if !strings.Contains(rec.Header().Get("Cache-Control"), "immutable") {
				t.Errorf("hashed URL not cached for good: %q", rec.Header().Get("Cache-Control"))
			}
			if rec.Body.Len() != len(a.Body) {
				t.Errorf("body is %d bytes, want %d", rec.Body.Len(), len(a.Body))
			}
			rec = do(t, h, http.MethodGet, "/static/"+tt.name+"?v=stale", nil)
			if rec.Header().Get("Cache-Control") != "no-cache" {
				t.Errorf("stale hash cached: %q", rec.Header().Get("Cache-Control"))
			}
		})
	}
	rec := do(t, h, http.MethodGet, "/static/index.html", nil)
	if rec.Code != http.StatusNotFound {
		t.Errorf("GET /static/index.html = %d, want 404", rec.Code)
	}
	errorMessage(t, rec)
}

func mustAsset(t *testing.T, name string) web.Asset {
	t.Helper()
	a, ok := web.AssetNamed(name)
	if !ok {
		t.Fatalf("no asset %s", name)
	}
	return a
}
