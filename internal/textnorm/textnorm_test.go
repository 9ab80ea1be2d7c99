package textnorm

import (
	"math/rand/v2"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  What’s   a **Senior** PM?\n", "what's a senior pm?"},
		{"“Quoted” — text\tand ‘more’", `"quoted" - text and 'more'`},
		{"snake_case and `code`", "snakecase and code"},
		{"Already folded", "already folded"},
		{"Impact-Driven Prioritisation", "impact-driven prioritisation"},
		{"A – B — C", "a - b - c"},
		{"**Bold** _under_ `code`", "bold under code"},
		{"  many \t spaces\n\nand lines  ", "many spaces and lines"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Fold(Fold(tt.in)); got != Fold(tt.in) {
			t.Errorf("Fold is not idempotent on %q: %q", tt.in, got)
		}
	}
}

// Fold's one pass over an ASCII text gives what folding any text gives.
func TestFoldASCII(t *testing.T) {
	const alphabet = "aZ *_`-'\"?\t\n\v\f\r\x00~"
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		b := make([]byte, rng.IntN(12))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		if got, want := Fold(string(b)), foldAny(string(b)); got != want {
			t.Fatalf("Fold(%q) = %q; foldAny gives %q", b, got, want)
		}
	}
}

func BenchmarkFold(b *testing.B) {
	for b.Loop() {
		Fold("What’s the difference between a “Senior PM” and a Director — really?")
	}
}
