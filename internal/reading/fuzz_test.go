package reading

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/ladder/coach/internal/llmtest"
	"github.com/ladder/coach/internal/retrieve"
)

// FuzzDecode: any reply decodes without a panic, and what decodes passes
// the ladder's checks.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		`{"levels":[{"id":"mid","role":"self"},{"id":"senior","role":"target"}],"facet":"skills","transition":true,"scope":"in","nearby":""}`,
		"```json\n{\"levels\":[],\"scope\":\"nearby\",\"nearby\":\"tools\"}\n```",
		`{"levels":[{"id":"cto","role":"about"}],"scope":"in"}`,
		`{"levels":null,"scope":"smalltalk","topics":["ic","compare"]}`,
		"```", "{", `{"levels":[],"scope":"in"} {}`, "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, reply string) {
		rd, err := Decode(reply)
		if err == nil {
			if verr := rd.Validate(); verr != nil {
				t.Fatalf("Decode(%q) accepted a reading that fails Validate: %v", reply, verr)
			}
		}
	})
}

// BenchmarkReadingOverhead is what the LLM's reading adds to a retrieval,
// the model's own time aside: the request to an upstream answering at once,
// strict decoding, the checks and the merge.
func BenchmarkReadingOverhead(b *testing.B) {
	base := newBase(b)
	u := llmtest.Start(b, llmtest.Options{Pieces: []string{`{"levels":[{"id":"vp","role":"other"},{"id":"senior","role":"self"}],"facet":"skills","transition":false,"scope":"in","nearby":""}`}})
	x := NewRetriever(base, New(client(u), 5*time.Second), slog.New(slog.DiscardHandler))
	var obs outcomes
	x.Observer = &obs
	q := "we hired a vp last month and I want to impress her, any tips on roadmaps?"
	h := []retrieve.Turn{{Role: "user", Content: "I'm a senior PM at a fintech."}}
	ctx := context.Background()
	b.Run("offline", func(b *testing.B) {
		for b.Loop() {
			if _, err := base.Retrieve(ctx, q, h); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("with-reading", func(b *testing.B) {
		for b.Loop() {
			if _, err := x.Retrieve(ctx, q, h); err != nil {
				b.Fatal(err)
			}
		}
		if obs[len(obs)-1] != retrieve.ReadingUsed {
			b.Fatalf("reading %s, want it used", obs[len(obs)-1])
		}
	})
	b.Run("decode", func(b *testing.B) {
		reply := `{"levels":[{"id":"vp","role":"other"},{"id":"senior","role":"self"}],"facet":"skills","transition":false,"scope":"in","nearby":""}`
		for b.Loop() {
			if _, err := Decode(reply); err != nil {
				b.Fatal(err)
			}
		}
	})
}
