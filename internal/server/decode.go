package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ladder/coach/internal/errs"
)

// decodeJSON reads one JSON object from body into v. Every failure is an
// *errs.Error with code Invalid or TooLarge and a message that says what is
// wrong, so bad input never becomes a 5xx: a wrongly typed value is named
// by its path with indexes ("history[2].role"), and an unknown top-level
// field by its name and, where it can be guessed, the field meant.
func decodeJSON(body io.Reader, v any) error {
	if body == nil {
		return errs.New(errs.Invalid, "request body must be a JSON object")
	}
	raw, err := io.ReadAll(body)
	if err != nil {
		if isTooLarge(err) {
			return errs.New(errs.TooLarge, "%s", tooLargeMessage(MaxBodyBytes))
		}
		return errs.New(errs.Invalid, "%s", readFailedMessage)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return errs.New(errs.Invalid, "request body is empty; send a JSON object such as {\"message\": \"...\"}")
	}
	if string(bytes.TrimSpace(raw)) == "null" {
		// null decodes into a struct without a word.
		return errs.New(errs.Invalid, "request body must be a JSON object, not null")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(v); err != nil {
		return errs.New(errs.Invalid, "%s", describeJSONErrorIn(raw, err))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errs.New(errs.Invalid, "request body must hold a single JSON object, with nothing after it")
	}
	if msg := checkJSONText(raw); msg != "" {
		return errs.New(errs.Invalid, "%s", msg)
	}
	if msg := unknownFields(raw, v); msg != "" {
		return errs.New(errs.Invalid, "%s", msg)
	}
	return nil
}

// describeJSONErrorIn is describeJSONError with the path of a wrongly typed
// value given with its indexes ("history[2].role"), read from raw.
func describeJSONErrorIn(raw []byte, err error) string {
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) && typ.Field != "" {
		if p := pathAt(raw, typ.Offset); p != "" {
			return fmt.Sprintf("field %q must be %s, not %s", p, jsonKind(typ.Type), article(typ.Value))
		}
	}
	return describeJSONError(err)
}

// checkJSONText finds what encoding/json accepts without a word but no client
// can have meant, in a body that has already parsed: bytes that are not
// UTF-8 and broken UTF-16 escapes (both silently become U+FFFD), NUL
// characters, and a key given twice in one object (the last one would win,
// where a proxy or another parser may read the first). It returns "" when
// there is none, else what is wrong for the error message.
func checkJSONText(raw []byte) string {
	if !utf8.Valid(raw) {
		at := 0
		for at < len(raw) {
			r, n := utf8.DecodeRune(raw[at:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			at += n
		}
		return fmt.Sprintf("request body is not valid UTF-8 (at byte %d); send JSON encoded as UTF-8", at)
	}
	// frame is one object or array the scan is inside.
	type frame struct {
		object  bool
		wantKey bool              // the next string of this object is a key
		keys    map[string]string // key case-folded -> key as first given
	}
	var stack []*frame
	for i := 0; i < len(raw); {
		switch raw[i] {
		case '{':
			stack = append(stack, &frame{object: true, wantKey: true})
			i++
		case '[':
			stack = append(stack, &frame{})
			i++
		case '}', ']':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			i++
		case ',':
			if len(stack) > 0 && stack[len(stack)-1].object {
				stack[len(stack)-1].wantKey = true
			}
			i++
		case '"':
			end, msg := scanJSONString(raw, i)
			if msg != "" {
				return msg
			}
			if len(stack) > 0 && stack[len(stack)-1].wantKey {
				top := stack[len(stack)-1]
				top.wantKey = false
				var key string
				_ = json.Unmarshal(raw[i:end], &key) // a valid string: the body parsed
				if top.keys == nil {
					top.keys = map[string]string{}
				}
				// encoding/json matches keys without regard to case, so
				// "message" and "MESSAGE" are the same key given twice.
				folded := strings.ToLower(strings.ToUpper(key))
				if first, ok := top.keys[folded]; ok {
					if first == key {
						return fmt.Sprintf("request body gives the key %q twice in one object; send each key once", clip(key, 40))
					}
					return fmt.Sprintf("request body gives the key %q twice in one object (as %q and %q: keys are read without regard to case); send it once", clip(first, 40), clip(first, 40), clip(key, 40))
				}
				top.keys[folded] = key
			}
			i = end
		default:
			i++
		}
	}
	return ""
}

// scanJSONString reads the JSON string starting at raw[start] (a quote) and
// returns the index after its closing quote, or what is wrong with one of
// its \u escapes: a NUL, or half of a UTF-16 surrogate pair.
func scanJSONString(raw []byte, start int) (end int, msg string) {
	i := start + 1
	for i < len(raw) {
		switch raw[i] {
		case '"':
			return i + 1, ""
		case '\\':
			if i+1 < len(raw) && raw[i+1] == 'u' {
				r, ok := hex4(raw, i+2)
				if !ok {
					return len(raw), "" // cannot happen in a body that parsed
				}
				switch {
				case r == 0:
					return 0, fmt.Sprintf("request body holds a NUL character (\\u0000 at byte %d); text must not contain NUL", i)
				case utf16.IsSurrogate(r):
					// Only a high surrogate followed by a low one is a character.
					if r < 0xdc00 && i+8 <= len(raw) && raw[i+6] == '\\' && raw[i+7] == 'u' {
						if lo, ok := hex4(raw, i+8); ok && lo >= 0xdc00 && lo <= 0xdfff {
							i += 12
							continue
						}
					}
					return 0, fmt.Sprintf("request body holds a broken UTF-16 escape (\\u%04x at byte %d is half of a surrogate pair); send valid UTF-8 or whole pairs", r, i)
				}
				i += 6
				continue
			}
			i += 2
		default:
			i++
		}
	}
	return len(raw), ""
}

// hex4 reads the four hex digits at raw[at:].
func hex4(raw []byte, at int) (rune, bool) {
	if at+4 > len(raw) {
		return 0, false
	}
	var r rune
	for _, c := range raw[at : at+4] {
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(d)
	}
	return r, true
}

// readFailedMessage answers a body that could not be read: the client was
// too slow (the read timeout) or went away. The cause is not echoed, as it
// names the server's own address ("read tcp 127.0.0.1:8080->...").
const readFailedMessage = "could not read the request body: it did not arrive whole within the read timeout"

func describeJSONError(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("invalid JSON at byte %d: %s", syn.Offset, syn.Error())
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "invalid JSON: the body ends in the middle of a value"
	case errors.As(err, &typ):
		if typ.Field == "" {
			return fmt.Sprintf("request body must be a JSON object, not %s", article(typ.Value))
		}
		return fmt.Sprintf("field %q must be %s, not %s", typ.Field, jsonKind(typ.Type), article(typ.Value))
	}
	return "invalid JSON: " + err.Error()
}

// jsonKind names the JSON type a Go type decodes from.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return "a number"
	}
	return t.String()
}

// article puts "a" or "an" before the JSON value kind the decoder reports
// ("number", "array", "object"...).
func article(kind string) string {
	if kind == "array" {
		kind = "list"
	}
	if strings.HasPrefix(kind, "number") {
		kind = "number"
	}
	switch kind {
	case "":
		return "that value"
	case "bool":
		return "true or false"
	case "object":
		return "an object"
	}
	return "a " + kind
}
