package ladder

import "sync/atomic"

// heads is the set of a text's word starts, each as a hashed key of its
// first two bytes. A phrase that starts with two literal bytes, the first a
// word byte, can stand in the text only where a word starts with them, so a
// text whose heads lack that key is not searched for it. One question is
// searched by dozens of tables, so the heads of the last few texts are kept,
// keyed by the text less its outer spaces (which start no word): the padded
// and the bare form of one text share their heads.
type heads struct {
	t    string
	bits [headWords]uint64
}

// headSlots keep the heads of the texts read last; a fixed few, so what
// users type never grows them.
var (
	headSlots [16]atomic.Pointer[heads]
	headNext  atomic.Uint32
)

func headsOf(t string) *heads {
	t = trimSpace(t)
	for i := range headSlots {
		if h := headSlots[i].Load(); h != nil && h.t == t {
			return h
		}
	}
	h := &heads{t: t}
	for i := 0; i+1 < len(t); i++ {
		if isWordByte(t[i]) && (i == 0 || !isWordByte(t[i-1])) {
			k := headKey(t[i], t[i+1])
			h.bits[k>>6] |= 1 << (k & 63)
		}
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
