package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ladder/coach/corpus"
	"github.com/ladder/coach/internal/embed"
	"github.com/ladder/coach/internal/sections"
)

// synthetic makes n sections of article-like text: each a shuffle of 60
// words drawn from the article, so vectors look like the real ones.
func synthetic(n int) []sections.Section {
	words := strings.Fields(corpus.Article)
	r := rand.New(rand.NewPCG(1, 2))
	out := make([]sections.Section, n)
	for i := range out {
		var b strings.Builder
		for j := 0; j < 60; j++ {
			b.WriteString(words[r.IntN(len(words))])
			b.WriteByte(' ')
		}
		out[i] = sections.Section{ID: fmt.Sprint("s", i), Title: fmt.Sprint("Section ", i), Level: "x", Facet: "y", Text: b.String()}
	}
	return out
}

// BenchmarkSimilarities measures one query over the real article's 38
// sections and over synthetic corpora 10x and 100x as large, through the
// index's own sparse scan and through chromem-go's parallel query.
func BenchmarkSimilarities(b *testing.B) {
	ctx := context.Background()
	real, err := sections.Split(corpus.Article)
	if err != nil {
		b.Fatal(err)
	}
	n := len(real)
	for _, size := range []int{n, 10 * n, 100 * n} {
		secs := real
		if size != n {
			secs = synthetic(size)
		}
		texts := make([]string, len(secs))
		for i, s := range secs {
			texts[i] = s.Text
		}
		fn := embed.NewLocal(texts)
		x, err := Build(ctx, secs, fn)
		if err != nil {
			b.Fatal(err)
		}
		q, _ := fn(ctx, "What should I build to become a Senior PM?")
		b.Run(fmt.Sprintf("scan/%d", size), func(b *testing.B) {
			out := make([]float64, size)
			for b.Loop() {
				if _, err := x.scan(q, out); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("chromem/%d", size), func(b *testing.B) {
			out := make([]float64, size)
			for b.Loop() {
				if _, err := x.query(ctx, q, out); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
