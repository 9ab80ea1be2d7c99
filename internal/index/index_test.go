package index

import (
	"bytes"
	"context"
	"testing"

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
