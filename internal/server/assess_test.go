package server

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ladder/coach/corpus"
	"github.com/ladder/coach/internal/assess"
	"github.com/ladder/coach/internal/sections"
)

// assessServer serves the real assessor over the real article, before the
// index is ready: assessments need none.
func assessServer(t *testing.T) http.Handler {
	t.Helper()
	secs, err := sections.Split(corpus.Article)
	if err != nil {
		t.Fatal(err)
	}
	set := sections.NewSet(secs)
	return New(Deps{
		Sections: set,
		Assessor: assess.New(set),
		Ready:    func() bool { return false },
		Logger:   slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
}

func TestAssessOK(t *testing.T) {
	srv := httptest.NewServer(assessServer(t))
	defer srv.Close()
	body := `{"description":"I manage a team of five product managers, spend much of my time hiring and coaching, balance priorities across three product lines and set the quality standards for our product org.","title":"Senior PM"}`
	resp, err := http.Post(srv.URL+"/api/assess", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("POST /api/assess = %d %s: %s", resp.StatusCode, resp.Header.Get("Content-Type"), raw)
	}
	// The shape the issue asks for, field by field.
	var got struct {
		Level      *struct{ ID, Name string }
		Confidence *float64
		Evidence   []struct {
			Quote     *string
			SectionID *string `json:"section_id"`
			Item      *string
		}
		Gaps []struct {
			Item      *string
			SectionID *string `json:"section_id"`
		}
		Next     *struct{ ID, Name string }
		Markdown *string
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	if got.Level == nil || got.Level.ID != "director" || got.Level.Name != "Director of Product" {
		t.Errorf("level %+v, want director", got.Level)
	}
	if got.Next == nil || got.Next.ID != "vp" {
		t.Errorf("next %+v, want vp", got.Next)
	}
	if got.Confidence == nil || *got.Confidence <= 0 || *got.Confidence > 1 {
		t.Errorf("confidence %v", got.Confidence)
	}
	if len(got.Evidence) == 0 || len(got.Gaps) == 0 {
		t.Fatalf("evidence %d, gaps %d", len(got.Evidence), len(got.Gaps))
	}
	for _, ev := range got.Evidence {
		if ev.Quote == nil || ev.SectionID == nil || ev.Item == nil || !strings.Contains(corpus.Article, *ev.Item) {
			t.Errorf("evidence %+v", ev)
		}
	}
	for _, g := range got.Gaps {
		if g.Item == nil || g.SectionID == nil || !strings.Contains(corpus.Article, *g.Item) {
			t.Errorf("gap %+v", g)
		}
	}
	if got.Markdown == nil || !strings.Contains(*got.Markdown, "Senior PM") {
		t.Errorf("markdown does not report the stated title: %v", got.Markdown)
	}
}

// A text that is not about work: level, next null; evidence and gaps empty lists.
func TestAssessNotWork(t *testing.T) {
	h := assessServer(t)
	rec := do(t, h, http.MethodPost, "/api/assess", strings.NewReader(`{"description":"I love dogs and hiking."}`))
	if rec.Code != http.StatusOK {
		t.Fatalf("= %d %s", rec.Code, rec.Body)
	}
	for _, want := range []string{`"level":null`, `"evidence":[]`, `"gaps":[]`, `"next":null`, "Describe what you do at work"} {
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("body lacks %s: %s", want, rec.Body)
		}
	}
}

func TestAssessBadRequests(t *testing.T) {
	h := assessServer(t)
	tests := []struct {
		name, body string
		status     int
		want       string
	}{
		{"empty description", `{"description":""}`, 400, "must not be empty"},
		{"blank description", `{"description":"  \n\t "}`, 400, "must not be empty"},
		{"missing description", `{"title":"Senior PM"}`, 400, "must not be empty"},
		{"too long", `{"description":"` + strings.Repeat("a", 4001) + `"}`, 400, "limit is 4000"},
		{"description a number", `{"description":42}`, 400, `field "description" must be a string, not a number`},
		{"title a list", `{"description":"I own checkout.","title":["Senior PM"]}`, 400, `field "title" must be a string, not a list`},
		{"body a list", `["I own checkout."]`, 400, "must be a JSON object"},
		{"invalid JSON", `{"description":`, 400, "invalid JSON"},
		{"no body", ``, 400, "request body is empty"},
		{"two objects", `{"description":"a"}{"description":"b"}`, 400, "single JSON object"},
		{"over 64 KiB", `{"description":"` + strings.Repeat("a", 70<<10) + `"}`, 413, "over the limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(t, h, http.MethodPost, "/api/assess", strings.NewReader(tt.body))
			if rec.Code != tt.status {
				t.Fatalf("= %d, want %d; %s", rec.Code, tt.status, rec.Body)
			}
			if msg := errorMessage(t, rec); !strings.Contains(msg, tt.want) {
				t.Errorf("message %q lacks %q", msg, tt.want)
			}
		})
	}
	if rec := do(t, h, http.MethodGet, "/api/assess", nil); rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET /api/assess = %d, want 405", rec.Code)
	}
}

func TestCompareOK(t *testing.T) {
	h := assessServer(t)
	rec := do(t, h, http.MethodGet, "/api/compare?a=principal+pm&b=Group+PM", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("= %d %s", rec.Code, rec.Body)
	}
	var got assess.Comparison
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.A.ID != "ic" || got.B.ID != "director" || got.B.Name != "Director of Product" {
		t.Errorf("compared %+v and %+v", got.A, got.B)
	}
	var facets []string
	for _, f := range got.Facets {
		facets = append(facets, f.Facet)
	}
	if strings.Join(facets, ",") != "changes,responsibilities,success,skills" {
		t.Errorf("facets %v", facets)
	}
	// The IC track's "what changes" is its own section; it has no skills section.
	if got.Facets[0].A == nil || got.Facets[0].A.ID != "ic/changes" || got.Facets[3].A != nil || got.Facets[3].B == nil {
		t.Errorf("facets %+v", got.Facets)
	}
	if !strings.Contains(rec.Body.String(), `"facet":"skills","name":"Skills to develop","a":null`) {
		t.Errorf("a missing facet is not null: %s", rec.Body)
	}
}

func TestCompareBadRequests(t *testing.T) {
	h := assessServer(t)
	for _, target := range []string{"/api/compare?a=wizard&b=senior", "/api/compare?a=senior", "/api/compare", "/api/compare?a=senior&b=%20"} {
		rec := do(t, h, http.MethodGet, target, nil)
		if rec.Code != http.StatusBadRequest {
			t.Errorf("%s = %d, want 400", target, rec.Code)
			continue
		}
		if msg := errorMessage(t, rec); !strings.Contains(msg, "Associate PM, Mid-level PM, Senior PM, Director of Product") {
			t.Errorf("%s: message %q does not name the levels", target, msg)
		}
	}
}

func TestAssessUnavailable(t *testing.T) {
	h := New(Deps{})
	if rec := do(t, h, http.MethodPost, "/api/assess", strings.NewReader(`{"description":"I own checkout."}`)); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("POST /api/assess without an assessor = %d, want 503", rec.Code)
	}
	if rec := do(t, h, http.MethodGet, "/api/compare?a=senior&b=vp", nil); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("GET /api/compare without an assessor = %d, want 503", rec.Code)
	}
}
