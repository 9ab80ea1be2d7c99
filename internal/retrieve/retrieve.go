// Package retrieve understands a question about the ladder (levels, titles,
// facets, transitions, the conversation so far) and ranks the article's
// sections for it, combining that understanding with vector similarity.
package retrieve

import (
	"context"

	"github.com/ladder/coach/internal/index"
	"github.com/ladder/coach/internal/sections"
)

// Intent is what the question asks. (Placeholder: to be written.)
type Intent struct{}

// Retriever ranks sections for questions. Safe for concurrent use.
type Retriever struct{}

// New returns a retriever over the sections and their index. (Placeholder.)
func New(set *sections.Set, idx *index.Index) *Retriever { return &Retriever{} }

// Retrieve ranks the sections for question in the light of history.
func (r *Retriever) Retrieve(ctx context.Context, question string, history []Turn) (Result, error) {
	return Result{}, nil
}
