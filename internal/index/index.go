// Package index keeps the sections in a chromem-go collection and answers
// similarity queries over them.
package index

import (
	"context"

	chromem "github.com/philippgille/chromem-go"

	"github.com/ladder/coach/internal/sections"
)

// Index is the vector store of the sections. (Placeholder: to be written.)
type Index struct{}

// Build embeds every section into a new in-memory collection.
func Build(ctx context.Context, secs []sections.Section, embed chromem.EmbeddingFunc) (*Index, error) {
	return &Index{}, nil
}
