// Package index keeps the sections in a chromem-go collection and answers
// similarity queries over them.
//
// It knows sections only by id and text; what a question means is the
// retriever's business.
package index

import (
	"context"
	"fmt"
	"io"
	"runtime"

	chromem "github.com/philippgille/chromem-go"

	"github.com/ladder/coach/internal/sections"
)

const collectionName = "sections"

// Index is the vector store of the sections. Safe for concurrent queries.
type Index struct {
	db    *chromem.DB
	col   *chromem.Collection
	embed chromem.EmbeddingFunc
	count int
}

// Build embeds every section into a new in-memory collection. The embedding
// function must return normalized vectors.
func Build(ctx context.Context, secs []sections.Section, embed chromem.EmbeddingFunc) (*Index, error) {
	db := chromem.NewDB()
	col, err := db.CreateCollection(collectionName, nil, embed)
	if err != nil {
		return nil, fmt.Errorf("index: create collection: %w", err)
	}
	docs := make([]chromem.Document, len(secs))
	for i, s := range secs {
		docs[i] = chromem.Document{
			ID:       s.ID,
			Content:  s.Title + "\n" + s.Text,
			Metadata: map[string]string{"level": s.Level, "facet": s.Facet},
		}
	}
	if len(docs) > 0 {
		if err := col.AddDocuments(ctx, docs, runtime.NumCPU()); err != nil {
			return nil, fmt.Errorf("index: add sections: %w", err)
		}
	}
	return &Index{db: db, col: col, embed: embed, count: col.Count()}, nil
}

// Load reads a collection exported by Export, for a start that does not
// embed again (useful with a remote embedding model).
func Load(r io.ReadSeeker, embed chromem.EmbeddingFunc) (*Index, error) {
	db := chromem.NewDB()
	if err := db.ImportFromReader(r, ""); err != nil {
		return nil, fmt.Errorf("index: import: %w", err)
	}
	col := db.GetCollection(collectionName, embed)
	if col == nil {
		return nil, fmt.Errorf("index: snapshot has no %q collection", collectionName)
	}
	return &Index{db: db, col: col, embed: embed, count: col.Count()}, nil
}

// Export writes the collection, vectors included, as a snapshot.
func (x *Index) Export(w io.Writer) error {
	return x.db.ExportToWriter(w, false, "", collectionName)
}

// Count is the number of sections in the index.
func (x *Index) Count() int { return x.count }

// Embed embeds a query with the index's embedding function.
func (x *Index) Embed(ctx context.Context, text string) ([]float32, error) {
	return x.embed(ctx, text)
}

// Similarities returns the cosine similarity of every section to the query
// vector, by section id.
func (x *Index) Similarities(ctx context.Context, query []float32) (map[string]float64, error) {
	n := x.count
	if n == 0 {
		return map[string]float64{}, nil
	}
	// chromem-go errors when asked for more results than it holds: n is Count().
	res, err := x.col.QueryEmbedding(ctx, query, n, nil, nil)
	if err != nil {
		return nil, fmt.Errorf("index: query: %w", err)
	}
	out := make(map[string]float64, len(res))
	for _, r := range res {
		out[r.ID] = float64(r.Similarity)
	}
	return out, nil
}
