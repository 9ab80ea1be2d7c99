package server

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/gin-gonic/gin"
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

// requestLog logs one line a request.
func requestLog(logger *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		logger.InfoContext(c.Request.Context(), "request",
			"request_id", c.GetString(ctxKeyRequestID), "method", c.Request.Method, "path", c.Request.URL.Path,
			"route", c.FullPath(), "status", c.Writer.Status(), "bytes", c.Writer.Size(),
			"client", c.ClientIP(), "duration", time.Since(start))
	}
}

// securityHeaders sets the CSP and its companions on every response.
func securityHeaders() gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		c.Next()
	}
}

// limitBody rejects bodies over n bytes (v1 under /v1) with 413: up front
// when the client declares the length, and while reading otherwise.
func limitBody(n, v1 int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		limit := n
		if isOpenAIPath(c.Request.URL.Path) {
			limit = v1
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
