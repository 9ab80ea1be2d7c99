// Package lexicon holds words as data: which everyday words and short
// collocations can stand for which of the article's words (synonyms, derived
// forms, similar adjectives, one level of hyponyms and hypernyms from WordNet
// 3.0), and spelling correction against the words the coach knows.
//
// Its tables are generated once from Debian's WordNet files and the article
// by ./gen (go generate ./internal/lexicon) and committed; nothing is read
// from disk or the network at run time. It knows nothing of levels, facets
// or how a question is read: it maps words to words.
package lexicon

import (
	_ "embed"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/ladder/coach/internal/lexicon/spell"
	"github.com/ladder/coach/internal/memo"
)

//go:generate go run ./gen

var (
	//go:embed related.tsv
	relatedTSV string
	//go:embed article.tsv
	articleTSV string
	//go:embed english.txt
	englishTXT string
)

// MaxPhrase is the most words a key of the table has: a reader looking up
// collocations tries runs of up to this many words.
const MaxPhrase = 3

// table is related.tsv in memory: each key's targets are a slice of one
// shared pool, the key's own word first when it is one.
type table struct {
	keys map[string]int32 // key -> entry
	ends []int32          // entry i's targets are pool[ends[i-1]:ends[i]]
	pool []string
}

var loadTable = sync.OnceValue(loadTableUncached)

func loadTableUncached() *table {
	t := &table{keys: map[string]int32{}}
	intern := map[string]string{}
	for line := range lines(relatedTSV) {
		key, targets, ok := strings.Cut(line, "\t")
		if !ok {
			panic("lexicon: related.tsv: no tab in " + strconv.Quote(line))
		}
		for _, w := range strings.Fields(targets) {
			if s, ok := intern[w]; ok {
				w = s
			} else {
				intern[w] = w
			}
			t.pool = append(t.pool, w)
		}
		t.keys[key] = int32(len(t.ends))
		t.ends = append(t.ends, int32(len(t.pool)))
	}
	return t
}

func (t *table) list(i int32) []string {
	start := int32(0)
	if i > 0 {
		start = t.ends[i-1]
	}
	end := t.ends[i]
	return t.pool[start:end:end]
}

// Related returns the article's words that a lower-case word (or a
// collocation of up to MaxPhrase words joined by single spaces) can stand
// for, strongest first: the word it is an inflection of, then WordNet
// synonyms, derived forms, similar words, and the words it is a kind of.
// "led" gives "lead" first; "duties" gives "responsibility", "job", "role"
// and "task"; "figure out" gives "solve" and "understand". An inflection the table does not hold is undone by rule
// ("supervises" is looked up as "supervise"). The word itself is never in
// the result; nil means the table knows nothing for it.
//
// The slice is shared and must not be modified; Related allocates nothing.
func Related(word string) []string {
	t := loadTable()
	if i, ok := t.keys[word]; ok {
		list := t.list(i)
		if list[0] == word {
			list = list[1:]
		}
		if len(list) == 0 {
			return nil
		}
		return list
	}
	it := spell.NewBases(word)
	for b, _, ok := it.Next(); ok; b, _, ok = it.Next() {
		if i, found := t.keys[string(b)]; found {
			return t.list(i)
		}
	}
	return nil
}

// articleWords returns the article's words, most frequent first.
func articleWords() []string {
	var ws []string
	for line := range lines(articleTSV) {
		w, _, _ := strings.Cut(line, "\t")
		ws = append(ws, w)
	}
	return ws
}

// Speller corrects typos against the article's words, the table's words and
// any domain words it was given.
type Speller struct {
	s *spell.Speller
	// corrections remembers Correct's answers: the same words come back in
	// question after question, and telling one known takes a few look-ups
	// in tables of tens of thousands of words.
	corrections *memo.Memo[string, correction]
}

// correction is one answer of Correct.
type correction struct {
	word    string
	changed bool
}

// maxCorrections bounds a Speller's memo, so odd input cannot grow it for ever.
const maxCorrections = 50000

// NewSpeller returns a Speller whose vocabulary is the article's words (the
// most frequent preferred), then domain (lower-case words the article does
// not write but the coach knows, such as a ladder's aliases), then the
// table's one-word keys. Building its index takes some 25 ms of CPU and it
// keeps about 4 MB (BenchmarkNewSpeller), so build one and share it (it is
// safe for concurrent use).
func NewSpeller(domain ...string) *Speller {
	words := articleWords()
	words = append(words, domain...)
	t := loadTable()
	keys := make([]string, 0, len(t.keys))
	for k := range t.keys {
		if !strings.Contains(k, " ") {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	words = append(words, keys...)
	var known []string
	for line := range lines(englishTXT) {
		known = append(known, line)
	}
	return &Speller{s: spell.New(words, known), corrections: memo.New[string, correction](maxCorrections)}
}

// Correct returns the known word closest to a lower-case word and true, or
// the word itself and false when it is left alone. A word is left alone when
// it has 3 letters or fewer, when it is a known word (in the vocabulary, an
// English word of WordNet or a function word, or a regular inflection of
// one), or when no vocabulary word is within a Damerau-Levenshtein distance
// of 1 (words of 4 to 7 letters) or 2 (8 or more), or when it is made of
// known words: a prefix and a word ("deprioritize"), a word made a verb
// ("strategize"), two words of 4 letters or more ("userbase"). Only the
// English words near the vocabulary are stored (english.txt): the others
// are never near enough to be changed anyway. Jargon that is none of these
// ("kpis", "saas") is corrected like a typo: pass such words as domain
// words, and do not pass words the asker wrote in capitals (acronyms). Ties go to the
// article's words, the more frequent first, then to domain words, then to
// the table's words in alphabetical order.
func (s *Speller) Correct(word string) (string, bool) {
	if len(word) > spell.MaxWordLen {
		return s.s.Correct(word)
	}
	c := s.corrections.Get(word, func(w string) correction {
		c, changed := s.s.Correct(w)
		return correction{c, changed}
	})
	return c.word, c.changed
}

// Known reports whether Correct leaves word alone because it is known.
func (s *Speller) Known(word string) bool { return s.s.Known(word) }

// Vocabulary returns the words Correct may propose, preferred first.
func (s *Speller) Vocabulary() []string {
	return append([]string(nil), s.s.Words()...)
}

var defaultSpeller = sync.OnceValue(func() *Speller { return NewSpeller() })

// Load reads the tables and builds the index behind Correct now instead of
// on first use (some 80 ms of CPU), so a server's first question does not
// wait for them. Calling it again costs nothing.
func Load() {
	loadTable()
	defaultSpeller()
}

// Correct corrects a word against the article's words and the table's words
// (see Speller.Correct). The index behind it is built on first use.
func Correct(word string) (string, bool) { return defaultSpeller().Correct(word) }

// Vocabulary returns the words Correct knows and may propose: the article's
// words, most frequent first, then the table's one-word keys. The slice is
// the caller's.
func Vocabulary() []string { return defaultSpeller().Vocabulary() }

// lines yields the non-empty lines of a table that are no comments. They
// are slices of the table's text, so the words cut from them take no heap
// of their own.
func lines(text string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for rest := text; rest != ""; {
			var line string
			line, rest, _ = strings.Cut(rest, "\n")
			line = strings.TrimSuffix(line, "\r")
			if line == "" || line[0] == '#' {
				continue
			}
			if !yield(line) {
				return
			}
		}
	}
}
