package retrieve

import (
	"cmp"
	"context"
	"slices"
)

// rank ranks the sections for a question already understood as in: the
// intent's boosts plus vector similarity. Out-of-scope and smalltalk intents
// get no hits.
func (r *Retriever) rank(ctx context.Context, question string, history []Turn, in Intent) (Result, error) {
	if in.Refusal != "" || in.Scope == ScopeSmalltalk {
		return Result{Intent: in, OutOfScope: true, Scope: in.Scope, Ladder: r.lad}, nil
	}
	sims, err := r.idx.Query(ctx, r.queryText(question, history, in))
	if err != nil {
		return Result{}, err
	}
	boost := r.boosts(question, in)
	all := r.set.All()
	// Rank positions, not whole sections: swapping big structs was a tenth
	// of retrieval time.
	order := make([]int, len(all))
	scores := make([]float64, len(all))
	for i, s := range all {
		order[i] = i
		var sim float64
		if j := r.simAt[i]; j >= 0 {
			sim = sims[j]
		}
		scores[i] = simWeight*sim + boost[s.ID]
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(scores[b], scores[a]) })
	if in.HasTopic(TopicCompare) && len(in.Levels) >= 2 {
		interleave(order, all, in.Levels[0], in.Levels[1])
	}
	n := cut(order, scores)
	hits := make([]Hit, n)
	for k := 0; k < n; k++ {
		hits[k] = Hit{Section: all[order[k]], Score: scores[order[k]]}
	}
	return Result{Intent: in, Hits: hits, Scope: in.Scope, Ladder: r.lad}, nil
}
