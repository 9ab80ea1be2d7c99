// Package memo remembers values computed from a key, for tables that are
// read on every request and seldom grow: the stems of words, the facts of
// the article's lines, the ids of sections.
//
// It knows nothing about what it remembers.
package memo

import (
	"maps"
	"sync"
	"sync/atomic"
)

// Memo remembers up to a bound of values by key. A key it holds is read from
// a plain map that never changes once published, with no lock; new keys go
// to a copy of it under a lock, which replaces it once it has been missed
// as many times as it holds keys, so copying costs a few steps a miss.
// (sync.Map's hash trie walks several nodes a read, each a likely cache
// miss.) The zero Memo holds nothing and never grows; use New. It is safe
// for concurrent use.
type Memo[K comparable, V any] struct {
	read atomic.Pointer[map[K]V]
	max  int

	mu     sync.Mutex
	dirty  map[K]V // read's keys and the new ones; nil when none are new
	misses int     // reads of keys read lacked since it was published
}

// New returns an empty Memo that remembers at most max keys.
func New[K comparable, V any](max int) *Memo[K, V] {
	m := &Memo[K, V]{max: max}
	m.read.Store(&map[K]V{})
	return m
}

// Get returns the value remembered for k, or f(k), which it remembers when
// it holds fewer than its bound. f runs without the lock, and may run more
// than once for one key: it must give the same value every time.
func (m *Memo[K, V]) Get(k K, f func(K) V) V {
	if r := m.read.Load(); r != nil {
		if v, ok := (*r)[k]; ok {
			return v
		}
	}
	m.mu.Lock()
	v, ok := m.dirty[k]
	m.mu.Unlock()
	if !ok {
		v = f(k)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if !ok {
		m.add(k, v)
	}
	m.misses++
	if m.dirty != nil && m.misses >= len(m.dirty) {
		d := m.dirty
		m.read.Store(&d)
		m.dirty, m.misses = nil, 0
	}
	return v
}

// add remembers v under k in dirty, made from read when nil, unless the
// bound is reached. m.mu is held.
func (m *Memo[K, V]) add(k K, v V) {
	if m.dirty == nil {
		r := m.read.Load()
		if r == nil || len(*r) >= m.max {
			return
		}
		m.dirty = maps.Clone(*r)
	}
	if len(m.dirty) < m.max {
		m.dirty[k] = v
	}
}

// Len is the number of keys remembered.
func (m *Memo[K, V]) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.dirty != nil {
		return len(m.dirty)
	}
	if r := m.read.Load(); r != nil {
		return len(*r)
	}
	return 0
}
