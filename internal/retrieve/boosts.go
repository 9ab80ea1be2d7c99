package retrieve

import (
	"slices"
	"strings"

	"github.com/ladder/coach/internal/embed"
	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/sections"
)

// boosting is what the reading of a question adds to each section's
// similarity, by the section's place in the set: one named step for each
// part of the intent (the levels and facets, each topic, the caveats, the
// item pointed at, a skill named).
type boosting struct {
	r  *Retriever
	in Intent
	b  []float64
}

// boosts are the boosts for question, whose embed.Terms are qt.
func (r *Retriever) boosts(question string, qt []string, in Intent) []float64 {
	x := &boosting{r: r, in: in, b: make([]float64, len(r.set.All()))}
	x.levels()
	for _, t := range in.Topics {
		x.topic(t)
	}
	x.caveats()
	if i := r.set.Index(in.Section); i >= 0 {
		x.b[i] += bPointed // an item of the previous answer the question points at
	}
	x.skillNamed(qt)
	x.quoted(question)
	return x.b
}

// quoted: a phrase in quotation marks that echoes a line of the article
// (feedback in its words: "'own problems, not tasks'"), that line's section.
func (x *boosting) quoted(question string) {
	if !strings.ContainsAny(question, "'\"‘’“”") {
		return
	}
	for _, q := range quotesIn(question) {
		if i := x.r.set.Index(x.r.quotes.echoed(q, func(t string) bool { return x.r.nameTerms[t] })); i >= 0 {
			x.putAt(i, x.b[i]+bQuote)
		}
	}
}

// put raises section id's boost to v, when the sections hold id.
func (x *boosting) put(id string, v float64) { x.putAt(x.r.set.Index(id), v) }

// putOf is put of the section sections.ID(level, facet), found without
// making its id.
func (x *boosting) putOf(level, facet string, v float64) { x.putAt(x.r.at.of(level, facet), v) }

// putAt raises the boost of the section at i to v; i < 0 is no section.
func (x *boosting) putAt(i int, v float64) {
	if i >= 0 && v > x.b[i] {
		x.b[i] = v
	}
}

// levels: a step's target and the skills below it, the levels named, or,
// with none, the facet asked a little everywhere.
func (x *boosting) levels() {
	in, lad := x.in, x.r.lad
	facet := in.Facet()
	switch {
	case in.ownStep:
		x.step()
		for _, fw := range in.Facets {
			if fw.Facet != ladder.Skills {
				x.putOf(in.Current, fw.Facet, bPrimary*fw.Weight)
			}
		}
	case in.Transition && in.Target != "" && (facet == "" || in.asksSkills()):
		x.step()
	case len(in.Levels) > 0:
		scale := 1.0
		if in.FromHistory && len(in.Topics) > 0 {
			scale = historyScale
		}
		for i, l := range in.Levels {
			s := scale
			if i > 0 && !in.HasTopic(TopicCompare) {
				s *= otherLevelScale
			}
			if l == lad.IC() && facet == ladder.Skills {
				// The IC track has no skills section: what it asks is its responsibilities.
				x.putOf(lad.IC(), ladder.Responsibilities, bPrimary*s)
				x.putOf(lad.IC(), ladder.Changes, icSkillsChanges*s)
			}
			x.levelFacets(l, s)
		}
	default:
		for _, fw := range in.Facets {
			for _, l := range lad.Levels() {
				x.putOf(l.ID, fw.Facet, facetEverywhere*fw.Weight)
			}
		}
	}
}

// step: the article lists the skills for reaching X at the level below X.
func (x *boosting) step() {
	t := x.in.Target
	if below, ok := x.r.lad.Below(t); ok {
		x.putOf(below.ID, ladder.Skills, bStepSkills)
	}
	x.putOf(t, ladder.Changes, bStepChanges)
	x.putOf(t, ladder.Responsibilities, bSecondary)
	x.putOf(t, ladder.Overview, bSecondary)
	for _, f := range x.r.lad.Facets() {
		x.putOf(t, f, bLevel)
	}
}

// levelFacets: every section of level a little, the facets asked (or, with
// none asked, the default order of facets) more.
func (x *boosting) levelFacets(level string, scale float64) {
	for _, f := range x.r.lad.Facets() {
		x.putOf(level, f, bLevel*scale)
	}
	if len(x.in.Facets) == 0 {
		x.defaultFacets(level, scale)
		return
	}
	for i, fw := range x.in.Facets {
		v := bPrimary * fw.Weight * scale
		if i > 0 {
			v *= secondFacet
		}
		own := fw.Facet
		if _, ok := x.r.set.Of(level, own); !ok && own == ladder.Changes {
			// The first rung has no "what changes": its responsibilities say it.
			own = ladder.Responsibilities
		}
		x.putOf(level, own, v)
		for _, n := range facetNeighbours[fw.Facet] {
			x.putOf(level, n.facet, n.share*v)
		}
		if x.in.HasTopic(TopicCompare) {
			// Side by side, the facet's own sections set the levels apart.
			x.putOf(level, own, v+compareFacet)
		}
	}
}

// defaultFacets ranks a level's sections when no facet is asked.
func (x *boosting) defaultFacets(level string, scale float64) {
	for f, v := range defaultFacets {
		x.putOf(level, f, v*scale)
	}
	if x.in.HasTopic(TopicCompare) {
		// Two levels side by side with no facet named: the answer
		// sets their "what changes" side by side.
		v := defaultFacets[ladder.Overview] + compareChanges
		if !x.r.lad.IsArticle() {
			// A file's overview is a lead paragraph: its scope says more.
			v += fileCompareScope
		}
		x.putOf(level, ladder.Changes, v*scale)
	}
}

// topic: the sections that answer each topic read.
func (x *boosting) topic(t string) {
	in, lad := x.in, x.r.lad
	switch t {
	case TopicIC:
		x.icTrack()
	case TopicTimeline:
		// A level's facet asked together with the time it takes to reach
		// there: the level's facet first, the timeline beside it.
		if len(in.Levels) > 0 && len(in.Facets) > 0 && in.Facets[0].Weight >= 1 && !in.FromHistory {
			x.put(sections.Closing+"/timeline", bTopicBeside)
			return
		}
		x.put(sections.Closing+"/timeline", bTopic)
		x.put(sections.Introduction+"/paths", bSecondary)
	case TopicPaths:
		x.put(sections.Introduction+"/paths", bTopic)
		x.putOf(lad.Entry(), ladder.Overview, bSecondary)
	case TopicLadder:
		x.put(sections.Introduction+"/ladder", bTopic)
		x.put(sections.Introduction+"/paths", bSecondary)
		x.put(sections.Closing+"/timeline", bLevel)
	case TopicAdvice:
		if len(in.Levels) == 0 && len(in.Roles) == 0 {
			x.put(sections.Closing+"/advice", bTopic)
			x.put(sections.Closing+"/timeline", bSecondary)
		}
	case TopicAdjacent:
		x.putOf(sections.Adjacent, ladder.Overview, bAdjacentSide)
		x.putOf(lad.IC(), ladder.Overview, bLevel)
		for _, id := range in.Roles {
			x.putOf(sections.Adjacent, id, bRole)
		}
		if len(in.Roles) == 0 {
			x.putOf(sections.Adjacent, ladder.Overview, bAdjacentAll)
		}
	}
}

// icTrack: the IC track's sections, unless the levels named are on it, and
// where the ladder weighs it against the rungs.
func (x *boosting) icTrack() {
	in, lad := x.in, x.r.lad
	if len(in.Levels) == 0 || !slices.Contains(in.Levels, lad.IC()) && !x.r.onICTrack(in.Levels) {
		x.levelFacets(lad.IC(), 1)
		x.putOf(lad.IC(), ladder.Overview, bICOverview)
		if !lad.IsArticle() {
			// A file's overview is a lead paragraph: what the track
			// is lies in its scope, as the article's IC overview.
			x.putOf(lad.IC(), ladder.Changes, bICOverview)
		}
	}
	if !in.equivalence {
		return
	}
	if lad.IsArticle() {
		// The article weighs the IC track against the rungs among its
		// responsibilities.
		x.putOf(lad.IC(), ladder.Responsibilities, bEquivalence)
		return
	}
	// A ladder file says where it weighs its levels against each other: a
	// line naming both.
	for _, id := range x.r.namingBoth(in.Levels) {
		x.put(id, bNamingBoth)
	}
}

// caveats: the downsides of a role are in the sections that hold the
// article's caveats about it.
func (x *boosting) caveats() {
	if !x.in.Caveat {
		return
	}
	for id := range x.r.caveats {
		i := x.r.set.Index(id)
		if l := x.r.set.All()[i].Level; slices.Contains(x.in.Levels, l) || x.in.Target == l {
			x.b[i] += bPrimary
		}
	}
}

// levelNameTerms are the terms of the ladder's level names and aliases,
// and of the word "level".
func (r *Retriever) levelNameTerms() map[string]bool {
	out := map[string]bool{}
	words := []string{"level"}
	for _, l := range r.lad.Levels() {
		words = append(append(words, l.Name, l.Title), l.Aliases...)
	}
	for _, t := range embed.Terms(strings.Join(words, " ")) {
		out[t] = true
	}
	return out
}

// skillNamed: a skill named in the question (its terms qt), its section. On a ladder file
// the words of the levels the question names are not a skill's ("Design
// Manager" names no skill "Managing Through Managers").
func (x *boosting) skillNamed(qt []string) {
	if !x.r.lad.IsArticle() {
		qt = x.r.withoutLevelNames(qt, x.in)
	}
	// How many of each skill name's terms the question holds (coverage),
	// through the skills each of its terms is in.
	held := make([]int, len(x.r.skills))
	for i, t := range qt {
		if slices.Contains(qt[:i], t) {
			continue // each term of the question once
		}
		for _, k := range x.r.skillsWith[t] {
			held[k]++
		}
	}
	for k, sk := range x.r.skills {
		if held[k] == 0 {
			continue
		}
		if f := float64(held[k]) / float64(len(sk.terms)); f >= skillWhole {
			x.b[sk.at] += bSkillName
		} else if f >= skillSome {
			x.b[sk.at] += skillSomeWeight * f
		}
	}
}
