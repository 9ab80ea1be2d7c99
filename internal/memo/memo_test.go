package memo

import (
	"strconv"
	"sync"
	"testing"
)

func TestGet(t *testing.T) {
	for _, tc := range []struct {
		name    string
		max     int
		keys    []int
		calls   int // f's runs
		wantLen int
	}{
		{"one key", 10, []int{1, 1, 1}, 1, 1},
		{"several keys, each again", 10, []int{1, 2, 3, 1, 2, 3, 3, 2, 1}, 3, 3},
		{"up to the bound", 2, []int{1, 2, 3, 3, 1, 2}, 4, 2},
		{"no room", 0, []int{1, 1}, 2, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := New[int, string](tc.max)
			calls := 0
			f := func(k int) string { calls++; return strconv.Itoa(k * 10) }
			for _, k := range tc.keys {
				if got, want := m.Get(k, f), strconv.Itoa(k*10); got != want {
					t.Fatalf("Get(%d) = %q, want %q", k, got, want)
				}
			}
			if calls != tc.calls {
				t.Errorf("f ran %d times, want %d", calls, tc.calls)
			}
			if got := m.Len(); got != tc.wantLen {
				t.Errorf("Len = %d, want %d", got, tc.wantLen)
			}
		})
	}
}

// TestGetPromotes: keys read often enough end up in the lock-free map.
func TestGetPromotes(t *testing.T) {
	m := New[int, int](100)
	f := func(k int) int { return k + 1 }
	for range 3 {
		for k := range 50 {
			m.Get(k, f)
		}
	}
	if r := *m.read.Load(); len(r) != 50 {
		t.Errorf("read holds %d keys, want 50", len(r))
	}
}

func TestZeroMemo(t *testing.T) {
	var m Memo[string, int]
	if got := m.Get("a", func(string) int { return 7 }); got != 7 || m.Len() != 0 {
		t.Errorf("zero Memo: Get = %d, Len = %d; want 7, 0", got, m.Len())
	}
}

func TestConcurrentGet(t *testing.T) {
	m := New[int, int](1000)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 2000 {
				k := (i*7 + g) % 1500
				if got := m.Get(k, func(k int) int { return k * 3 }); got != k*3 {
					t.Errorf("Get(%d) = %d", k, got)
					return
				}
			}
		}()
	}
	wg.Wait()
	if m.Len() != 1000 {
		t.Errorf("Len = %d, want the bound 1000", m.Len())
	}
}

func BenchmarkGet(b *testing.B) {
	m := New[string, string](1000)
	keys := make([]string, 200)
	for i := range keys {
		keys[i] = "word" + strconv.Itoa(i)
		m.Get(keys[i], func(k string) string { return k })
	}
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			m.Get(keys[i%len(keys)], func(k string) string { return k })
			i++
		}
	})
}
