package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/ladder/coach/internal/app"
	"github.com/ladder/coach/internal/metrics"
	"github.com/ladder/coach/internal/server"
)

// serve runs the HTTP server until SIGINT or SIGTERM. It listens at once and
// builds the index in the background; /readyz turns 200 when it is built.
func (p *program) serve(args []string) int {
	fs := p.newFlags("serve")
	addr := fs.String("addr", "", "listen address HOST:PORT (default $COACH_ADDR or 127.0.0.1:8080)")
	ladderFile := fs.String("ladder", "", ladderUsage)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return flagError(err)
	}
	if len(pos) > 0 {
		return p.usageError("serve takes no arguments, got %q", pos)
	}
	cfg, err := p.configLadder(*ladderFile)
	if err != nil {
		return p.fail(err)
	}
	if *addr != "" {
		cfg.Addr = *addr
		if err := cfg.Validate(); err != nil {
			return p.fail(err)
		}
	}
	log := p.logger(cfg, slog.LevelInfo)
	slog.SetDefault(log)
	if os.Getenv(gin.EnvGinMode) == "" {
		gin.SetMode(gin.ReleaseMode)
	}
	tuneGC()

	// Rate limits and LLM answers shared by the replicas, with COACH_REDIS_URL.
	shared, err := app.OpenShared(cfg)
	if err != nil {
		return p.fail(err)
	}
	defer shared.Close()
	m := metrics.New()
	core, err := app.New(app.Options{Config: cfg, Observer: m, Shared: shared})
	if err != nil {
		return p.fail(err)
	}
	cfg = core.Config // with the ladder's model id
	ladderInfo := server.LadderInfoOf(core.Ladder)
	// The first SIGINT or SIGTERM shuts down gracefully; a second one stops
	// at once, closing what is still open.
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	ctx, cancel := context.WithCancel(p.ctx)
	defer cancel()
	force, finished := make(chan struct{}), make(chan struct{})
	defer close(finished)
	go func() {
		select {
		case <-sigs:
		case <-ctx.Done():
		}
		cancel()
		select {
		case <-sigs:
			close(force)
		case <-finished:
		}
	}()

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return p.fail(err)
	}
	log.Info("coach listening", "url", "http://"+ln.Addr().String(), "config", cfg.String())
	if p.onListen != nil {
		p.onListen(ln.Addr().String())
	}

	go shared.Describe(ctx, log) // a Redis that is down must not hold the start
	start := time.Now()
	loader := core.Start(ctx)
	built := make(chan error, 1)
	go func() {
		_, err := loader.Wait(ctx)
		switch {
		case err == nil:
			log.Info("coach ready", "sections", len(core.Sections.All()), "mode", app.Mode(cfg), "took", time.Since(start).Round(time.Millisecond))
		case ctx.Err() == nil:
			log.Error("building the coach failed", "err", err)
			cancel() // a coach that will never be ready should not keep listening
		default:
			err = nil // stopped before the build finished: not a failure
		}
		built <- err
	}()

	deps := server.Deps{Chatter: loader, Sections: core.Sections, Ready: loader.Ready, Logger: log, ModelID: cfg.ModelID,
		Planner: core.Planner, Assessor: core.Assessor, Levels: core.Ladder.Levels(), Ladder: &ladderInfo, Limiter: core.Limiter,
		APIKeys: cfg.APIKeys, TrustedProxies: cfg.TrustedProxies, Metrics: m, MetricsHandler: m.Handler(),
		AllowedHosts: cfg.HostsServed(), CORSOrigins: cfg.CORSOrigins}
	if len(cfg.APIKeys) == 0 {
		log.Warn("no API keys set (COACH_API_KEYS): /api, /v1 and /metrics are open to anyone who can reach this address")
	}
	engine := server.New(deps)
	srv := server.HTTPServer(ln.Addr().String(), engine, cfg.AnswerTime())
	stopping := make(chan struct{})
	go func() {
		defer close(stopping)
		<-ctx.Done()
		log.Info("shutting down: no new connections; requests in flight may finish", "timeout", cfg.ShutdownTimeout.String())
	}()
	err = server.RunUntil(ctx, force, srv, ln, cfg.ShutdownTimeout)
	switch {
	case errors.Is(err, server.ErrForcedStop):
		log.Warn("second signal: stopped at once; requests still in flight were cut")
	case errors.Is(err, server.ErrShutdownTimeout):
		// The stop asked for is done, in the time it was given: not a failure.
		log.Warn("shutdown timeout reached: requests still in flight were cut", "timeout", cfg.ShutdownTimeout.String())
	case err != nil && !errors.Is(err, context.Canceled):
		return p.fail(err)
	}
	if ctx.Err() != nil {
		<-stopping
	}
	if err := <-built; err != nil {
		return p.fail(err)
	}
	log.Info("coach stopped")
	return exitOK
}

// tuneGC trades a little memory for much less collection: the live heap is a
// few megabytes, so at the default GOGC=100 the collector ran every hundred
// requests or so. GOGC=400 with a 64 MiB soft limit keeps the heap small
// (the limit wins if it ever grows) and halves the time spent collecting.
// GOGC and GOMEMLIMIT in the environment still win.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(64 << 20)
	}
}
