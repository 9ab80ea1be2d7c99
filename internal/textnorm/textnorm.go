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
// space at either end.
func Fold(s string) string {
	s = folder.Replace(strings.ToLower(s))
	return strings.Join(strings.Fields(s), " ")
}
