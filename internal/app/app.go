// Package app builds the coach from its configuration: the article's
// sections, the LLM client, the planner, the assessor and the rate limiter
// at once (Core), then the embedding function, the index, the retriever and
// the answer service (App), wired in the order the flow runs.
//
// It is the one place that knows every part; the parts do not know it, and
// it knows nothing about flags, HTTP routes or output formats, which belong
// to the transports in cmd/coach and internal/server.
package app

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/ladder/coach/corpus"
	"github.com/ladder/coach/internal/answer"
	"github.com/ladder/coach/internal/assess"
	"github.com/ladder/coach/internal/config"
	"github.com/ladder/coach/internal/index"
	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/llm"
	"github.com/ladder/coach/internal/plan"
	"github.com/ladder/coach/internal/ratelimit"
	"github.com/ladder/coach/internal/reading"
	"github.com/ladder/coach/internal/retrieve"
	"github.com/ladder/coach/internal/sections"
)

// Options are what the coach is built from.
type Options struct {
	// Config holds the settings; Build and Start validate it first.
	Config config.Config
	// Observer is told retrieval times and LLM outcomes (the metrics); nil
	// observes nothing.
	Observer answer.Observer
	// Shared is the state the replicas share through Redis (OpenShared):
	// the rate limiter and the LLM answer cache. Nil shares nothing: limits
	// are kept per process and answers are not cached.
	Shared *Shared
}

// Core is the part of the coach that needs no index, built at once: a
// server lists sections, plans and assesses with it while the index builds.
type Core struct {
	// Config is the configuration it was built from.
	Config config.Config
	// Sections are the article's sections, or the ladder file's: read once
	// for every part.
	Sections *sections.Set
	// Ladder is the level model the sections belong to.
	Ladder *ladder.Model
	// Planner builds growth plans, with the LLM when one is configured.
	Planner *plan.Service
	// Assessor places self-descriptions and compares levels; it never
	// asks the LLM, so the level, evidence and gaps stay the article's.
	Assessor *assess.Assessor
	// Limiter is the per-client rate limiter: the replicas' shared one with
	// Redis, else one in memory; nil when COACH_RATE_LIMIT is 0.
	Limiter ratelimit.Limiter

	llm      *llm.Client // the one client of the endpoint; nil offline
	observer answer.Observer
	cache    answer.Cache
}

// App is the built coach: its Core and the index it answers from.
type App struct {
	*Core
	// Index holds the sections' vectors.
	Index *index.Index
	// Service answers chat requests.
	Service *answer.Service
}

// Sections splits the embedded article into its sections.
func Sections() (*sections.Set, error) {
	secs, err := sections.Split(corpus.Article)
	if err != nil {
		return nil, fmt.Errorf("app: split the article: %w", err)
	}
	return sections.NewSet(secs), nil
}

// New validates opts.Config, reads the corpus it names (LoadCorpus) and
// builds the Core. Config.ModelID becomes the corpus's (Corpus.ModelID).
func New(opts Options) (*Core, error) {
	cfg := opts.Config
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	corp, err := LoadCorpus(cfg)
	if err != nil {
		return nil, err
	}
	cfg.ModelID = corp.ModelID(cfg)
	set := corp.Sections
	c := &Core{Config: cfg, Sections: set, Ladder: corp.Ladder, Assessor: assess.NewFor(set, corp.Ladder), observer: opts.Observer}
	c.Planner = &plan.Service{Sections: set, Ladder: corp.Ladder, Timeout: cfg.LLMTimeout}
	if cfg.LLMEnabled() {
		c.llm = llm.New(llm.Config{BaseURL: cfg.BaseURL, APIKey: cfg.APIKey, Model: cfg.Model, Timeout: cfg.LLMTimeout, MaxReplyBytes: cfg.LLMMaxBytes})
		c.Planner.LLM = c.llm
		c.cache = opts.Shared.AnswerCache()
	}
	if l := opts.Shared.Limiter(); l != nil {
		c.Limiter = l
	} else if cfg.RateLimit > 0 {
		c.Limiter = ratelimit.NewMemory(cfg.RateLimit)
	}
	return c, nil
}

// Build builds the whole coach: the Core, then the embedding function, the
// index, the retriever and the answer service. Logs go to slog.Default().
func Build(ctx context.Context, opts Options) (*App, error) {
	c, err := New(opts)
	if err != nil {
		return nil, err
	}
	return c.Build(ctx)
}

// Build builds the index over the Core's sections and the answer service
// on it.
func (c *Core) Build(ctx context.Context) (*App, error) {
	idx, err := c.buildIndex(ctx)
	if err != nil {
		return nil, err
	}
	base := retrieve.New(c.Sections, idx).WithPlacer(c.Assessor).WithLadder(c.Ladder)
	svc := &answer.Service{
		Retriever: base,
		Sections:  c.Sections,
		Timeout:   c.Config.LLMTimeout,
		Observer:  c.observer,

		MaxReplyBytes: c.Config.LLMMaxBytes,
	}
	if c.llm != nil {
		svc.LLM, svc.Cache, svc.Model = c.llm, c.cache, c.Config.Model
		if c.Config.LLMReads() {
			// The LLM reads the question too; the offline reader stays the fallback.
			rr := reading.NewRetriever(base, reading.New(c.llm, c.Config.LLMReadTimeout).WithLadder(c.Ladder), nil)
			if o, ok := c.observer.(reading.Observer); ok {
				rr.Observer = o
			}
			svc.Retriever = rr
		}
	}
	slog.Default().DebugContext(ctx, "coach built", "sections", len(c.Sections.All()), "indexed", idx.Count(), "mode", Mode(c.Config))
	return &App{Core: c, Index: idx, Service: svc}, nil
}

// Chat answers one chat request.
func (a *App) Chat(ctx context.Context, req answer.Request) (answer.Reply, error) {
	return a.Service.Chat(ctx, req)
}

// ChatStream answers one chat request as a stream of events; see
// answer.Service.ChatStream.
func (a *App) ChatStream(ctx context.Context, req answer.Request, emit func(answer.Event) error) error {
	return a.Service.ChatStream(ctx, req, emit)
}

// Mode is the answer mode cfg gives replies: answer.ModeLLM or
// answer.ModeOffline.
func Mode(cfg config.Config) string {
	if cfg.LLMEnabled() {
		return answer.ModeLLM
	}
	return answer.ModeOffline
}
