package ladder

import (
	"slices"
	"sync"
	"sync/atomic"
)

// keyDict numbers the keys of every wordIndex (first words, and starts of
// words that may go on), one number a key for all indexes, and lists with
// each key the indexes that hold it: a text's words are looked up here once
// (textHits, kept with the text's heads), and each index finds its phrases
// in the lists of those keys, which all indexes read (and so find in the
// cache), instead of probing a table of its own for every word. Indexes
// are added when built (at start, and once for each ladder file read),
// never removed; a dictionary once published is never changed, a larger
// copy replaces it.
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
	// uses are, key after key, the indexes that hold the key, by ascending
	// number: those of key id are uses[useFrom[id]:useFrom[id+1]].
	useFrom []uint32
	uses    []keyUse
	// useBits have, key by key, a bit for each of the first bitIndexes
	// indexes that holds it: an index finds its use by a bit test and a
	// count.
	useBits [][bitIndexes / 64]uint64
	indexes uint32 // the indexes it knows: numbered 0 to indexes-1
}

// bitIndexes is how many indexes useBits tells; those numbered past it (a
// program that builds many) find their uses in a key's list.
const bitIndexes = 128

// keyUse is an index that holds a key: its number, and where its phrases
// of the key are in its ks.
type keyUse struct {
	index, from, to uint32
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

// register adds an index that holds keys, its phrases of keys[i] being
// spans[i] of its ks, and returns its number.
func register(keys []dictKey, spans [][2]uint32) uint32 {
	dictMu.Lock()
	defer dictMu.Unlock()
	d := currentDict()
	ids := make([]uint32, len(keys))
	var fresh []dictKey
	for i, k := range keys {
		id, ok := d.lookup(k.w, k.hash())
		if !ok {
			id = uint32(len(d.all) + len(fresh))
			fresh = append(fresh, k)
		}
		ids[i] = id
	}
	next := *d
	if len(fresh) > 0 {
		next = *newKeyDict(append(d.all[:len(d.all):len(d.all)], fresh...))
	}
	index := d.indexes
	next.indexes = index + 1
	next.useFrom, next.uses = d.withUses(len(next.all), ids, spans, index)
	next.useBits = make([][bitIndexes / 64]uint64, len(next.all))
	for id := range uint32(len(next.all)) {
		for _, u := range next.usesOf(id) {
			if u.index < bitIndexes {
				next.useBits[id][u.index>>6] |= 1 << (u.index & 63)
			}
		}
	}
	dict.Store(&next)
	return index
}

// withUses is d's uses, for n keys, with index's: of key ids[i], spans[i].
func (d *keyDict) withUses(n int, ids []uint32, spans [][2]uint32, index uint32) ([]uint32, []keyUse) {
	mine := make(map[uint32][2]uint32, len(ids))
	for i, id := range ids {
		mine[id] = spans[i]
	}
	from := make([]uint32, n+1)
	uses := make([]keyUse, 0, len(d.uses)+len(ids))
	for id := range uint32(n) {
		from[id] = uint32(len(uses))
		if int(id) < len(d.all) {
			uses = append(uses, d.usesOf(id)...)
		}
		if s, ok := mine[id]; ok {
			uses = append(uses, keyUse{index, s[0], s[1]})
		}
	}
	from[n] = uint32(len(uses))
	return from, uses
}

// usesOf are the uses of key id.
func (d *keyDict) usesOf(id uint32) []keyUse {
	return d.uses[d.useFrom[id]:d.useFrom[id+1]]
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
		if j, b := onBit(h ^ goesOn); d.on[j]&b == 0 {
			continue
		}
		if id, ok := d.lookup(w[:k], h^goesOn); ok {
			hits = append(hits, keyHit{i, id})
		}
	}
	return hits
}
