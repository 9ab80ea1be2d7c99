// Package server is the coach's HTTP transport: the gin engine, its
// middleware, the JSON API and the page's routes.
//
// It only carries requests in and replies out. It knows the answer, section
// and ladder types it serializes, and the small interfaces below; it knows
// nothing about how sections are split, indexed, retrieved or answered.
package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/ladder/coach/internal/answer"
	"github.com/ladder/coach/internal/jsontext"
	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/openaiapi"
	"github.com/ladder/coach/internal/sections"
)

// MaxBodyBytes is the largest request body the server reads.
const MaxBodyBytes = 64 << 10

// MaxOpenAIBodyBytes is the body limit under /v1: OpenAI clients and chat
// UIs send the whole conversation with every question (the coach keeps its
// last 50 turns), so a 64 KiB cap would end conversations after a few
// dozen exchanges.
const MaxOpenAIBodyBytes = 1 << 20

// Chatter answers a chat request.
type Chatter interface {
	Chat(ctx context.Context, req answer.Request) (answer.Reply, error)
}

// SectionSource lists the article's sections.
type SectionSource interface {
	// All returns every section in article order.
	All() []sections.Section
	// ByID returns one section.
	ByID(id string) (sections.Section, bool)
}

// Deps is what the server is built from.
type Deps struct {
	// Chatter answers POST /api/chat.
	Chatter Chatter
	// Sections serves /api/sections.
	Sections SectionSource
	// Ladder serves /api/ladder, with its grid from Sections; nil describes
	// the embedded article's.
	Ladder *LadderInfo
	// Levels serves /api/levels; nil means ladder.Levels().
	Levels []ladder.Level
	// Ready reports whether the coach can answer (the index is built); nil
	// means always ready. /readyz and /api/chat answer 503 until it is true.
	Ready func() bool
	// Logger receives request logs and panics; nil discards them.
	Logger *slog.Logger
	// Planner answers POST /api/plan; nil answers 503.
	Planner Planner
	// Assessor answers POST /api/assess and GET /api/compare; nil answers 503.
	Assessor Assessor
	// ModelID is the model name of the OpenAI-compatible API under /v1;
	// empty means openaiapi.DefaultModelID. /v1/chat/completions answers with Chatter.
	ModelID string

	// APIKeys, when any, are required as "Authorization: Bearer <key>" on
	// /api, /v1 and /metrics.
	APIKeys []string
	// Limiter, when set, limits requests to /api and /v1 per client (its
	// API key, else its IP).
	Limiter Limiter
	// Metrics records requests, limits and panics; MetricsHandler, when set,
	// serves them at GET /metrics.
	Metrics        Metrics
	MetricsHandler http.Handler
	// TrustedProxies are the proxies whose X-Forwarded-For gives the client's
	// IP; none by default, so a client cannot pick its own rate-limit key.
	TrustedProxies []string
	// AllowedHosts, when any, are the Host names served (any port; a
	// leading dot allows the subdomains, "*" any); others get 421. See
	// config.Config.HostsServed.
	AllowedHosts []string
	// CORSOrigins are the origins other sites' pages may call /api and /v1
	// from; none by default (same origin only).
	CORSOrigins []string
}

// New builds the gin engine with its middleware and routes.
func New(d Deps) *gin.Engine {
	if d.Logger == nil {
		d.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if d.Ready == nil {
		d.Ready = func() bool { return true }
	}
	if d.Levels == nil {
		d.Levels = ladder.Levels()
	}
	if d.Ladder == nil {
		info := LadderInfoOf(ladder.Default())
		d.Ladder = &info
	}
	if d.ModelID == "" {
		d.ModelID = openaiapi.DefaultModelID
	}

	if d.Metrics == nil {
		d.Metrics = nopMetrics{}
	}

	r := gin.New()
	// gin trusts every proxy unless told otherwise.
	if err := r.SetTrustedProxies(d.TrustedProxies); err != nil {
		d.Logger.Error("bad trusted proxies; trusting none", "err", err)
		_ = r.SetTrustedProxies(nil)
	}
	r.HandleMethodNotAllowed = true
	// Trailing-slash redirects would turn API typos into 301s; a JSON 404 is clearer.
	r.RedirectTrailingSlash = false
	r.RedirectFixedPath = false
	r.ContextWithFallback = true

	// The route groups with rules of their own, chosen first so that every
	// error of a request under them, the middleware's included, keeps them.
	openAI := mount{prefix: "/v1", writeError: writeOpenAIError, maxBody: MaxOpenAIBodyBytes}
	// The log and the metrics wrap recovery, so a panic's 500 is counted.
	r.Use(track([]mount{openAI}), requestID(), requestLog(d.Logger), observe(d.Metrics), recovery(d.Logger, d.Metrics), securityHeaders())
	if len(d.AllowedHosts) > 0 {
		r.Use(allowHosts(d.AllowedHosts))
	}
	if len(d.CORSOrigins) > 0 {
		r.Use(crossOrigin(d.CORSOrigins))
	}
	r.Use(limitBody(MaxBodyBytes))
	// guard is what /api and /v1 sit behind: keys, then limits; /metrics
	// takes the keys only, so scrapes are never limited.
	var guard, keyOnly []gin.HandlerFunc
	if ks := newKeySet(d.APIKeys); len(ks) > 0 {
		// A wrong key costs the client a request of its limit, so keys
		// cannot be guessed at full speed.
		guard = append(guard, requireKey(ks, d.Limiter, d.Metrics))
		keyOnly = append(keyOnly, requireKey(ks, d.Limiter, d.Metrics))
	}
	if d.Limiter != nil {
		guard = append(guard, rateLimit(d.Limiter, d.Metrics, func(err error) {
			d.Logger.Warn("rate limiter failed; letting the request through", "err", err)
		}))
	}
	r.NoRoute(func(c *gin.Context) {
		abortWithMessage(c, http.StatusNotFound, "no route for "+jsontext.Clip(c.Request.Method, 20)+" "+jsontext.Clip(c.Request.URL.Path, 200))
	})
	r.NoMethod(func(c *gin.Context) {
		abortWithMessage(c, http.StatusMethodNotAllowed, "method "+jsontext.Clip(c.Request.Method, 20)+" is not allowed on "+jsontext.Clip(c.Request.URL.Path, 200))
	})

	health := &healthHandler{ready: d.Ready}
	r.GET("/healthz", health.live)
	r.GET("/readyz", health.readiness)
	// Monitors that probe with HEAD get the status and headers alone.
	r.HEAD("/healthz", health.live)
	r.HEAD("/readyz", health.readiness)

	r.GET("/openapi.json", openAPI)

	if d.MetricsHandler != nil {
		r.GET("/metrics", append(keyOnly, gin.WrapH(d.MetricsHandler))...)
	}

	api := r.Group("/api", guard...)
	chat := &chatHandler{chatter: d.Chatter, ready: d.Ready, logger: d.Logger}
	api.POST("/chat", chat.chat)
	secs := &sectionsHandler{source: d.Sections}
	api.GET("/sections", secs.list)
	api.GET("/sections/*id", secs.get)
	levels := &levelsHandler{levels: d.Levels}
	api.GET("/levels", levels.list)
	api.GET("/ladder", (&ladderHandler{info: d.Ladder.withGrid(d.Sections, d.Levels)}).get)
	plans := &planHandler{planner: d.Planner, logger: d.Logger}
	api.POST("/plan", plans.build)
	api.POST("/plan/ics", plans.ics)
	assessment := &assessHandler{assessor: d.Assessor, logger: d.Logger}
	api.POST("/assess", assessment.assess)
	api.GET("/compare", assessment.compare)
	fb, _ := d.Metrics.(FeedbackRecorder)
	api.POST("/feedback", (&feedbackHandler{recorder: fb, logger: d.Logger}).record)

	// The OpenAI-compatible API. Middleware for all of /v1 (API keys) goes
	// on this group; its errors, the fallback routes' included, take
	// OpenAI's shape (its mount's writeOpenAIError).
	v1 := openAI.group(r, guard...)
	openAIRoutes(v1, &openAIHandler{chatter: d.Chatter, ready: d.Ready, logger: d.Logger, modelID: d.ModelID, now: time.Now})

	pages := &pagesHandler{}
	pages.routePages(r) // every web/NAME.html at /NAME (index at /), and /static/
	return r
}
