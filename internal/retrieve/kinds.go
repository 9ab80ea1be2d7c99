package retrieve

import (
	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/recent"
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
	if ks, ok := recentLevels.Get(levelsKey{lad, text}); ok {
		return ks
	}
	ms := lad.FindLevels(text)
	ks := make([]kinded, len(ms))
	for i, m := range ms {
		ks[i] = kinded{m, kindOf(text, m)}
	}
	recentLevels.Put(levelsKey{lad, text}, ks)
	return ks
}

// recentSize is how many texts the memo keeps: more than the texts one
// question is read in, times the requests a core runs in turn.
const recentSize = 32

// levelsKey is a text as read against a ladder.
type levelsKey struct {
	lad  *ladder.Model
	text string
}

var recentLevels = recent.New[levelsKey, []kinded](recentSize)
