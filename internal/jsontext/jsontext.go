// Package jsontext checks and describes JSON request bodies for error
// messages: what encoding/json accepts silently but no client meant, and
// what it refused, in words. It knows nothing of HTTP or of any route.
package jsontext

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
)

// Check finds what encoding/json accepts without a word but no client
// can have meant, in a body that has already parsed: bytes that are not
// UTF-8 and broken UTF-16 escapes (both silently become U+FFFD), NUL
// characters, and a key given twice in one object (the last one would win,
// where a proxy or another parser may read the first). It returns "" when
// there is none, else what is wrong for the error message.
func Check(raw []byte) string {
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
	var frames [16]frame
	var keyBuf [16][]byte
	stack, keys := frames[:0], keyBuf[:0]
	for i := 0; i < len(raw); {
		switch raw[i] {
		case '{':
			stack = append(stack, frame{object: true, wantKey: true, first: len(keys)})
		case '[':
			stack = append(stack, frame{})
		case '}', ']':
			if len(stack) > 0 {
				if top := stack[len(stack)-1]; top.object {
					keys = keys[:top.first]
				}
				stack = stack[:len(stack)-1]
			}
		case ',':
			if len(stack) > 0 && stack[len(stack)-1].object {
				stack[len(stack)-1].wantKey = true
			}
		case '"':
			end, msg := scanString(raw, i)
			if msg != "" {
				return msg
			}
			if len(stack) > 0 && stack[len(stack)-1].wantKey {
				if keys, msg = stack[len(stack)-1].addKey(keys, raw[i:end]); msg != "" {
					return msg
				}
			}
			i = end
			continue
		}
		i++
	}
	return ""
}

// frame is one object or array Check's scan is inside. The keys of the
// objects open are in one list, each object's after its parent's: an
// object's run from its first to the end while it is the innermost.
type frame struct {
	object  bool
	wantKey bool              // the next string of this object is a key
	first   int               // where this object's keys start in the list
	index   map[string]string // key case-folded -> key as first given, past manyKeys
}

// addKey adds the key quoted (a JSON string) to the object f, whose keys
// are in keys from f.first on, and returns the keys and what is wrong when
// the object already has it: encoding/json matches keys without regard to
// case, so "message" and "MESSAGE" are the same key given twice.
func (f *frame) addKey(keys [][]byte, quoted []byte) ([][]byte, string) {
	f.wantKey = false
	key := quoted[1 : len(quoted)-1]
	if bytes.IndexByte(key, '\\') >= 0 {
		var k string
		_ = json.Unmarshal(quoted, &k) // a valid string: the body parsed
		key = []byte(k)
	}
	var first []byte
	found := false
	if f.index == nil {
		for _, k := range keys[f.first:] {
			if sameKey(k, key) {
				first, found = k, true
				break
			}
		}
		if !found && len(keys)-f.first >= manyKeys {
			f.index = map[string]string{}
			for _, k := range keys[f.first:] {
				f.index[foldKey(k)] = string(k)
			}
		}
	}
	if f.index != nil {
		folded := foldKey(key)
		if k, ok := f.index[folded]; ok {
			first, found = []byte(k), true
		} else {
			f.index[folded] = string(key)
		}
	}
	switch {
	case !found:
		if f.index == nil {
			keys = append(keys, key)
		}
		return keys, ""
	case bytes.Equal(first, key):
		return keys, fmt.Sprintf("request body gives the key %q twice in one object; send each key once", Clip(string(key), 40))
	}
	return keys, fmt.Sprintf("request body gives the key %q twice in one object (as %q and %q: keys are read without regard to case); send it once", Clip(string(first), 40), Clip(string(first), 40), Clip(string(key), 40))
}

// manyKeys is the number of keys past which an object's keys are looked up
// in a map rather than compared one by one.
const manyKeys = 16

// foldKey is key in the one case encoding/json's matching cannot tell apart.
func foldKey(key []byte) string {
	return strings.ToLower(strings.ToUpper(string(key)))
}

// sameKey reports whether encoding/json reads keys a and b as one:
// foldKey(a) == foldKey(b), compared in place when both are ASCII.
func sameKey(a, b []byte) bool {
	if !isASCII(a) || !isASCII(b) {
		return foldKey(a) == foldKey(b)
	}
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// scanString reads the JSON string starting at raw[start] (a quote) and
// returns the index after its closing quote, or what is wrong with one of
// its \u escapes: a NUL, or half of a UTF-16 surrogate pair.
func scanString(raw []byte, start int) (end int, msg string) {
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

// Describe says what is wrong with JSON that encoding/json refused, in
// words for a client: where the syntax breaks, or which value has the
// wrong type.
func Describe(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("invalid JSON at byte %d: %s", syn.Offset, syn.Error())
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "invalid JSON: the body ends in the middle of a value"
	case errors.As(err, &typ):
		if typ.Field == "" {
			return fmt.Sprintf("request body must be a JSON object, not %s", Article(typ.Value))
		}
		return fmt.Sprintf("field %q must be %s, not %s", typ.Field, Kind(typ.Type), Article(typ.Value))
	}
	return "invalid JSON: " + err.Error()
}

// Kind names the JSON type a Go type decodes from.
func Kind(t reflect.Type) string {
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

// Article puts "a" or "an" before the JSON value kind the decoder reports
// ("number", "array", "object"...).
func Article(kind string) string {
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

// Clip shortens what a client sent to at most n runes for an error
// message, so a 10,000-character key, path or name is not sent back whole.
func Clip(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i] + "…"
		}
		n--
	}
	return s
}

// AppendString appends s as a JSON string, byte for byte as encoding/json's
// Marshal writes it: quotes, backslashes and control characters escaped,
// '<', '>' and '&' as \u003c, \u003e and \u0026, U+2028 and U+2029
// escaped, and invalid UTF-8 as \ufffd. It allocates nothing beyond dst.
func AppendString(dst []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default: // control characters and the HTML ones
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
