package server

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/ladder/coach/internal/ratelimit"
)

// Limiter decides whether a client may make one more request.
type Limiter interface {
	Allow(ctx context.Context, key string) (ok bool, retryAfter time.Duration, err error)
}

// Metrics records what the server does. *metrics.Metrics implements it.
type Metrics interface {
	Request(route, method string, status int, d time.Duration)
	RateLimited()
	RateLimitError()
	Panic()
}

// keySet holds the API keys as SHA-256 digests, so every comparison is of
// equal length and constant time, and the keys themselves are not kept.
type keySet [][32]byte

func newKeySet(keys []string) keySet {
	var ks keySet
	for _, k := range keys {
		if k = strings.TrimSpace(k); k != "" {
			ks = append(ks, sha256.Sum256([]byte(k)))
		}
	}
	return ks
}

// match compares the presented key with every key, without stopping early.
func (ks keySet) match(presented string) bool {
	d := sha256.Sum256([]byte(presented))
	ok := 0
	for _, k := range ks {
		ok |= subtle.ConstantTimeCompare(d[:], k[:])
	}
	return ok == 1
}

// bearer returns the token of an "Authorization: Bearer <token>" header.
func bearer(c *gin.Context) string {
	h := c.GetHeader("Authorization")
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}

// ctxKeyClient is where requireKey leaves the client's identity for the
// rate limiter: a digest of its API key.
const ctxKeyClient = "coach.client"

// requireKey lets through only requests with one of the API keys. A
// request without a valid key takes one request of its IP's limit (when
// there is a limiter), and is refused with 429 past it: a wrong key is
// never free to try.
func requireKey(ks keySet, l Limiter, m Metrics) gin.HandlerFunc {
	return func(c *gin.Context) {
		tok := bearer(c)
		if tok == "" || !ks.match(tok) {
			if l != nil {
				ok, wait, err := l.Allow(c.Request.Context(), "ip:"+c.ClientIP())
				if err == nil && !ok {
					tooMany(c, m, wait, " (failed API key checks count too)")
					return
				}
			}
			c.Header("WWW-Authenticate", `Bearer realm="coach"`)
			msg := "a valid API key is required: send Authorization: Bearer <key>"
			if tok == "" {
				msg = "missing API key: send Authorization: Bearer <key>"
			}
			abortWithMessage(c, http.StatusUnauthorized, msg)
			return
		}
		d := sha256.Sum256([]byte(tok))
		c.Set(ctxKeyClient, "key:"+hex.EncodeToString(d[:8]))
		c.Next()
	}
}

// clientKey identifies a client for rate limits: its API key when it sent a
// valid one, else its IP (gin's ClientIP honours X-Forwarded-For only from
// the trusted proxies).
func clientKey(c *gin.Context) string {
	if v, ok := c.Get(ctxKeyClient); ok {
		return v.(string)
	}
	return "ip:" + c.ClientIP()
}

// rateLimit refuses requests over the client's limit with 429 and
// Retry-After. When the limiter itself fails (a shared store is down) the
// request goes through: a limit is not worth an outage.
func rateLimit(l Limiter, m Metrics, onError func(error)) gin.HandlerFunc {
	return func(c *gin.Context) {
		ok, wait, err := l.Allow(c.Request.Context(), clientKey(c))
		if err != nil {
			m.RateLimitError()
			onError(err)
			c.Next()
			return
		}
		if !ok {
			tooMany(c, m, wait, "")
			return
		}
		c.Next()
	}
}

// tooMany refuses a request over its limit: 429 with Retry-After, the
// limit's reason (note) in the message.
func tooMany(c *gin.Context, m Metrics, wait time.Duration, note string) {
	m.RateLimited()
	secs := strconv.Itoa(ratelimit.RetryAfterSeconds(wait))
	c.Header("Retry-After", secs)
	abortWithMessage(c, http.StatusTooManyRequests, "rate limit exceeded"+note+": try again in "+secs+" s")
}

// RequestIDHeader carries a request's id, echoed from the client or made.
const RequestIDHeader = "X-Request-ID"

// requestIDKey is RequestIDHeader as net/http keeps it in a header map, so
// the header is read and set without canonicalizing its name each time.
var requestIDKey = textproto.CanonicalMIMEHeaderKey(RequestIDHeader)

// requestID echoes a sane X-Request-ID or makes one, for the response and
// the log line.
func requestID() gin.HandlerFunc {
	return func(c *gin.Context) {
		var id string
		if v := c.Request.Header[requestIDKey]; len(v) > 0 {
			id = v[0]
		}
		if !saneID(id) {
			var b [12]byte
			_, _ = rand.Read(b[:])
			var h [24]byte
			hex.Encode(h[:], b[:])
			id = string(h[:])
		}
		if x := exchangeOf(c); x != nil {
			x.id = id
		}
		c.Writer.Header()[requestIDKey] = []string{id}
		c.Next()
	}
}

// saneID accepts ids of up to 128 visible ASCII characters.
func saneID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] < 0x21 || id[i] > 0x7e {
			return false
		}
	}
	return true
}

// observe records every request in the metrics under its route pattern.
func observe(m Metrics) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		status := c.Writer.Status()
		if writeFailed(c) != nil {
			status = StatusWriteFailed
		}
		m.Request(c.FullPath(), c.Request.Method, status, time.Since(start))
	}
}

// nopMetrics stands in when no metrics are wanted.
type nopMetrics struct{}

func (nopMetrics) Request(string, string, int, time.Duration) {}
func (nopMetrics) RateLimited()                               {}
func (nopMetrics) RateLimitError()                            {}
func (nopMetrics) Panic()                                     {}
