package answer

import (
	"encoding/json"
	"strconv"
)

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
			if dst, err = c.AppendJSON(dst); err != nil {
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
