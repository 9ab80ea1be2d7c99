package answer

import (
	"context"
	"time"
	"unicode/utf8"

	"github.com/ladder/coach/internal/retrieve"
	"github.com/ladder/coach/internal/sections"
)

// Service answers chat requests. It holds no per-request state and is safe
// for concurrent use.
type Service struct {
	Retriever Retriever
	// Sections, when set, are every section retrieval ranks: a follow-up
	// goes on with the section the previous answer started from even when
	// retrieval does not find it again.
	Sections *sections.Set
	// LLM writes the answer when set; nil answers offline.
	LLM Completer
	// Timeout bounds one LLM call (default llm.DefaultTimeout).
	Timeout time.Duration
	// Observer, when set, is told retrieval times, LLM outcomes and cache
	// lookups.
	Observer Observer
	// Cache, when set, keeps the LLM's answers (see Cache); offline
	// answers are never cached.
	Cache Cache
	// Model names the LLM's model in the cache's keys.
	Model string
	// MaxReplyBytes caps the LLM's answer (default DefaultMaxReplyBytes): a
	// longer one is cut there, at a character, and marked degraded.
	MaxReplyBytes int
}

// DefaultMaxReplyBytes is the LLM answer cap when Service.MaxReplyBytes is
// zero: some 5,000 words, far above the few sentences or short list the
// prompt asks for.
const DefaultMaxReplyBytes = 32 << 10

func (s *Service) maxReplyBytes() int {
	if s.MaxReplyBytes <= 0 {
		return DefaultMaxReplyBytes
	}
	return s.MaxReplyBytes
}

// cutBytes cuts text to at most n bytes at a character boundary, and
// reports whether it cut.
func cutBytes(text string, n int) (string, bool) {
	if len(text) <= n {
		return text, false
	}
	for n > 0 && !utf8.RuneStart(text[n]) {
		n--
	}
	return text[:n], true
}

// compose is the offline answer, with the service's sections at hand, and
// res with the hits it cites (see composeHits).
func (s *Service) compose(req Request, res retrieve.Result) (Reply, retrieve.Result) {
	return composeHits(req, res, frameOf(res), s.Sections)
}

// Chat answers one question. Errors are *errs.Error for bad requests.
func (s *Service) Chat(ctx context.Context, req Request) (Reply, error) {
	if err := req.Validate(); err != nil {
		return Reply{}, err
	}
	res, err := s.retrieve(ctx, req)
	if err != nil {
		return Reply{}, err
	}
	offline, res := s.compose(req, res)
	if s.LLM == nil || offline.Scope != ScopeIn && offline.Scope != ScopeNearby {
		return offline, nil
	}
	reply := s.withLLM(ctx, req, res, offline)
	reply.Scope = offline.Scope
	return reply, nil
}
