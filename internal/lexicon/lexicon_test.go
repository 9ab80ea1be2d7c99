package lexicon

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestRelated checks everyday words against the article words WordNet
// gives for them, each checked by hand as a sensible reading. first is the
// word that must come first; has are words that must be among the rest.
func TestRelated(t *testing.T) {
	tests := []struct {
		word  string
		first string
		has   []string
	}{
		{"led", "lead", []string{"guide"}}, // irregular past (verb.exc)
		{"leading", "lead", nil},           // regular inflection of an article word
		{"duties", "responsibility", []string{"role", "task"}},
		{"duty", "responsibility", nil},
		{"objectives", "goal", nil},
		{"aim", "intention", []string{"goal"}},
		{"colleague", "associate", nil},
		{"colleagues", "associate", nil}, // inflection undone at run time
		{"buyer", "customer", nil},
		{"unclear", "ambiguous", nil},
		{"accountable", "accountability", []string{"responsible"}},
		{"seniority", "senior", nil},
		{"persuade", "persuasion", []string{"influence"}},
		{"supervise", "oversee", nil},
		{"supervises", "oversee", nil},
		{"speak", "talk", nil},
		{"firm", "business", nil},
		{"organization", "organisation", []string{"structure"}}, // American spelling, British article
		{"mentoring", "mentor", nil},
		{"promotion", "promote", nil},
		{"involvement", "involving", nil},
		{"tradeoff", "trade-offs", nil},
		{"difficult", "complex", []string{"tough"}},
		{"find out", "learn", []string{"discovery"}}, // a collocation
		{"figure out", "solve", []string{"understand"}},
		{"designer", "designers", []string{"design"}},
	}
	for _, tt := range tests {
		got := Related(tt.word)
		if len(got) == 0 || got[0] != tt.first {
			t.Errorf("Related(%q) = %v, want %q first", tt.word, got, tt.first)
			continue
		}
		for _, w := range tt.has {
			if !slices.Contains(got, w) {
				t.Errorf("Related(%q) = %v, want %q among them", tt.word, got, w)
			}
		}
	}
}

// TestRelatedNot holds what the table must not say: opposites (WordNet's
// antonyms are never followed), generic words that stand for nothing, and
// rare senses of everyday words.
func TestRelatedNot(t *testing.T) {
	tests := []struct {
		word string
		not  []string
	}{
		{"junior", []string{"senior"}},
		{"senior", []string{"junior"}},
		{"clarity", []string{"ambiguity", "ambiguous"}},
		{"make", []string{"make"}},
		{"boss", []string{"hiring"}},   // not through "hirer"
		{"animal", []string{"create"}}, // not through "creature"
		{"plant", []string{"works"}},   // the article's "works" is a verb
		{"cold", []string{"cutting"}},  // nor is its "cutting" an adjective
		{"soldier", []string{"serve"}}, // the verb is a rare sense of "soldier"
	}
	for _, tt := range tests {
		got := Related(tt.word)
		for _, w := range tt.not {
			if slices.Contains(got, w) {
				t.Errorf("Related(%q) = %v, must not have %q", tt.word, got, w)
			}
		}
	}
	for _, w := range []string{"make", "take", "get", "zzzz", "", "Leading"} {
		if got := Related(w); got != nil {
			t.Errorf("Related(%q) = %v, want nil", w, got)
		}
	}
}

// TestTableShape checks every entry: targets are article words, a word is
// never its own target, no entry is empty or over-long.
func TestTableShape(t *testing.T) {
	article := map[string]bool{}
	for _, w := range articleWords() {
		article[w] = true
	}
	tab := loadTable()
	if len(tab.keys) < 1000 {
		t.Fatalf("only %d keys", len(tab.keys))
	}
	for key := range tab.keys {
		if strings.Count(key, " ") >= MaxPhrase {
			t.Errorf("key %q has more than %d words", key, MaxPhrase)
		}
		got := Related(key)
		if slices.Contains(got, key) {
			t.Errorf("Related(%q) = %v holds the word itself", key, got)
		}
		if len(got) > 6 {
			t.Errorf("Related(%q) has %d targets", key, len(got))
		}
		for _, w := range tab.list(tab.keys[key]) {
			if !article[w] {
				t.Errorf("%q -> %q: not an article word", key, w)
			}
		}
	}
}

func TestCorrect(t *testing.T) {
	tests := []struct {
		word    string
		want    string
		changed bool
	}{
		{"stakeholdr", "stakeholder", true},
		{"prioritisaton", "prioritisation", true},
		{"assocaite", "associate", true},
		{"managment", "management", true},
		{"stratgey", "strategy", true},
		{"leadrship", "leadership", true},
		{"prodcut", "product", true},
		{"exectuive", "executive", true},
		{"carreer", "career", true},
		{"senoir", "senior", true},
		{"dirctor", "director", true},
		{"roadmpa", "roadmap", true},
		{"stakeholdres", "stakeholders", true}, // 2 edits in a long word
		// Known words are never changed, however close to an article word.
		{"manger", "manger", false},
		{"dose", "dose", false},
		{"form", "form", false},
		{"lead", "lead", false},
		{"leads", "leads", false},
		{"whom", "whom", false},   // a function word WordNet lacks
		{"youre", "youre", false}, // a contraction typed without its apostrophe
		{"elephant", "elephant", false},
		{"strategic", "strategic", false},
		{"deprioritize", "deprioritize", false}, // made of known words
		{"strategize", "strategize", false},
		{"userbase", "userbase", false},
		// Short words are never corrected.
		{"wat", "wat", false},
		{"teh", "teh", false},
		{"pm", "pm", false},
		// Too far.
		{"stkhldr", "stkhldr", false},
		{"asocate", "asocate", false}, // 2 edits in a 7-letter word
		{"", "", false},
	}
	for _, tt := range tests {
		got, changed := Correct(tt.word)
		if got != tt.want || changed != tt.changed {
			t.Errorf("Correct(%q) = %q, %v; want %q, %v", tt.word, got, changed, tt.want, tt.changed)
		}
	}
}

func TestSpellerDomainWords(t *testing.T) {
	if got, changed := Correct("kanbna"); changed {
		t.Fatalf("Correct(kanbna) = %q without the domain word", got)
	}
	s := NewSpeller("kanban")
	if got, changed := s.Correct("kanbna"); got != "kanban" || !changed {
		t.Errorf("Correct(kanbna) = %q, %v; want kanban", got, changed)
	}
	if !s.Known("kanban") || s.Known("kanbna") {
		t.Error("Known is wrong about the domain word")
	}
}

func TestVocabulary(t *testing.T) {
	v := Vocabulary()
	// The article's words come first, most frequent first.
	if v[0] != "and" {
		t.Errorf("Vocabulary()[0] = %q, want the article's commonest word", v[0])
	}
	for _, w := range []string{"stakeholder", "prioritisation", "roadmap", "supervise"} {
		if !slices.Contains(v, w) {
			t.Errorf("Vocabulary() lacks %q", w)
		}
	}
	v[0] = "changed"
	if Vocabulary()[0] != "and" {
		t.Error("Vocabulary() shares its slice")
	}
}

func TestAllocations(t *testing.T) {
	Load()
	n := testing.AllocsPerRun(100, func() {
		Related("led")
		Related("colleagues")
		Related("zzzz")
		Correct("stakeholdr")
		Correct("elephant")
	})
	if n != 0 {
		t.Errorf("Related and Correct allocate %v times per call", n)
	}
}

// TestTablesUpToDate regenerates the tables and compares them with the
// committed ones. It needs Debian's wordnet-base.
func TestTablesUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("regenerating takes a while")
	}
	if _, err := os.Stat("/usr/share/wordnet/data.noun"); err != nil {
		t.Skip("wordnet-base is not installed")
	}
	dir := t.TempDir()
	cmd := exec.Command("go", "run", "./gen", "-out", dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run ./gen: %v\n%s", err, out)
	}
	for _, name := range []string{"related.tsv", "article.tsv", "english.txt"} {
		want, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("%s is stale: run go generate ./internal/lexicon", name)
		}
	}
}

// TestConcurrentUse builds the tables from several goroutines at once, as
// the first requests of a server would (run with -race).
func TestConcurrentUse(t *testing.T) {
	done := make(chan [2]string)
	for range 4 {
		go func() {
			c, _ := Correct("assocaite")
			r := Related("led")
			done <- [2]string{c, r[0]}
		}()
	}
	for range 4 {
		if got := <-done; got != [2]string{"associate", "lead"} {
			t.Errorf("got %v", got)
		}
	}
}

// A Speller's remembered corrections are the index's own, the second time
// a word is asked as the first.
func TestCorrectRemembered(t *testing.T) {
	s := NewSpeller("kpis")
	words := []string{"stakeholdr", "roadmap", "prioritise", "kpis", "pm", "xqzvw", "managment", strings.Repeat("a", 40), ""}
	for range 2 {
		for _, w := range words {
			got, gotOK := s.Correct(w)
			want, wantOK := s.s.Correct(w)
			if got != want || gotOK != wantOK {
				t.Errorf("Correct(%q) = %q, %v; want %q, %v", w, got, gotOK, want, wantOK)
			}
		}
	}
	if n := s.corrections.Len(); n != len(words)-1 {
		t.Errorf("%d corrections remembered, want %d (all but the overlong word)", n, len(words)-1)
	}
}
