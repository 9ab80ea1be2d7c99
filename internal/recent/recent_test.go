package recent

import (
	"strconv"
	"sync"
	"testing"
)

func TestRing(t *testing.T) {
	r := New[string, int](2)
	tests := []struct {
		put  []string // keys put, in order, each with its length as value
		get  string
		want int
		ok   bool
	}{
		{nil, "a", 0, false},
		{[]string{"a"}, "a", 1, true},
		{[]string{"bb"}, "a", 1, true},
		{[]string{"ccc"}, "a", 0, false}, // the oldest went first
		{nil, "ccc", 3, true},
		{nil, "", 0, false}, // the zero key is not kept until put
	}
	for i, tt := range tests {
		for _, k := range tt.put {
			r.Put(k, len(k))
		}
		if got, ok := r.Get(tt.get); got != tt.want || ok != tt.ok {
			t.Errorf("step %d: Get(%q) = %d, %v; want %d, %v", i, tt.get, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRingConcurrent(t *testing.T) {
	r := New[int, string](4)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				k := g*1000 + i
				r.Put(k, strconv.Itoa(k))
				if v, ok := r.Get(k); ok && v != strconv.Itoa(k) {
					t.Errorf("Get(%d) = %q", k, v)
				}
			}
		})
	}
	wg.Wait()
}
