package retrieve

import "github.com/ladder/coach/internal/lazyre"

// The words that lead into a title the asker gives as their own ("I'm a",
// "after being a", "my role is"), each followed by at least one space, then
// perhaps an article: a table, read by titleLeads.

// statedLeads are tried in this order at each word start; the first that
// stands there, followed by a space, is the lead.
var statedLeads = []string{
	"after being", "after", "i'm", "im", "i am", "i work as", "i've been", "ive been",
	"i have been", "as", "currently", "being", "my title is", "my role is",
	"my actual title is", "my real title is", "my official title is", "my actual role is", "my real role is",
}

// leadStarts are the bytes a lead can start with.
var leadStarts = func() (b [256]bool) {
	for _, w := range statedLeads {
		b[w[0]] = true
	}
	return b
}()

// titleArticles may follow a lead's spaces; the first that the text starts
// with is taken ("an" reads as "a" then "n": what follows is read for a
// level either way).
var titleArticles = []string{"a", "an", "the"}

// titleLeads returns the start and end of each lead in q, left to right,
// each end past the spaces, article and spaces after it; a lead starts a
// word and the next is looked for from the end of the last.
func titleLeads(q string) [][2]int {
	var out [][2]int
	for i := 0; i < len(q); i++ {
		if i > 0 && lazyre.IsWordChar(q[i-1]) || !leadStarts[q[i]] {
			continue
		}
		if end := leadAt(q, i); end > i {
			out = append(out, [2]int{i, end})
			i = end - 1
		}
	}
	return out
}

// leadAt is the end of the lead standing at q[i:], or -1.
func leadAt(q string, i int) int {
	for _, w := range statedLeads {
		if q[i] != w[0] || len(q)-i <= len(w) || q[i:i+len(w)] != w || !isSpace(q[i+len(w)]) {
			continue
		}
		end := skipSpaces(q, i+len(w))
		for _, a := range titleArticles {
			if len(q)-end >= len(a) && q[end:end+len(a)] == a {
				end += len(a)
				break
			}
		}
		return skipSpaces(q, end)
	}
	return -1
}

func skipSpaces(q string, i int) int {
	for i < len(q) && isSpace(q[i]) {
		i++
	}
	return i
}

// isSpace is \s: a space, tab, newline, carriage return or form feed.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}
