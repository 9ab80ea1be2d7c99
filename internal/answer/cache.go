package answer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/ladder/coach/internal/llm"
	"github.com/ladder/coach/internal/retrieve"
	"github.com/ladder/coach/internal/textnorm"
)

// Cache keeps the LLM's answers so that the same question, on the same
// sections, conversation and model, is not asked twice: with a Cache shared
// by every replica (internal/cache keeps one in Redis), not twice anywhere.
// Values are the model's reply as it wrote it, before its citation markers
// are checked, so a plain and a streamed answer share entries. A failing
// Cache never fails a request: the service asks the LLM instead.
type Cache interface {
	// Get returns the value under key; ok is false when there is none.
	Get(ctx context.Context, key string) (value string, ok bool, err error)
	// Set stores value under key (the Cache decides how long).
	Set(ctx context.Context, key, value string) error
}

// Results of a cache lookup, for Observer.Cache.
const (
	CacheHit   = "hit"
	CacheMiss  = "miss"
	CacheError = "error" // a lookup or a store failed
)

// cacheTimeout bounds one cache call, whatever the Cache's own timeouts.
const cacheTimeout = 250 * time.Millisecond

// cacheKeyVersion changes when what a cached value means changes.
const cacheKeyVersion = "v1"

// promptDigest identifies the prompt's wording, so answers written under
// another prompt (another release of the coach) are not served.
var promptDigest = sync.OnceValue(func() string {
	h := sha256.New()
	for _, m := range (&Service{}).Prompt(Request{Message: "q", History: []Turn{{Role: "user", Content: "h"}}},
		retrieve.Result{Hits: []retrieve.Hit{{}}}) {
		h.Write([]byte(m.Role + "\x00" + m.Content + "\x00"))
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
})

// cacheQuestion is the question as the cache key sees it: folded
// (textnorm.Fold) and without trailing punctuation, so the same question
// typed in other case, spacing or quotes, or with a question mark, shares
// an answer.
func cacheQuestion(q string) string {
	return strings.TrimRight(textnorm.Fold(q), " ?!.")
}

// CacheKey is the key of req's LLM answer: a digest of the normalized
// question, the ids of the sections the prompt numbers (in order), a digest
// of the conversation, the model and the prompt's wording.
func (s *Service) CacheKey(req Request, res retrieve.Result) string {
	hits := res.Hits[:min(len(res.Hits), MaxCitations)]
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.Section.ID
	}
	hist := sha256.New()
	for _, t := range req.History {
		hist.Write([]byte(t.Role + "\x00" + t.Content + "\x00"))
	}
	k := sha256.New()
	if lad := ladderOf(res); !lad.IsArticle() {
		// Replicas on another ladder share no answers with these.
		k.Write([]byte("ladder:" + lad.Title() + "\x00"))
	}
	for _, part := range []string{cacheKeyVersion, promptDigest(), s.Model, cacheQuestion(req.Message),
		strings.Join(ids, ","), hex.EncodeToString(hist.Sum(nil))} {
		k.Write([]byte(part + "\x00"))
	}
	return cacheKeyVersion + ":" + hex.EncodeToString(k.Sum(nil))
}

// cacheKey is CacheKey, or "" when the service has no cache.
func (s *Service) cacheKey(req Request, res retrieve.Result) string {
	if s.Cache == nil {
		return ""
	}
	return s.CacheKey(req, res)
}

// cacheGet returns the cached reply under key, if any. Errors are logged and
// counted, and read as a miss.
func (s *Service) cacheGet(ctx context.Context, key string) (string, bool) {
	if key == "" {
		return "", false
	}
	ctx, cancel := context.WithTimeout(ctx, cacheTimeout)
	defer cancel()
	v, ok, err := s.Cache.Get(ctx, key)
	switch {
	case err != nil:
		slog.WarnContext(ctx, "answer: cache lookup failed; asking the LLM", "err", err)
		s.observeCache(CacheError)
		return "", false
	case !ok || strings.TrimSpace(v) == "":
		s.observeCache(CacheMiss)
		return "", false
	}
	s.observeCache(CacheHit)
	return v, true
}

// cacheSet stores the model's reply under key. It runs after the answer is
// written, so it has its own deadline and outlives a client that left.
func (s *Service) cacheSet(ctx context.Context, key, text string) {
	if key == "" {
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cacheTimeout)
	defer cancel()
	if err := s.Cache.Set(ctx, key, text); err != nil {
		slog.WarnContext(ctx, "answer: could not cache the LLM's answer", "err", err)
		s.observeCache(CacheError)
	}
}

func (s *Service) observeCache(result string) {
	if s.Observer != nil {
		s.Observer.Cache(result)
	}
}

// replay is a Completer's Stream that gives out a cached reply in pieces,
// as a model would.
func replay(text string) func(context.Context, []llm.Message, func(string) error) error {
	return func(ctx context.Context, _ []llm.Message, onDelta func(string) error) error {
		for _, p := range Pieces(text) {
			if err := onDelta(p); err != nil {
				return err
			}
		}
		return nil
	}
}
