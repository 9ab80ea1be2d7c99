package ladder

import "sync/atomic"

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
	buf   [16]textWord // words' room, for most texts
}

// textWord is a word of a heads' text (a run of word bytes): where it
// starts and ends in the text less its outer spaces, and the FNV-1a hashes
// of the word and of the word less its last byte (keyHash).
type textWord struct {
	at, end int32
	h, less uint32
}

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
	h.words = h.buf[:0]
	for i := 0; i < len(t); {
		if !isWordByte(t[i]) {
			i++
			continue
		}
		w := textWord{at: int32(i), h: fnvBasis}
		if i+1 < len(t) {
			k := headKey(t[i], t[i+1])
			h.bits[k>>6] |= 1 << (k & 63)
		}
		for ; i < len(t) && isWordByte(t[i]); i++ {
			w.less = w.h
			w.h = (w.h ^ uint32(t[i])) * fnvPrime
		}
		w.end = int32(i)
		h.words = append(h.words, w)
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
