package ratelimit

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"
)

func TestMemoryBurstAndRefill(t *testing.T) {
	now := time.Unix(1000, 0)
	m := NewMemory(30)
	m.now = func() time.Time { return now }
	ctx := context.Background()
	for i := 0; i < 30; i++ {
		if ok, _, _ := m.Allow(ctx, "a"); !ok {
			t.Fatalf("request %d of the burst refused", i+1)
		}
	}
	ok, retry, _ := m.Allow(ctx, "a")
	if ok || retry <= 0 || retry > 2*time.Second {
		t.Fatalf("31st: ok=%v retry=%v; want refused, about 2s", ok, retry)
	}
	// Another client has its own bucket.
	if ok, _, _ := m.Allow(ctx, "b"); !ok {
		t.Error("client b refused")
	}
	// After the wait it said, a request passes again.
	now = now.Add(retry)
	if ok, _, _ := m.Allow(ctx, "a"); !ok {
		t.Error("refused after Retry-After")
	}
}

func TestMemoryEvictsIdle(t *testing.T) {
	now := time.Unix(1000, 0)
	m := NewMemory(10)
	m.now = func() time.Time { return now }
	ctx := context.Background()
	for i := 0; i < sweepEvery-1; i++ {
		m.Allow(ctx, fmt.Sprint("client-", i))
	}
	now = now.Add(10 * time.Minute)
	m.Allow(ctx, "late") // the sweepEvery-th call sweeps
	if n := m.Len(); n != 1 {
		t.Errorf("%d buckets after the sweep; want 1", n)
	}
}

func TestMemoryConcurrent(t *testing.T) {
	m := NewMemory(100)
	var wg sync.WaitGroup
	var mu sync.Mutex
	allowed := 0
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				if ok, _, _ := m.Allow(context.Background(), "same"); ok {
					mu.Lock()
					allowed++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if allowed < 100 || allowed > 105 {
		t.Errorf("%d of 400 allowed; want about the burst of 100", allowed)
	}
}

func TestRetryAfterSeconds(t *testing.T) {
	for _, tt := range []struct {
		d    time.Duration
		want int
	}{{0, 1}, {100 * time.Millisecond, 1}, {1500 * time.Millisecond, 2}, {2 * time.Second, 2}} {
		if got := RetryAfterSeconds(tt.d); got != tt.want {
			t.Errorf("RetryAfterSeconds(%v) = %d; want %d", tt.d, got, tt.want)
		}
	}
}
