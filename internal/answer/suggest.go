package answer

import (
	"slices"
	"strings"

	"github.com/ladder/coach/internal/ladder"
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
func facetQuestion(level, facet string) suggestion {
	id := level + "/" + facet
	if level == ladder.IC {
		switch facet {
		case ladder.Changes:
			return suggestion{"What makes the IC track different from managing PMs?", id}
		case ladder.Responsibilities:
			return suggestion{"What are the core responsibilities on the IC track?", id}
		case ladder.Success:
			return suggestion{"How is success judged on the IC track?", id}
		}
		return suggestion{"What is the IC track?", ladder.IC + "/" + ladder.Overview}
	}
	if missingFacet[id] {
		facet = ladder.Overview
	}
	name := questionName(level)
	switch facet {
	case ladder.Changes:
		if level == ladder.VP {
			name = "CPO" // "VP" alone reads as the level's overview
		}
		return suggestion{"What changes at the " + name + " level?", id}
	case ladder.Responsibilities:
		return suggestion{"What is " + withArticle(name) + " responsible for?", id}
	case ladder.Success:
		return suggestion{"When is " + withArticle(name) + " doing well?", id}
	case ladder.Skills:
		if next, ok := ladder.Next(level); ok {
			return suggestion{"How do I go from " + name + " to " + questionName(next.ID) + "?", id}
		}
		return suggestion{"What skills should " + withArticle(name) + " keep building?", id}
	}
	return suggestion{"Tell me about the " + name + " level.", level + "/" + ladder.Overview}
}

// missingFacet lists the level and facet pairs the article has no section
// for: the Associate PM level has no "what changes", the IC track no
// skills.
var missingFacet = map[string]bool{ladder.Associate + "/" + ladder.Changes: true, ladder.IC + "/" + ladder.Skills: true}

// questionName is a level's name as a question puts it.
func questionName(level string) string {
	if level == ladder.VP {
		return "VP of Product"
	}
	return levelName(level)
}

// Questions beside the ladder's rungs.
var (
	sugNoManaging = suggestion{"Can I keep growing without managing people?", ladder.IC + "/" + ladder.Overview}
	sugTimeline   = suggestion{"How many years does moving up take?", sections.Closing + "/timeline"}
	sugAdjacent   = suggestion{"Which product-adjacent roles can a PM move into?", sections.Adjacent + "/" + ladder.Overview}
	sugAdvice     = suggestion{"What are the key takeaways for a PM career?", sections.Closing + "/advice"}
	sugLadder     = suggestion{"What are the levels of the PM career ladder?", sections.Introduction + "/ladder"}
)

// followUps lists the follow-ups for an answer from section s, best first.
func followUps(s sections.Section) []suggestion {
	switch s.Level {
	case sections.Introduction:
		return []suggestion{facetQuestion(ladder.Associate, ladder.Responsibilities), sugNoManaging, sugTimeline}
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
		if f == s.Facet || f == ladder.Skills || missingFacet[s.Level+"/"+f] {
			continue
		}
		rest = append(rest, facetQuestion(s.Level, f))
	}
	if len(rest) > 0 {
		out = append(out, rest[0])
		rest = rest[1:]
	}
	next, hasNext := ladder.Next(s.Level)
	switch {
	case s.Facet != ladder.Skills:
		out = append(out, facetQuestion(s.Level, ladder.Skills))
	case hasNext:
		out = append(out, facetQuestion(next.ID, ladder.Changes))
	}
	if s.Level == ladder.IC {
		out = append(out, sugAdjacent)
	} else {
		out = append(out, sugNoManaging)
	}
	if hasNext && s.Facet != ladder.Skills {
		out = append(out, facetQuestion(next.ID, ladder.Changes))
	}
	return append(append(out, rest...), sugTimeline)
}

// suggestions picks the follow-ups of an answer from section s: two from
// the level and facet (the next facet not yet shown, and the step up), one
// beside them; none already asked in the conversation.
func (c *composer) suggestions(s sections.Section, _ []line) []string {
	asked := map[string]bool{strings.ToLower(strings.TrimSpace(c.req.Message)): true}
	for _, t := range c.req.History {
		if t.Role == "user" {
			asked[strings.ToLower(strings.TrimSpace(t.Content))] = true
		}
	}
	all := followUps(s)
	var out []string
	for _, sg := range all {
		if len(out) == maxSuggestions {
			break
		}
		if asked[strings.ToLower(sg.q)] || slices.Contains(out, sg.q) || c.sectionShown(sg.section) {
			continue
		}
		out = append(out, sg.q)
	}
	if len(out) < 2 {
		for _, sg := range []suggestion{sugTimeline, sugNoManaging, sugAdvice} {
			if len(out) < 2 && !slices.Contains(out, sg.q) && !asked[strings.ToLower(sg.q)] {
				out = append(out, sg.q)
			}
		}
	}
	return out
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
