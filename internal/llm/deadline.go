package llm

import (
	"context"
	"time"
)

// Completer writes a model's whole reply; Client implements it, and so do
// the fakes of tests.
type Completer interface {
	Complete(ctx context.Context, msgs []Message) (string, error)
}

// WithTimeout is context.WithTimeout bounded by timeout, or by
// DefaultTimeout when timeout is zero or less: the one default of every LLM
// call.
func WithTimeout(ctx context.Context, timeout time.Duration) (context.Context, context.CancelFunc) {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	return context.WithTimeout(ctx, timeout)
}

// Within runs call with a context bounded as WithTimeout bounds it, and
// returns at the deadline, with the context's error, even when call ignores
// its context (a Completer that does not stop); call then finishes alone.
func Within[T any](ctx context.Context, timeout time.Duration, call func(context.Context) (T, error)) (T, error) {
	ctx, cancel := WithTimeout(ctx, timeout)
	defer cancel()
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := call(ctx)
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}

// CompleteWithin asks c for its reply to msgs within timeout; see Within.
func CompleteWithin(ctx context.Context, c Completer, msgs []Message, timeout time.Duration) (string, error) {
	return Within(ctx, timeout, func(ctx context.Context) (string, error) { return c.Complete(ctx, msgs) })
}
