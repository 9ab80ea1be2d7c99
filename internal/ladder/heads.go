package ladder

import (
	"slices"
	"sync/atomic"
)

// heads is what the phrase search reads of a text once: the set of its
// word starts, each as a hashed key of its first two bytes, and its words
// with their hashes. A phrase that starts with two literal bytes, the first
// a word byte, can stand in the text only where a word starts with them, so
// a text whose heads lack that key is not searched for it; a table's index
// looks each word up by its hashes (wordIndex.eachAt). One question is
// searched by dozens of tables, so the heads of the last few texts are kept,
// keyed by the text less its outer spaces (which start no word): the padded
// and the bare form of one text share their heads.
type heads struct {
	t     string
	bits  [headWords]uint64
	words []textWord
	buf   [6]textWord // words' room, for most texts (a clause)
}

// textWord is a word of a heads' text (a run of word bytes): where it
// starts and ends in the text less its outer spaces, and its FNV-1a hash
// (keyHash).
type textWord struct {
	at, end, h uint32
}

// less is the hash of w, the word tw, less its last byte: FNV-1a's last
// step undone.
func (tw textWord) less(w string) uint32 {
	return tw.h*fnvPrimeInverse ^ uint32(w[len(w)-1])
}

// fnvPrimeInverse * fnvPrime is 1 (mod 2^32).
const fnvPrimeInverse = 0x359c449b

// headSlots keep the heads of the texts read last; a fixed few, so what
// users type never grows them.
var (
	headSlots [16]atomic.Pointer[heads]
	headNext  atomic.Uint32
)

func headsOf(t string) *heads {
	t = trimSpace(t)
	last := headNext.Load()
	for i := range uint32(len(headSlots)) { // the latest first
		if h := headSlots[(last-i)%uint32(len(headSlots))].Load(); h != nil && h.t == t {
			return h
		}
	}
	h := &heads{t: t}
	var scratch [64]textWord // the words, before they are kept
	words := scratch[:0]
	for i := 0; i < len(t); {
		if !isWordByte(t[i]) {
			i++
			continue
		}
		w := textWord{at: uint32(i), h: fnvBasis}
		if i+1 < len(t) {
			k := headKey(t[i], t[i+1])
			h.bits[k>>6] |= 1 << (k & 63)
		}
		for ; i < len(t) && isWordByte(t[i]); i++ {
			w.h = (w.h ^ uint32(t[i])) * fnvPrime
		}
		w.end = uint32(i)
		words = append(words, w)
	}
	if len(words) <= len(h.buf) {
		h.words = h.buf[:copy(h.buf[:], words)]
	} else {
		h.words = slices.Clone(words)
	}
	headSlots[headNext.Add(1)%uint32(len(headSlots))].Store(h)
	return h
}

// may reports whether phrase w can stand in the text: false only when w
// starts with two literal bytes, the first a word byte, and no word of the
// text starts with them.
func (h *heads) may(w string) bool {
	if len(w) < 2 || !isWordByte(w[0]) || w[1] == '*' || w[1] == '=' {
		return true
	}
	k := headKey(w[0], w[1])
	return h.bits[k>>6]&(1<<(k&63)) != 0
}

// headKey hashes two bytes into 0..headWords*64-1: a few hundred bytes a
// text, made for each new text read.
func headKey(a, b byte) uint { return (uint(a)*131 + uint(b)) & (headWords*64 - 1) }

// headWords is the size of a heads set in 64-bit words.
const headWords = 16
