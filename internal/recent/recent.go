// Package recent remembers the results of the last few inputs read: one
// question is read by several steps that each want the same result of the
// same text. The memo is a ring of fixed size, so what users type never
// grows it, and it is safe for concurrent use.
package recent

import "sync"

// Ring holds the values of the last keys put, a fixed number of them; the
// oldest goes first.
type Ring[K comparable, V any] struct {
	mu      sync.Mutex
	next    int
	entries []entry[K, V]
}

type entry[K comparable, V any] struct {
	key K
	val V
	set bool
}

// New returns a ring that keeps the last n values put.
func New[K comparable, V any](n int) *Ring[K, V] {
	return &Ring[K, V]{entries: make([]entry[K, V], n)}
}

// Get returns the value kept for k, if any.
func (r *Ring[K, V]) Get(k K) (V, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := range r.entries {
		if e := &r.entries[i]; e.set && e.key == k {
			return e.val, true
		}
	}
	var zero V
	return zero, false
}

// Put keeps v for k in place of the oldest value kept.
func (r *Ring[K, V]) Put(k K, v V) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.entries[r.next] = entry[K, V]{key: k, val: v, set: true}
	r.next = (r.next + 1) % len(r.entries)
}
