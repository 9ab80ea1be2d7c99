package retrieve

import (
	"slices"
	"strings"

	"github.com/ladder/coach/internal/embed"
	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/sections"
)

// boosting is what the reading of a question adds to each section's
// similarity, by section id: one named step for each part of the intent
// (the levels and facets, each topic, the caveats, the item pointed at, a
// skill named).
type boosting struct {
	r  *Retriever
	in Intent
	b  map[string]float64
}

func (r *Retriever) boosts(question string, in Intent) map[string]float64 {
	x := &boosting{r: r, in: in, b: map[string]float64{}}
	x.levels()
	for _, t := range in.Topics {
		x.topic(t)
	}
	x.caveats()
	if in.Section != "" {
		x.b[in.Section] += bPointed // an item of the previous answer the question points at
	}
	x.skillNamed(question)
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
		if id := x.r.quotes.echoed(q, func(t string) bool { return x.r.nameTerms[t] }); id != "" {
			x.put(id, x.b[id]+bQuote)
		}
	}
}

// put raises section id's boost to v, when the sections hold id.
func (x *boosting) put(id string, v float64) {
	if _, ok := x.r.set.ByID(id); ok && v > x.b[id] {
		x.b[id] = v
	}
}

// levels: a step's target and the skills below it, the levels named, or,
// with none, the facet asked a little everywhere.
func (x *boosting) levels() {
	in, lad := x.in, x.r.lad
	facet := in.Facet()
	switch {
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
				x.put(sections.ID(lad.IC(), ladder.Responsibilities), bPrimary*s)
				x.put(sections.ID(lad.IC(), ladder.Changes), icSkillsChanges*s)
			}
			x.levelFacets(l, s)
		}
	default:
		for _, fw := range in.Facets {
			for _, l := range lad.Levels() {
				x.put(sections.ID(l.ID, fw.Facet), facetEverywhere*fw.Weight)
			}
		}
	}
}

// step: the article lists the skills for reaching X at the level below X.
func (x *boosting) step() {
	t := x.in.Target
	if below, ok := x.r.lad.Below(t); ok {
		x.put(sections.ID(below.ID, ladder.Skills), bStepSkills)
	}
	x.put(sections.ID(t, ladder.Changes), bStepChanges)
	x.put(sections.ID(t, ladder.Responsibilities), bSecondary)
	x.put(sections.ID(t, ladder.Overview), bSecondary)
	for _, f := range x.r.lad.Facets() {
		x.put(sections.ID(t, f), bLevel)
	}
}

// levelFacets: every section of level a little, the facets asked (or, with
// none asked, the default order of facets) more.
func (x *boosting) levelFacets(level string, scale float64) {
	for _, f := range x.r.lad.Facets() {
		x.put(sections.ID(level, f), bLevel*scale)
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
		x.put(sections.ID(level, own), v)
		for _, n := range facetNeighbours[fw.Facet] {
			x.put(sections.ID(level, n.facet), n.share*v)
		}
		if x.in.HasTopic(TopicCompare) {
			// Side by side, the facet's own sections set the levels apart.
			x.put(sections.ID(level, own), v+compareFacet)
		}
	}
}

// defaultFacets ranks a level's sections when no facet is asked.
func (x *boosting) defaultFacets(level string, scale float64) {
	for f, v := range defaultFacets {
		x.put(sections.ID(level, f), v*scale)
	}
	if x.in.HasTopic(TopicCompare) {
		// Two levels side by side with no facet named: the answer
		// sets their "what changes" side by side.
		v := defaultFacets[ladder.Overview] + compareChanges
		if !x.r.lad.IsArticle() {
			// A file's overview is a lead paragraph: its scope says more.
			v += fileCompareScope
		}
		x.put(sections.ID(level, ladder.Changes), v*scale)
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
		x.put(sections.ID(lad.Entry(), ladder.Overview), bSecondary)
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
		x.put(sections.ID(sections.Adjacent, ladder.Overview), bAdjacentSide)
		x.put(sections.ID(lad.IC(), ladder.Overview), bLevel)
		for _, id := range in.Roles {
			x.put(sections.ID(sections.Adjacent, id), bRole)
		}
		if len(in.Roles) == 0 {
			x.put(sections.ID(sections.Adjacent, ladder.Overview), bAdjacentAll)
		}
	}
}

// icTrack: the IC track's sections, unless the levels named are on it, and
// where the ladder weighs it against the rungs.
func (x *boosting) icTrack() {
	in, lad := x.in, x.r.lad
	if len(in.Levels) == 0 || !slices.Contains(in.Levels, lad.IC()) && !x.r.onICTrack(in.Levels) {
		x.levelFacets(lad.IC(), 1)
		x.put(sections.ID(lad.IC(), ladder.Overview), bICOverview)
		if !lad.IsArticle() {
			// A file's overview is a lead paragraph: what the track
			// is lies in its scope, as the article's IC overview.
			x.put(sections.ID(lad.IC(), ladder.Changes), bICOverview)
		}
	}
	if !in.equivalence {
		return
	}
	if lad.IsArticle() {
		// The article weighs the IC track against the rungs among its
		// responsibilities.
		x.put(sections.ID(lad.IC(), ladder.Responsibilities), bEquivalence)
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
		s, _ := x.r.set.ByID(id)
		if slices.Contains(x.in.Levels, s.Level) || x.in.Target == s.Level {
			x.b[id] += bPrimary
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

// skillNamed: a skill named in the question, its section. On a ladder file
// the words of the levels the question names are not a skill's ("Design
// Manager" names no skill "Managing Through Managers").
func (x *boosting) skillNamed(question string) {
	qt := embed.Terms(question)
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
			x.b[sk.section] += bSkillName
		} else if f >= skillSome {
			x.b[sk.section] += skillSomeWeight * f
		}
	}
}
