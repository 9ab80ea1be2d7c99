package server

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/ladder/coach/corpus"
	"github.com/ladder/coach/internal/plan"
	"github.com/ladder/coach/internal/sections"
)

// planServer serves the real plan service over the real article.
func planServer(t *testing.T) http.Handler {
	t.Helper()
	secs, err := sections.Split(corpus.Article)
	if err != nil {
		t.Fatal(err)
	}
	set := sections.NewSet(secs)
	return New(Deps{
		Sections: set,
		Planner:  &plan.Service{Sections: set},
		Ready:    func() bool { return false }, // plans need no index
		Logger:   slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
}

func TestPlanOK(t *testing.T) {
	srv := httptest.NewServer(planServer(t))
	defer srv.Close()
	body := `{"current":"Associate PM","target":"Senior PM","weeks":12,"context":"fintech, strong at delivery, weak at stakeholder work"}`
	resp, err := http.Post(srv.URL+"/api/plan", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("POST /api/plan = %d %s: %s", resp.StatusCode, resp.Header.Get("Content-Type"), raw)
	}
	// The shape the issue asks for, field by field.
	var got struct {
		Current, Target struct{ ID, Name *string }
		Weeks           *int
		Phases          []struct {
			Title, Weeks *string
			Items        []struct {
				Text       *string
				CitationID *string `json:"citation_id"`
			}
		}
		Markdown  *string
		Citations []struct{ ID, Title, Level, Facet, Text *string }
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	if got.Current.ID == nil || *got.Current.ID != "associate" || *got.Current.Name != "Associate PM" ||
		got.Target.ID == nil || *got.Target.ID != "senior" || *got.Target.Name != "Senior PM" {
		t.Errorf("current/target: %s", raw)
	}
	if got.Weeks == nil || *got.Weeks != 12 || got.Markdown == nil || len(got.Phases) != 3 || len(got.Citations) == 0 {
		t.Fatalf("plan: %s", raw)
	}
	cited := map[string]bool{}
	for _, c := range got.Citations {
		if c.ID == nil || c.Title == nil || c.Level == nil || c.Facet == nil || c.Text == nil || *c.Text == "" {
			t.Errorf("citation lacks a field: %+v", c)
			continue
		}
		cited[*c.ID] = true
	}
	span := regexp.MustCompile(`^\d+-\d+$`)
	for _, ph := range got.Phases {
		if ph.Title == nil || ph.Weeks == nil || !span.MatchString(*ph.Weeks) || len(ph.Items) == 0 {
			t.Errorf("phase: %+v", ph)
			continue
		}
		for _, it := range ph.Items {
			if it.Text == nil || it.CitationID == nil || !cited[*it.CitationID] {
				t.Errorf("item cites nothing listed: %+v", it)
			}
		}
	}
	if *got.Phases[0].Weeks != "1-4" {
		t.Errorf("first phase weeks %q", *got.Phases[0].Weeks)
	}
	for _, s := range []string{"Product Thinking", "Impact-Driven Prioritisation", "Tailored to your context", "- [ ] "} {
		if !strings.Contains(*got.Markdown, s) {
			t.Errorf("markdown lacks %q", s)
		}
	}
}

func TestPlanBadInput(t *testing.T) {
	h := planServer(t)
	long := strings.Repeat("x", plan.MaxContextChars+1)
	tests := []struct {
		name, body string
		want       []string
	}{
		{"unknown level", `{"current":"Wizard","target":"Senior PM","weeks":12}`, []string{"Wizard", "Senior PM, Director of Product"}},
		{"unknown target", `{"current":"APM","target":"Astronaut","weeks":12}`, []string{"Astronaut", "Senior PM, Director of Product"}},
		{"target below current", `{"current":"Director of Product","target":"Senior PM","weeks":12}`, []string{"below the current level Director of Product"}},
		{"target is current", `{"current":"Senior PM","target":"Lead PM","weeks":12}`, []string{"is the current level"}},
		{"weeks 0", `{"current":"APM","target":"Senior PM","weeks":0}`, []string{"weeks must be a whole number from 1 to 104, not 0"}},
		{"weeks 1000", `{"current":"APM","target":"Senior PM","weeks":1000}`, []string{"not 1000"}},
		{"weeks ten", `{"current":"APM","target":"Senior PM","weeks":"ten"}`, []string{`weeks must be a whole number from 1 to 104, not "ten"`}},
		{"weeks fraction", `{"current":"APM","target":"Senior PM","weeks":12.5}`, []string{"not 12.5"}},
		{"weeks missing", `{"current":"APM","target":"Senior PM"}`, []string{"weeks is missing"}},
		{"weeks null", `{"current":"APM","target":"Senior PM","weeks":null}`, []string{"weeks is missing"}},
		{"context too long", `{"current":"APM","target":"Senior PM","weeks":12,"context":"` + long + `"}`, []string{"context is 1001 characters long; the limit is 1000"}},
		{"context wrong type", `{"current":"APM","target":"Senior PM","weeks":12,"context":7}`, []string{`field "context" must be a string`}},
		{"current missing", `{"target":"Senior PM","weeks":12}`, []string{"current must name"}},
		{"invalid JSON", `{"current":"APM",`, []string{"invalid JSON"}},
		{"not an object", `[1,2]`, []string{"must be a JSON object"}},
		{"empty body", ``, []string{"request body is empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(t, h, http.MethodPost, "/api/plan", strings.NewReader(tt.body))
			if rec.Code != http.StatusBadRequest {
				t.Fatalf("status %d, want 400; body %s", rec.Code, rec.Body)
			}
			msg := errorMessage(t, rec)
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
		})
	}
}

func TestPlanMethodAndBodyLimit(t *testing.T) {
	h := planServer(t)
	if rec := do(t, h, http.MethodGet, "/api/plan", nil); rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET /api/plan = %d, want 405", rec.Code)
	}
	big := `{"current":"APM","target":"Senior PM","weeks":12,"context":"` + strings.Repeat("x", MaxBodyBytes) + `"}`
	if rec := do(t, h, http.MethodPost, "/api/plan", strings.NewReader(big)); rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("huge body = %d, want 413", rec.Code)
	}
}

// fakePlanner answers with p or err and records the request.
type fakePlanner struct {
	got plan.Request
	p   plan.Plan
	err error
}

func (f *fakePlanner) Build(_ context.Context, req plan.Request) (plan.Plan, error) {
	f.got = req
	return f.p, f.err
}

func TestPlanPlannerErrors(t *testing.T) {
	body := `{"current":"APM","target":"Senior PM","weeks":12,"context":"fintech"}`
	fp := &fakePlanner{err: errors.New("secret failure")}
	h := New(Deps{Planner: fp})
	rec := do(t, h, http.MethodPost, "/api/plan", strings.NewReader(body))
	if rec.Code != http.StatusInternalServerError || errorMessage(t, rec) != "internal error" {
		t.Errorf("planner bug = %d %s", rec.Code, rec.Body)
	}
	if fp.got != (plan.Request{Current: "APM", Target: "Senior PM", Weeks: 12, Context: "fintech"}) {
		t.Errorf("planner got %+v", fp.got)
	}
	fp.err = nil
	rec = do(t, h, http.MethodPost, "/api/plan", strings.NewReader(body))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"phases":[]`) || !strings.Contains(rec.Body.String(), `"citations":[]`) {
		t.Errorf("empty plan = %d %s; lists must not be null", rec.Code, rec.Body)
	}
	rec = do(t, New(Deps{}), http.MethodPost, "/api/plan", strings.NewReader(body))
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("no planner = %d", rec.Code)
	}
}

// POST /api/plan/ics answers the plan's check-ins as a calendar written by
// plan.ICS, and bad input as the one JSON error.
func TestPlanICS(t *testing.T) {
	h := planServer(t)
	body := `{"current":"Associate PM","target":"Mid-level PM","weeks":8,"context":"shy in meetings","start":"2026-01-05"}`
	rec := do(t, h, http.MethodPost, "/api/plan/ics", strings.NewReader(body))
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "text/calendar; charset=utf-8" {
		t.Fatalf("POST /api/plan/ics = %d %s: %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
	if cd := rec.Header().Get("Content-Disposition"); !strings.Contains(cd, `filename="growth-plan-associate-pm-to-mid-level-pm-8w-check-ins.ics"`) {
		t.Errorf("Content-Disposition %q", cd)
	}
	ics := rec.Body.String()
	if !strings.HasPrefix(ics, "BEGIN:VCALENDAR\r\n") || !strings.HasSuffix(ics, "END:VCALENDAR\r\n") ||
		!strings.Contains(ics, "DTSTART;VALUE=DATE:202601") || strings.Count(ics, "BEGIN:VEVENT") < 2 {
		t.Errorf("not the plan's calendar:\n%s", ics)
	}
	tests := []struct{ name, body, want string }{
		{"bad start", `{"current":"APM","target":"Senior PM","weeks":12,"start":"5 Jan"}`, `start must be a day as YYYY-MM-DD`},
		{"misspelt start", `{"current":"APM","target":"Senior PM","weeks":12,"strat":"2026-01-05"}`, `did you mean "start"?`},
		{"bad weeks", `{"current":"APM","target":"Senior PM","weeks":0}`, `weeks must be a whole number`},
		{"unknown level", `{"current":"Wizard","target":"Senior PM","weeks":12}`, `unknown current level "Wizard"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(t, h, http.MethodPost, "/api/plan/ics", strings.NewReader(tt.body))
			if rec.Code != http.StatusBadRequest {
				t.Fatalf("status %d, want 400; body %s", rec.Code, rec.Body)
			}
			if msg := errorMessage(t, rec); !strings.Contains(msg, tt.want) {
				t.Errorf("message %q lacks %q", msg, tt.want)
			}
		})
	}
}
