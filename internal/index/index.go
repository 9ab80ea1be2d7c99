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
	"math"
	"runtime"
	"slices"

	chromem "github.com/philippgille/chromem-go"

	"github.com/ladder/coach/internal/embed"
	"github.com/ladder/coach/internal/sections"
)

const collectionName = "sections"

// ScanLimit is the collection size up to which Similarities scans the
// vectors itself, in one goroutine, touching only the query's non-zero
// dimensions; above it, chromem-go's own exhaustive query runs. Measured on
// the 2-core development machine (BenchmarkSimilarities): 2.5 µs against
// 110 µs for the article's 38 sections, 9 µs against 0.7 ms at 380, and
// 0.15 ms against 11 ms at 3,800 — chromem-go's per-query goroutines,
// filter pass and heap cost more than the dot products they split. The
// collection stays chromem-go's: it holds the documents and vectors, and
// exports and imports the snapshots.
const ScanLimit = 20000

// Index is the vector store of the sections. Safe for concurrent queries.
type Index struct {
	db    *chromem.DB
	col   *chromem.Collection
	embed chromem.EmbeddingFunc
	// local is the embedder behind embed when it is the local one
	// (BuildLocal): Query then reads a query's non-zero dimensions from it.
	local *embed.Local
	// ids and vecs are the collection's documents in the order Build was
	// given them, read back from chromem-go: Similarities answers in it.
	ids  []string
	pos  map[string]int
	vecs [][]float32
	// postings lists, dimension after dimension, the documents whose
	// vectors are not zero there, for scan: dimension d's are
	// postings[starts[d]:starts[d+1]]. Both nil above ScanLimit. One array
	// and its offsets are a sixth of the memory a slice a dimension takes.
	postings []posting
	starts   []int32
}

// posting is a document's non-zero value on one dimension.
type posting struct {
	doc int32
	v   float32
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
	ids := make([]string, len(secs))
	for i, s := range secs {
		ids[i] = s.ID
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
	return newIndex(ctx, db, col, embed, ids)
}

// BuildLocal is Build with the local embedder fitted on the sections' texts
// (LocalEmbedder's), which Query then reads sparsely.
func BuildLocal(ctx context.Context, secs []sections.Section) (*Index, error) {
	l := fitLocal(secs)
	x, err := Build(ctx, secs, l.Func())
	if err != nil {
		return nil, err
	}
	x.local = l
	return x, nil
}

// Load reads a collection exported by Export, for a start that does not
// embed again (useful with a remote embedding model). ids gives the order
// Similarities answers in; every id must be in the snapshot.
func Load(ctx context.Context, r io.ReadSeeker, embed chromem.EmbeddingFunc, ids []string) (*Index, error) {
	db := chromem.NewDB()
	if err := db.ImportFromReader(r, ""); err != nil {
		return nil, fmt.Errorf("index: import: %w", err)
	}
	col := db.GetCollection(collectionName, embed)
	if col == nil {
		return nil, fmt.Errorf("index: snapshot has no %q collection", collectionName)
	}
	return newIndex(ctx, db, col, embed, ids)
}

func newIndex(ctx context.Context, db *chromem.DB, col *chromem.Collection, embed chromem.EmbeddingFunc, ids []string) (*Index, error) {
	x := &Index{db: db, col: col, embed: embed, ids: ids, pos: make(map[string]int, len(ids)), vecs: make([][]float32, len(ids))}
	for i, id := range ids {
		doc, err := col.GetByID(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("index: section %q: %w", id, err)
		}
		x.pos[id] = i
		x.vecs[i] = doc.Embedding
	}
	if n := col.Count(); n != len(ids) {
		return nil, fmt.Errorf("index: collection holds %d documents, want %d", n, len(ids))
	}
	if len(ids) <= ScanLimit {
		x.postings, x.starts = postingsOf(x.vecs)
	}
	return x, nil
}

// postingsOf lists each dimension's non-zero values, documents in order,
// dimensions one after the other, and where each dimension's start.
func postingsOf(vecs [][]float32) ([]posting, []int32) {
	dims := 0
	for _, vec := range vecs {
		dims = max(dims, len(vec))
	}
	// Count each dimension's values, then place them: documents come in
	// order, so each dimension's stay in order.
	starts := make([]int32, dims+1)
	for _, vec := range vecs {
		for i, v := range vec {
			if v != 0 {
				starts[i+1]++
			}
		}
	}
	for i := range dims {
		starts[i+1] += starts[i]
	}
	out := make([]posting, starts[dims])
	next := slices.Clone(starts[:dims])
	for d, vec := range vecs {
		for i, v := range vec {
			if v != 0 {
				out[next[i]] = posting{doc: int32(d), v: v}
				next[i]++
			}
		}
	}
	return out, starts
}

// Export writes the collection, vectors included, as a snapshot.
func (x *Index) Export(w io.Writer) error {
	return x.db.ExportToWriter(w, false, "", collectionName)
}

// Count is the number of sections in the index.
func (x *Index) Count() int { return len(x.ids) }

// IDs are the section ids in the order Similarities answers in.
func (x *Index) IDs() []string { return x.ids }

// Embed embeds a query with the index's embedding function.
func (x *Index) Embed(ctx context.Context, text string) ([]float32, error) {
	return x.embed(ctx, text)
}

// Similarities returns the cosine similarity of every section to the
// normalized query vector, in the order of IDs.
func (x *Index) Similarities(ctx context.Context, query []float32) ([]float64, error) {
	out := make([]float64, len(x.ids))
	if len(x.ids) == 0 {
		return out, nil
	}
	if len(x.ids) > ScanLimit {
		return x.query(ctx, query, out)
	}
	return x.scan(query, out)
}

// Query returns the cosine similarity of every section to text, in the
// order of IDs: Similarities of text's embedding. With the local embedder
// (BuildLocal) it takes the query's non-zero dimensions from the embedder
// instead of building the whole vector and searching it for them.
func (x *Index) Query(ctx context.Context, text string) ([]float64, error) {
	if !x.sparse() {
		vec, err := x.Embed(ctx, text)
		if err != nil {
			return nil, err
		}
		return x.Similarities(ctx, vec)
	}
	return x.QueryTerms(ctx, text, embed.Terms(text))
}

// QueryTerms is Query of a text whose embed.Terms the caller has already:
// with the local embedder they are not made again.
func (x *Index) QueryTerms(ctx context.Context, text string, terms []string) ([]float64, error) {
	if !x.sparse() {
		return x.Query(ctx, text)
	}
	var dbuf [256]int32
	var vbuf [256]float32
	dims, vals := x.local.EmbedTermsSparse(terms, dbuf[:0], vbuf[:0])
	return x.sum(dims, vals, make([]float64, len(x.ids))), nil
}

// sparse reports whether queries read the local embedder's non-zero
// dimensions and scan the postings.
func (x *Index) sparse() bool {
	return x.local != nil && len(x.ids) > 0 && len(x.ids) <= ScanLimit
}

// scan computes the similarities itself, visiting only the dimensions
// where both the query and a document are not zero.
func (x *Index) scan(query []float32, out []float64) ([]float64, error) {
	for _, vec := range x.vecs {
		if len(vec) != len(query) {
			return nil, fmt.Errorf("index: query has %d dimensions, the index %d", len(query), len(vec))
		}
	}
	var dbuf [256]int32
	var vbuf [256]float32
	dims, vals := nonZero(query, dbuf[:0], vbuf[:0])
	return x.sum(dims, vals, out), nil
}

// sum computes the similarities from the query's non-zero dimensions, in
// increasing order, and their values. Each document's sum runs in the
// order of the dimensions, as a dot product over all of them would: the
// zeros it skips add nothing (to finite values, which a normalized query
// has).
func (x *Index) sum(dims []int32, vals []float32, out []float64) []float64 {
	// Vectors from other embedders may come unnormalized: cosine needs unit length.
	var norm float32
	for _, v := range vals {
		norm += v * v
	}
	scale := float32(1)
	if norm > 0 && (norm < 0.999 || norm > 1.001) {
		scale = 1 / float32(math.Sqrt(float64(norm)))
	}
	var sbuf [64]float32
	var sums []float32
	if n := len(x.vecs); n <= len(sbuf) {
		sums = sbuf[:n]
	} else {
		sums = make([]float32, n)
	}
	for k, d := range dims {
		v := vals[k]
		for _, p := range x.postings[x.starts[d]:x.starts[d+1]] {
			sums[p.doc] += v * p.v
		}
	}
	for d, s := range sums {
		out[d] = float64(s * scale)
	}
	return out
}

// nonZero appends the query's non-zero dimensions and their values to dims
// and vals, in order. A query touches a few dozen of thousands: it skips
// eight zeros at a time (a float's bits shifted past the sign are 0 for +0
// and -0 alone).
func nonZero(query []float32, dims []int32, vals []float32) ([]int32, []float32) {
	i := 0
	for ; i+8 <= len(query); i += 8 {
		q := query[i : i+8 : i+8]
		bits := math.Float32bits(q[0]) | math.Float32bits(q[1]) | math.Float32bits(q[2]) | math.Float32bits(q[3]) |
			math.Float32bits(q[4]) | math.Float32bits(q[5]) | math.Float32bits(q[6]) | math.Float32bits(q[7])
		if bits<<1 == 0 {
			continue
		}
		for j, v := range q {
			if v != 0 {
				dims, vals = append(dims, int32(i+j)), append(vals, v)
			}
		}
	}
	for ; i < len(query); i++ {
		if query[i] != 0 {
			dims, vals = append(dims, int32(i)), append(vals, query[i])
		}
	}
	return dims, vals
}

// query asks chromem-go for every document's similarity.
func (x *Index) query(ctx context.Context, query []float32, out []float64) ([]float64, error) {
	// chromem-go errors when asked for more results than it holds: n is the count.
	res, err := x.col.QueryEmbedding(ctx, query, len(x.ids), nil, nil)
	if err != nil {
		return nil, fmt.Errorf("index: query: %w", err)
	}
	for _, r := range res {
		if i, ok := x.pos[r.ID]; ok {
			out[i] = float64(r.Similarity)
		}
	}
	return out, nil
}

// LocalEmbedder is the local embedder fitted on the sections' texts: the
// coach's offline embedding, as the app builds it (BuildLocal; tests build
// theirs with it too, so they measure what runs).
func LocalEmbedder(secs []sections.Section) chromem.EmbeddingFunc {
	return fitLocal(secs).Func()
}

func fitLocal(secs []sections.Section) *embed.Local {
	texts := make([]string, len(secs))
	for i, s := range secs {
		texts[i] = s.Text
	}
	return embed.Fit(texts)
}
