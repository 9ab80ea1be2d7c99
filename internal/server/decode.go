package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sync"

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
	// json.Unmarshal takes exactly one value with nothing after it: what a
	// good body is, without a Decoder's buffers. A body it refuses is read
	// again by a Decoder, whose errors tell a value with something after it
	// apart from a broken one.
	if json.Unmarshal(raw, v) != nil {
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
