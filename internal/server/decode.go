package server

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/ladder/coach/internal/errs"
	"github.com/ladder/coach/internal/jsontext"
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
	// The body is read into a buffer of the pool: encoding/json copies what
	// it decodes, and every message below is built from copies, so nothing
	// keeps raw once decodeJSON returns.
	buf := bodyBuffers.Get().(*[]byte)
	raw, err := readAll(body, (*buf)[:0])
	defer func() {
		if cap(raw) <= maxPooledBody {
			*buf = raw[:0]
		}
		bodyBuffers.Put(buf)
	}()
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
	// A flat body is read by decodeFlat; any other, by json.Unmarshal, which
	// takes exactly one value with nothing after it: what a good body is,
	// without a Decoder's buffers. A body it refuses is read again by a
	// Decoder, whose errors tell a value with something after it apart from
	// a broken one.
	if !decodeFlat(raw, v) && json.Unmarshal(raw, v) != nil {
		reflect.ValueOf(v).Elem().SetZero()
		dec := json.NewDecoder(bytes.NewReader(raw))
		if err := dec.Decode(v); err != nil {
			return errs.New(errs.Invalid, "%s", describeJSONErrorIn(raw, err))
		}
		if _, err := dec.Token(); !errors.Is(err, io.EOF) {
			return errs.New(errs.Invalid, "request body must hold a single JSON object, with nothing after it")
		}
	}
	if msg := jsontext.Check(raw); msg != "" {
		return errs.New(errs.Invalid, "%s", msg)
	}
	if msg := unknownFields(raw, v); msg != "" {
		return errs.New(errs.Invalid, "%s", msg)
	}
	return nil
}

// decodeFlat decodes raw into the struct v points to, as json.Unmarshal
// would, when raw is what clients mostly send: one object whose keys are
// the JSON names of v's fields, each once and spelled as the field is,
// whose values are strings with neither escapes nor control characters (for
// string fields) or true or false (for bool fields). It reports false,
// having set nothing, for any other body, which json.Unmarshal then reads:
// encoding/json's reflection and scanning cost more than the rest of
// decoding such a body.
func decodeFlat(raw []byte, v any) bool {
	fields := flatFieldsOf(v)
	if fields == nil {
		return false
	}
	var buf [8]flatValue
	values := buf[:0]
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return false
	}
	for i = skipSpace(raw, i+1); i < len(raw) && raw[i] != '}'; {
		if len(values) > 0 {
			if raw[i] != ',' {
				return false
			}
			i = skipSpace(raw, i+1)
		}
		val, end, ok := fields.member(raw, i)
		if !ok {
			return false
		}
		for _, x := range values {
			if x.field == val.field {
				return false
			}
		}
		values = append(values, val)
		i = skipSpace(raw, end)
	}
	if i >= len(raw) || skipSpace(raw, i+1) != len(raw) {
		return false
	}
	s := reflect.ValueOf(v).Elem()
	for _, x := range values {
		if x.field.kind == reflect.String {
			s.Field(x.field.index).SetString(string(x.text))
		} else {
			s.Field(x.field.index).SetBool(x.truth)
		}
	}
	return true
}

// flatValue is a value decodeFlat read, for its field.
type flatValue struct {
	field *flatField
	text  []byte // a string's text
	truth bool   // a bool
}

// member reads the object member at raw[i] ("key": value) when its key is
// one of fs and its value one decodeFlat reads: the value, and the index
// after it.
func (fs flatFields) member(raw []byte, i int) (val flatValue, end int, ok bool) {
	key, end, ok := plainString(raw, i)
	if !ok {
		return val, 0, false
	}
	if val.field = fs.named(key); val.field == nil {
		return val, 0, false
	}
	i = skipSpace(raw, end)
	if i >= len(raw) || raw[i] != ':' {
		return val, 0, false
	}
	i = skipSpace(raw, i+1)
	switch {
	case val.field.kind == reflect.String:
		val.text, end, ok = plainString(raw, i)
		return val, end, ok
	case val.field.kind != reflect.Bool:
		return val, 0, false
	case bytes.HasPrefix(raw[i:], []byte("true")):
		val.truth = true
		return val, i + 4, true
	case bytes.HasPrefix(raw[i:], []byte("false")):
		return val, i + 5, true
	}
	return val, 0, false
}

// plainString reads the JSON string at raw[i] when it holds neither an
// escape nor a control character, nor bytes that are not UTF-8 (which
// encoding/json would replace): its text, and the index after it.
func plainString(raw []byte, i int) (text []byte, end int, ok bool) {
	if i >= len(raw) || raw[i] != '"' {
		return nil, 0, false
	}
	for j := i + 1; j < len(raw); j++ {
		switch c := raw[j]; {
		case c == '"':
			text = raw[i+1 : j]
			return text, j + 1, utf8.Valid(text)
		case c == '\\' || c < 0x20:
			return nil, 0, false
		}
	}
	return nil, 0, false
}

// flatField is a field decodeFlat can set: its JSON name, its index in its
// struct, and its kind (string or bool; any other kind sends the body to
// json.Unmarshal).
type flatField struct {
	name  string
	index int
	kind  reflect.Kind
}

type flatFields []flatField

func (fs flatFields) named(key []byte) *flatField {
	for i := range fs {
		if fs[i].name == string(key) {
			return &fs[i]
		}
	}
	return nil
}

var flatTypes sync.Map // reflect.Type -> flatFields (nil: never flat)

// flatFieldsOf is the fields of the struct v points to, or nil when
// decodeFlat cannot stand in for json.Unmarshal on it: not a pointer to a
// struct, with a method of its own for decoding, or with embedded fields or
// names that differ only in case (encoding/json's rules for those are not
// decodeFlat's). A field whose decoding a tag option or a method changes is
// kept with kind Invalid: a body that names it is left to json.Unmarshal.
func flatFieldsOf(v any) flatFields {
	t := reflect.TypeOf(v)
	if fs, ok := flatTypes.Load(t); ok {
		return fs.(flatFields)
	}
	fs := flatFieldsOfType(t)
	flatTypes.Store(t, fs)
	return fs
}

var (
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
)

func flatFieldsOfType(t reflect.Type) flatFields {
	if t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
		return nil
	}
	t = t.Elem()
	if reflect.PointerTo(t).Implements(jsonUnmarshaler) || reflect.PointerTo(t).Implements(textUnmarshaler) {
		return nil
	}
	fs := flatFields{}
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous {
			return nil
		}
		if !f.IsExported() {
			continue
		}
		name, opts, hasOpts := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" && !hasOpts {
			continue
		}
		if !validTagName(name) {
			name = f.Name
		}
		kind := f.Type.Kind()
		if p := reflect.PointerTo(f.Type); p.Implements(jsonUnmarshaler) || p.Implements(textUnmarshaler) || strings.Contains(opts, "string") {
			kind = reflect.Invalid
		}
		fs = append(fs, flatField{name: name, index: i, kind: kind})
	}
	for i := range fs {
		for j := range i {
			if strings.EqualFold(fs[i].name, fs[j].name) {
				return nil // encoding/json's rules for names that clash
			}
		}
	}
	return fs
}

// validTagName reports whether encoding/json takes a field's name from its
// tag: letters, digits and the punctuation it allows; else the field's own
// name is used.
func validTagName(name string) bool {
	if name == "" {
		return false
	}
	for _, c := range name {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}

// bodyBuffers hold the bodies of finished requests for the next; a buffer
// grown past maxPooledBody is dropped.
var bodyBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 1<<10); return &b }}

const maxPooledBody = MaxBodyBytes

// readAll is io.ReadAll into b's spare room: it reads r to its end and
// returns b with what it read appended.
func readAll(r io.Reader, b []byte) ([]byte, error) {
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			return b, err
		}
	}
}

// describeJSONErrorIn is jsontext.Describe with the path of a wrongly typed
// value given with its indexes ("history[2].role"), read from raw.
func describeJSONErrorIn(raw []byte, err error) string {
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) && typ.Field != "" {
		if p := pathAt(raw, typ.Offset); p != "" {
			return fmt.Sprintf("field %q must be %s, not %s", p, jsontext.Kind(typ.Type), jsontext.Article(typ.Value))
		}
	}
	return jsontext.Describe(err)
}

// readFailedMessage answers a body that could not be read: the client was
// too slow (the read timeout) or went away. The cause is not echoed, as it
// names the server's own address ("read tcp 127.0.0.1:8080->...").
const readFailedMessage = "could not read the request body: it did not arrive whole within the read timeout"
