package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/ladderfile"
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
	if file.Tracks["support-architect"] != "ic" || file.Facets[1].ID != ladder.Skills || file.Starters[0] != "What does a Support Engineer do day to day?" {
		t.Errorf("file info %+v", file)
	}
}
