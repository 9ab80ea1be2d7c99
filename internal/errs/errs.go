// Package errs holds the coach's one error type: a code that transports map
// to a status, and a message safe to show to the person who asked.
//
// It knows nothing about HTTP; internal/server owns the code-to-status table.
package errs

import (
	"errors"
	"fmt"
)

// Error codes.
const (
	Invalid     = "invalid"     // the request is malformed or out of bounds
	TooLarge    = "too_large"   // the request body or a field is over its limit
	NotFound    = "not_found"   // no such section, level or route
	Unavailable = "unavailable" // not ready yet, or a dependency is down
	Internal    = "internal"    // a bug: the message is generic, details go to the log
)

// Error is a failure with a code and a user-facing message.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// New returns an error with a code and a formatted message.
func New(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Code returns the code of err, Internal when it carries none.
func Code(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// Message returns the user-facing message of err; a generic one for errors
// that carry no code, so internals never leak.
func Message(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
