// Package ratelimit holds the per-client request limits: a token bucket per
// client key (an API key or an IP address) whose burst is the per-minute
// count. Memory keeps the buckets in the process, idle ones evicted so
// memory stays bounded; Redis keeps them in a Redis every replica shares.
//
// It knows nothing about HTTP: the server decides what a client key is.
package ratelimit

import (
	"context"
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limiter decides whether a client may make one more request.
type Limiter interface {
	// Allow takes one token from key's bucket. When none is left it returns
	// false and how long until one would be.
	Allow(ctx context.Context, key string) (ok bool, retryAfter time.Duration, err error)
}

// Memory is an in-process Limiter. Safe for concurrent use.
type Memory struct {
	perMinute int
	idle      time.Duration
	now       func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
	calls   int
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

// sweepEvery is how many calls pass between sweeps of idle buckets.
const sweepEvery = 1024

// NewMemory allows perMinute requests a minute per key, in bursts of up to
// perMinute. Buckets unused for idle (a full refill, at least a minute) are
// dropped.
func NewMemory(perMinute int) *Memory {
	return &Memory{perMinute: perMinute, idle: 2 * time.Minute, now: time.Now, buckets: map[string]*bucket{}}
}

// Allow implements Limiter.
func (m *Memory) Allow(_ context.Context, key string) (bool, time.Duration, error) {
	now := m.now()
	m.mu.Lock()
	defer m.mu.Unlock()
	m.calls++
	if m.calls%sweepEvery == 0 {
		m.sweep(now)
	}
	b, ok := m.buckets[key]
	if !ok {
		b = &bucket{lim: rate.NewLimiter(rate.Limit(float64(m.perMinute)/60), m.perMinute)}
		m.buckets[key] = b
	}
	b.seen = now
	r := b.lim.ReserveN(now, 1)
	if !r.OK() {
		return false, time.Minute, nil
	}
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d, nil
	}
	return true, 0, nil
}

// sweep drops buckets idle long enough to be full again.
func (m *Memory) sweep(now time.Time) {
	for k, b := range m.buckets {
		if now.Sub(b.seen) > m.idle {
			delete(m.buckets, k)
		}
	}
}

// Len is the number of buckets held.
func (m *Memory) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.buckets)
}

// RetryAfterSeconds rounds a wait up to whole seconds, at least 1, for the
// Retry-After header.
func RetryAfterSeconds(d time.Duration) int {
	return max(1, int(math.Ceil(d.Seconds())))
}
