// Package app builds the coach from its configuration: the article's
// sections, the embedding function, the index, the retriever and the answer
// service, wired in the order the flow runs.
//
// It is the one place that knows every part; the parts do not know it, and
// it knows nothing about flags, HTTP routes or output formats, which belong
// to the transports in cmd/coach and internal/server.
package app

import (
	"context"
	"fmt"
	"log/slog"

	chromem "github.com/philippgille/chromem-go"

	"github.com/ladder/coach/corpus"
	"github.com/ladder/coach/internal/answer"
	"github.com/ladder/coach/internal/assess"
	"github.com/ladder/coach/internal/config"
	"github.com/ladder/coach/internal/embed"
	"github.com/ladder/coach/internal/index"
	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/llm"
	"github.com/ladder/coach/internal/reading"
	"github.com/ladder/coach/internal/retrieve"
	"github.com/ladder/coach/internal/sections"
)

// App is the built coach.
type App struct {
	// Config is the configuration it was built from.
	Config config.Config
	// Sections are the article's sections, or the ladder file's.
	Sections *sections.Set
	// Ladder is the level model the sections belong to.
	Ladder *ladder.Model
	// Index holds the sections' vectors.
	Index *index.Index
	// Service answers chat requests.
	Service *answer.Service
}

// Sections splits the embedded article into its sections. It is cheap, so a
// server can list sections before the index is built.
func Sections() (*sections.Set, error) {
	secs, err := sections.Split(corpus.Article)
	if err != nil {
		return nil, fmt.Errorf("app: split the article: %w", err)
	}
	return sections.NewSet(secs), nil
}

// Build builds the coach: sections, embedding function, index, retriever and
// answer service, with the LLM when cfg configures one. Logs go to
// slog.Default().
func Build(ctx context.Context, cfg config.Config) (*App, error) {
	return BuildObserved(ctx, cfg, nil)
}

// BuildObserved is Build with an observer told retrieval times and LLM
// outcomes (the metrics); nil observes nothing.
func BuildObserved(ctx context.Context, cfg config.Config, obs answer.Observer) (*App, error) {
	return BuildShared(ctx, cfg, obs, nil)
}

// BuildShared is BuildObserved with an LLM answer cache (the replicas'
// shared one, see Shared.AnswerCache); nil caches nothing.
func BuildShared(ctx context.Context, cfg config.Config, obs answer.Observer, cache answer.Cache) (*App, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	corp, err := LoadCorpus(cfg)
	if err != nil {
		return nil, err
	}
	set := corp.Sections
	cfg.ModelID = corp.ModelID(cfg)
	idx, err := buildIndex(ctx, cfg, set.All(), embedFunc(cfg, set.All()))
	if err != nil {
		return nil, err
	}
	base := retrieve.New(set, idx).WithPlacer(assess.New(set))
	svc := &answer.Service{
		Retriever: base,
		Timeout:   cfg.LLMTimeout,
		Observer:  obs,

		MaxReplyBytes: cfg.LLMMaxBytes,
	}
	if cfg.LLMEnabled() {
		client := llm.New(llmConfig(cfg))
		svc.LLM = client
		if cfg.LLMReads() {
			// The LLM reads the question too; the offline reader stays the fallback.
			rr := reading.NewRetriever(base, reading.New(client, cfg.LLMReadTimeout), nil)
			if o, ok := obs.(reading.Observer); ok {
				rr.Observer = o
			}
			svc.Retriever = rr
		}
		svc.Cache, svc.Model = cache, cfg.Model
	}
	slog.Default().DebugContext(ctx, "coach built", "sections", len(set.All()), "indexed", idx.Count(), "mode", Mode(cfg))
	return &App{Config: cfg, Sections: set, Ladder: corp.Ladder, Index: idx, Service: svc}, nil
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

func llmConfig(cfg config.Config) llm.Config {
	return llm.Config{BaseURL: cfg.BaseURL, APIKey: cfg.APIKey, Model: cfg.Model, Timeout: cfg.LLMTimeout, MaxReplyBytes: cfg.LLMMaxBytes}
}

// embedFunc is the local embedder fitted on the sections' texts, or the
// remote model cfg names.
func embedFunc(cfg config.Config, secs []sections.Section) chromem.EmbeddingFunc {
	if cfg.RemoteEmbeddings() {
		return llm.NewEmbedFunc(llmConfig(cfg), cfg.EmbedModel)
	}
	texts := make([]string, len(secs))
	for i, s := range secs {
		texts[i] = s.Text
	}
	return embed.NewLocal(texts)
}
