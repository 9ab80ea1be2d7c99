package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ladder/coach/internal/app"
	"github.com/ladder/coach/internal/config"
	"github.com/ladder/coach/internal/evalset"
	"github.com/ladder/coach/internal/ladderfile"
)

// TestLadderFiles loads ladders other than the article, as `coach serve
// --ladder FILE` does, and runs each through its own question sets, its
// assessment sets, plans between its levels, an assessment, a chat answer
// and the ladder page's JSON. The UX ladder was written by a third party
// from the format alone, with no optional key; its sets and the data
// science ladder's were written without sight of the code (their
// first-contact scores are in eval/README.md).
func TestLadderFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two coaches and runs their sets")
	}
	type questionSet struct {
		file string
		min  float64
	}
	type assessSet struct {
		file string
		// minExact is the least share of exact placements; maxFar how many
		// may be more than one rung off.
		minExact float64
		maxFar   int
	}
	tests := []struct {
		file      string
		questions []questionSet
		assess    []assessSet
		// a plan from, to (two main rungs) and onto the side track.
		from, to, side string
		// words the pages and answers must use, and the model id.
		title, modelID string
	}{
		{file: "../../examples/ladders/ux-design.md",
			questions: []questionSet{{"../../eval/ladders/ux/ux-questions.jsonl", 0.85}},
			assess:    []assessSet{{"../../eval/ladders/ux/ux-assess.jsonl", 10.0 / 12, 0}},
			from:      "junior", to: "senior", side: "principal",
			title: "The UX Design Career Ladder", modelID: "the-ux-design-career-ladder"},
		{file: "../../examples/ladders/data-science.md",
			questions: []questionSet{{"../../eval/ladders/data-science/ds-questions.jsonl", 0.85},
				{"../../eval/ladders/data-science/ds-questions-2.jsonl", 0.85},
				{"../../eval/ladders/data-science/ds-questions-3.jsonl", 0.8}},
			assess: []assessSet{{"../../eval/ladders/data-science/ds-assess.jsonl", 13.0 / 14, 0},
				{"../../eval/ladders/data-science/ds-assess-2.jsonl", 11.0 / 12, 0}},
			from: "Junior Data Scientist", to: "director", side: "staff",
			title: "The Data Science Career Ladder", modelID: "the-data-science-career-ladder"},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			cfg := config.Default()
			cfg.Ladder = tt.file
			a, err := app.Build(context.Background(), app.Options{Config: cfg})
			if err != nil {
				t.Fatal(err)
			}
			if a.Config.ModelID != tt.modelID || ladderfile.Slug(a.Ladder.Title()) != tt.modelID {
				t.Errorf("model id %q, want %q", a.Config.ModelID, tt.modelID)
			}

			for _, qs := range tt.questions {
				cases, err := evalset.LoadFile(qs.file)
				if err != nil {
					t.Fatal(err)
				}
				rep := evalset.Run(context.Background(), a, cases)
				for _, f := range rep.Failures() {
					t.Logf("miss %s: %v", f.Case.ID, f.Reasons)
				}
				if rep.PassRate() < qs.min {
					t.Errorf("%s: %d of %d pass, want %.0f%%", qs.file, rep.Passed, len(cases), 100*qs.min)
				}
			}
			var descs []evalset.AssessCase
			for _, as := range tt.assess {
				ds, err := evalset.LoadAssessFile(as.file)
				if err != nil {
					t.Fatal(err)
				}
				ar := evalset.RunAssess(a.Assessor, a.Ladder, ds)
				if ar.ExactRate() < as.minExact || ar.Far > as.maxFar {
					t.Errorf("%s: %d exact, %d one rung off, %d further of %d", as.file, ar.Exact, ar.OneOff, ar.Far, len(ds))
				}
				descs = append(descs, ds...)
			}

			info := LadderInfoOf(a.Ladder)
			h := New(Deps{Chatter: a, Sections: a.Sections, Planner: a.Planner, Assessor: a.Assessor,
				Levels: a.Ladder.Levels(), Ladder: &info, ModelID: a.Config.ModelID})
			do := func(method, path, body string) map[string]any {
				t.Helper()
				w := httptest.NewRecorder()
				h.ServeHTTP(w, httptest.NewRequest(method, path, strings.NewReader(body)))
				if w.Code != http.StatusOK {
					t.Fatalf("%s %s: %d %s", method, path, w.Code, w.Body)
				}
				var out map[string]any
				if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
					t.Fatal(err)
				}
				return out
			}

			// The ladder page's JSON: the file's title, levels, facets, tracks and grid.
			lj := do(http.MethodGet, "/api/ladder", "")
			if lj["title"] != tt.title || lj["article"] != false {
				t.Errorf("ladder %v %v", lj["title"], lj["article"])
			}
			grid, _ := lj["grid"].(map[string]any)
			facets, _ := lj["facets"].([]any)
			tracks, _ := lj["tracks"].(map[string]any)
			if len(facets) != len(a.Ladder.FacetInfos()) || tracks[tt.side] == nil {
				t.Errorf("facets %v tracks %v", facets, tracks)
			}
			for _, l := range a.Ladder.Levels() {
				if cells, _ := grid[l.ID].(map[string]any); len(cells) == 0 {
					t.Errorf("no grid row for %s", l.ID)
				}
			}
			starters, _ := lj["starters"].([]any)
			if len(starters) == 0 || strings.Contains(strings.ToLower(strings.Join(asStrings(starters), " ")), "product manag") {
				t.Errorf("starters %v", starters)
			}

			// Plans up the main ladder and onto the side track.
			for _, pair := range [][2]string{{tt.from, tt.to}, {a.Ladder.Levels()[0].ID, tt.side}} {
				body, _ := json.Marshal(map[string]any{"current": pair[0], "target": pair[1], "weeks": 12})
				p := do(http.MethodPost, "/api/plan", string(body))
				if phases, _ := p["phases"].([]any); len(phases) == 0 || !strings.Contains(p["markdown"].(string), tt.title) {
					t.Errorf("plan %s -> %s: %v", pair[0], pair[1], p["markdown"])
				}
			}

			// An assessment and a chat answer in the ladder's words.
			as := do(http.MethodPost, "/api/assess", `{"description":"`+descs[0].Description+`"}`)
			if as["level"] == nil {
				t.Errorf("assess %v", as)
			}
			name := a.Ladder.Levels()[1].Name
			c := do(http.MethodPost, "/api/chat", `{"message":"What does a `+name+` do?"}`)
			ans, _ := c["answer"].(string)
			if !strings.Contains(ans, name) || strings.Contains(ans, " PM") {
				t.Errorf("chat answer %q", ans)
			}
			out := do(http.MethodPost, "/api/chat", `{"message":"What is the capital of France?"}`)
			if msg, _ := out["answer"].(string); !strings.Contains(msg, tt.title) || strings.Contains(msg, "product management") {
				t.Errorf("refusal %q", msg)
			}
		})
	}
}

func asStrings(xs []any) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i], _ = x.(string)
	}
	return out
}
