// Package embed holds the embedding functions: the local, offline,
// deterministic one the coach uses by default, and a cached remote one.
//
// It knows nothing about sections, the ladder or transports: it turns text
// into normalized vectors.
package embed

import (
	"context"
	"hash/fnv"
	"math"
	"strings"

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
	v := make([]float64, Dims)
	terms := Terms(text)
	tf := map[string]float64{}
	for _, t := range terms {
		tf[t]++
	}
	for t, c := range tf {
		w := wordWeight * (1 + math.Log(c)) * l.IDF(t)
		add(v, "w:"+t, w)
		if len(t) >= 5 {
			padded := "<" + t + ">"
			for i := 0; i+3 <= len(padded); i++ {
				add(v, "c:"+padded[i:i+3], trigramWeight*w/float64(len(padded)-2))
			}
		}
	}
	for i := 0; i+1 < len(terms); i++ {
		w := bigramWeight * math.Sqrt(l.IDF(terms[i])*l.IDF(terms[i+1]))
		add(v, "b:"+terms[i]+"_"+terms[i+1], w)
	}
	var norm float64
	for _, x := range v {
		norm += x * x
	}
	out := make([]float32, Dims)
	if norm == 0 {
		out[0] = 1
		return out
	}
	norm = math.Sqrt(norm)
	for i, x := range v {
		out[i] = float32(x / norm)
	}
	return out
}

func add(v []float64, feature string, w float64) {
	h := fnv.New64a()
	h.Write([]byte(feature))
	s := h.Sum64()
	i := int(s % Dims)
	if s>>63 == 1 {
		w = -w
	}
	v[i] += w
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
	text = strings.ToLower(text)
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, strings.Trim(b.String(), "&'"))
			b.Reset()
		}
	}
	for _, r := range text {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '&':
			b.WriteRune(r)
		case r == '\'' || r == '’':
			// "don't" -> "dont"; "pm's" -> "pms"
		case r >= 0xC0 && r < 0x250:
			b.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	res := out[:0]
	for _, t := range out {
		if t != "" {
			res = append(res, t)
		}
	}
	return res
}
