package retrieve

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/ladder/coach/corpus"
	"github.com/ladder/coach/internal/sections"
)

// TestBest: best gives the head of a stable sort by score, highest first,
// ties (NaN among them) in their order.
func TestBest(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	cases := [][]float64{nil, {1}, {1, 1, 1, 1, 1, 1, 1}, {3, 1, 2}, {0, math.NaN(), -1, math.NaN(), 2, 2}}
	for range 200 {
		s := make([]float64, rng.IntN(50))
		for i := range s {
			s[i] = float64(rng.IntN(6)) / 2 // many ties
		}
		cases = append(cases, s)
	}
	for _, scores := range cases {
		want := make([]int, len(scores))
		for i := range want {
			want[i] = i
		}
		slices.SortStableFunc(want, func(a, b int) int { return cmp.Compare(scores[b], scores[a]) })
		for _, k := range []int{1, 3, MaxHits} {
			got := best(scores, k)
			if w := want[:min(k, len(want))]; !slices.Equal(got, w) {
				t.Fatalf("best(%v, %d) = %v, want %v", scores, k, got, w)
			}
		}
	}
}

// TestSectionFinder: the finder agrees with the set's index for every
// level and facet, those of no section too.
func TestSectionFinder(t *testing.T) {
	secs, err := sections.Split(corpus.Article)
	if err != nil {
		t.Fatal(err)
	}
	set := sections.NewSet(secs)
	f := newSectionFinder(set)
	levels := []string{"", "senior", "introduction", "adjacent", "nope", "senior/skills"}
	facets := []string{"", "skills", "overview", "timeline", "paths", "nope"}
	for _, s := range secs {
		l, fc, _ := strings.Cut(s.ID, "/")
		levels, facets = append(levels, l), append(facets, fc)
	}
	found := 0
	for _, l := range levels {
		for _, fc := range facets {
			want := set.Index(sections.ID(l, fc))
			if got := f.of(l, fc); got != want {
				t.Fatalf("of(%q, %q) = %d, want %d", l, fc, got, want)
			}
			if want >= 0 {
				found++
			}
		}
	}
	if found < len(secs) {
		t.Fatalf("found %d sections, want all %d", found, len(secs))
	}
}
