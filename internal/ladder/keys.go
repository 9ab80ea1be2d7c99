package ladder

import (
	"slices"
	"sync"
	"sync/atomic"
)

// keyDict numbers the keys of every wordIndex (first words, and starts of
// words that may go on), one number a key for all indexes: a text's words
// are looked up here once (textHits, kept with the text's heads), and each
// index reads the phrases of those numbers from a small bit set of its own
// instead of probing a table of its own for every word. Keys are added when
// an index is built (at start, and once for each ladder file read), never
// removed; a dictionary once published is never changed, a larger copy
// replaces it.
type keyDict struct {
	slots []dictSlot // a power of two long, at most half full
	shift uint       // 32 less log2(len(slots))
	keys  string     // the keys' bytes past their eighth
	all   []dictKey  // the keys by number
	lens  []int      // the lengths of the keys that may go on, ascending
	// heads are the word-start keys (headKey of the first two bytes) of
	// all keys, onHeads of the keys that may go on: a word whose start is
	// not among them is not looked up. All set when a key is shorter than
	// two bytes.
	heads, onHeads [headWords]uint64
	// on has a bit for the hash of each key that may go on (onBit): a
	// start of a word whose bit is unset is not looked up.
	on [onWords]uint64
}

// onWords is the size of keyDict.on in 64-bit words.
const onWords = 64

// onBit is the bit of keyDict.on for the hash h of a key that may go on.
func onBit(h uint32) (int, uint64) {
	b := h >> 20 & (onWords*64 - 1)
	return int(b >> 6), 1 << (b & 63)
}

// dictKey is a key: a first word, and whether it may go on ("skill*").
type dictKey struct {
	w  string
	on bool
}

// dictSlot is one key of a keyDict: its hash, its number plus one (0: an
// empty slot), its length and first eight bytes (first8), and where its bytes
// past the eighth start in keys: most keys are told apart in the slot.
type dictSlot struct {
	h, id  uint32
	first  uint64
	key, n uint32
}

// A key that may go on ("skill*") is hashed apart from the same whole word.
const goesOn = 0x9e3779b9

var (
	dictMu sync.Mutex              // held while keys are added
	dict   atomic.Pointer[keyDict] // the latest dictionary; nil: no key yet
	noKeys = &keyDict{slots: make([]dictSlot, 1), shift: 32}
)

// currentDict is the latest dictionary.
func currentDict() *keyDict {
	if d := dict.Load(); d != nil {
		return d
	}
	return noKeys
}

// numbers returns the numbers of keys, adding those the dictionary lacks.
func numbers(keys []dictKey) []uint32 {
	dictMu.Lock()
	defer dictMu.Unlock()
	d := currentDict()
	out := make([]uint32, len(keys))
	var fresh []dictKey
	for i, k := range keys {
		id, ok := d.lookup(k.w, k.hash())
		if !ok {
			id = uint32(len(d.all) + len(fresh))
			fresh = append(fresh, k)
		}
		out[i] = id
	}
	if len(fresh) > 0 {
		dict.Store(newKeyDict(append(d.all[:len(d.all):len(d.all)], fresh...)))
	}
	return out
}

// hash is the key's hash: keyHash of its word, apart for one that may go on.
func (k dictKey) hash() uint32 {
	if k.on {
		return keyHash(k.w) ^ goesOn
	}
	return keyHash(k.w)
}

// newKeyDict numbers all, in their order.
func newKeyDict(all []dictKey) *keyDict {
	d := &keyDict{all: all, shift: 31}
	for 1<<(32-d.shift) < 2*len(all) {
		d.shift--
	}
	d.slots = make([]dictSlot, 1<<(32-d.shift))
	var keys []byte
	for id, k := range all {
		h := k.hash()
		i := d.slot(h)
		for d.slots[i].id != 0 {
			i = (i + 1) & uint32(len(d.slots)-1)
		}
		d.slots[i] = dictSlot{h: h, id: uint32(id) + 1, first: first8(k.w), key: uint32(len(keys)), n: uint32(len(k.w))}
		if len(k.w) > 8 {
			keys = append(keys, k.w[8:]...)
		}
		addHead(&d.heads, k.w)
		if k.on {
			w, b := onBit(h)
			d.on[w] |= b
			addHead(&d.onHeads, k.w)
			if i, found := slices.BinarySearch(d.lens, len(k.w)); !found {
				d.lens = slices.Insert(d.lens, i, len(k.w))
			}
		}
	}
	d.keys = string(keys)
	return d
}

// addHead adds w's word-start key to set, or sets all for a word shorter
// than two bytes.
func addHead(set *[headWords]uint64, w string) {
	if len(w) < 2 {
		*set = allHeads()
		return
	}
	k := headKey(w[0], w[1])
	set[k>>6] |= 1 << (k & 63)
}

// startsLike reports whether set may hold a key w starts with: w's
// word-start key is in it, or w is shorter than two bytes.
func startsLike(set *[headWords]uint64, w string) bool {
	if len(w) < 2 {
		return true
	}
	k := headKey(w[0], w[1])
	return set[k>>6]&(1<<(k&63)) != 0
}

// slot is where the search for hash h starts.
func (d *keyDict) slot(h uint32) uint32 {
	return h * goesOn >> d.shift
}

// lookup returns the number of key w, hashed as h (keyHash, with goesOn for
// a key that may go on).
func (d *keyDict) lookup(w string, h uint32) (uint32, bool) {
	f := first8(w)
	for i := d.slot(h); ; i = (i + 1) & uint32(len(d.slots)-1) {
		s := &d.slots[i]
		if s.id == 0 {
			return 0, false
		}
		if s.h == h && s.first == f && int(s.n) == len(w) && (len(w) <= 8 || d.keys[s.key:s.key+s.n-8] == w[8:]) {
			return s.id - 1, true
		}
	}
}

// first8 is w's first eight bytes, little-endian, zero-padded.
func first8(w string) uint64 {
	var v uint64
	for i := range min(len(w), 8) {
		v |= uint64(w[i]) << (8 * i)
	}
	return v
}

// textHits are the keys a text's words are, word by word, each word's in
// the order an index visits them (the word, the word less a plural s, then
// its starts that may go on by ascending length).
type textHits struct {
	d    *keyDict // the dictionary they were read with
	hits []keyHit
	buf  [8]keyHit // room for most texts' hits
}

// keyHit is a word of a text that is a key: its place among the heads'
// words, and the key's number.
type keyHit struct {
	word, id uint32
}

// read fills x with the hits of h's words in dictionary d.
func (x *textHits) read(h *heads, d *keyDict) {
	hits := x.buf[:0]
	for i, tw := range h.words {
		w := h.t[tw.at:tw.end]
		if !startsLike(&d.heads, w) {
			continue // no key starts like w
		}
		if id, ok := d.lookup(w, tw.h); ok {
			hits = append(hits, keyHit{uint32(i), id})
		}
		if w[len(w)-1] == 's' {
			if id, ok := d.lookup(w[:len(w)-1], tw.less(w)); ok {
				hits = append(hits, keyHit{uint32(i), id})
			}
		}
		if startsLike(&d.onHeads, w) {
			hits = d.prefixes(w, uint32(i), hits)
		}
	}
	x.d, x.hits = d, hits
}

// prefixes appends to hits the starts of w, word number i of its text,
// that are keys that may go on, by ascending length.
func (d *keyDict) prefixes(w string, i uint32, hits []keyHit) []keyHit {
	h, n := uint32(fnvBasis), 0
	for _, k := range d.lens {
		if k > len(w) {
			break
		}
		for ; n < k; n++ {
			h = (h ^ uint32(w[n])) * fnvPrime
		}
		if i, b := onBit(h ^ goesOn); d.on[i]&b == 0 {
			continue
		}
		if id, ok := d.lookup(w[:k], h^goesOn); ok {
			hits = append(hits, keyHit{i, id})
		}
	}
	return hits
}
