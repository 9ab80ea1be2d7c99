package index

import (
	"bytes"
	"context"
	"math"
	"slices"
	"testing"

	"github.com/ladder/coach/corpus"
	"github.com/ladder/coach/internal/embed"
	"github.com/ladder/coach/internal/sections"
)

var secs = []sections.Section{
	{ID: "a/skills", Title: "A skills", Level: "a", Facet: "skills", Text: "Impact-Driven Prioritisation: stop reacting to requests."},
	{ID: "b/success", Title: "B success", Level: "b", Facet: "success", Text: "Other PMs grow faster under your guidance."},
	{ID: "c/role", Title: "C role", Level: "c", Facet: "role", Text: "Business Development & Partnerships: negotiating deals."},
}

func texts() []string {
	out := make([]string, len(secs))
	for i, s := range secs {
		out[i] = s.Title + "\n" + s.Text
	}
	return out
}

func TestBuildQueryExportLoad(t *testing.T) {
	ctx := context.Background()
	fn := embed.NewLocal(texts())
	x, err := Build(ctx, secs, fn)
	if err != nil {
		t.Fatal(err)
	}
	if x.Count() != 3 {
		t.Fatalf("count %d", x.Count())
	}
	q, _ := x.Embed(ctx, "negotiating partnership deals")
	sims, err := x.Similarities(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if len(sims) != 3 || sims[2] <= sims[0] || sims[2] <= sims[1] {
		t.Errorf("sims %v: c/role should be nearest", sims)
	}
	var buf bytes.Buffer
	if err := x.Export(&buf); err != nil {
		t.Fatal(err)
	}
	y, err := Load(ctx, bytes.NewReader(buf.Bytes()), fn, x.IDs())
	if err != nil {
		t.Fatal(err)
	}
	sims2, _ := y.Similarities(ctx, q)
	for i, v := range sims {
		if d := v - sims2[i]; d > 1e-6 || d < -1e-6 {
			t.Errorf("%s: %v after load; want %v", x.IDs()[i], sims2[i], v)
		}
	}
	if _, err := Load(ctx, bytes.NewReader([]byte("not a snapshot")), fn, x.IDs()); err == nil {
		t.Error("want an error for a bad snapshot")
	}
}

func TestEmptyIndex(t *testing.T) {
	x, err := Build(context.Background(), nil, embed.NewLocal(nil))
	if err != nil {
		t.Fatal(err)
	}
	sims, err := x.Similarities(context.Background(), make([]float32, embed.Dims))
	if err != nil || len(sims) != 0 {
		t.Errorf("empty index: %v %v", sims, err)
	}
}

func TestNonZero(t *testing.T) {
	negZero := float32(math.Copysign(0, -1))
	nan := float32(math.NaN())
	for _, tc := range []struct {
		name  string
		query []float32
		want  []int
	}{
		{"empty", nil, nil},
		{"zeros", make([]float32, 16), nil},
		{"negative zeros", []float32{negZero, 0, negZero, 0, 0, 0, 0, negZero, negZero}, nil},
		{"first and last of a block", []float32{1, 0, 0, 0, 0, 0, 0, -2}, []int{0, 7}},
		{"beside a negative zero", []float32{0, negZero, 0, 0, 0, 0, 0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0}, []int{6}},
		{"not a number", []float32{0, 0, 0, nan, 0, 0, 0, 0}, []int{3}},
		{"the tail after the blocks", []float32{0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0}, []int{9}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []int
			dims, vals := nonZero(tc.query, nil, nil)
			for k, d := range dims {
				if v := vals[k]; v != tc.query[d] && !math.IsNaN(float64(v)) {
					t.Errorf("dimension %d: value %v, want %v", d, v, tc.query[d])
				}
				got = append(got, int(d))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("nonZero = %v, want %v", got, tc.want)
			}
		})
	}
}

// denseScan is scan as first written: every document's dot product over
// the query's non-zero dimensions. scan must agree with it to the bit.
func denseScan(vecs [][]float32, query []float32) []float64 {
	var norm float32
	for _, v := range query {
		if v != 0 {
			norm += v * v
		}
	}
	scale := float32(1)
	if norm > 0 && (norm < 0.999 || norm > 1.001) {
		scale = 1 / float32(math.Sqrt(float64(norm)))
	}
	out := make([]float64, len(vecs))
	for d, vec := range vecs {
		var s float32
		for i, v := range query {
			if v != 0 {
				s += v * vec[i]
			}
		}
		out[d] = float64(s * scale)
	}
	return out
}

func TestScanAgreesWithDenseDotProducts(t *testing.T) {
	ctx := context.Background()
	for _, n := range []int{38, 100} { // on the stack, and beyond it
		all := synthetic(n)
		x, err := Build(ctx, all, LocalEmbedder(all))
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"", "stakeholder management and roadmaps", "zzz unknown words", all[3].Text} {
			vec, _ := x.Embed(ctx, q)
			half := slices.Clone(vec) // unnormalized: scan scales it
			for i := range half {
				half[i] /= 2
			}
			for _, v := range [][]float32{vec, half} {
				got, err := x.Similarities(ctx, v)
				if err != nil {
					t.Fatal(err)
				}
				if want := denseScan(x.vecs, v); !slices.Equal(got, want) {
					t.Fatalf("%d sections, %q: scan %v, want %v", n, q, got[:3], want[:3])
				}
			}
		}
	}
	x, _ := Build(ctx, synthetic(3), LocalEmbedder(synthetic(3)))
	if _, err := x.Similarities(ctx, make([]float32, 10)); err == nil {
		t.Error("want an error for a query of the wrong size")
	}
}

// TestQueryAgreesWithSimilarities: Query of a text, sparse with the local
// embedder, is Similarities of its embedding to the bit, and so is it with
// any other embedder; so is QueryTerms given the text's terms.
func TestQueryAgreesWithSimilarities(t *testing.T) {
	ctx := context.Background()
	real, err := sections.Split(corpus.Article)
	if err != nil {
		t.Fatal(err)
	}
	for _, all := range [][]sections.Section{real, synthetic(100)} {
		sparse, err := BuildLocal(ctx, all)
		if err != nil {
			t.Fatal(err)
		}
		dense, err := Build(ctx, all, LocalEmbedder(all))
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"", "?!", "stakeholder management and roadmaps", "roadmaps roadmaps roadmaps",
			"zzz unknown words", "What does a senior PM do day to day?", all[3].Text, all[0].Text + all[1].Text} {
			vec, _ := sparse.Embed(ctx, q)
			want, err := sparse.Similarities(ctx, vec)
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range []*Index{sparse, dense} {
				got, err := x.Query(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(got, want) {
					t.Fatalf("%d sections, %q (sparse %v): Query %v, want %v", len(all), q, x.local != nil, got[:3], want[:3])
				}
				if got, _ := x.QueryTerms(ctx, q, embed.Terms(q)); !slices.Equal(got, want) {
					t.Fatalf("%d sections, %q (sparse %v): QueryTerms %v, want %v", len(all), q, x.local != nil, got[:3], want[:3])
				}
			}
		}
	}
}
