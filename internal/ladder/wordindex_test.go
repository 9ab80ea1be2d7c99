package ladder

import (
	"slices"
	"strings"
	"testing"

	"github.com/ladder/coach/corpus"
)

// Every alias findWord finds in a text must be among the index's candidates:
// the index may only skip aliases that cannot be there.
func TestWordIndexKeepsEveryMatch(t *testing.T) {
	texts := append(strings.Split(string(corpus.Article), "\n"),
		"Directors of product and senior PMs", "an apm, a gpm & a vp", "mid-level pms", "sr. pm -> group pm", "héllo cpo's")
	as := make([]string, len(aliasCands))
	for i, c := range aliasCands {
		as[i] = c.alias
	}
	x := newWordIndex(append(as, "-> arrow", "& more"))
	for _, text := range texts {
		tx := " " + lowerText(text) + " "
		cands := x.candidates(tx)
		if !slices.IsSorted(cands) {
			t.Fatalf("candidates of %q are not in order: %v", text, cands)
		}
		for i, a := range append(as, "-> arrow", "& more") {
			if hasWord(tx, a) && !slices.Contains(cands, i) {
				t.Errorf("%q holds %q, but the index skips it", text, a)
			}
		}
	}
}

// A PhraseTable finds what its Phrases find, where they find it.
func TestPhraseTableFindsWhatPhrasesFind(t *testing.T) {
	p := Phrases{"responsibilit*", "leav* product", "without being a *", "next level", "i'm", "->", "skill*", "what do*"}
	p = append(p, Talk.Review...)
	texts := append(strings.Split(string(corpus.Article), "\n"), "leaving product -> skills", "without being a director",
		"my responsibilities", "i'm a pm", "next levels", "what does it take")
	x := NewPhraseTable(p)
	for _, text := range texts {
		tx := " " + lowerText(text) + " "
		a, b := p.Find(tx)
		c, d := x.Find(tx)
		if a != c || b != d || p.In(tx) != x.In(tx) || p.Index(tx) != x.Index(tx) {
			t.Errorf("%q: phrases find %d-%d, the table %d-%d", text, a, b, c, d)
		}
	}
}

// The package's long tables, searched through their index, find what
// searching them phrase by phrase finds, on every line of the article.
func TestTableIndexesAgree(t *testing.T) {
	texts := strings.Split(strings.ToLower(string(corpus.Article)), "\n")
	texts = append(texts, " skipping a rung? ", " don't care about titles ", " it's its own thing ")
	n := 0
	for _, p := range longTables() {
		x, ok := p.index()
		if !ok {
			continue
		}
		n++
		for _, tx := range texts {
			tx = " " + tx + " "
			wantAt, wantEnd := -1, -1
			for _, w := range p {
				if at, e := phraseAt(tx, w, 0, len(tx)); at >= 0 && (wantAt < 0 || at < wantAt) {
					wantAt, wantEnd = at, e
				}
			}
			gotAt, gotEnd := PhraseTable{Phrases: p, x: x}.Find(tx)
			if gotAt != wantAt || gotEnd != wantEnd {
				t.Fatalf("table %q...: Find(%q) = %d, %d; phrase by phrase %d, %d", p[0], tx, gotAt, gotEnd, wantAt, wantEnd)
			}
		}
	}
	if n == 0 {
		t.Fatal("no long table is indexed")
	}
}
