package answer

import (
	"context"
	"errors"
	"time"

	"github.com/ladder/coach/internal/retrieve"
)

// Observer is told what the service does, for metrics. *metrics.Metrics
// implements it.
type Observer interface {
	Retrieval(d time.Duration)
	LLMCall(outcome string, d time.Duration)
	Fallback(reason string)
	// Cache is told each answer cache lookup's result (CacheHit, CacheMiss)
	// and each failed lookup or store (CacheError).
	Cache(result string)
}

// LLM call outcomes.
const (
	OutcomeOK      = "ok"
	OutcomeError   = "error"
	OutcomeTimeout = "timeout"
	// OutcomeBlocked is a reply that repeated the coach's instructions and
	// was dropped for the offline answer.
	OutcomeBlocked = "blocked"
)

func (s *Service) observeRetrieval(start time.Time) {
	if s.Observer != nil {
		s.Observer.Retrieval(time.Since(start))
	}
}

// observeLLM records a call's outcome, and a fallback when it failed.
func (s *Service) observeLLM(start time.Time, err error) {
	if s.Observer == nil {
		return
	}
	outcome := OutcomeOK
	switch {
	case err == nil:
	case errors.Is(err, context.DeadlineExceeded):
		outcome = OutcomeTimeout
	case errors.Is(err, errPromptLeak):
		outcome = OutcomeBlocked
	default:
		outcome = OutcomeError
	}
	s.Observer.LLMCall(outcome, time.Since(start))
	if err != nil {
		s.Observer.Fallback(outcome)
	}
}

// retrieve runs retrieval and times it.
func (s *Service) retrieve(ctx context.Context, req Request) (retrieve.Result, error) {
	start := time.Now()
	res, err := s.Retriever.Retrieve(ctx, req.Message, req.History)
	s.observeRetrieval(start)
	return res, err
}
