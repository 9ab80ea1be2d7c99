package answer

import (
	"strconv"

	"github.com/ladder/coach/internal/jsontext"
)

// AppendJSON appends the reply's JSON to dst: the same bytes as
// json.Marshal(r) (nil Suggestions as an empty list), without encoding/json validating again the cached
// citation prefixes that make up most of them.
func (r Reply) AppendJSON(dst []byte) ([]byte, error) {
	dst = append(dst, `{"answer":`...)
	dst = jsontext.AppendString(dst, r.Answer)
	dst = append(dst, `,"citations":`...)
	if r.Citations == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		for i, c := range r.Citations {
			if i > 0 {
				dst = append(dst, ',')
			}
			var err error
			if dst, err = c.AppendJSON(dst); err != nil {
				return nil, err
			}
		}
		dst = append(dst, ']')
	}
	dst = append(dst, `,"suggestions":[`...)
	for i, q := range r.Suggestions {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = jsontext.AppendString(dst, q)
	}
	dst = append(dst, `],"mode":`...)
	dst = jsontext.AppendString(dst, r.Mode)
	dst = append(dst, `,"degraded":`...)
	dst = strconv.AppendBool(dst, r.Degraded)
	dst = append(dst, `,"scope":`...)
	dst = jsontext.AppendString(dst, r.Scope)
	return append(dst, '}'), nil
}
