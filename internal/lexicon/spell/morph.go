// Package spell holds what the lexicon and its generator share: English
// inflections undone by rule (WordNet's detachment rules), a bounded
// Damerau-Levenshtein distance, and a spelling corrector over a vocabulary it
// is given. It knows nothing of WordNet's files or of the article.
package spell

// Parts of speech a rule undoes an inflection of, as a bit set.
const (
	Noun = 1 << iota
	Verb
	Adj
)

// rule replaces a suffix: a word ending in cut becomes the word without it,
// followed by add, when the result is a word of one of the parts of speech.
type rule struct {
	cut, add string
	pos      int
}

// rules are WordNet's detachment rules for nouns, verbs and adjectives
// (morphy(7WN)), with -ied/-ier/-iest added, in the order they are tried.
var rules = []rule{
	{"ies", "y", Noun | Verb}, {"ied", "y", Verb}, {"ier", "y", Adj}, {"iest", "y", Adj},
	{"ses", "s", Noun}, {"xes", "x", Noun}, {"zes", "z", Noun}, {"ches", "ch", Noun}, {"shes", "sh", Noun},
	{"men", "man", Noun},
	{"s", "", Noun | Verb}, {"es", "e", Verb}, {"es", "", Verb},
	{"ed", "e", Verb}, {"ed", "", Verb}, {"ing", "e", Verb}, {"ing", "", Verb},
	{"er", "", Adj}, {"est", "", Adj}, {"er", "e", Adj}, {"est", "e", Adj},
}

// byLast lists the rules by the last byte of their suffix, in rule order,
// so a word is only tried against the rules that can match its ending.
var byLast = func() (t [256][]uint8) {
	for i, r := range rules {
		c := r.cut[len(r.cut)-1]
		t[c] = append(t[c], uint8(i))
	}
	return t
}()

// maxWord is the longest word Bases undoes; longer words are left alone.
const maxWord = 48

// Bases undoes the regular inflections of a lower-case word: each call of
// Next gives one candidate base form and the parts of speech it would be a
// base of, in a fixed order. Candidates are guesses: "leads" gives "lead",
// but also "leade"; the caller keeps the ones its vocabulary knows. A
// doubled final consonant left by -ed, -ing, -er or -est is also tried
// single ("planned" gives "plan"). A candidate lives in the Bases value and
// is only valid until the next call of Next; looking it up in a map
// (m[string(b)]) allocates nothing.
type Bases struct {
	word string
	i    int // next rule (in byLast) * 2 + (1 for its doubled-consonant variant)
	buf  [maxWord + 4]byte
}

// NewBases starts undoing the inflections of word (none for words over 48
// bytes).
func NewBases(word string) Bases { return Bases{word: word} }

// Next returns the next candidate, or ok false when there are no more.
func (it *Bases) Next() (base []byte, pos int, ok bool) {
	w := it.word
	if len(w) > maxWord {
		return nil, 0, false
	}
	if w == "" {
		return nil, 0, false
	}
	list := byLast[w[len(w)-1]]
	for ; it.i < 2*len(list); it.i++ {
		r, double := &rules[list[it.i/2]], it.i%2 == 1
		if len(w) <= len(r.cut)+1 || !hasSuffix(w, r.cut) {
			continue
		}
		n := copy(it.buf[:], w[:len(w)-len(r.cut)])
		n += copy(it.buf[n:], r.add)
		if double {
			if r.add != "" || (r.cut != "ed" && r.cut != "ing" && r.cut != "er" && r.cut != "est") ||
				n < 3 || it.buf[n-1] != it.buf[n-2] || vowel(it.buf[n-1]) {
				continue
			}
			n--
		}
		it.i++
		return it.buf[:n], r.pos, true
	}
	return nil, 0, false
}

// hasSuffix is strings.HasSuffix comparing from the last byte, which
// rejects most rules at once.
func hasSuffix(w, suffix string) bool {
	for i, j := len(w)-1, len(suffix)-1; j >= 0; i, j = i-1, j-1 {
		if w[i] != suffix[j] {
			return false
		}
	}
	return true
}

func vowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}
