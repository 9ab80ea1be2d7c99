// Package embed holds the embedding functions: the local, offline,
// deterministic one the coach uses by default, and a cached remote one.
package embed

import (
	"context"

	chromem "github.com/philippgille/chromem-go"
)

// NewLocal returns the local embedding function, fitted on the corpus texts
// (for term weights). (Placeholder: to be written.)
func NewLocal(corpus []string) chromem.EmbeddingFunc {
	return func(ctx context.Context, text string) ([]float32, error) { return []float32{1}, nil }
}
