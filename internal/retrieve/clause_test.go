package retrieve

import (
	"strings"
	"testing"

	"github.com/ladder/coach/internal/ladder"
)

// lastBreakEnd finds what a search for each break from the end finds.
func TestLastBreakEnd(t *testing.T) {
	slow := func(t string) int {
		cut := -1
		for _, w := range ladder.Talk.ClauseBreaks {
			if i := strings.LastIndex(t, " "+w+" "); i >= 0 && i+len(w)+1 > cut {
				cut = i + len(w) + 1
			}
		}
		return cut
	}
	for _, s := range []string{
		"", " ", " i lead a team and i'm a senior pm ", " so what should i do but how ", " and im ", " and i am a director ",
		" what is there for a vp ", " however ", " my boss, who is a vp, says so ", " nothing to cut here ",
		" is there a path ", " and i'm and i ", " butter and whatever ", " so  what ",
	} {
		if got, want := lastBreakEnd(s), slow(s); got != want {
			t.Errorf("lastBreakEnd(%q) = %d; want %d", s, got, want)
		}
	}
}
