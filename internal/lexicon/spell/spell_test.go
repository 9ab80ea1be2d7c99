package spell

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// osa is the textbook full-matrix optimal string alignment distance, the
// reference Distance is checked against.
func osa(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		max  int
		want int
	}{
		{"assocaite", "associate", 2, 1}, // transposition
		{"stakeholdr", "stakeholder", 2, 1},
		{"prioritisaton", "prioritisation", 2, 1},
		{"kitten", "sitting", 3, 3},
		{"kitten", "sitting", 2, 3}, // over the bound: max+1
		{"ca", "abc", 3, 3},         // OSA, not unrestricted Damerau (2)
		{"", "abc", 3, 3},
		{"abc", "", 1, 2},
		{"same", "same", 0, 0},
		{"lead", "leads", 0, 1},
		{"strategy", "stratgey", 1, 1},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b, tt.max); got != tt.want {
			t.Errorf("Distance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.max, got, tt.want)
		}
	}
}

// TestDistanceMatchesReference compares the banded, bounded distance with
// the full matrix on random words over a small alphabet, where edits of
// every kind are common.
func TestDistanceMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = "abcd"[r.IntN(4)]
		}
		return string(b)
	}
	for range 20000 {
		a, b, max := word(), word(), r.IntN(4)
		want := min(osa(a, b), max+1)
		if got := Distance(a, b, max); got != want {
			t.Fatalf("Distance(%q, %q, %d) = %d, want %d", a, b, max, got, want)
		}
	}
}

func TestBases(t *testing.T) {
	tests := []struct {
		word string
		want []string // must be among the candidates
	}{
		{"leads", []string{"lead"}},
		{"companies", []string{"company"}},
		{"studied", []string{"study"}},
		{"planned", []string{"plan"}},
		{"managing", []string{"manage"}},
		{"pushes", []string{"push"}},
		{"bigger", []string{"big"}},
		{"wider", []string{"wide"}},
		{"salesmen", []string{"salesman"}},
	}
	for _, tt := range tests {
		var got []string
		it := NewBases(tt.word)
		for b, _, ok := it.Next(); ok; b, _, ok = it.Next() {
			got = append(got, string(b))
		}
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("Bases(%q) = %v, want %q among them", tt.word, got, w)
			}
		}
	}
	it := NewBases("be")
	if b, _, ok := it.Next(); ok {
		t.Errorf("Bases(\"be\") offered %q", b)
	}
}

func TestSpeller(t *testing.T) {
	// "product" is preferred over "produce", which is known but no target
	// of a tie; "lead" and "load" are both a letter from "leod".
	s := New([]string{"product", "lead", "load", "stakeholder", "associate", "strategy", "team"}, []string{"manger", "produce"})
	tests := []struct {
		word    string
		want    string
		changed bool
	}{
		{"stakeholdr", "stakeholder", true},
		{"assocaite", "associate", true},
		{"stratgey", "strategy", true},
		{"prodcut", "product", true},
		{"leod", "lead", true},                // tie with "load": the earlier word wins
		{"teams", "teams", false},             // an inflection of a known word
		{"manger", "manger", false},           // a known word is never changed
		{"tem", "tem", false},                 // 3 letters: never
		{"stakehlodrs", "stakehlodrs", false}, // 3 edits away
		{"Product", "Product", false},         // not lower case
		{"elephant", "elephant", false},       // nothing near
	}
	for _, tt := range tests {
		got, changed := s.Correct(tt.word)
		if got != tt.want || changed != tt.changed {
			t.Errorf("Correct(%q) = %q, %v; want %q, %v", tt.word, got, changed, tt.want, tt.changed)
		}
	}
}

func TestCompound(t *testing.T) {
	s := New([]string{"users", "user", "base", "prioritize", "startups", "team", "product", "strategy", "strategic", "strategies"}, []string{"mate", "prod", "cut"})
	tests := []struct {
		word    string
		want    string
		changed bool
	}{
		{"userbase", "userbase", false},         // "user" + "base", though 2 edits from "users"
		{"prodcut", "product", true},            // "prod" + "cut": parts too short to trust
		{"deprioritize", "deprioritize", false}, // "de" + a known word
		{"strategize", "strategize", false},     // "strategy" made a verb
		{"strategizing", "strategizing", false},
		{"teammates", "teammates", false},  // "team" + "mates", an inflection of "mate"
		{"prioritzie", "prioritize", true}, // no known parts: a typo
		{"startupz", "startups", true},
	}
	for _, tt := range tests {
		got, changed := s.Correct(tt.word)
		if got != tt.want || changed != tt.changed {
			t.Errorf("Correct(%q) = %q, %v; want %q, %v", tt.word, got, changed, tt.want, tt.changed)
		}
	}
}

// TestNearestMatchesScan checks the deletion index against a plain scan of
// the vocabulary on random words and their random misspellings.
func TestNearestMatchesScan(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	letters := "abcdefgh"
	var vocab []string
	for range 400 {
		b := make([]byte, 2+r.IntN(10))
		for i := range b {
			b[i] = letters[r.IntN(len(letters))]
		}
		vocab = append(vocab, string(b))
	}
	s := New(vocab, nil)
	for range 5000 {
		w := []byte(vocab[r.IntN(len(vocab))])
		for range 1 + r.IntN(3) {
			i := r.IntN(len(w))
			switch r.IntN(4) {
			case 0:
				w[i] = letters[r.IntN(len(letters))]
			case 1:
				w = append(w[:i], w[i+1:]...)
			case 2:
				w = slices.Insert(w, i, letters[r.IntN(len(letters))])
			case 3:
				if i+1 < len(w) {
					w[i], w[i+1] = w[i+1], w[i]
				}
			}
			if len(w) == 0 {
				w = []byte("a")
			}
		}
		word := string(w)
		want, wantD := "", MaxDistance(len(word))+1
		for _, v := range s.Words() {
			if v == word {
				continue
			}
			if d := Distance(word, v, MaxDistance(len(word))); d < wantD {
				want, wantD = v, d
			}
		}
		got, gotD, ok := s.Nearest(word)
		if want == "" || MaxDistance(len(word)) == 0 {
			if ok {
				t.Fatalf("Nearest(%q) = %q, want none", word, got)
			}
			continue
		}
		if !ok || got != want || gotD != wantD {
			t.Fatalf("Nearest(%q) = %q, %d, %v; want %q, %d", word, got, gotD, ok, want, wantD)
		}
	}
}

func TestMaxDistance(t *testing.T) {
	for n, want := range map[int]int{0: 0, 3: 0, 4: 1, 7: 1, 8: 2, 20: 2} {
		if got := MaxDistance(n); got != want {
			t.Errorf("MaxDistance(%d) = %d, want %d", n, got, want)
		}
	}
}

func TestCorrectAllocatesNothing(t *testing.T) {
	s := New([]string{"stakeholder", "associate"}, nil)
	if n := testing.AllocsPerRun(100, func() { s.Correct("stakeholdr"); s.Correct("elephants") }); n != 0 {
		t.Errorf("Correct allocates %v times per call", n)
	}
}

// A word longer than MaxWordLen is left alone: its deletions would cost
// quadratically in its length (a 4,000-letter "word" took minutes).
func TestCorrectLeavesLongWordsAlone(t *testing.T) {
	s := New([]string{"associate", "stakeholder"}, nil)
	for _, w := range []string{"assocaite", string(make([]byte, 0)) + "stakeholdr"} {
		if _, ok := s.Correct(w); !ok {
			t.Errorf("Correct(%q) left it alone", w)
		}
	}
	long := make([]byte, 4000)
	for i := range long {
		long[i] = 'a'
	}
	for _, w := range []string{string(long), string(long[:MaxWordLen+1])} {
		if got, ok := s.Correct(w); ok || got != w {
			t.Errorf("Correct(%d letters) = %d letters, %v", len(w), len(got), ok)
		}
	}
}
