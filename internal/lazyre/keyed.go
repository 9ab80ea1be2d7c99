package lazyre

import "math/bits"

// keyed lists items (branches, literals) by word-start keys: those whose
// keys a text's heads hold are found by a bit test and a count, with no map.
type keyed struct {
	bits  [headWords]uint64 // the keys
	below [headWords]uint16 // how many keys come before each word of bits
	lists [][]int           // the items of each key, by its rank among the keys
}

func newKeyed(byKey map[int][]int) keyed {
	var k keyed
	for key := range byKey {
		k.bits[key>>6] |= 1 << (key & 63)
	}
	n := 0
	for w, b := range k.bits {
		k.below[w] = uint16(n)
		n += bits.OnesCount64(b)
	}
	k.lists = make([][]int, n)
	for key, items := range byKey {
		k.lists[k.rank(key)] = items
	}
	return k
}

// rank is the place of key among k's keys.
func (k *keyed) rank(key int) int {
	w, b := key>>6, uint(key&63)
	return int(k.below[w]) + bits.OnesCount64(k.bits[w]&(1<<b-1))
}

// each calls visit with the items of each key that both k and h hold, by
// ascending key; it stops when visit returns true, and reports whether it
// did.
func (k *keyed) each(h *heads, visit func(item int) bool) bool {
	for w := range h.bits {
		for both := h.bits[w] & k.bits[w]; both != 0; both &= both - 1 {
			for _, i := range k.lists[k.rank(w<<6|bits.TrailingZeros64(both))] {
				if visit(i) {
					return true
				}
			}
		}
	}
	return false
}
