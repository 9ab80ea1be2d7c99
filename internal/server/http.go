package server

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"
)

// Timeouts of the server HTTPServer builds.
const (
	// ReadHeaderTimeout bounds reading a request's headers.
	ReadHeaderTimeout = 5 * time.Second
	// ReadTimeout bounds reading a whole request, body included.
	ReadTimeout = 15 * time.Second
	// IdleTimeout bounds a kept-alive connection waiting for its next request.
	IdleTimeout = 120 * time.Second
	// writeMargin is the time past the handler's own bound left for
	// retrieval, the offline fallback and writing the reply.
	writeMargin = 15 * time.Second
)

// MaxHeaderBytes is the most a request's line and headers may take; past it
// the answer is 431.
const MaxHeaderBytes = 32 << 10

// headerSlop is what net/http reads past http.Server.MaxHeaderBytes before
// it answers 431 (its "bufio slop"): taken off so the limit is MaxHeaderBytes.
const headerSlop = 4096

// HTTPServer wraps h in an http.Server whose timeouts bound slow or idle
// clients. handlerTime is the longest a handler may wait on its own (the LLM
// timeout, which bounds every answer, streamed or not).
//
// The write timeout runs from the end of the request's headers, through
// reading the body and the whole handler, streams included: it is
// ReadTimeout + handlerTime + a margin, so it never cuts a reply, a
// streamed answer included, that the LLM timeout lets finish, and still ends
// a client that stops reading.
func HTTPServer(addr string, h http.Handler, handlerTime time.Duration) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout(handlerTime),
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    MaxHeaderBytes - headerSlop,
	}
}

func isClosed(c <-chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}

// WriteTimeout is the write timeout HTTPServer sets for a handler time.
func WriteTimeout(handlerTime time.Duration) time.Duration {
	return ReadTimeout + handlerTime + writeMargin
}

// ErrShutdownTimeout is what Run returns when requests were still in flight
// at the end of the shutdown timeout and their connections were closed.
var ErrShutdownTimeout = errors.New("shutdown timeout reached: connections still open were closed")

// ErrForcedStop is what RunUntil returns when it was told to stop at once
// during a graceful shutdown (a second signal): connections were closed.
var ErrForcedStop = errors.New("stopped at once: connections still open were closed")

// Run serves srv on ln until ctx is done, then shuts down gracefully: it stops
// accepting, lets requests in flight finish (streams included) for up to
// shutdownTimeout, then closes what is left and returns ErrShutdownTimeout.
// It returns nil after a clean shutdown.
func Run(ctx context.Context, srv *http.Server, ln net.Listener, shutdownTimeout time.Duration) error {
	return RunUntil(ctx, nil, srv, ln, shutdownTimeout)
}

// RunUntil is Run that also stops at once, closing every connection, when
// force is closed during the graceful shutdown; it then returns
// ErrForcedStop.
func RunUntil(ctx context.Context, force <-chan struct{}, srv *http.Server, ln net.Listener, shutdownTimeout time.Duration) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err // Serve failed before any shutdown was asked for
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	forced := make(chan struct{})
	go func() {
		select {
		case <-force: // a nil force never fires
			close(forced)
			cancel()
		case <-sctx.Done():
		}
	}()
	err := srv.Shutdown(sctx)
	switch {
	case err == nil:
	case isClosed(forced):
		_ = srv.Close()
		err = ErrForcedStop
	case errors.Is(err, context.DeadlineExceeded):
		_ = srv.Close()
		err = ErrShutdownTimeout
	}
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) {
		return serr
	}
	return err
}
