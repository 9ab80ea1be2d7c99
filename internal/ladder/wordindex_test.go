package ladder

import (
	"fmt"
	"slices"
	"strings"
	"sync"
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

// The package's long tables, searched through their index, find and blank
// what searching them phrase by phrase finds and blanks, on every line of
// the article and on each phrase said three times in a row.
func TestTableIndexesAgree(t *testing.T) {
	texts := strings.Split(strings.ToLower(string(corpus.Article)), "\n")
	texts = append(texts, " skipping a rung? ", " don't care about titles ", " it's its own thing ")
	n := 0
	for _, p := range longTables() {
		if _, ok := p.index(); !ok {
			continue
		}
		n++
		bare := append(Phrases(nil), p...) // not the table: no index
		if _, ok := bare.index(); ok {
			t.Fatal("a copy of a table is indexed")
		}
		own := slices.Clone(texts)
		for _, w := range p {
			w = strings.NewReplacer("*", "x", "=", "").Replace(w)
			own = append(own, strings.Repeat(w+" ", 3), w+"s "+w+" "+w+"s")
		}
		for _, tx := range own {
			tx = " " + tx + " "
			wantAt, wantEnd := bare.Find(tx)
			gotAt, gotEnd := p.Find(tx)
			if gotAt != wantAt || gotEnd != wantEnd {
				t.Fatalf("table %q...: Find(%q) = %d, %d; phrase by phrase %d, %d", p[0], tx, gotAt, gotEnd, wantAt, wantEnd)
			}
			if got, want := p.In(tx), bare.In(tx); got != want {
				t.Fatalf("table %q...: In(%q) = %v; phrase by phrase %v", p[0], tx, got, want)
			}
			if got, want := p.Blank(tx), bare.Blank(tx); got != want {
				t.Fatalf("table %q...: Blank(%q) = %q; phrase by phrase %q", p[0], tx, got, want)
			}
		}
	}
	if n == 0 {
		t.Fatal("no long table is indexed")
	}
}

// Blanking word by word leaves what blanking phrase by phrase leaves, where
// a phrase's places overlap ("pm pm" three times over).
func TestPlacesOverlap(t *testing.T) {
	p := Phrases{"pm pm", "a * a", "x y x", "skill*", "one"}
	x := newWordIndex(p)
	for _, tx := range []string{" pm pm pm ", " a b a b a ", " x y x y x y x ", " skills skill ones one ", " pm pm pm pm "} {
		b := []byte(tx)
		x.places(tx, p, func(_, from, to int) {
			for i := from; i < to; i++ {
				b[i] = ' '
			}
		})
		if got, want := string(b), p.Blank(tx); got != want {
			t.Errorf("%q: word by word %q, phrase by phrase %q", tx, got, want)
		}
	}
}

// findLevelsIn, which takes the aliases' places from the index, finds what
// trying each alias over the whole text finds, longest first.
func TestFindLevelsByPlaces(t *testing.T) {
	if len(aliasIndex.always) > 0 || slices.ContainsFunc(aliasWords, func(a string) bool { return markAt(a) >= 0 }) {
		t.Fatal("an alias starts with no word or holds a mark: places would not find it as findWord does")
	}
	texts := append(strings.Split(string(corpus.Article), "\n"), "senior senior pm", "pm pm i", "not a senior pm but a director",
		"sr. pm -> group pm, then vp of product", "junior pms and junior engineers", "head of product or product director?")
	for _, text := range texts {
		tx := " " + lowerText(text) + " "
		taken := make([]bool, len(tx))
		var want []Mention
		for _, c := range aliasCands {
			for _, pos := range findWord(tx, c.alias) {
				rest := tx[pos+len(c.alias):]
				if overlaps(taken, pos, len(c.alias)) || blocked(c.alias, rest) || negated(tx[:pos]) ||
					c.alias == "senior" && !seniorContext(tx, pos, rest) {
					continue
				}
				for i := pos; i < pos+len(c.alias); i++ {
					taken[i] = true
				}
				want = append(want, Mention{ID: c.id, Pos: pos - 1, Strong: c.alias != "pm" && c.alias != "product manager"})
			}
		}
		slices.SortStableFunc(want, func(a, b Mention) int { return a.Pos - b.Pos })
		if got := findLevelsIn(text); !slices.Equal(got, want) {
			t.Errorf("%q: %v; alias by alias %v", text, got, want)
		}
	}
}

// Every key of an index is numbered in the dictionary, found there by its
// bytes and hash, and gives the index's phrases; no other word gives any: a
// longer or shorter one, or one looked up with a key's hash.
func TestWordIndexLookup(t *testing.T) {
	var p []string
	for _, tbl := range longTables() {
		p = append(p, tbl...)
	}
	p = append(p, aliasWords...)
	x := newWordIndex(p)
	d := currentDict()
	of := func(id uint32) []int { return x.of(d, id) }
	keys := map[string]bool{}
	for i, w := range p {
		k := firstWord(w)
		if k == "" || strings.HasPrefix(w[len(k):], "*") {
			continue
		}
		keys[k] = true
		if id, ok := d.lookup(k, keyHash(k)); !ok || !slices.Contains(of(id), i) {
			t.Fatalf("%q: key %q gives %v", w, k, of(id))
		}
	}
	for k := range keys {
		for _, o := range []string{k + "x", k[:len(k)-1], "x" + k} {
			if id, ok := d.lookup(o, keyHash(o)); ok && len(of(id)) > 0 && !keys[o] {
				t.Errorf("%q is no key, yet gives %v", o, of(id))
			}
			if _, ok := d.lookup(o, keyHash(k)); ok && o != k {
				t.Errorf("%q with the hash of %q is found", o, k)
			}
		}
	}
}

// A text's heads hold each word's hash, and undo its last byte's step.
func TestHeadsWords(t *testing.T) {
	tx := "  skills, i'm a sr. pm -> héllo 100 days  "
	var got []string
	for _, tw := range headsOf(tx).words {
		w := trimSpace(tx)[tw.at:tw.end]
		got = append(got, w)
		if tw.h != keyHash(w) || tw.less(w) != keyHash(w[:len(w)-1]) {
			t.Errorf("%q: hash %x, less %x; want %x, %x", w, tw.h, tw.less(w), keyHash(w), keyHash(w[:len(w)-1]))
		}
	}
	if want := []string{"skills", "i", "m", "a", "sr", "pm", "héllo", "100", "days"}; !slices.Equal(got, want) {
		t.Errorf("words %q, want %q", got, want)
	}
}

// FindRoles, through one index of the roles' words, finds the roles whose
// words stand in the text, as trying each word over the whole text does.
func TestFindRolesByIndex(t *testing.T) {
	if slices.ContainsFunc(roleWords.Phrases, func(w string) bool { return markAt(w) >= 0 }) {
		t.Fatal("a role's word holds a mark: the index would not find it as hasWord does")
	}
	if len(roles) > 64 {
		t.Fatal("FindRoles keeps a bit for each role: more than 64 roles")
	}
	texts := append(strings.Split(string(corpus.Article), "\n"), "r&d or r & d?", "zero-to-one, 0-to-1 and founders", "start my own thing")
	for _, text := range texts {
		tx := " " + lowerText(text) + " "
		var want []string
		for _, r := range roles {
			if slices.ContainsFunc(r.Words, func(w string) bool { return hasWord(tx, w) }) {
				want = append(want, r.ID)
			}
		}
		var got []string
		for _, r := range FindRoles(text) {
			got = append(got, r.ID)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: %v; word by word %v", text, got, want)
		}
	}
}

// A table built after a text's words were read (with a dictionary that
// lacked its keys) still finds its phrases in that text, also while other
// tables are built and searched at the same time.
func TestTableBuiltLaterFindsItsKeys(t *testing.T) {
	tx := " the zqxfirst word and zqxsecondly, zqxgoes on "
	if !NewPhraseTable(Phrases{"word", "the", "and", "on", "of", "a", "in", "to", "is", "it", "be", "as", "at", "so", "we", "he"}).In(tx) {
		t.Fatal("a common word is not found")
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			fresh := fmt.Sprintf("zqx%dfresh", g)
			p := Phrases{"zqxfirst word", "zqxsecond*", "zqxgo* on", fresh}
			x := NewPhraseTable(p)
			var got []int
			x.Each(tx, func(k, _ int) bool {
				got = append(got, k)
				return false
			})
			if want := []int{0, 1, 2}; !slices.Equal(got, want) || !x.In(" "+fresh+" ") {
				t.Errorf("table %d finds %v, want %v", g, got, want)
			}
		})
	}
	wg.Wait()
}

// Past the indexes the dictionary keeps a bit for (bitIndexes), an index
// finds its phrases in the key's list: each of many tables finds its own
// words, and a word they share, and no other table's.
func TestManyTables(t *testing.T) {
	var ts []PhraseTable
	for i := range bitIndexes + 20 {
		ts = append(ts, NewPhraseTable(Phrases{"zqyshared", fmt.Sprintf("zqy%d", i)}))
	}
	for i, x := range ts {
		if !x.In(" zqyshared ") || !x.In(fmt.Sprintf(" zqy%d ", i)) || x.In(fmt.Sprintf(" zqy%d ", i+1)) {
			t.Errorf("table %d (index %d) finds %v %v %v", i, x.x.id, x.In(" zqyshared "), x.In(fmt.Sprintf(" zqy%d ", i)), x.In(fmt.Sprintf(" zqy%d ", i+1)))
		}
	}
}
