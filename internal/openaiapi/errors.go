package openaiapi

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/ladder/coach/internal/errs"
	"github.com/ladder/coach/internal/jsontext"
)

// OpenAI error types and codes the coach uses.
const (
	TypeInvalidRequest = "invalid_request_error"
	TypeServer         = "server_error"

	CodeInvalidJSON     = "invalid_json"
	CodeInvalidType     = "invalid_type"
	CodeInvalidValue    = "invalid_value"
	CodeMissing         = "missing_required_parameter"
	CodeEmptyArray      = "empty_array"
	CodeEmptyString     = "empty_string"
	CodeTooLong         = "string_above_max_length"
	CodeNoUserMessage   = "missing_user_message"
	CodeModelNotFound   = "model_not_found"
	CodeTooLarge        = "request_too_large"
	CodeUnknownURL      = "unknown_url"
	CodeMethodNotAllow  = "method_not_allowed"
	CodeUnavailable     = "unavailable"
	CodeInvalidAPIKey   = "invalid_api_key"
	CodeRateLimited     = "rate_limit_exceeded"
	CodeRequestCanceled = "request_cancelled"
)

// ErrorBody is the error shape of /v1, OpenAI's:
// {"error":{"message","type","param","code"}}, param and code null when
// they do not apply.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail is the inside of ErrorBody.
type ErrorDetail struct {
	Message string  `json:"message"`
	Type    string  `json:"type"`
	Param   *string `json:"param"`
	Code    *string `json:"code"`
}

// Error is a /v1 failure: the HTTP status and OpenAI's error fields.
type Error struct {
	Status  int
	Message string
	Type    string
	Param   string // "" is null
	Code    string // "" is null
}

func (e *Error) Error() string { return e.Message }

// Body is e in OpenAI's error shape.
func (e *Error) Body() ErrorBody {
	opt := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	return ErrorBody{Error: ErrorDetail{Message: e.Message, Type: e.Type, Param: opt(e.Param), Code: opt(e.Code)}}
}

// Invalidf is a 400 invalid_request_error naming param and code.
func Invalidf(param, code, format string, args ...any) *Error {
	return &Error{Status: http.StatusBadRequest, Message: fmt.Sprintf(format, args...),
		Type: TypeInvalidRequest, Param: param, Code: code}
}

// codeOfStatus names the code of errors that only have a status: those of
// the middleware and of the fallback routes.
var codeOfStatus = map[int]string{
	http.StatusBadRequest:            CodeInvalidValue,
	http.StatusUnauthorized:          CodeInvalidAPIKey,
	http.StatusTooManyRequests:       CodeRateLimited,
	http.StatusNotFound:              CodeUnknownURL,
	http.StatusMethodNotAllowed:      CodeMethodNotAllow,
	http.StatusRequestEntityTooLarge: CodeTooLarge,
	http.StatusServiceUnavailable:    CodeUnavailable,
}

// ErrorFor turns a status and a message into a /v1 error.
func ErrorFor(status int, msg string) *Error {
	typ := TypeInvalidRequest
	if status >= 500 {
		typ = TypeServer
	}
	return &Error{Status: status, Message: msg, Type: typ, Code: codeOfStatus[status]}
}

// ErrorOf turns an error of the answer service into a /v1 error with
// status, the HTTP status of its code (the server holds that table).
func ErrorOf(err error, status int) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	oe := ErrorFor(status, errs.Message(err))
	if errs.Code(err) == errs.Invalid {
		oe.Param = "messages"
	}
	return oe
}

// ModelNotFound is the 404 for a model other than the coach's.
func ModelNotFound(requested, id string) *Error {
	return &Error{Status: http.StatusNotFound, Type: TypeInvalidRequest, Param: "model", Code: CodeModelNotFound,
		Message: fmt.Sprintf("The model '%s' does not exist. This server has one model, '%s' (GET /v1/models).", jsontext.Clip(requested, 100), id)}
}
