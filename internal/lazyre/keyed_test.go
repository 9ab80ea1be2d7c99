package lazyre

import (
	"slices"
	"testing"
)

// A keyed list gives the items of the keys a text's heads hold, by
// ascending key, and stops when asked to.
func TestKeyed(t *testing.T) {
	k := newKeyed(map[int][]int{0: {1}, 63: {2, 3}, 64: {4}, 500: {5}, headWords*64 - 1: {6}})
	var h heads
	for _, key := range []int{0, 64, 65, 500, headWords*64 - 1} {
		h.bits[key>>6] |= 1 << (key & 63)
	}
	var got []int
	k.each(&h, func(i int) bool { got = append(got, i); return false })
	if want := []int{1, 4, 5, 6}; !slices.Equal(got, want) {
		t.Errorf("items %v, want %v", got, want)
	}
	got = nil
	if !k.each(&h, func(i int) bool { got = append(got, i); return i == 4 }) || !slices.Equal(got, []int{1, 4}) {
		t.Errorf("stopping at 4: %v", got)
	}
}
