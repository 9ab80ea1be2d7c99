// Package textnorm holds the coach's one text normaliser: the form in which
// questions, titles, headings and quoted lines are compared. Callers that
// need more (a cache key without its question mark, a title without "the")
// start from it. It knows nothing about the ladder or the article.
package textnorm

import "strings"

// folder straightens typography and drops Markdown emphasis; built once,
// since building a Replacer costs more than using it.
var folder = strings.NewReplacer(
	"\u2018", "'", "\u2019", "'", "\u201a", "'", "\u201b", "'",
	"\u201c", `"`, "\u201d", `"`, "\u201e", `"`, "\u201f", `"`,
	"\u2013", "-", "\u2014", "-",
	"*", "", "_", "", "`", "",
)

// Fold is text as the coach compares it: lower case, curly quotes and
// apostrophes straight, en and em dashes made "-", "*", "_" and backticks
// removed, runs of white space (new lines and tabs too) one space, no
// space at either end. An ASCII text is folded in one pass (and one that
// is folded already is returned as it is); foldAny folds any text.
func Fold(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return foldAny(s)
		}
	}
	if folded(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false // a run of white space or dropped bytes after a word
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '*' || c == '_' || c == '`':
		case isSpace(c):
			space = b.Len() > 0
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}

// folded reports whether the ASCII text s is its own fold.
func folded(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'A' <= c && c <= 'Z', c == '*', c == '_', c == '`', isSpace(c) && c != ' ':
			return false
		case c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' '):
			return false
		}
	}
	return true
}

// isSpace reports whether the ASCII byte c is white space as strings.Fields
// has it.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// foldAny is Fold for any text.
func foldAny(s string) string {
	s = folder.Replace(strings.ToLower(s))
	return strings.Join(strings.Fields(s), " ")
}
