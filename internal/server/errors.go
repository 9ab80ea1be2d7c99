package server

import (
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/ladder/coach/internal/errs"
)

// statusOf maps each error code to its HTTP status: the one table.
var statusOf = map[string]int{
	errs.Invalid:     http.StatusBadRequest,
	errs.TooLarge:    http.StatusRequestEntityTooLarge,
	errs.NotFound:    http.StatusNotFound,
	errs.Unavailable: http.StatusServiceUnavailable,
	errs.Internal:    http.StatusInternalServerError,
}

// HTTPStatus returns the HTTP status for err's code; 500 for an unknown code.
func HTTPStatus(err error) int {
	if s, ok := statusOf[errs.Code(err)]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// ErrorBody is the one JSON error shape: {"error":{"message":"..."}}.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail is the inside of ErrorBody.
type ErrorDetail struct {
	Message string `json:"message"`
}

// abortWithError writes err in the error shape with the status of its code.
// Errors without a code are bugs: their details go to the log, the client
// sees a generic message.
func abortWithError(c *gin.Context, logger *slog.Logger, err error) {
	status := HTTPStatus(err)
	if status >= 500 && logger != nil {
		logger.ErrorContext(c.Request.Context(), "request failed",
			"request_id", requestIDOf(c), "method", c.Request.Method, "path", c.Request.URL.Path, "status", status, "err", err)
	}
	abortWithMessage(c, status, errs.Message(err))
}

// abortWithMessage writes msg with status through the error writer of the
// request's mount, whoever aborts: the route's handler, the middleware or
// the fallback routes; outside every mount, in the one error shape.
func abortWithMessage(c *gin.Context, status int, msg string) {
	if m, ok := mountOf(c); ok && m.writeError != nil {
		m.writeError(c, status, msg)
		return
	}
	writeError(c, status, msg)
}

// writeError is the core error writer: msg in the one error shape.
func writeError(c *gin.Context, status int, msg string) {
	c.AbortWithStatusJSON(status, ErrorBody{Error: ErrorDetail{Message: msg}})
}

// abortFailedCall answers a failed call to the coach: a client that left
// gets a quiet 503 (nobody reads it and it is not a fault), anything else
// goes through abortWithError.
func abortFailedCall(c *gin.Context, logger *slog.Logger, err error) {
	if c.Request.Context().Err() != nil {
		abortWithMessage(c, http.StatusServiceUnavailable, "request cancelled")
		return
	}
	abortWithError(c, logger, err)
}
