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
				"request_id", requestIDOf(c), "method", c.Request.Method, "path", c.Request.URL.Path,
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

// exchange is what the engine's first middleware, track, keeps of a
// request for the rest of the chain: the mount it is under, its id
// (requestID's), and the first failed write of its reply (past the write
// timeout, or once the client is gone, net/http fails every write, and the
// status the handler chose was never received). It is the reply's writer,
// c.Writer, so the chain finds it without the context's map, which a
// request would otherwise allocate.
type exchange struct {
	gin.ResponseWriter
	mount *mount // nil outside every mount
	id    string
	err   error
}

func (x *exchange) Write(b []byte) (int, error) {
	n, err := x.ResponseWriter.Write(b)
	if err != nil && x.err == nil {
		x.err = err
	}
	return n, err
}

func (x *exchange) WriteString(s string) (int, error) {
	n, err := x.ResponseWriter.WriteString(s)
	if err != nil && x.err == nil {
		x.err = err
	}
	return n, err
}

// track is the engine's first middleware: it finds the mount a request is
// under, for the error writer and the body limit of everything that
// follows, and wraps the reply's writer in the request's exchange.
func track(ms []mount) gin.HandlerFunc {
	return func(c *gin.Context) {
		x := &exchange{ResponseWriter: c.Writer}
		for i := range ms {
			if ms[i].holds(c.Request.URL.Path) {
				x.mount = &ms[i]
				break
			}
		}
		c.Writer = x
		c.Next()
	}
}

// exchangeOf is the request's exchange; nil when track did not run.
func exchangeOf(c *gin.Context) *exchange {
	x, _ := c.Writer.(*exchange)
	return x
}

// writeFailed is the error of the reply's first failed write, or nil.
func writeFailed(c *gin.Context) error {
	if x := exchangeOf(c); x != nil {
		return x.err
	}
	return nil
}

// requestIDOf is the request's id, "" when requestID did not run.
func requestIDOf(c *gin.Context) string {
	if x := exchangeOf(c); x != nil {
		return x.id
	}
	return ""
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
		ctx := c.Request.Context()
		status, err := c.Writer.Status(), writeFailed(c)
		if err != nil {
			status = StatusWriteFailed
		}
		level, msg := slog.LevelInfo, "request"
		if err != nil {
			level, msg = slog.LevelWarn, "request failed"
		}
		if !logger.Enabled(ctx, level) {
			return
		}
		// Attrs rather than key-value pairs: no value is boxed on its way to
		// the handler.
		var buf [11]slog.Attr
		attrs := append(buf[:0], slog.String("request_id", requestIDOf(c)), slog.String("method", jsontext.Clip(c.Request.Method, 20)),
			slog.String("path", jsontext.Clip(c.Request.URL.Path, 200)), slog.String("route", c.FullPath()), slog.Int("status", status),
			slog.Int("bytes", c.Writer.Size()), slog.String("client", c.ClientIP()), slog.Duration("duration", time.Since(start)))
		if err != nil {
			attrs = append(attrs, slog.Int("intended_status", c.Writer.Status()), slog.String("error", "the reply could not be written: "+err.Error()))
		}
		logger.LogAttrs(ctx, level, msg, attrs...)
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
