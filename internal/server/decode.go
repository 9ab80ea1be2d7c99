package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/ladder/coach/internal/errs"
)

// decodeJSON reads one JSON object from body into v. Every failure is an
// *errs.Error with code Invalid or TooLarge and a message that says what is
// wrong, so bad input never becomes a 5xx. Unknown fields are ignored so
// clients may send more than this version reads.
func decodeJSON(body io.Reader, v any) error {
	if body == nil {
		return errs.New(errs.Invalid, "request body must be a JSON object")
	}
	raw, err := io.ReadAll(body)
	if err != nil {
		if isTooLarge(err) {
			return errs.New(errs.TooLarge, "%s", tooLargeMessage(MaxBodyBytes))
		}
		return errs.New(errs.Invalid, "could not read the request body: %v", err)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return errs.New(errs.Invalid, "request body is empty; send a JSON object such as {\"message\": \"...\"}")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(v); err != nil {
		return errs.New(errs.Invalid, "%s", describeJSONError(err))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errs.New(errs.Invalid, "request body must hold a single JSON object, with nothing after it")
	}
	return nil
}

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
