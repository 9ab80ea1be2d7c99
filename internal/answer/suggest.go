package answer

import (
	"slices"
	"strings"

	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/memo"
	"github.com/ladder/coach/internal/sections"
)

// Follow-up questions offered after an answer: what the article covers next
// for the level and facet answered (the next facet, the step to the next
// rung), then a question beside the ladder. Each names its level, so it
// reads the same whatever the conversation; TestSuggestionsAnswered checks
// that retrieval answers each from the section it is meant for.

// maxSuggestions is how many follow-ups a reply offers.
const maxSuggestions = 3

// suggestion is a follow-up question and the section meant to answer it.
type suggestion struct {
	q, section string
}

// facetCycle is the order facets are offered in after one another.
var facetCycle = []string{ladder.Changes, ladder.Responsibilities, ladder.Success, ladder.Skills}

// facetQuestion asks about one facet of a level.
func facetQuestion(lad *ladder.Model, level, facet string) suggestion {
	id := sections.ID(level, facet)
	if level == lad.IC() && lad.IsArticle() {
		switch facet {
		case ladder.Changes:
			return suggestion{"How does the IC track differ from managing PMs?", id}
		case ladder.Responsibilities:
			return suggestion{"What are the core responsibilities on the IC track?", id}
		case ladder.Success:
			return suggestion{"How is success judged on the IC track?", id}
		}
		return suggestion{"What is the IC track?", sections.ID(lad.IC(), ladder.Overview)}
	}
	if missing(lad, level, facet) {
		facet = ladder.Overview
	}
	if facet == ladder.Overview && missing(lad, level, facet) {
		// A file's level with no lead text: its first facet says what it is.
		id = sections.ID(level, firstFacet(lad, level))
	}
	name := questionName(lad, level)
	switch facet {
	case ladder.Changes:
		if level == ladder.VP && lad.IsArticle() {
			name = "CPO" // "VP" alone reads as the level's overview
		}
		return suggestion{"What changes at the " + name + " level?", id}
	case ladder.Responsibilities:
		return suggestion{"What is " + withArticle(name) + " responsible for?", id}
	case ladder.Success:
		return suggestion{"When is " + withArticle(name) + " doing well?", id}
	case ladder.Skills:
		if next, ok := lad.Next(level); ok {
			return suggestion{"How do I go from " + name + " to " + questionName(lad, next.ID) + "?", id}
		}
		return suggestion{"What skills should " + withArticle(name) + " keep building?", id}
	}
	return suggestion{"Tell me about the " + name + " level.", id}
}

// missingFacet lists the level and facet pairs the article has no section
// for: the Associate PM level has no "what changes", the IC track no
// skills.
var missingFacet = map[string]bool{sections.ID(ladder.Associate, ladder.Changes): true, sections.ID(ladder.IC, ladder.Skills): true}

// questionName is a level's name as a question puts it.
func questionName(lad *ladder.Model, level string) string {
	if level == ladder.VP && lad.IsArticle() {
		return "VP of Product"
	}
	return levelName(lad, level)
}

// Questions beside the ladder's rungs.
var (
	sugNoManaging = suggestion{"Is there a way up without managing people?", sections.ID(ladder.IC, ladder.Overview)}
	sugTimeline   = suggestion{"How many years does moving up take?", sections.Closing + "/timeline"}
	sugAdjacent   = suggestion{"Which product-adjacent roles can a PM move into?", sections.ID(sections.Adjacent, ladder.Overview)}
	sugAdvice     = suggestion{"What are the key takeaways for a PM career?", sections.Closing + "/advice"}
	sugLadder     = suggestion{"Which rungs make up the PM career ladder?", sections.Introduction + "/ladder"}
)

// besideSugs are the questions beside a ladder's rungs.
type besideSugs struct{ noManaging, timeline, adjacent, advice, ladder suggestion }

// beside gives the questions beside lad's rungs: the article's, or the same
// in words that fit any ladder file.
func beside(lad *ladder.Model) besideSugs {
	if lad.IsArticle() {
		return besideSugs{sugNoManaging, sugTimeline, sugAdjacent, sugAdvice, sugLadder}
	}
	b := besideSugs{
		noManaging: suggestion{"Is there a way up without managing people?", sections.ID(lad.IC(), firstFacet(lad, lad.IC()))},
		timeline:   sugTimeline,
		adjacent:   suggestion{"Which other roles can I move into?", sections.ID(sections.Adjacent, ladder.Overview)},
		ladder:     suggestion{"What are the levels of this ladder?", sections.Introduction + "/ladder"},
	}
	if lad.IC() == ladder.NoIC {
		b.noManaging = b.ladder
	}
	b.advice = b.ladder
	return b
}

// missing reports whether the ladder has no section for level/facet.
func missing(lad *ladder.Model, level, facet string) bool {
	if lad.IsArticle() {
		return missingFacet[sections.ID(level, facet)]
	}
	return !lad.HasFacet(level, facet)
}

// firstFacet is the first facet, the lead text first, that the level has a
// section of.
func firstFacet(lad *ladder.Model, level string) string {
	for _, f := range append([]string{ladder.Overview}, lad.Facets()...) {
		if !missing(lad, level, f) {
			return f
		}
	}
	return ladder.Overview
}

// entry is the lowest rung's id.
func entry(lad *ladder.Model) string {
	return lad.Entry()
}

// followUps lists the follow-ups for an answer from section s, best first.
func followUps(lad *ladder.Model, s sections.Section) []suggestion {
	bs := beside(lad)
	sugNoManaging, sugTimeline, sugAdjacent, sugAdvice, sugLadder := bs.noManaging, bs.timeline, bs.adjacent, bs.advice, bs.ladder
	switch s.Level {
	case sections.Introduction:
		return []suggestion{facetQuestion(lad, entry(lad), ladder.Responsibilities), sugNoManaging, sugTimeline}
	case sections.Closing:
		if strings.HasSuffix(s.ID, "/advice") {
			return []suggestion{sugTimeline, sugLadder, sugAdjacent}
		}
		return []suggestion{sugAdvice, sugLadder, sugNoManaging}
	case sections.Adjacent:
		return []suggestion{sugAdjacent, sugNoManaging, sugTimeline}
	}
	// The next facet (the skills are the step up), the step up, one
	// question beside the ladder, then the rest.
	var out []suggestion
	i := slices.Index(facetCycle, s.Facet)
	var rest []suggestion
	for k := 1; k < len(facetCycle); k++ {
		f := facetCycle[(i+k+len(facetCycle))%len(facetCycle)]
		if f == s.Facet || f == ladder.Skills || missing(lad, s.Level, f) {
			continue
		}
		rest = append(rest, facetQuestion(lad, s.Level, f))
	}
	if len(rest) > 0 {
		out = append(out, rest[0])
		rest = rest[1:]
	}
	next, hasNext := lad.Next(s.Level)
	switch {
	case s.Facet != ladder.Skills:
		out = append(out, facetQuestion(lad, s.Level, ladder.Skills))
	case hasNext:
		out = append(out, facetQuestion(lad, next.ID, ladder.Changes))
	}
	if s.Level == lad.IC() {
		out = append(out, sugAdjacent)
	} else {
		out = append(out, sugNoManaging)
	}
	if hasNext && s.Facet != ladder.Skills {
		out = append(out, facetQuestion(lad, next.ID, ladder.Changes))
	}
	return append(append(out, rest...), sugTimeline)
}

// suggestions picks the follow-ups of an answer from section s: two from
// the level and facet (the next facet not yet shown, and the step up), one
// beside them; none already asked in the conversation.
func (c *composer) suggestions(s sections.Section, _ []line) []string {
	asked := []string{strings.TrimSpace(c.lower)} // lower-casing keeps the spaces
	for _, t := range c.req.History {
		if t.Role == "user" {
			asked = append(asked, strings.ToLower(strings.TrimSpace(t.Content)))
		}
	}
	o := offeredAfter(c.lad, s)
	out := make([]string, 0, maxSuggestions)
	for i, sg := range o.sugs {
		if len(out) == maxSuggestions {
			break
		}
		if slices.Contains(asked, o.lower[i]) || slices.Contains(out, sg.q) || c.sectionShown(sg.section) {
			continue
		}
		out = append(out, sg.q)
	}
	if len(out) < 2 {
		bs := beside(c.lad)
		for _, sg := range []suggestion{bs.timeline, bs.noManaging, bs.advice} {
			if len(out) < 2 && !slices.Contains(out, sg.q) && !slices.Contains(asked, strings.ToLower(sg.q)) {
				out = append(out, sg.q)
			}
		}
	}
	if len(out) == 0 {
		return nil // none left to offer: as the reply always showed it
	}
	return out
}

// offered are the follow-ups of a section, each question also in lower
// case, to compare with what was asked.
type offered struct {
	sugs  []suggestion
	lower []string
}

// offeredKey is what followUps reads of its ladder and section.
type offeredKey struct {
	lad              *ladder.Model
	level, facet, id string
}

// offeredMemo keeps followUps by ladder and section: they are the same on
// every request, and building their questions was a sixth of composing.
// Bounded, so that many ladders (as tests make) cannot grow it for ever.
var offeredMemo = memo.New[offeredKey, offered](maxOffered)

const maxOffered = 4096

// offeredAfter is followUps(lad, s), remembered. Callers must not modify it.
func offeredAfter(lad *ladder.Model, s sections.Section) offered {
	k := offeredKey{lad: lad, level: s.Level, facet: s.Facet, id: s.ID}
	return offeredMemo.Get(k, func(offeredKey) offered { return newOffered(lad, s) })
}

func newOffered(lad *ladder.Model, s sections.Section) offered {
	o := offered{sugs: followUps(lad, s)}
	for _, sg := range o.sugs {
		o.lower = append(o.lower, strings.ToLower(sg.q))
	}
	return o
}

// sectionShown reports whether the conversation already showed a line of
// section id (as far as the hits tell).
func (c *composer) sectionShown(id string) bool {
	for _, h := range c.res.Hits {
		if h.Section.ID != id {
			continue
		}
		for _, l := range h.Section.Items() {
			if c.shown[strings.TrimSpace(l)] {
				return true
			}
		}
	}
	return false
}
