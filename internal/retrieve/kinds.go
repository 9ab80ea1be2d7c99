package retrieve

import (
	"sync"

	"github.com/ladder/coach/internal/ladder"
)

// kinded is a level named in a text and who it stands for there.
type kinded struct {
	ladder.Mention
	kind mentionKind
}

// levelsOf finds the levels text names and says who each stands for. One
// question is read by several steps that each want its levels (the asked,
// the rejected, the hoped, the one beyond), so the result is kept for the
// last few texts read: the memo is a ring of fixed size, so what users type
// never grows it. Callers must not change the slice.
func levelsOf(lad *ladder.Model, text string) []kinded {
	if ks, ok := recent.get(lad, text); ok {
		return ks
	}
	ms := lad.FindLevels(text)
	ks := make([]kinded, len(ms))
	for i, m := range ms {
		ks[i] = kinded{m, kindOf(text, m)}
	}
	recent.put(lad, text, ks)
	return ks
}

// recentSize is how many texts the memo keeps: more than the texts one
// question is read in, times the requests a core runs in turn.
const recentSize = 32

type recentLevels struct {
	mu   sync.Mutex
	next int
	ring [recentSize]struct {
		lad  *ladder.Model
		text string
		ks   []kinded
	}
}

var recent recentLevels

func (r *recentLevels) get(lad *ladder.Model, text string) ([]kinded, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := range r.ring {
		if e := &r.ring[i]; e.lad == lad && e.text == text {
			return e.ks, true
		}
	}
	return nil, false
}

func (r *recentLevels) put(lad *ladder.Model, text string, ks []kinded) {
	r.mu.Lock()
	defer r.mu.Unlock()
	e := &r.ring[r.next]
	e.lad, e.text, e.ks = lad, text, ks
	r.next = (r.next + 1) % recentSize
}
