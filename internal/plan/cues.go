package plan

import (
	_ "embed"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/ladder/coach/internal/embed"
)

// Cues are what a mentor writes instead of the ability: who the mentee
// deals with (counterparts.txt: "the devs", "finance", "other teams") and
// what keeps happening (situations.txt: "releases clash", "the goals keep
// moving"). A cue says where a gap shows, not what it is: it reaches the
// kinds of ability it calls on at its own weight, and its words meet a
// skill's own words ("investors", "sales") but no kind's.

//go:embed counterparts.txt
var counterpartsTxt string

//go:embed situations.txt
var situationsTxt string

// Weights of a cue towards each of its kinds, against 1 for a word of the
// kind the context wrote.
var (
	weightCounterpart = 0.7
	weightSituation   = 1.2
)

// maxCueWords is the most words a cue has.
const maxCueWords = 4

// cueTable is one cue file: each cue (its words joined by one space; a
// last word ending in "*" matches any word it begins) to the indexes of its
// kinds in kinds(), and the weight of its cues.
type cueTable struct {
	cues   map[string][]int
	weight *float64
}

// cueTables are the cue files, read once.
var cueTables = sync.OnceValue(func() []cueTable {
	return []cueTable{
		{readCues("counterparts.txt", counterpartsTxt), &weightCounterpart},
		{readCues("situations.txt", situationsTxt), &weightSituation},
	}
})

// readCues reads a cue file: "kind kind ...: cue, cue, ...", the kind
// "none" for cues that name nothing ("on board" is not the board).
func readCues(file, txt string) map[string][]int {
	m := map[string][]int{}
	for _, e := range entries(file, txt) {
		ks := []int{}
		for _, n := range strings.Fields(e[0]) {
			j := slices.IndexFunc(kinds(), func(k kind) bool { return k.name == n })
			switch {
			case n == "none":
			case j < 0:
				panic("plan: " + file + ": unknown kind " + n)
			default:
				ks = append(ks, j)
			}
		}
		for _, w := range strings.Split(e[1], ",") {
			// as the context's tokens are: "c-suite" is "c suite"
			w = strings.TrimSpace(w)
			star := strings.HasSuffix(w, "*")
			toks := embed.Tokens(strings.TrimSuffix(w, "*"))
			if len(toks) == 0 || len(toks) > maxCueWords || star && len(toks[len(toks)-1]) < minPart {
				panic("plan: " + file + ": bad cue " + w)
			}
			key := strings.Join(toks, " ")
			if star {
				key += "*"
			}
			m[key] = ks
		}
	}
	return m
}

// cues is what a clause's cues say: the weight each kind of ability gets
// from them, and their words.
type cues struct {
	kinds map[int]float64
	words map[string]bool
}

// cuesIn finds the cues among a clause's tokens, longest first, each table
// on its own.
func cuesIn(toks []string) cues {
	c := cues{kinds: map[int]float64{}, words: map[string]bool{}}
	for _, tb := range cueTables() {
		for i := 0; i < len(toks); i++ {
			n, ks := tb.match(toks[i:])
			if n == 0 {
				continue
			}
			for _, k := range ks {
				c.kinds[k] = max(c.kinds[k], *tb.weight/math.Sqrt(float64(len(ks))))
			}
			for _, w := range toks[i : i+n] {
				c.words[w] = true
			}
			i += n - 1
		}
	}
	return c
}

// match is the longest cue toks open with: its length in words and its
// kinds, or 0.
func (tb cueTable) match(toks []string) (int, []int) {
	for n := min(maxCueWords, len(toks)); n >= 1; n-- {
		head := strings.Join(toks[:n-1], " ")
		if n > 1 {
			head += " "
		}
		if ks, ok := tb.cues[head+toks[n-1]]; ok {
			return n, ks
		}
		for k := len(toks[n-1]); k >= minPart; k-- {
			if ks, ok := tb.cues[head+toks[n-1][:k]+"*"]; ok {
				return n, ks
			}
		}
	}
	return 0, nil
}
