package sections

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"

	"github.com/ladder/coach/internal/memo"
)

// Citation is a section as a reply cites it: chat answers, /v1's
// citations, plans and assessments. It is the section's View, the lines the
// reply quotes (Items) and, in chat replies, retrieval's score.
type Citation struct {
	View
	// Items are the lines the reply quotes: 0-based indexes into Text split
	// on "\n", ascending, each in range. Always a list in JSON, empty when
	// none of the section's lines is quoted.
	Items []int `json:"items"`
	// Score is how well the section matched a chat question; nil (no
	// "score" in JSON) where nothing was ranked: plans and assessments.
	Score *float64 `json:"score,omitempty"`
}

// Cite is the citation of s quoting the lines at items (nil: none yet).
func (s Section) Cite(items []int) Citation {
	if items == nil {
		items = []int{}
	}
	return Citation{View: s.View(), Items: items}
}

// Scored returns a pointer to x, for Citation.Score.
func Scored(x float64) *float64 { return &x }

// ItemsQuoting are the indexes of text's lines (text split on "\n") that
// quotes quote, verbatim, ascending: for each quote the lines equal to it
// (surrounding spaces aside) or, when none is, the lines holding it (a
// sentence of a line). An empty quote quotes nothing.
func ItemsQuoting(text string, quotes []string) []int {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	used := make([]bool, len(lines))
	for _, q := range quotes {
		q = strings.TrimSpace(q)
		if q == "" {
			continue
		}
		whole := false
		for i, l := range lines {
			if l == q {
				used[i], whole = true, true
			}
		}
		if whole {
			continue
		}
		for i, l := range lines {
			if strings.Contains(l, q) {
				used[i] = true
			}
		}
	}
	out := []int{}
	for i, u := range used {
		if u {
			out = append(out, i)
		}
	}
	return out
}

// citationPrefix is a citation's JSON up to its items, kept per section:
// the verbatim text is most of every chat reply, and escaping it again on
// every request was a tenth of the request's time.
type citationPrefix struct {
	v    View
	json []byte
}

var prefixes = memo.New[string, *citationPrefix](maxPrefixes) // section id -> its prefix, nil when it failed

// newPrefix encodes v as a citation's prefix.
func newPrefix(v View) (*citationPrefix, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return &citationPrefix{v: v, json: b[:len(b)-1]}, nil // without the closing brace
}

// maxPrefixes bounds the cache; citations come from the ladder's sections.
const maxPrefixes = 1024

// MarshalJSON encodes the citation as its fields would be (Items as a list
// even when nil), reusing the encoded prefix of a section already seen with
// the same fields.
func (c Citation) MarshalJSON() ([]byte, error) {
	return c.AppendJSON(nil)
}

// AppendJSON appends the citation's JSON to dst: the bytes MarshalJSON
// returns.
func (c Citation) AppendJSON(dst []byte) ([]byte, error) {
	// The section first seen under an id keeps its prefix; another with
	// the same id (from another ladder) is encoded every time.
	p := prefixes.Get(c.ID, func(string) *citationPrefix { p, _ := newPrefix(c.View); return p })
	if p == nil || p.v != c.View {
		var err error
		if p, err = newPrefix(c.View); err != nil {
			return nil, err
		}
	}
	dst = append(dst, p.json...)
	dst = append(dst, `,"items":[`...)
	for i, n := range c.Items {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = strconv.AppendInt(dst, int64(n), 10)
	}
	dst = append(dst, ']')
	if c.Score != nil {
		f := *c.Score
		if math.IsInf(f, 0) || math.IsNaN(f) {
			_, err := json.Marshal(f) // encoding/json's error for it
			return nil, err
		}
		dst = append(dst, `,"score":`...)
		dst = appendFloat(dst, f)
	}
	return append(dst, '}'), nil
}

// appendFloat appends f, a finite number, as encoding/json writes a
// float64, without its reflection and copies for one number.
func appendFloat(dst []byte, f float64) []byte {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	dst = strconv.AppendFloat(dst, f, format, -1, 64)
	if format == 'e' {
		// "e-09" is written "e-9", as encoding/json does.
		if n := len(dst); n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst
}
