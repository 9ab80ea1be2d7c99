package retrieve

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/ladder/coach/internal/embed"
	"github.com/ladder/coach/internal/sections"
)

// rank ranks the sections for a question already understood as in: the
// intent's boosts plus vector similarity. Out-of-scope and smalltalk intents
// get no hits.
func (r *Retriever) rank(ctx context.Context, question string, history []Turn, in Intent) (Result, error) {
	if in.Refusal != "" || in.Scope == ScopeSmalltalk {
		return Result{Intent: in, OutOfScope: true, Scope: in.Scope, Ladder: r.lad}, nil
	}
	qt := embed.Terms(question)
	var sims []float64
	var err error
	if text := r.queryText(question, history, in); text == question {
		sims, err = r.idx.QueryTerms(ctx, text, qt) // the terms made once
	} else {
		sims, err = r.idx.Query(ctx, text)
	}
	if err != nil {
		return Result{}, err
	}
	scores := r.boosts(question, qt, in) // the boosts, then the scores in their place
	for i, j := range r.simAt {
		var sim float64
		if j >= 0 {
			sim = sims[j]
		}
		scores[i] = simWeight*sim + scores[i]
	}
	all := r.set.All()
	var order []int
	if in.HasTopic(TopicCompare) && len(in.Levels) >= 2 {
		// Rank positions, not whole sections: swapping big structs was a
		// tenth of retrieval time.
		order = make([]int, len(all))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(scores[b], scores[a]) })
		interleave(order, all, in.Levels[0], in.Levels[1])
	} else {
		order = best(scores, MaxHits)
	}
	n := cut(order, scores)
	hits := make([]Hit, n)
	for k := 0; k < n; k++ {
		hits[k] = Hit{Section: all[order[k]], Score: scores[order[k]]}
	}
	return Result{Intent: in, Hits: hits, Scope: in.Scope, Ladder: r.lad}, nil
}

// best returns the positions of the k highest scores, highest first, equal
// scores in their order: the head of a stable sort of all, which cut reads
// no further than, found in one pass.
func best(scores []float64, k int) []int {
	out := make([]int, 0, k)
	for i, s := range scores {
		j := len(out)
		for j > 0 && cmp.Compare(s, scores[out[j-1]]) > 0 {
			j--
		}
		if j == k {
			continue
		}
		if len(out) < k {
			out = append(out, 0)
		}
		copy(out[j+1:], out[j:len(out)-1])
		out[j] = i
	}
	return out
}

// sectionFinder finds a section's place in the set from the two halves of
// its id (sections.ID's level and facet) without making the id: the
// sections grouped by the part of their id before the first slash, a
// handful of groups of a handful each.
type sectionFinder struct {
	groups []sectionGroup
	set    *sections.Set
}

type sectionGroup struct {
	level string
	at    []int // the group's sections' places in the set
}

func newSectionFinder(set *sections.Set) sectionFinder {
	f := sectionFinder{set: set}
	for i, s := range set.All() {
		level, _, ok := strings.Cut(s.ID, "/")
		if !ok {
			continue
		}
		k := slices.IndexFunc(f.groups, func(g sectionGroup) bool { return g.level == level })
		if k < 0 {
			k = len(f.groups)
			f.groups = append(f.groups, sectionGroup{level: level})
		}
		f.groups[k].at = append(f.groups[k].at, i)
	}
	return f
}

// of is set.Index(sections.ID(level, facet)).
func (f sectionFinder) of(level, facet string) int {
	if level == "" || facet == "" {
		return -1
	}
	if strings.Contains(level, "/") {
		return f.set.Index(sections.ID(level, facet))
	}
	all, at := f.set.All(), -1
	for _, g := range f.groups {
		if g.level != level {
			continue
		}
		for _, i := range g.at {
			if id := all[i].ID; len(id) == len(level)+1+len(facet) && id[len(level)+1:] == facet {
				at = i // the last of equal ids, as the set's own index
			}
		}
		break
	}
	return at
}
