package embed

import (
	"context"
	"math"
	"testing"
)

var corpus = []string{
	"Impact-Driven Prioritisation: Stop reacting to requests, start prioritising based on value.",
	"Stakeholder Management: Align early, update often, and learn to say no respectfully.",
	"Writing and refining user stories. Managing tickets and sprint boards.",
	"You represent product in board meetings, fundraising pitches, and external partnerships.",
}

func TestEmbedNormalizedAndDeterministic(t *testing.T) {
	l := Fit(corpus)
	for _, text := range []string{"", "prioritisation", "How do I manage stakeholders?", "€€€ ??? \x00"} {
		a, b := l.Embed(text), l.Embed(text)
		if len(a) != Dims {
			t.Fatalf("len %d; want %d", len(a), Dims)
		}
		var n float64
		for i := range a {
			if a[i] != b[i] {
				t.Fatalf("%q: not deterministic", text)
			}
			n += float64(a[i]) * float64(a[i])
		}
		if math.Abs(n-1) > 1e-5 {
			t.Errorf("%q: norm² %v; want 1", text, n)
		}
	}
	v, err := NewLocal(corpus)(context.Background(), "x")
	if err != nil || len(v) != Dims {
		t.Fatalf("NewLocal func: %v %d", err, len(v))
	}
}

// A question should land nearest the text that answers it, across word
// forms, spellings and the domain's synonyms.
func TestEmbedNearest(t *testing.T) {
	l := Fit(corpus)
	docs := make([][]float32, len(corpus))
	for i, c := range corpus {
		docs[i] = l.Embed(c)
	}
	tests := []struct {
		q    string
		want int
	}{
		{"how should I prioritize requests?", 0},
		{"managing stakeholders and saying no", 1},
		{"user story writing and sprint tickets", 2},
		{"does the VP present to the board?", 3},
	}
	for _, tt := range tests {
		q := l.Embed(tt.q)
		best, bi := -2.0, -1
		for i, d := range docs {
			if s := Cosine(q, d); s > best {
				best, bi = s, i
			}
		}
		if bi != tt.want {
			t.Errorf("%q nearest %d; want %d", tt.q, bi, tt.want)
		}
	}
}

func TestTerms(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Prioritisation", []string{"priorit"}},
		{"prioritization", []string{"priorit"}},
		{"What are the duties?", []string{"respons"}},
		{"day-to-day", []string{"respons"}},
		{"Organisational design", []string{"organiz", "design"}},
		{"the and of", nil},
		{"too late? lol tbh", []string{"late"}}, // chat fillers carry no subject
	}
	for _, tt := range tests {
		got := Terms(tt.in)
		if len(got) != len(tt.want) {
			t.Errorf("Terms(%q) = %q; want %q", tt.in, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("Terms(%q) = %q; want %q", tt.in, got, tt.want)
			}
		}
	}
}

func BenchmarkEmbed(b *testing.B) {
	l := Fit(corpus)
	b.ReportAllocs()
	for b.Loop() {
		l.Embed("What skills do I need to move from Senior PM to Director?")
	}
}

// TestEmbedSparse: EmbedSparse lists Embed's non-zero dimensions in order,
// with their values to the bit, after what the buffers held.
func TestEmbedSparse(t *testing.T) {
	l := Fit(corpus)
	for _, text := range append([]string{"", "€€€ ??? \x00", "roadmaps roadmaps roadmaps", "Stakeholder stakeholder management management"}, corpus...) {
		vec := l.Embed(text)
		dims, vals := l.EmbedSparse(text, []int32{-1}, []float32{-1})
		if dims[0] != -1 || vals[0] != -1 || len(dims) != len(vals) {
			t.Fatalf("%q: buffers %v %v", text, dims[:1], vals[:1])
		}
		dims, vals = dims[1:], vals[1:]
		k := 0
		for i, v := range vec {
			if v == 0 {
				continue
			}
			if k == len(dims) || dims[k] != int32(i) || math.Float32bits(vals[k]) != math.Float32bits(v) {
				t.Fatalf("%q: dimension %d (%v) missing or different at %d", text, i, v, k)
			}
			k++
		}
		if k != len(dims) {
			t.Fatalf("%q: %d dimensions, want %d", text, len(dims), k)
		}
	}
}
