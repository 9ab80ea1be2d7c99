package app

import (
	"context"
	"sync/atomic"

	"github.com/ladder/coach/internal/answer"
	"github.com/ladder/coach/internal/errs"
)

// Loader is a Core whose index builds in the background, so a server can
// listen, answer its probes, list sections, plan and assess meanwhile. It
// answers chat requests as the App once built, and with an Unavailable
// error before.
type Loader struct {
	*Core

	app  atomic.Pointer[App]
	done chan struct{}
	err  error // set before done is closed
}

// Start builds the Core for opts, begins building the index and returns at
// once; cancelling ctx abandons the build.
func Start(ctx context.Context, opts Options) (*Loader, error) {
	c, err := New(opts)
	if err != nil {
		return nil, err
	}
	return c.Start(ctx), nil
}

// Start begins building the index and returns at once; cancelling ctx
// abandons the build.
func (c *Core) Start(ctx context.Context) *Loader {
	return startWith(ctx, c, c.Build)
}

// startWith runs build in the background.
func startWith(ctx context.Context, c *Core, build func(context.Context) (*App, error)) *Loader {
	l := &Loader{Core: c, done: make(chan struct{})}
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

// errBuilding answers chat requests before the index is built.
var errBuilding = errs.New(errs.Unavailable, "the coach is still building its index; try again in a moment")

// Chat answers with the built App, or fails with errs.Unavailable before it
// is ready.
func (l *Loader) Chat(ctx context.Context, req answer.Request) (answer.Reply, error) {
	a := l.app.Load()
	if a == nil {
		return answer.Reply{}, errBuilding
	}
	return a.Chat(ctx, req)
}

// ChatStream streams the built App's answer, or fails with errs.Unavailable
// before it is ready (before any event).
func (l *Loader) ChatStream(ctx context.Context, req answer.Request, emit func(answer.Event) error) error {
	a := l.app.Load()
	if a == nil {
		return errBuilding
	}
	return a.ChatStream(ctx, req, emit)
}
