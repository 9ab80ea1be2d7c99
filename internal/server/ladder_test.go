package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/ladder/coach/corpus"
	"github.com/ladder/coach/internal/answer"
	"github.com/ladder/coach/internal/assess"
	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/ladderfile"
	"github.com/ladder/coach/internal/plan"
	"github.com/ladder/coach/internal/sections"
)

func TestLadderInfo(t *testing.T) {
	f, err := ladderfile.Load("../../examples/ladders/minimal.md")
	if err != nil {
		t.Fatal(err)
	}
	file := LadderInfoOf(ladder.FromFile(f))
	tests := []struct {
		name         string
		info         *LadderInfo
		wantTitle    string
		wantArticle  bool
		wantFacets   int
		wantStarters bool
	}{
		{"the article by default", nil, "The PM Career Ladder", true, 4, false},
		{"a ladder file", &file, "The Minimal Support Engineering Ladder", false, 2, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := New(Deps{Ladder: tt.info})
			w := httptest.NewRecorder()
			r.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/api/ladder", nil))
			if w.Code != http.StatusOK {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			var got LadderInfo
			if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
				t.Fatal(err)
			}
			if got.Title != tt.wantTitle || got.Article != tt.wantArticle || len(got.Facets) != tt.wantFacets || (len(got.Starters) > 0) != tt.wantStarters {
				t.Errorf("got %+v", got)
			}
		})
	}
	if got := APILimits(); got.MessageChars != answer.MaxMessageChars || got.MaxWeeks != plan.MaxWeeks || got.TitleChars != assess.MaxTitleChars {
		t.Errorf("limits %+v", got)
	}
	if file.Tracks["support-architect"] != "ic" || file.Facets[1].ID != ladder.Skills || file.Starters[0] != "What does a Support Engineer do day to day?" {
		t.Errorf("file info %+v", file)
	}
}

// TestLadderGrid: the grid holds every level's section of each grid facet,
// items and all, and no cell the article lacks; the names cover the parts.
func TestLadderGrid(t *testing.T) {
	secs, err := sections.Split(corpus.Article)
	if err != nil {
		t.Fatal(err)
	}
	set := sections.NewSet(secs)
	r := New(Deps{Sections: set})
	w := httptest.NewRecorder()
	r.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/api/ladder", nil))
	var got LadderInfo
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		level, facet string
		want         bool
	}{
		{ladder.Senior, ladder.Skills, true},
		{ladder.VP, ladder.Changes, true},
		{ladder.Associate, ladder.Changes, false},
		{ladder.IC, ladder.Skills, false},
		{ladder.Senior, ladder.Overview, false}, // not a grid row
	}
	for _, tt := range tests {
		s, ok := got.Grid[tt.level][tt.facet]
		if ok != tt.want || (ok && (s.ID != sections.ID(tt.level, tt.facet) || len(s.Items) == 0)) {
			t.Errorf("grid[%s][%s] = %+v, %v; want present %v", tt.level, tt.facet, s, ok, tt.want)
		}
	}
	if got.Names.Levels[ladder.VP] != "VP of Product/CPO" || got.Names.Levels[sections.Adjacent] != "Adjacent roles" || got.Names.Facets[ladder.Overview] != "Overview" {
		t.Errorf("names %+v", got.Names)
	}
	if got.Limits != APILimits() {
		t.Errorf("limits %+v, want %+v", got.Limits, APILimits())
	}
}
