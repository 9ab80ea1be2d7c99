package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/ladder/coach/internal/jsontext"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// fieldHints names, for a field a body may hold, the keys people send for
// it: a request with one of them is told where it goes.
var fieldHints = map[string][]string{
	"message":     {"question", "prompt", "query", "text", "input", "q", "content", "msg", "ask"},
	"history":     {"conversation", "turns", "previous", "chat", "chat_history", "past"},
	"description": {"text", "desc", "work", "about", "summary", "input", "content"},
	"title":       {"role", "job_title", "jobtitle", "position", "job"},
	"current":     {"from", "level", "current_level", "currentlevel", "start"},
	"target":      {"to", "goal", "target_level", "targetlevel", "next"},
	"weeks":       {"duration", "length", "week", "timeline", "horizon"},
	"context":     {"notes", "background", "details", "situation", "about"},
}

// unknownFields returns what is wrong when the JSON object raw holds
// top-level keys that v (a pointer to a struct) does not read: each key
// named, with the field meant where it can be guessed, and an OpenAI-shaped
// chat body pointed at /v1/chat/completions. It returns "" when every key
// is known (keys are matched without regard to case, as encoding/json does).
func unknownFields(raw []byte, v any) string {
	known := jsonFields(v)
	if len(known) > 0 && keysKnown(raw, known) {
		return ""
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return ""
	}
	var unknown []string
	for k := range obj {
		if !containsFold(known, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) == 0 {
		return ""
	}
	slices.Sort(unknown)
	if containsFold(known, "message") && (hasKey(obj, "messages") || hasKey(obj, "model")) {
		return `this is an OpenAI-style chat request ("messages"): send it to POST /v1/chat/completions, ` +
			`or send {"message": "your question"} here`
	}
	var parts []string
	for _, k := range unknown {
		parts = append(parts, fmt.Sprintf("unknown field %q; %s", jsontext.Clip(k, 40), meant(k, known)))
	}
	return strings.Join(parts, "; ")
}

// meant says where a key probably belongs among the known fields.
func meant(key string, known []string) string {
	lk := strings.ToLower(key)
	for _, f := range known {
		for _, h := range fieldHints[f] {
			if lk == h {
				return fmt.Sprintf("the %s goes in %q", strings.ReplaceAll(lk, "_", " "), f)
			}
		}
	}
	best, dist := "", 3
	for _, f := range known {
		if d := editDistance(lk, f); d < dist {
			best, dist = f, d
		}
	}
	if best != "" {
		return fmt.Sprintf("did you mean %q?", best)
	}
	quoted := make([]string, len(known))
	for i, f := range known {
		quoted[i] = strconv.Quote(f)
	}
	return "the fields are " + strings.Join(quoted, ", ")
}

// keysKnown reports whether every top-level key of the JSON object raw (a
// body that has parsed) is one of known, without regard to ASCII case:
// unknownFields' answer for the bodies clients send, without decoding the
// body again. It answers false, for unknownFields to look closer, on
// anything else: a key with an escape or a byte outside ASCII (encoding/json
// folds those by Unicode's rules), or raw not an object.
func keysKnown(raw []byte, known []string) bool {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return false
	}
	for i = skipSpace(raw, i+1); i < len(raw) && raw[i] != '}'; {
		if raw[i] != '"' {
			return false
		}
		end := i + 1
		for end < len(raw) && raw[end] != '"' {
			if raw[end] == '\\' || raw[end] >= utf8.RuneSelf {
				return false
			}
			end++
		}
		if !knownKey(raw[i+1:end], known) {
			return false
		}
		i = skipSpace(raw, end+1)
		if i >= len(raw) || raw[i] != ':' {
			return false
		}
		i = skipSpace(raw, skipValue(raw, skipSpace(raw, i+1)))
		if i < len(raw) && raw[i] == ',' {
			i = skipSpace(raw, i+1)
		}
	}
	return true
}

// knownKey reports whether key, all ASCII, is one of known in any case.
func knownKey(key []byte, known []string) bool {
	for _, k := range known {
		if len(k) != len(key) {
			continue
		}
		same := true
		for j := range len(k) {
			if lowerASCII(k[j]) != lowerASCII(key[j]) {
				same = false
				break
			}
		}
		if same {
			return true
		}
	}
	return false
}

func lowerASCII(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

func skipSpace(raw []byte, i int) int {
	for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\n' || raw[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns the index just past the JSON value that starts at
// raw[i], in a text that has parsed.
func skipValue(raw []byte, i int) int {
	depth := 0
	for ; i < len(raw); i++ {
		switch raw[i] {
		case '"':
			for i++; i < len(raw) && raw[i] != '"'; i++ {
				if raw[i] == '\\' {
					i++
				}
			}
			if depth == 0 {
				return i + 1
			}
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return i // the end of the object that holds the value
			}
			depth--
			if depth == 0 {
				return i + 1
			}
		case ',':
			if depth == 0 {
				return i
			}
		}
	}
	return i
}

// fieldNames caches jsonFields by type: the fields of a request's struct
// never change.
var fieldNames sync.Map // reflect.Type -> []string

// jsonFields lists the JSON names of the fields of the struct v points to.
func jsonFields(v any) []string {
	t := reflect.TypeOf(v)
	if names, ok := fieldNames.Load(t); ok {
		return names.([]string)
	}
	names := fieldsOf(t)
	fieldNames.Store(t, names)
	return names
}

func fieldsOf(t reflect.Type) []string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch name {
		case "-":
			continue
		case "":
			name = f.Name
		}
		out = append(out, name)
	}
	return out
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func hasKey(obj map[string]json.RawMessage, key string) bool {
	for k := range obj {
		if strings.EqualFold(k, key) {
			return true
		}
	}
	return false
}

// editDistance is the Levenshtein distance of two short strings (keys are
// clipped by the body limit; only the first 64 bytes count).
func editDistance(a, b string) int {
	a, b = a[:min(len(a), 64)], b[:min(len(b), 64)]
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// pathAt is the path, with indexes ("history[2].role"), of the innermost
// value of the JSON text raw that holds byte offset off (as a decoding
// error reports it: just past a scalar, or just inside an object or list),
// or "" when none does.
func pathAt(raw []byte, off int64) string {
	type frame struct {
		array   bool
		idx     int
		key     string
		wantKey bool
		start   int64
		path    string
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var stack []*frame
	best, bestStart := "", int64(-1)
	consider := func(start, end int64, path string) {
		if start < off && off <= end && start >= bestStart {
			best, bestStart = path, start
		}
	}
	childPath := func() string {
		if len(stack) == 0 {
			return ""
		}
		top := stack[len(stack)-1]
		if top.array {
			return top.path + "[" + strconv.Itoa(top.idx) + "]"
		}
		if top.path == "" {
			return top.key
		}
		return top.path + "." + top.key
	}
	doneValue := func() {
		if len(stack) == 0 {
			return
		}
		top := stack[len(stack)-1]
		if top.array {
			top.idx++
		} else {
			top.wantKey = true
		}
	}
	for {
		pos := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return best
		}
		if len(stack) > 0 && !stack[len(stack)-1].array && stack[len(stack)-1].wantKey {
			if k, ok := tok.(string); ok {
				stack[len(stack)-1].key, stack[len(stack)-1].wantKey = k, false
				continue
			}
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			stack = append(stack, &frame{array: tok == json.Delim('['), wantKey: tok == json.Delim('{'), start: pos, path: childPath()})
		case json.Delim('}'), json.Delim(']'):
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			consider(top.start, dec.InputOffset(), top.path)
			doneValue()
		default:
			consider(pos, dec.InputOffset(), childPath())
			doneValue()
		}
	}
}
