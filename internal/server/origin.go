package server

import (
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-contrib/cors"
	"github.com/gin-gonic/gin"
	"github.com/ladder/coach/internal/jsontext"
)

// allowHosts answers 421 to a request whose Host is not one of hosts (any
// port; ".example.com" allows its subdomains, "*" any): a page on another
// site that points its own name at the coach's address (DNS rebinding)
// cannot use it.
func allowHosts(hosts []string) gin.HandlerFunc {
	// The names are put in the form a request's is compared in once, here.
	allowed := make([]string, len(hosts))
	for i, a := range hosts {
		allowed[i] = strings.Trim(strings.ToLower(a), "[]")
	}
	return func(c *gin.Context) {
		if hostAllowed(c.Request.Host, allowed) {
			c.Next()
			return
		}
		abortWithMessage(c, http.StatusMisdirectedRequest,
			"this coach does not serve the host "+strconv.Quote(jsontext.Clip(c.Request.Host, 100))+"; set COACH_ALLOWED_HOSTS to serve it")
	}
}

// hostAllowed reports whether a request's Host header names one of hosts,
// given in lower case without brackets.
func hostAllowed(hostport string, hosts []string) bool {
	h := strings.ToLower(hostport)
	if host, _, err := net.SplitHostPort(h); err == nil {
		h = host
	}
	h = strings.TrimSuffix(strings.Trim(h, "[]"), ".")
	for _, a := range hosts {
		switch {
		case a == "*", a == h:
			return true
		case strings.HasPrefix(a, ".") && (strings.HasSuffix(h, a) || h == a[1:]):
			return true
		}
	}
	return false
}

// crossOrigin answers CORS preflights and sets the CORS headers for the
// listed origins only, on /api and /v1; other origins get no CORS header,
// so browsers keep them to the same origin. Credentials are never allowed:
// API keys go in Authorization, which pages send explicitly.
func crossOrigin(origins []string) gin.HandlerFunc {
	allowed := map[string]bool{}
	for _, o := range origins {
		allowed[strings.TrimSuffix(strings.ToLower(o), "/")] = true
	}
	h := cors.New(cors.Config{
		AllowOriginFunc:  func(o string) bool { return allowed[strings.ToLower(o)] },
		AllowMethods:     []string{http.MethodGet, http.MethodPost, http.MethodOptions},
		AllowHeaders:     []string{"Authorization", "Content-Type", "Accept", RequestIDHeader},
		ExposeHeaders:    []string{RequestIDHeader, "Retry-After"},
		AllowCredentials: false,
		MaxAge:           10 * time.Minute,
	})
	return func(c *gin.Context) {
		p := c.Request.URL.Path
		// An origin not listed gets no CORS header at all (and its preflight
		// the usual 405), rather than the middleware's bare 403.
		if !allowed[strings.ToLower(c.GetHeader("Origin"))] || !strings.HasPrefix(p, "/api/") && !strings.HasPrefix(p, "/v1/") {
			c.Next()
			return
		}
		h(c)
	}
}
