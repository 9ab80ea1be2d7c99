package plan

import (
	"slices"
	"strings"

	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/sections"
)

// outsideRatio is how many times better than every skill of the
// from-level's section a skill the plan does not hold must fit what the
// context says to work on for the plan to take it in. Chosen leave one set
// out over the context sets (eval/PLANS.md).
const outsideRatio = 3.0

// outside is a skill the plan takes in from outside its route, and where:
// first (a foundation from the level below) or last (one of the top rung's
// own skills).
type outside struct {
	item  Item
	first bool
}

// outsideSkill finds the skill, outside the plan, that the context's gap
// names far more closely than any skill the mentee works on now: one of
// the level below's skills (a foundation the mentee still lacks: "no idea
// how our services fit together" from a Mid-level PM), or, when the target
// is the top rung, one of its own skills, which the article lists for
// growing in that role ("can't talk money" on the way to VP).
func outsideSkill(set *sections.Set, stages []stage, from, to place, clauses []clause) (outside, bool) {
	fromSec, ok := set.Of(from.level.ID, ladder.Skills)
	if len(clauses) == 0 || !ok || len(fromSec.Skills()) == 0 {
		return outside{}, false
	}
	v := vocabOf(set)
	focus, _, _ := v.polarScores(v.profilesOf(fromSec), clauses)
	floor := max(minProfileScore, outsideRatio*slices.Max(focus))
	var best outside
	bestScore := floor
	for _, c := range outsideCandidates(set, stages, from, to) {
		ps := v.profilesOf(c.sec)
		f, _, _ := v.polarScores(ps, clauses)
		for i, k := range c.sec.Skills() {
			if f[i] < bestScore {
				continue
			}
			bestScore = f[i]
			kind := kindFor(c.level.Rung - from.climbRung())
			best = outside{Item{Text: strings.TrimSpace(k.Line), CitationID: c.sec.ID, Skill: k.Name, Kind: kind,
				Action: skillAction(kind, k, c.level, 0)}, c.first}
		}
	}
	return best, best.item.Skill != ""
}

// candidate is a skills section outside the plan and the level it is of.
type candidate struct {
	sec   sections.Section
	level ladder.Level
	first bool
}

// outsideCandidates are the skills sections an outside skill may come
// from: the level below the mentee's, and the target's own when the target
// is the top rung; none the plan already quotes.
func outsideCandidates(set *sections.Set, stages []stage, from, to place) []candidate {
	if to.role != nil {
		return nil
	}
	inPlan := map[string]bool{}
	for _, st := range stages {
		for _, it := range st.items {
			inPlan[it.CitationID] = true
		}
	}
	var out []candidate
	add := func(l ladder.Level, first bool) {
		if s, ok := set.Of(l.ID, ladder.Skills); ok && !inPlan[s.ID] && len(s.Skills()) > 0 {
			out = append(out, candidate{s, l, first})
		}
	}
	if b, ok := ladder.Below(from.level.ID); ok && !from.isIC() {
		add(b, true)
	}
	if _, above := ladder.Next(to.level.ID); to.level.Rung > 0 && !above {
		add(to.level, false)
	}
	return out
}

// withOutside puts the outside skill first in the first stage or last in
// the last.
func withOutside(stages []stage, o outside) []stage {
	if o.first {
		stages[0].items = append([]Item{o.item}, stages[0].items...)
	} else {
		last := &stages[len(stages)-1]
		last.items = append(last.items, o.item)
	}
	return stages
}
