package app

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/ladder/coach/internal/config"
	"github.com/ladder/coach/internal/metrics"
	"github.com/ladder/coach/internal/server"
)

// readmeRequest is one curl command of the README.
type readmeRequest struct {
	method, target, body string
	header               http.Header
}

// readmeCurls finds the curl commands of the README's sh blocks that call
// the coach (continued lines joined), and reads their method, URL, body and
// headers.
func readmeCurls(t *testing.T) []readmeRequest {
	t.Helper()
	f, err := os.Open("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []readmeRequest
	sc := bufio.NewScanner(f)
	inSh := false
	var cmd strings.Builder
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "```sh"):
			inSh = true
			continue
		case strings.HasPrefix(line, "```"):
			inSh = false
			continue
		}
		if !inSh {
			continue
		}
		if cmd.Len() == 0 && !strings.HasPrefix(strings.TrimSpace(line), "curl ") {
			continue
		}
		cmd.WriteString(strings.TrimSuffix(line, `\`) + " ")
		if strings.HasSuffix(line, `\`) {
			continue
		}
		if r, ok := parseCurl(shellWords(cmd.String())); ok {
			out = append(out, r)
		}
		cmd.Reset()
	}
	return out
}

// shellWords splits a command as sh would, for the quoting the README uses:
// single quotes, and 'it'\”s'.
func shellWords(s string) []string {
	var words []string
	var w strings.Builder
	in, quoted := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quoted && c == '\'':
			quoted = false
		case quoted:
			w.WriteByte(c)
		case c == '\'':
			quoted, in = true, true
		case c == '\\' && i+1 < len(s):
			i++
			w.WriteByte(s[i])
			in = true
		case c == ' ' || c == '\t':
			if in {
				words, in = append(words, w.String()), false
				w.Reset()
			}
		case c == '#' && !in:
			return words
		default:
			w.WriteByte(c)
			in = true
		}
	}
	if in {
		words = append(words, w.String())
	}
	return words
}

func parseCurl(args []string) (readmeRequest, bool) {
	r := readmeRequest{method: "GET", header: http.Header{}}
	for i := 1; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-X" && i+1 < len(args):
			i++
			r.method = args[i]
		case (a == "-d" || a == "--data") && i+1 < len(args):
			i++
			r.body = args[i]
			if r.method == "GET" {
				r.method = "POST"
			}
		case a == "-H" && i+1 < len(args):
			i++
			k, v, _ := strings.Cut(args[i], ":")
			r.header.Set(strings.TrimSpace(k), strings.TrimSpace(v))
		case strings.HasPrefix(a, "localhost:8080") || strings.HasPrefix(a, "http://127.0.0.1:8080") || strings.HasPrefix(a, "http://localhost:8080"):
			a = strings.TrimPrefix(strings.TrimPrefix(a, "http://"), "localhost:8080")
			r.target = strings.TrimPrefix(a, "127.0.0.1:8080")
		}
	}
	return r, r.target != "" && r.method != http.MethodOptions
}

// TestREADMEExamplesMatchOpenAPI runs every curl example of the README
// against the offline coach and validates the request and the reply
// against /openapi.json (event streams by status and content type).
func TestREADMEExamplesMatchOpenAPI(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the whole coach")
	}
	doc, err := openapi3.NewLoader().LoadFromData(server.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	// the plan's calendar (POST /api/plan/ics) is text, checked as a string
	openapi3filter.RegisterBodyDecoder("text/calendar", openapi3filter.PlainBodyDecoder)
	if err := doc.Validate(context.Background()); err != nil || !doc.IsOpenAPI31OrLater() {
		t.Fatalf("the document: %v (openapi %s)", err, doc.OpenAPI)
	}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	a, err := Build(context.Background(), Options{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	m := metrics.New()
	h := server.New(server.Deps{Chatter: a, Sections: a.Sections, Planner: a.Planner, Assessor: a.Assessor,
		Metrics: m, MetricsHandler: m.Handler(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	curls := readmeCurls(t)
	t.Logf("%d curl examples", len(curls))
	if len(curls) < 15 {
		t.Fatalf("found only %d curl examples in the README", len(curls))
	}
	ctx := context.Background()
	for _, c := range curls {
		req := httptest.NewRequest(c.method, c.target, strings.NewReader(c.body))
		for k, v := range c.header {
			req.Header[k] = v
		}
		if req.Header.Get("Content-Type") == "" && c.body != "" {
			req.Header.Set("Content-Type", "application/json") // curl -d sends a form type; the coach reads JSON
		}
		if req.Header.Get("Host") != "" {
			req.Host = req.Header.Get("Host")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		name := c.method + " " + c.target + " " + c.body
		vreq := req.Clone(ctx)
		vreq.Body = io.NopCloser(bytes.NewReader([]byte(c.body)))
		route, params, err := router.FindRoute(vreq)
		if err != nil {
			t.Errorf("%s: not in the document: %v", name, err)
			continue
		}
		in := &openapi3filter.RequestValidationInput{Request: vreq, PathParams: params, Route: route, Options: &openapi3filter.Options{MultiError: true}}
		if err := openapi3filter.ValidateRequest(ctx, in); err != nil && rec.Code/100 != 4 {
			t.Errorf("%s: the example request does not fit the document: %v", name, err)
		}
		if rec.Code/100 == 4 && rec.Code != 421 && openapi3filter.ValidateRequest(ctx, in) == nil && !strings.Contains(c.body, "Wizard") &&
			!strings.Contains(c.target, "nope") && !strings.Contains(c.target, "gpt-4o") && !strings.Contains(c.body, "gpt-4o") {
			t.Logf("%s: %d although the request fits the document", name, rec.Code)
		}
		opts := &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true}
		if strings.HasPrefix(rec.Header().Get("Content-Type"), "text/event-stream") {
			opts.ExcludeResponseBody = true
		}
		out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: rec.Code, Header: rec.Header(), Options: opts}
		out.SetBodyBytes(rec.Body.Bytes())
		if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
			t.Errorf("%s: the reply %d does not fit the document: %v", name, rec.Code, err)
		}
	}
}
