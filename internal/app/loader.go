package app

import (
	"context"
	"sync/atomic"

	"github.com/ladder/coach/internal/answer"
	"github.com/ladder/coach/internal/config"
	"github.com/ladder/coach/internal/errs"
)

// Loader builds the App in the background so a server can listen, answer its
// probes and list sections meanwhile. It answers chat requests as the App
// once built, and with an Unavailable error before.
type Loader struct {
	app  atomic.Pointer[App]
	done chan struct{}
	err  error // set before done is closed
}

// Start begins building the coach for cfg and returns at once. Cancelling
// ctx abandons the build.
func Start(ctx context.Context, cfg config.Config) *Loader {
	return StartWith(ctx, func(ctx context.Context) (*App, error) { return Build(ctx, cfg) })
}

// StartWith runs build in the background; Start is StartWith(ctx, Build).
func StartWith(ctx context.Context, build func(context.Context) (*App, error)) *Loader {
	l := &Loader{done: make(chan struct{})}
	go func() {
		defer close(l.done)
		a, err := build(ctx)
		if err != nil {
			l.err = err
			return
		}
		l.app.Store(a)
	}()
	return l
}

// Ready reports whether the coach is built.
func (l *Loader) Ready() bool { return l.app.Load() != nil }

// Done is closed when the build has finished, well or not.
func (l *Loader) Done() <-chan struct{} { return l.done }

// Wait blocks until the build finishes or ctx is done, and returns the App
// or the build's error.
func (l *Loader) Wait(ctx context.Context) (*App, error) {
	select {
	case <-l.done:
		if l.err != nil {
			return nil, l.err
		}
		return l.app.Load(), nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Chat answers with the built App, or fails with errs.Unavailable before it
// is ready.
func (l *Loader) Chat(ctx context.Context, req answer.Request) (answer.Reply, error) {
	a := l.app.Load()
	if a == nil {
		return answer.Reply{}, errs.New(errs.Unavailable, "the coach is still building its index; try again in a moment")
	}
	return a.Chat(ctx, req)
}

// ChatStream streams the built App's answer, or fails with errs.Unavailable
// before it is ready (before any event).
func (l *Loader) ChatStream(ctx context.Context, req answer.Request, emit func(answer.Event) error) error {
	a := l.app.Load()
	if a == nil {
		return errs.New(errs.Unavailable, "the coach is still building its index; try again in a moment")
	}
	return a.ChatStream(ctx, req, emit)
}
