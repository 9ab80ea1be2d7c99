package ladder

import (
	"slices"
	"strings"
)

// wordIndex finds which phrases of a fixed list may stand in a text by the
// phrase's first word: a text is then searched for the few phrases that start
// with one of its words, not for every phrase of the list.
type wordIndex struct {
	first  map[string][]int // phrase indices by their first word
	always []int            // phrases that do not start with a word
}

func newWordIndex(phrases []string) wordIndex {
	x := wordIndex{first: map[string][]int{}}
	for i, p := range phrases {
		if w := firstWord(p); w != "" {
			x.first[w] = append(x.first[w], i)
		} else {
			x.always = append(x.always, i)
		}
	}
	return x
}

// firstWord is the run of word bytes p starts with.
func firstWord(p string) string {
	j := 0
	for j < len(p) && isWordByte(p[j]) {
		j++
	}
	return p[:j]
}

// candidates lists, in ascending order, the phrases whose first word is a
// word of t (lower case), or that word less a plural s: every phrase findWord
// can find in t is among them.
func (x wordIndex) candidates(t string) []int {
	out := slices.Clone(x.always)
	for i := 0; i < len(t); {
		if !isWordByte(t[i]) {
			i++
			continue
		}
		j := i
		for j < len(t) && isWordByte(t[j]) {
			j++
		}
		w := t[i:j]
		out = append(out, x.first[w]...)
		if strings.HasSuffix(w, "s") {
			out = append(out, x.first[w[:len(w)-1]]...)
		}
		i = j
	}
	slices.Sort(out)
	return slices.Compact(out)
}
