package llm

import (
	"context"
	"errors"
	"fmt"
	"math"

	chromem "github.com/philippgille/chromem-go"
	openai "github.com/sashabaranov/go-openai"
)

// EmbedFunc returns a chromem-go embedding function that asks the client's
// endpoint for model's embedding of a text (the client's chat model is not
// used). Vectors come back L2-normalized, as chromem-go requires, and each
// call is bounded by the client's timeout.
func (c *Client) EmbedFunc(model string) chromem.EmbeddingFunc {
	return func(ctx context.Context, text string) ([]float32, error) {
		ctx, cancel := context.WithTimeout(ctx, c.timeout)
		defer cancel()
		resp, err := c.c.CreateEmbeddings(ctx, openai.EmbeddingRequest{
			Input: []string{text},
			Model: openai.EmbeddingModel(model),
		})
		if err != nil {
			return nil, fmt.Errorf("llm: embeddings: %w", err)
		}
		if len(resp.Data) == 0 {
			return nil, errors.New("llm: embeddings: reply has no data")
		}
		return normalize(resp.Data[0].Embedding)
	}
}

// normalize scales v to unit length in place and returns it.
func normalize(v []float32) ([]float32, error) {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	if sum == 0 || math.IsNaN(sum) || math.IsInf(sum, 0) {
		return nil, errors.New("llm: embeddings: vector cannot be normalized")
	}
	inv := 1 / math.Sqrt(sum)
	for i, x := range v {
		v[i] = float32(float64(x) * inv)
	}
	return v, nil
}
