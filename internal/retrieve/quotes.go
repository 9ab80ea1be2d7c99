package retrieve

import (
	"math"
	"slices"

	"github.com/ladder/coach/internal/embed"
	"github.com/ladder/coach/internal/textnorm"
)

// quoteLine is one line of the sections, by its terms, for finding the line
// a quoted phrase echoes.
type quoteLine struct {
	section string
	terms   []string
}

// quoteIndex holds the sections' lines and how many lines hold each term.
type quoteIndex struct {
	lines []quoteLine
	df    map[string]int
}

func newQuoteIndex(lines []quoteLine) quoteIndex {
	x := quoteIndex{lines: lines, df: map[string]int{}}
	for _, l := range lines {
		for i, t := range l.terms {
			if !slices.Contains(l.terms[:i], t) {
				x.df[t]++
			}
		}
	}
	return x
}

// Quotes echo the article when their best line holds at least minQuoteTerms
// of their terms, weighing at least minQuoteWeight.
const (
	minQuoteTerms  = 2
	minQuoteWeight = 5.0
)

// echoed is the section of the line a quoted phrase shares the most rare
// terms with, each term weighing the log of how few lines hold it; "" when
// no line shares enough, or two sections' lines tie. The words of the
// ladder's level names are not counted: a quote that names a level ("not
// at senior level") is read for it, not for a line.
func (x quoteIndex) echoed(quote string, levelWord func(string) bool) string {
	qt := embed.Terms(quote)
	kept := qt[:0:0]
	for _, t := range qt {
		if !levelWord(t) {
			kept = append(kept, t)
		}
	}
	qt = kept
	best, bestW, tie := "", 0.0, false
	for _, l := range x.lines {
		n, w := 0, 0.0
		for i, t := range qt {
			if !slices.Contains(qt[:i], t) && slices.Contains(l.terms, t) {
				n++
				w += math.Log(float64(len(x.lines)) / float64(x.df[t]))
			}
		}
		switch {
		case n < minQuoteTerms || w < minQuoteWeight || w < bestW:
		case w == bestW && l.section != best:
			tie = true
		case w > bestW:
			best, bestW, tie = l.section, w, false
		}
	}
	if tie {
		return ""
	}
	return best
}

// quotesIn are the spans of text between quotation marks: feedback or the
// article's words repeated ("she says I should 'own problems, not
// tasks'"). An apostrophe inside a word opens and closes none.
func quotesIn(text string) []string {
	t := textnorm.Fold(text)
	var out []string
	open, mark := -1, byte(0)
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c != '\'' && c != '"' {
			continue
		}
		before := i > 0 && isLetter(t[i-1])
		after := i+1 < len(t) && isLetter(t[i+1])
		switch {
		case open < 0 && !before && after:
			open, mark = i+1, c
		case open >= 0 && c == mark && before && !after:
			out = append(out, t[open:i])
			open = -1
		}
	}
	return out
}
