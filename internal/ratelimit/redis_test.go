package ratelimit

import (
	"context"
	"testing"
	"time"

	"github.com/ladder/coach/internal/cache"
	"github.com/ladder/coach/internal/redistest"
)

var _ Limiter = (*Redis)(nil)

// redisLimiters are n limiters over n clients of one Redis, as n replicas
// have.
func redisLimiters(t *testing.T, srv *redistest.Server, perMinute, n int) []*Redis {
	t.Helper()
	var out []*Redis
	for range n {
		rdb, err := cache.Connect(srv.URL())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = rdb.Close() })
		out = append(out, NewRedis(rdb, perMinute))
	}
	return out
}

func TestRedisSharedAcrossReplicas(t *testing.T) {
	srv := redistest.Start(t)
	lims := redisLimiters(t, srv, 6, 2)
	ctx := context.Background()
	allowed := 0
	for i := range 12 {
		ok, wait, err := lims[i%2].Allow(ctx, "ip:192.0.2.1")
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			allowed++
			continue
		}
		// One token every 10 s at 6 a minute.
		if wait <= 0 || wait > 10*time.Second {
			t.Errorf("refused with retry-after %v; want (0, 10s]", wait)
		}
	}
	if allowed != 6 {
		t.Errorf("%d of 12 requests over two replicas allowed; want 6 (the burst, shared)", allowed)
	}
	// Another client has its own bucket.
	if ok, _, err := lims[1].Allow(ctx, "ip:192.0.2.2"); !ok || err != nil {
		t.Errorf("another client: ok %v, err %v", ok, err)
	}
}

// The bucket refills at perMinute/60 a second, as the in-memory one.
func TestRedisRefills(t *testing.T) {
	srv := redistest.Start(t)
	lim := redisLimiters(t, srv, 600, 1)[0] // one token every 100 ms
	ctx := context.Background()
	// Drain the bucket (the refill during the loop adds a few).
	allowed := 0
	for range 1000 {
		ok, _, err := lim.Allow(ctx, "k")
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		allowed++
	}
	if allowed < 600 || allowed >= 1000 {
		t.Fatalf("%d allowed before the first refusal; want the burst of 600 and a few", allowed)
	}
	time.Sleep(250 * time.Millisecond)
	if ok, _, err := lim.Allow(ctx, "k"); !ok || err != nil {
		t.Errorf("not refilled after 250 ms: ok %v, err %v", ok, err)
	}
}

// Redis down: Allow fails fast with an error (the server then lets the
// request through); Redis back: limits apply again by themselves.
func TestRedisOutage(t *testing.T) {
	srv := redistest.Start(t)
	lim := redisLimiters(t, srv, 2, 1)[0]
	ctx := context.Background()
	if ok, _, err := lim.Allow(ctx, "k"); !ok || err != nil {
		t.Fatalf("first request: ok %v, err %v", ok, err)
	}

	srv.Stop()
	for range 20 {
		start := time.Now()
		if _, _, err := lim.Allow(ctx, "k"); err == nil {
			t.Fatal("Allow succeeded with Redis down")
		}
		if d := time.Since(start); d > time.Second {
			t.Fatalf("Allow with Redis down took %v", d)
		}
	}

	srv.Restart()
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, _, err := lim.Allow(ctx, "probe")
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("still failing 5s after Redis came back: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	// The restarted Redis is empty: a fresh bucket of 2.
	got := []bool{}
	for range 3 {
		ok, _, err := lim.Allow(ctx, "k")
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ok)
	}
	if !got[0] || !got[1] || got[2] {
		t.Errorf("after recovery: %v; want true true false", got)
	}
}
