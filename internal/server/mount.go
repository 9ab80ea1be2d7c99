package server

import (
	"strings"

	"github.com/gin-gonic/gin"
)

// mount is a route group with rules of its own for every request under its
// prefix: the shape of its errors and its body limit. /v1 is one: OpenAI's
// error shape and a larger body. The rules hold whoever answers a request
// under the prefix: the group's handlers, the engine's middleware (body
// limit, hosts, panics) and the fallback routes, which gin runs outside any
// group.
type mount struct {
	prefix string
	// writeError writes the group's errors; nil is the core writeError.
	writeError func(c *gin.Context, status int, msg string)
	// maxBody is the group's body limit; 0 is the engine's.
	maxBody int64
}

// holds reports whether path is under m's prefix.
func (m mount) holds(path string) bool {
	return strings.HasPrefix(path, m.prefix) && (len(path) == len(m.prefix) || path[len(m.prefix)] == '/')
}

// group makes m's route group on r, with mw (API keys, limits) on it.
func (m mount) group(r *gin.Engine, mw ...gin.HandlerFunc) *gin.RouterGroup {
	return r.Group(m.prefix, mw...)
}

// mountOf returns the mount of the request, if any.
func mountOf(c *gin.Context) (mount, bool) {
	if x := exchangeOf(c); x != nil && x.mount != nil {
		return *x.mount, true
	}
	return mount{}, false
}
