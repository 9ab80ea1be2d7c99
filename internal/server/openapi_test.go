package server

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/ladder/coach/internal/answer"
	"github.com/ladder/coach/internal/jsontext"
	"github.com/ladder/coach/internal/sections"
)

// openAPIRouter loads the embedded document, checks that it is valid
// OpenAPI 3.1, and returns a router over it.
func openAPIRouter(t *testing.T) routers.Router {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" || !doc.IsOpenAPI31OrLater() {
		t.Fatalf("openapi %q; want 3.1.0", doc.OpenAPI)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("the document is not valid OpenAPI: %v", err)
	}
	r, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// checkOpenAPI validates a request and the handler's reply against the
// document: the route exists, the body and parameters fit, the status is
// documented and the reply fits its schema (event streams by their status
// and content type only).
func checkOpenAPI(t *testing.T, router routers.Router, req *http.Request, body []byte, rec *httptest.ResponseRecorder) {
	t.Helper()
	ctx := context.Background()
	req = req.Clone(ctx)
	req.Body = io.NopCloser(bytes.NewReader(body))
	route, params, err := router.FindRoute(req)
	if rec.Code == http.StatusMethodNotAllowed && err != nil && err.Error() == routers.ErrMethodNotAllowed.Error() {
		return // the document has the route, not the method: as the reply says
	}
	if err != nil {
		t.Errorf("%s %s: no route in the document: %v", req.Method, req.URL, err)
		return
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{MultiError: true}}
	wantBad := rec.Code == http.StatusBadRequest || rec.Code == http.StatusRequestEntityTooLarge
	if err := openapi3filter.ValidateRequest(ctx, in); err != nil && !wantBad {
		t.Errorf("%s %s %s: the request does not fit the document: %v", req.Method, req.URL, body, err)
	}
	opts := &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true}
	if strings.HasPrefix(rec.Header().Get("Content-Type"), "text/event-stream") {
		opts.ExcludeResponseBody = true
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: rec.Code, Header: rec.Header(), Options: opts}
	out.SetBodyBytes(rec.Body.Bytes())
	if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
		t.Errorf("%s %s %s: the reply %d does not fit the document: %v\n%s", req.Method, req.URL, body, rec.Code, err, jsontext.Clip(rec.Body.String(), 400))
	}
}

// TestOpenAPI: the document validates as OpenAPI 3.1, /openapi.json serves
// it, and the handlers' replies (successes and every kind of error) fit it.
func TestOpenAPI(t *testing.T) {
	router := openAPIRouter(t)
	chat := &fakeChatter{reply: answer.Reply{Answer: "A Senior PM owns outcomes [1].", Mode: answer.ModeOffline, Scope: "in",
		Suggestions: []string{"And a director?"},
		Citations:   []answer.Citation{{View: sections.View{ID: "senior/overview", Title: "Senior PM: overview", Level: "senior", Facet: "overview", Text: "x"}, Items: []int{1}, Score: sections.Scored(0.5)}}}}
	h := newGuardedServer(t, Deps{Chatter: chat})
	for _, tt := range []struct {
		method, target, body string
		want                 int
	}{
		{"GET", "/healthz", "", 200},
		{"HEAD", "/readyz", "", 200},
		{"GET", "/readyz", "", 200},
		{"GET", "/openapi.json", "", 200},
		{"POST", "/api/chat", `{"message":"What does a senior PM do?","history":[{"role":"user","content":"hi"}]}`, 200},
		{"POST", "/api/chat", `{"message":42}`, 400},
		{"POST", "/api/chat", `{"question":"x"}`, 400},
		{"POST", "/api/chat", `{"message":"` + strings.Repeat("a", MaxBodyBytes) + `"}`, 413},
		{"GET", "/api/chat", "", 405},
		{"GET", "/api/sections", "", 200},
		{"GET", "/api/sections/senior/skills", "", 200},
		{"GET", "/api/sections/nope/nope", "", 404},
		{"GET", "/api/levels", "", 200},
		{"GET", "/api/ladder", "", 200},
		{"POST", "/api/plan", `{"current":"APM","target":"Senior PM","weeks":12}`, 503},
		{"POST", "/api/plan/ics", `{"current":"APM","target":"Senior PM","weeks":12,"start":"2026-01-05"}`, 503},
		{"POST", "/api/assess", `{"description":"I own the roadmap"}`, 503},
		{"GET", "/v1/models", "", 200},
		{"GET", "/v1/models/coach", "", 200},
		{"GET", "/v1/models/gpt-4o", "", 404},
		{"POST", "/v1/chat/completions", `{"model":"coach","messages":[{"role":"user","content":"What does a senior PM do?"}]}`, 200},
		{"POST", "/v1/chat/completions", `{"model":"coach","messages":[]}`, 400},
	} {
		rec := send(h, tt.method, tt.target, tt.body, nil)
		if rec.Code != tt.want {
			t.Errorf("%s %s: %d; want %d: %s", tt.method, tt.target, rec.Code, tt.want, jsontext.Clip(rec.Body.String(), 300))
			continue
		}
		req := httptest.NewRequest(tt.method, tt.target, nil)
		req.Header.Set("Content-Type", "application/json")
		checkOpenAPI(t, router, req, []byte(tt.body), rec)
	}
}
