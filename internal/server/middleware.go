package server

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/ladder/coach/internal/jsontext"
)

// ContentSecurityPolicy is sent with every response: the page loads its own
// script, style and icon and talks to its own API, nothing else.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; " +
	"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// recovery turns a panic into a logged stack and a JSON 500.
func recovery(logger *slog.Logger, m Metrics) gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
				panic(v) // net/http's own signal to drop the connection
			}
			m.Panic()
			logger.ErrorContext(c.Request.Context(), "panic serving request",
				"request_id", c.GetString(ctxKeyRequestID), "method", c.Request.Method, "path", c.Request.URL.Path,
				"panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			if c.Writer.Written() {
				c.Abort()
				return
			}
			abortWithMessage(c, http.StatusInternalServerError, "internal error")
		}()
		c.Next()
	}
}

// writeWatch remembers the first failed write of a reply: past the write
// timeout (or once the client is gone) net/http fails every write, and the
// status the handler chose was never received.
type writeWatch struct {
	gin.ResponseWriter
	err error
}

func (w *writeWatch) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	if err != nil && w.err == nil {
		w.err = err
	}
	return n, err
}

func (w *writeWatch) WriteString(s string) (int, error) {
	n, err := w.ResponseWriter.WriteString(s)
	if err != nil && w.err == nil {
		w.err = err
	}
	return n, err
}

const ctxKeyWriteWatch = "coach.write_watch"

// watchWrites wraps the reply's writer in a writeWatch for requestLog and
// observe.
func watchWrites() gin.HandlerFunc {
	return func(c *gin.Context) {
		w := &writeWatch{ResponseWriter: c.Writer}
		c.Writer = w
		c.Set(ctxKeyWriteWatch, w)
		c.Next()
	}
}

// writeFailed is the error of the reply's first failed write, or nil.
func writeFailed(c *gin.Context) error {
	if w, ok := c.Get(ctxKeyWriteWatch); ok {
		return w.(*writeWatch).err
	}
	return nil
}

// StatusWriteFailed is the status logged and counted for a reply that could
// not be written (the write timeout fired, or the client went away): not the
// status the handler chose, which the client never got.
const StatusWriteFailed = 0

// requestLog logs one line a request; a reply that could not be written is
// logged as a warning with StatusWriteFailed and the write's error.
func requestLog(logger *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		status, err := c.Writer.Status(), writeFailed(c)
		if err != nil {
			status = StatusWriteFailed
		}
		attrs := []any{"request_id", c.GetString(ctxKeyRequestID), "method", jsontext.Clip(c.Request.Method, 20), "path", jsontext.Clip(c.Request.URL.Path, 200),
			"route", c.FullPath(), "status", status, "bytes", c.Writer.Size(),
			"client", c.ClientIP(), "duration", time.Since(start)}
		if err != nil {
			attrs = append(attrs, "intended_status", c.Writer.Status(), "error", "the reply could not be written: "+err.Error())
			logger.WarnContext(c.Request.Context(), "request failed", attrs...)
			return
		}
		logger.InfoContext(c.Request.Context(), "request", attrs...)
	}
}

// securityHeaders sets the CSP and its companions on every response.
func securityHeaders() gin.HandlerFunc {
	// The values are shared by every reply, never changed: a later Set
	// replaces a value, an Add appends to a full slice (a copy).
	values := [][2]string{
		{"Content-Security-Policy", ContentSecurityPolicy},
		{"X-Content-Type-Options", "nosniff"},
		{"Referrer-Policy", "no-referrer"},
		{"X-Frame-Options", "DENY"},
	}
	type header struct {
		key   string // canonical
		value []string
	}
	shared := make([]header, len(values))
	for i, v := range values {
		shared[i] = header{v[0], []string{v[1]}[:1:1]}
	}
	return func(c *gin.Context) {
		h := c.Writer.Header()
		for _, s := range shared {
			h[s.key] = s.value
		}
		c.Next()
	}
}

// limitBody rejects bodies over n bytes (over its mount's limit, when the
// request's mount has one) with 413: up front when the client declares the
// length, and while reading otherwise.
func limitBody(n int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		limit := n
		if m, ok := mountOf(c); ok && m.maxBody > 0 {
			limit = m.maxBody
		}
		if c.Request.ContentLength > limit {
			abortWithMessage(c, http.StatusRequestEntityTooLarge, tooLargeMessage(limit))
			return
		}
		if c.Request.Body != nil {
			c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
		}
		c.Next()
	}
}

func tooLargeMessage(n int64) string {
	return fmt.Sprintf("request body is over the limit of %d bytes", n)
}

// isTooLarge reports whether err came from the body limit.
func isTooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}
