package answer

import (
	"encoding/json"
	"strconv"
	"sync"
)

// citationPrefix is a citation's JSON up to its score, kept per section: the
// verbatim text is most of every reply, and escaping it again on every
// request was a tenth of the request's time.
type citationPrefix struct {
	c    Citation // the fields the prefix encodes (Score unused)
	json []byte
}

var (
	prefixes      sync.Map // section id -> *citationPrefix
	prefixesCount int
	prefixesMu    sync.Mutex
)

// maxPrefixes bounds the cache; citations come from the article's sections.
const maxPrefixes = 1024

// MarshalJSON encodes the citation as its fields would be (Items as a list
// even when nil), reusing the encoded prefix of a section already seen with
// the same fields.
func (c Citation) MarshalJSON() ([]byte, error) {
	return c.appendJSON(nil)
}

// appendJSON appends the citation's JSON to dst.
func (c Citation) appendJSON(dst []byte) ([]byte, error) {
	var prefix []byte
	if v, ok := prefixes.Load(c.ID); ok {
		p := v.(*citationPrefix)
		if p.c.Title == c.Title && p.c.Level == c.Level && p.c.Facet == c.Facet && p.c.Text == c.Text {
			prefix = p.json
		}
	}
	if prefix == nil {
		b, err := json.Marshal(struct {
			ID    string `json:"id"`
			Title string `json:"title"`
			Level string `json:"level"`
			Facet string `json:"facet"`
			Text  string `json:"text"`
		}{c.ID, c.Title, c.Level, c.Facet, c.Text})
		if err != nil {
			return nil, err
		}
		prefix = b[:len(b)-1] // without the closing brace
		prefixesMu.Lock()
		if prefixesCount < maxPrefixes {
			if _, loaded := prefixes.LoadOrStore(c.ID, &citationPrefix{c: c, json: prefix}); !loaded {
				prefixesCount++
			}
		}
		prefixesMu.Unlock()
	}
	score, err := json.Marshal(c.Score)
	if err != nil {
		return nil, err
	}
	dst = append(dst, prefix...)
	dst = append(dst, `,"items":[`...)
	for i, n := range c.Items {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = strconv.AppendInt(dst, int64(n), 10)
	}
	dst = append(dst, `],"score":`...)
	dst = append(dst, score...)
	return append(dst, '}'), nil
}

// AppendJSON appends the reply's JSON to dst: the same bytes as
// json.Marshal(r) (nil Suggestions as an empty list), without encoding/json validating again the cached
// citation prefixes that make up most of them.
func (r Reply) AppendJSON(dst []byte) ([]byte, error) {
	answer, err := json.Marshal(r.Answer)
	if err != nil {
		return nil, err
	}
	dst = append(dst, `{"answer":`...)
	dst = append(dst, answer...)
	dst = append(dst, `,"citations":`...)
	if r.Citations == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		for i, c := range r.Citations {
			if i > 0 {
				dst = append(dst, ',')
			}
			if dst, err = c.appendJSON(dst); err != nil {
				return nil, err
			}
		}
		dst = append(dst, ']')
	}
	dst = append(dst, `,"suggestions":`...)
	sugg := r.Suggestions
	if sugg == nil {
		sugg = []string{}
	}
	b, err := json.Marshal(sugg)
	if err != nil {
		return nil, err
	}
	dst = append(dst, b...)
	mode, _ := json.Marshal(r.Mode)
	dst = append(dst, `,"mode":`...)
	dst = append(dst, mode...)
	dst = append(dst, `,"degraded":`...)
	dst = strconv.AppendBool(dst, r.Degraded)
	scope, _ := json.Marshal(r.Scope)
	dst = append(dst, `,"scope":`...)
	dst = append(dst, scope...)
	return append(dst, '}'), nil
}
