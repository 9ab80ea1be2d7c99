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

// maxWord is the longest word Bases undoes; longer words are left alone.
const maxWord = 48

// Bases calls fn with each candidate base form of a lower-case word and the
// parts of speech it would be a base of, in a fixed order, until fn returns
// true; it reports whether fn did. A candidate
// is only valid during the call (it lives in a buffer on Bases' stack), so
// fn looks it up (m[string(b)] does not allocate) and does not keep it.
// Candidates are guesses: "leads" gives "lead", but also "leade"; the caller
// keeps the ones its vocabulary knows. A doubled final consonant left by
// -ed, -ing, -er or -est is also tried single ("planned" gives "plan").
func Bases(word string, fn func(base []byte, pos int) bool) bool {
	var buf [maxWord + 4]byte
	if len(word) > maxWord {
		return false
	}
	for _, r := range rules {
		if len(word) <= len(r.cut)+1 || word[len(word)-len(r.cut):] != r.cut {
			continue
		}
		stem := word[:len(word)-len(r.cut)]
		n := copy(buf[:], stem)
		n += copy(buf[n:], r.add)
		if fn(buf[:n], r.pos) {
			return true
		}
		if r.add == "" && (r.cut == "ed" || r.cut == "ing" || r.cut == "er" || r.cut == "est") &&
			n >= 3 && buf[n-1] == buf[n-2] && !vowel(buf[n-1]) {
			if fn(buf[:n-1], r.pos) {
				return true
			}
		}
	}
	return false
}

func vowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}
