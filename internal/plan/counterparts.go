package plan

import (
	_ "embed"
	"math"
	"slices"
	"strings"
	"sync"
)

// Who a mentee deals with (counterparts.txt): words that say where a gap
// shows ("the devs", "finance", "other teams") and reach the kinds of
// ability dealing with those people calls on, at their own weight.

//go:embed counterparts.txt
var counterpartsTxt string

// weightCounterpart is how much a counterpart counts towards each of its
// kinds, against 1 for a word of the kind the context wrote.
var weightCounterpart = 0.85

// maxCounterpartWords is the most words a counterpart has.
const maxCounterpartWords = 3

// counterparts maps each counterpart (its words joined by one space) to
// the indexes of its kinds in kinds().
var counterparts = sync.OnceValue(func() map[string][]int {
	m := map[string][]int{}
	for _, e := range entries("counterparts.txt", counterpartsTxt) {
		var ks []int
		for _, n := range strings.Fields(e[0]) {
			if n == "none" {
				continue
			}
			j := slices.IndexFunc(kinds(), func(k kind) bool { return k.name == n })
			if j < 0 {
				panic("plan: counterparts.txt: unknown kind " + n)
			}
			ks = append(ks, j)
		}
		for _, w := range strings.Split(e[1], ",") {
			w = strings.Join(strings.Fields(w), " ")
			if n := len(strings.Fields(w)); n == 0 || n > maxCounterpartWords {
				panic("plan: counterparts.txt: bad entry " + w)
			}
			m[w] = ks
		}
	}
	return m
})

// people is what a clause says of who the mentee deals with: the weight
// each kind of ability gets from the counterparts it names, and their
// words, which still meet a skill's own words ("investors", "sales") but
// reach the kinds only through kinds.
type people struct {
	kinds map[int]float64
	words map[string]bool
}

// counterpartsIn finds the counterparts among a clause's tokens, longest
// first.
func counterpartsIn(toks []string) people {
	who := people{kinds: map[int]float64{}, words: map[string]bool{}}
	for i := 0; i < len(toks); i++ {
		for n := min(maxCounterpartWords, len(toks)-i); n >= 1; n-- {
			ks, ok := counterparts()[strings.Join(toks[i:i+n], " ")]
			if !ok {
				continue
			}
			for _, k := range ks {
				who.kinds[k] = max(who.kinds[k], weightCounterpart/math.Sqrt(float64(len(ks))))
			}
			for _, w := range toks[i : i+n] {
				who.words[w] = true
			}
			i += n - 1
			break
		}
	}
	return who
}
