package retrieve

import (
	"slices"

	"github.com/ladder/coach/internal/ladder"
)

// refine reads what the first pass leaves open, one named step at a time:
// levels set aside, items of the previous answer pointed at, an asker
// placed from their description, and the scope.
func (r *Retriever) refine(in *Intent, q string, history []Turn) {
	r.setAside(in)
	r.point(in, q, history)
	r.place(in, q)
	in.Scope = ScopeIn
	if n, ok := nearbySubject(q); ok {
		in.Scope, in.Nearby = ScopeNearby, n.Name
	}
}

// setAside: a question that only rejects rungs ("I don't want to be a CPO,
// what else is there?") is about the paths beside the ladder.
func (r *Retriever) setAside(in *Intent) {
	if len(in.Rejected) == 0 || in.asked > 0 && !allRejected(in) {
		return
	}
	in.Levels = slices.DeleteFunc(in.Levels, func(l string) bool { return slices.Contains(in.Rejected, l) })
	if in.Target != "" && slices.Contains(in.Rejected, in.Target) {
		in.Target, in.Transition = "", false
	}
	if slices.Contains(in.Rejected, ladder.IC) {
		addTopic(in, TopicAdjacent)
		return
	}
	addTopic(in, TopicIC)
}

func allRejected(in *Intent) bool {
	for _, l := range in.Levels {
		if !slices.Contains(in.Rejected, l) && l != in.Current {
			return false
		}
	}
	return true
}

func addTopic(in *Intent, t string) {
	if !in.HasTopic(t) {
		in.Topics = append(in.Topics, t)
	}
}

// point: "the third one", "the last skill on that list" name an item of
// the previous answer.
func (r *Retriever) point(in *Intent, q string, history []Turn) {
	if in.asked > 0 || len(history) == 0 {
		return
	}
	p, ok := pointerIn(q)
	if !ok {
		return
	}
	it, ok := r.pointed(p, history, in.Current)
	if !ok {
		return
	}
	in.FromHistory = true
	switch it.kind {
	case itemLevel:
		in.Levels = []string{it.id}
		if it.id == ladder.IC {
			addTopic(in, TopicIC)
		}
		if in.Transition && in.Target != it.id {
			in.Target = it.id
		}
	case itemRole:
		in.Levels, in.Roles = nil, []string{it.id}
		addTopic(in, TopicAdjacent)
	case itemAdjacent:
		in.Levels = nil
		addTopic(in, TopicAdjacent)
	case itemSkill:
		in.Section = it.id
		if s, ok := r.set.ByID(it.id); ok {
			in.Levels = []string{s.Level}
		}
		in.Transition, in.Target = false, ""
		if len(in.Facets) == 0 {
			in.Facets = []FacetWeight{{Facet: ladder.Skills, Weight: 1}}
		}
	}
}

// place: an asker who names no level of their own but describes their work
// is placed by the self-assessment's engine.
func (r *Retriever) place(in *Intent, q string) {
	if r.placer == nil || in.Current != "" || in.asked > 0 || in.FromHistory {
		return
	}
	pad := " " + q + " "
	asks := ladder.Talk.Placement.In(pad)
	if !asks && countIn(pad, ladder.Talk.FirstPerson) < 2 {
		return
	}
	level, why := r.placer.Place(q)
	if level == "" {
		return
	}
	in.Current, in.Placed, in.PlacedWhy = level, level, why
	if in.Transition && in.Target == "" {
		if n, ok := ladder.Next(level); ok {
			in.Target = n.ID
		}
	}
	if len(in.Levels) == 0 && len(in.Roles) == 0 {
		in.Levels = []string{level}
		if level == ladder.IC {
			addTopic(in, TopicIC)
		}
	}
	if in.Target != "" && !slices.Contains(in.Levels, in.Target) {
		in.Levels = append([]string{in.Target}, in.Levels...)
	}
}

// countIn counts the phrases of ps found in t.
func countIn(t string, ps ladder.Phrases) int {
	n := 0
	for _, p := range ps {
		if (ladder.Phrases{p}).In(t) {
			n++
		}
	}
	return n
}
