package answer

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/ladder/coach/internal/assess"
	"github.com/ladder/coach/internal/index"
	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/laddertest"
	"github.com/ladder/coach/internal/retrieve"
	"github.com/ladder/coach/internal/sections"
)

// On a ladder file the follow-ups name the file's levels and are answered
// from the section each is meant for, as on the article
// (TestSuggestionsAnswered); a few of them may land beside it.
func TestSuggestionsAnsweredOnLadderFiles(t *testing.T) {
	for _, path := range []string{"../../examples/ladders/data-science.md", "../../examples/ladders/ux-design.md"} {
		t.Run(path, func(t *testing.T) {
			set, m := laddertest.Load(t, path)
			idx, err := index.Build(context.Background(), set.All(), index.LocalEmbedder(set.All()))
			if err != nil {
				t.Fatal(err)
			}
			r := retrieve.New(set, idx).WithPlacer(assess.NewFor(set, m)).WithLadder(m)
			var all []suggestion
			for _, l := range m.Levels() {
				for _, fc := range append([]string{ladder.Overview}, facetCycle...) {
					if fc != ladder.Overview && missing(m, l.ID, fc) {
						continue
					}
					all = append(all, facetQuestion(m, l.ID, fc))
				}
			}
			b := beside(m)
			all = append(all, b.noManaging, b.adjacent, b.ladder)
			miss := 0
			for _, sg := range all {
				if _, ok := set.ByID(sg.section); !ok {
					t.Errorf("%q: no section %s", sg.q, sg.section)
					continue
				}
				res, err := r.Retrieve(context.Background(), sg.q, nil)
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Hits) == 0 || res.Hits[0].Section.ID != sg.section {
					miss++
					got := "nothing"
					if len(res.Hits) > 0 {
						got = res.Hits[0].Section.ID
					}
					t.Logf("%q: retrieval answers from %s; want %s", sg.q, got, sg.section)
				}
			}
			if miss*10 > len(all) {
				t.Errorf("%d of %d follow-ups answered from another section", miss, len(all))
			}
		})
	}
}

// The remembered follow-ups are followUps', for each ladder its own, and
// their lower-case questions theirs.
func TestOfferedAfterRemembersFollowUps(t *testing.T) {
	for _, path := range []string{"", "../../examples/ladders/data-science.md"} {
		m := ladder.Default()
		if path != "" {
			_, m = laddertest.Load(t, path)
		}
		for _, l := range m.Levels() {
			for _, fc := range m.Facets() {
				s := sections.Section{ID: sections.ID(l.ID, fc), Level: l.ID, Facet: fc}
				want := followUps(m, s)
				for range 2 {
					o := offeredAfter(m, s)
					if !slices.Equal(o.sugs, want) {
						t.Fatalf("%s %s: offered %v, want %v", path, s.ID, o.sugs, want)
					}
					for i, sg := range o.sugs {
						if o.lower[i] != strings.ToLower(sg.q) {
							t.Fatalf("%s %s: lower %q of %q", path, s.ID, o.lower[i], sg.q)
						}
					}
				}
			}
		}
	}
}
