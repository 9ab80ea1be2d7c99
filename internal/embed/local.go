// Package embed holds the embedding functions: the local, offline,
// deterministic one the coach uses by default, and a cached remote one.
//
// It knows nothing about sections, the ladder or transports: it turns text
// into normalized vectors.
package embed

import (
	"context"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	chromem "github.com/philippgille/chromem-go"
)

// Dims is the size of the local embedding vectors.
const Dims = 2048

// Feature weights: whole words carry the meaning, word pairs the phrasing,
// character trigrams catch typos and word forms the stemmer misses.
const (
	wordWeight    = 1.0
	bigramWeight  = 0.5
	trigramWeight = 0.15
)

// Local is a hashed bag-of-features embedder: stemmed words with the domain's
// synonyms folded in, weighted by inverse document frequency over the
// corpus, plus word pairs and character trigrams, hashed into Dims buckets
// with a sign bit and L2-normalized. It is deterministic and needs no network.
type Local struct {
	idf     map[string]float64
	unknown float64 // idf of a word the corpus never uses
}

// NewLocal returns the local embedding function fitted on the corpus texts.
func NewLocal(corpus []string) chromem.EmbeddingFunc {
	return Fit(corpus).Func()
}

// Fit fits term weights on the corpus texts (one text a document).
func Fit(corpus []string) *Local {
	df := map[string]int{}
	for _, t := range corpus {
		seen := map[string]bool{}
		for _, w := range Terms(t) {
			if !seen[w] {
				seen[w] = true
				df[w]++
			}
		}
	}
	n := float64(len(corpus))
	l := &Local{idf: make(map[string]float64, len(df)), unknown: math.Log(1 + n/0.5)}
	for w, d := range df {
		l.idf[w] = math.Log(1 + n/float64(d))
	}
	return l
}

// Func returns the embedder as a chromem-go embedding function.
func (l *Local) Func() chromem.EmbeddingFunc {
	return func(_ context.Context, text string) ([]float32, error) {
		return l.Embed(text), nil
	}
}

// Known reports whether the corpus uses the (stemmed) term.
func (l *Local) Known(term string) bool {
	_, ok := l.idf[term]
	return ok
}

// IDF is the weight of a stemmed term.
func (l *Local) IDF(term string) float64 {
	if v, ok := l.idf[term]; ok {
		return v
	}
	return l.unknown
}

// Embed returns the normalized vector of text. An empty text gives a zero
// vector's stand-in: a unit vector on bucket 0, so similarities stay defined.
func (l *Local) Embed(text string) []float32 {
	acc, norm := l.accumulate(Terms(text))
	defer acc.reset()
	out := make([]float32, Dims)
	if norm == 0 {
		out[0] = 1
		return out
	}
	for _, i := range acc.touched {
		out[i] = float32(acc.v[i] / norm)
	}
	return out
}

// EmbedSparse is Embed's vector given by its non-zero dimensions, in
// increasing order, and their values, appended to dims and vals: a query
// touches a few dozen of Dims buckets, and an index reading only those
// need not build, clear and scan the whole vector.
func (l *Local) EmbedSparse(text string, dims []int32, vals []float32) ([]int32, []float32) {
	return l.EmbedTermsSparse(Terms(text), dims, vals)
}

// EmbedTermsSparse is EmbedSparse of a text given by its Terms, for a
// caller that has them already: they are most of an embedding's cost.
func (l *Local) EmbedTermsSparse(terms []string, dims []int32, vals []float32) ([]int32, []float32) {
	acc, norm := l.accumulate(terms)
	defer acc.reset()
	if norm == 0 {
		return append(dims, 0), append(vals, 1)
	}
	// A bucket whose sum came back to zero is touched again when added to.
	slices.Sort(acc.touched)
	for k, i := range acc.touched {
		if k > 0 && i == acc.touched[k-1] {
			continue
		}
		if v := float32(acc.v[i] / norm); v != 0 {
			dims, vals = append(dims, int32(i)), append(vals, v)
		}
	}
	return dims, vals
}

// accumulate sums the feature weights of a text's terms into a pooled
// accumulator, and returns it (the caller resets it) with the vector's
// length, 0 for none.
func (l *Local) accumulate(terms []string) (*accumulator, float64) {
	acc := accPool.Get().(*accumulator)
	var ubuf [32]termCount
	var abuf [64]int
	uniq, at := l.distinct(terms, ubuf[:0], abuf[:0])
	for _, u := range uniq {
		t := u.term
		w := wordWeight * (1 + math.Log(float64(u.count))) * u.idf
		acc.add(hash('w', t, "", ""), w)
		if len(t) >= 5 {
			// Trigrams of "<term>", the brackets marking its ends.
			tw := trigramWeight * w / float64(len(t))
			acc.add(hash('c', "<", t[:2], ""), tw)
			for i := 0; i+3 <= len(t); i++ {
				acc.add(hash('c', t[i:i+3], "", ""), tw)
			}
			acc.add(hash('c', t[len(t)-2:], ">", ""), tw)
		}
	}
	for i := 0; i+1 < len(terms); i++ {
		w := bigramWeight * math.Sqrt(uniq[at[i]].idf*uniq[at[i+1]].idf)
		acc.add(hash('b', terms[i], "_", terms[i+1]), w)
	}
	var norm float64
	for _, i := range acc.touched {
		norm += acc.v[i] * acc.v[i]
	}
	return acc, math.Sqrt(norm)
}

// termCount is a distinct term of a text, how often it comes and its idf.
type termCount struct {
	term  string
	count int
	idf   float64
}

// distinct lists the distinct terms in order of first appearance, so the
// sums run in the same order every time (the vector is deterministic to the
// last bit), and at[i] is terms[i]'s place in it, both appended to the
// buffers given. A query has a handful of terms: looking back through them
// beats a map, which long texts get.
func (l *Local) distinct(terms []string, uniq []termCount, at []int) ([]termCount, []int) {
	var pos map[string]int
	if len(terms) > 32 {
		pos = make(map[string]int, len(terms))
	}
	find := func(t string) int {
		if pos == nil {
			return slices.IndexFunc(uniq, func(u termCount) bool { return u.term == t })
		}
		if j, ok := pos[t]; ok {
			return j
		}
		return -1
	}
	for _, t := range terms {
		j := find(t)
		if j < 0 {
			j = len(uniq)
			uniq = append(uniq, termCount{term: t, idf: l.IDF(t)})
			if pos != nil {
				pos[t] = j
			}
		}
		uniq[j].count++
		at = append(at, j)
	}
	return uniq, at
}

// accumulator sums feature weights into buckets, remembering which it
// touched so that reading and clearing it skip the untouched rest.
type accumulator struct {
	v       []float64
	touched []int
}

var accPool = sync.Pool{New: func() any { return &accumulator{v: make([]float64, Dims)} }}

// add puts weight w on the feature's bucket, with the sign its hash gives.
func (a *accumulator) add(h uint64, w float64) {
	if h>>63 == 1 {
		w = -w
	}
	i := int(h % Dims)
	if a.v[i] == 0 {
		a.touched = append(a.touched, i)
	}
	a.v[i] += w
}

func (a *accumulator) reset() {
	for _, i := range a.touched {
		a.v[i] = 0
	}
	a.touched = a.touched[:0]
	accPool.Put(a)
}

// hash is FNV-1a (64-bit) of a feature: its kind byte, then a and b, without
// building the feature's string.
func hash(kind byte, a, b, c string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	h = (h ^ uint64(kind)) * prime
	h = (h ^ ':') * prime
	for i := 0; i < len(a); i++ {
		h = (h ^ uint64(a[i])) * prime
	}
	for i := 0; i < len(b); i++ {
		h = (h ^ uint64(b[i])) * prime
	}
	for i := 0; i < len(c); i++ {
		h = (h ^ uint64(c[i])) * prime
	}
	return h
}

// Cosine is the dot product of two normalized vectors.
func Cosine(a, b []float32) float64 {
	var s float64
	for i := range a {
		if i < len(b) {
			s += float64(a[i]) * float64(b[i])
		}
	}
	return s
}

// Tokens splits text into lower-case words, quotes and dashes straightened,
// keeping "r&d" and "p&l" whole.
func Tokens(text string) []string {
	return tokens(strings.ToLower(text))
}

// tokens is Tokens of a text already in lower case (lower-casing twice
// changes nothing).
func tokens(text string) []string {
	// About a token every six bytes: appends seldom grow the slice.
	out := make([]string, 0, len(text)/6+1)
	eachToken(text, func(t string) { out = append(out, t) })
	return out
}

// eachToken calls fn with each token of a lower-case text, in order.
func eachToken(text string, fn func(string)) {
	// A token is a slice of text, or, once an apostrophe inside it has been
	// dropped, the bytes gathered in b.
	start, dropped := -1, false
	var b []byte
	emit := func(end int) {
		if start < 0 {
			return
		}
		t := text[start:end]
		if dropped {
			t = string(b)
		}
		if t[0] == '&' || t[len(t)-1] == '&' {
			t = strings.Trim(t, "&")
		}
		if t != "" {
			fn(t)
		}
		start, dropped = -1, false
	}
	for i, r := range text {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '&', r >= 0xC0 && r < 0x250:
			if start < 0 {
				start = i
			}
			if dropped {
				b = utf8.AppendRune(b, r)
			}
		case r == '\'' || r == '’':
			// "don't" -> "dont"; "pm's" -> "pms"
			if start >= 0 && !dropped {
				dropped, b = true, append(b[:0], text[start:i]...)
			}
		default:
			emit(i)
		}
	}
	emit(len(text))
}
