package ladder

import (
	"slices"
	"sync"
	"sync/atomic"
)

// heads is what the phrase search reads of a text once: the set of its
// word starts, each as a hashed key of its first two bytes, its words with
// their hashes, and the keys of the indexes' dictionary its words are. A
// phrase that starts with two literal bytes, the first a word byte, can
// stand in the text only where a word starts with them, so a text whose
// heads lack that key is not searched for it; a table's index reads its
// phrases from the words' keys (wordIndex.eachAt). One question is
// searched by dozens of tables, so the heads of the last few texts are kept,
// keyed by the text less its outer spaces (which start no word): the padded
// and the bare form of one text share their heads.
type heads struct {
	t     string
	bits  [headWords]uint64
	words []textWord
	buf   [6]textWord // words' room, for most texts (a clause)
	// keys are the keys its words are, read when an index first asks;
	// later, when an index built since needs a later dictionary.
	read  sync.Once
	keys  textHits
	later atomic.Pointer[textHits]
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
// users type never grows them. A text's heads are kept in one of two slots
// side by side, picked by its tag (textTag), the newer first; headTags hold
// each slot's tag, so a slot of another text is passed over without
// reading its heads.
var (
	headSlots [64]atomic.Pointer[heads]
	headTags  [64]atomic.Uint64
)

func headsOf(t string) *heads {
	t = trimSpace(t)
	tag := textTag(t)
	pair := slotPair(tag, len(headSlots))
	for j := pair; j < pair+2; j++ {
		if headTags[j].Load() == tag {
			if h := headSlots[j].Load(); h != nil && h.t == t {
				return h
			}
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
	// The pair's newer heads become its older; these, the newer.
	headSlots[pair+1].Store(headSlots[pair].Load())
	headTags[pair+1].Store(headTags[pair].Load())
	headSlots[pair].Store(h)
	headTags[pair].Store(tag)
	return h
}

// slotPair is the first of the two slots, out of n (a power of two), a text
// of this tag is kept in.
func slotPair(tag uint64, n int) uint32 {
	return uint32(tag*0x9e3779b97f4a7c15>>32) & uint32(n-2)
}

// textTag is a tag of t, its length and a few of its bytes: texts with
// different tags differ; texts with the same tag are compared.
func textTag(t string) uint64 {
	if t == "" {
		return 0
	}
	n := len(t)
	return uint64(n)<<32 | uint64(t[0])<<24 | uint64(t[n/3])<<16 | uint64(t[n*2/3])<<8 | uint64(t[n-1])
}

// hits are the keys the words of the text are, read with a dictionary
// that knows at least need indexes.
func (h *heads) hits(need uint32) *textHits {
	h.read.Do(func() { h.keys.read(h, currentDict()) })
	if h.keys.d.indexes >= need {
		return &h.keys
	}
	if x := h.later.Load(); x != nil && x.d.indexes >= need {
		return x
	}
	x := new(textHits)
	x.read(h, currentDict())
	h.later.Store(x)
	return x
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
