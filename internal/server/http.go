package server

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"
)

// HTTPServer wraps h in an http.Server whose timeouts bound slow or idle
// clients. handlerTime is the longest a handler may take to answer (the LLM
// timeout); the write timeout leaves room above it.
func HTTPServer(addr string, h http.Handler, handlerTime time.Duration) *http.Server {
	write := handlerTime + 15*time.Second
	if write < 30*time.Second {
		write = 30 * time.Second
	}
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      write,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    32 << 10,
	}
}

// Run serves srv on ln until ctx is done, then shuts down gracefully: it stops
// accepting, waits up to shutdownTimeout for requests in flight, then closes
// what is left. It returns nil after a clean shutdown.
func Run(ctx context.Context, srv *http.Server, ln net.Listener, shutdownTimeout time.Duration) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err // Serve failed before any shutdown was asked for
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	if errors.Is(err, context.DeadlineExceeded) {
		_ = srv.Close()
	}
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) {
		return serr
	}
	return err
}
