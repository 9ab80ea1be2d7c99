// Package sections splits the article into sections: the unit the coach
// retrieves and cites. Each section keeps the article's lines verbatim, with a
// stable id, a title, the ladder level it belongs to and its facet.
//
// It knows the article's heading conventions, and nothing about embeddings,
// retrieval or transports.
package sections

import (
	"fmt"
	"strings"

	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/lazyre"
	"github.com/ladder/coach/internal/memo"
)

// Parts of the article that are not a level of the ladder.
const (
	Introduction = "introduction"
	Adjacent     = "adjacent"
	Closing      = "closing"
)

// Parts lists the parts of the article that are not a level, in order.
func Parts() []string { return []string{Introduction, Adjacent, Closing} }

// PartName is the display name of a part, or id itself.
func PartName(id string) string {
	switch id {
	case Introduction:
		return "Introduction"
	case Adjacent:
		return "Adjacent roles"
	case Closing:
		return "Closing"
	}
	return id
}

// ID is the id of the section of a level (or part) and a facet (or
// sub-part): "senior/skills", "adjacent/overview". Every section id the
// coach names is made here, and looked up with Set.Of or Set.ByID, which
// fail on an id the sections do not hold. A missing half (a ladder with no
// IC track) makes "", no section's id.
func ID(level, facet string) string {
	if level == "" || facet == "" {
		return ""
	}
	return ids.Get([2]string{level, facet}, func(k [2]string) string { return k[0] + "/" + k[1] })
}

// ids remembers the ids made: a request asks for the same few dozen many
// times, and building each again was an allocation apiece. Bounded, so odd
// input cannot grow it for ever.
var ids = memo.New[[2]string, string](maxIDs) // {level, facet} -> id

const maxIDs = 10000

// FacetRole marks a section on one adjacent role.
const FacetRole = "role"

// Section is a run of consecutive article lines on one topic.
type Section struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Level is a ladder level id (associate, mid, senior, director, vp, ic)
	// or introduction, adjacent, closing.
	Level string `json:"level"`
	// Facet is overview, changes, responsibilities, success, skills, or role.
	Facet string `json:"facet"`
	// Text is the section's lines joined by newlines, exactly as the article has them.
	Text string `json:"text"`
	// Lines are the article's lines in this section, verbatim.
	Lines []string `json:"-"`
	// Heading is the section's own heading line, if it starts with one.
	Heading string `json:"-"`

	// Computed once by Split, for the answer paths that read them per request.
	skills []Skill
	items  []string
	ready  bool
}

// Skill is one named skill from a skills section: "Name: description".
type Skill struct {
	Name string
	// Line is the whole article line, verbatim.
	Line string
}

var skillLine = lazyre.New(`^([A-Z][A-Za-z&\-' ]{2,60}?)\s?:\s+\S`)

// Skills lists the named skills of a skills section, in order.
func (s Section) Skills() []Skill {
	if s.ready {
		return s.skills
	}
	return s.computeSkills()
}

func (s Section) computeSkills() []Skill {
	if s.Facet != ladder.Skills {
		return nil
	}
	var out []Skill
	for _, l := range s.Lines {
		if m := skillLine.FindStringSubmatch(l); m != nil {
			out = append(out, Skill{Name: strings.TrimSpace(m[1]), Line: l})
		}
	}
	return out
}

// Items are the section's lines that state something on their own: every
// line but the heading and the lead-ins that end in a colon or semicolon.
func (s Section) Items() []string {
	if s.ready {
		return s.items
	}
	return s.computeItems()
}

func (s Section) computeItems() []string {
	var out []string
	for i, l := range s.Lines {
		if i == 0 && s.Heading != "" {
			continue
		}
		t := strings.TrimSpace(l)
		if t == "" || strings.HasSuffix(t, ":") || strings.HasSuffix(t, ";") {
			continue
		}
		out = append(out, l)
	}
	return out
}

var (
	levelHeading = lazyre.New(`^Level (\d)\s*-`)
	facetHeading = lazyre.New(`^[a-d][.)]\s+(.*)$`)
)

// heading texts of the alternative paths and the closing.
const (
	icHeading       = "Alternative Paths: Staying an Individual Contributor"
	adjacentHeading = "Alternative Paths: Transitioning into Product adjacent Roles"
	pathsStart      = "Some people skip steps."
	closingStart    = "The PM career ladder isn’t a rigid structure"
	adviceStart     = "So here’s what matters most:"
)

// Split cuts the article into sections. Every line of the article lands in
// exactly one section, in order, so joining all sections' Text with "\n"
// gives the article back.
func Split(article string) ([]Section, error) {
	lines := strings.Split(strings.TrimRight(article, "\n"), "\n")
	var out []Section
	cur := &Section{ID: Introduction + "/ladder", Level: Introduction, Facet: ladder.Overview, Title: "Introduction: the standard PM career ladder"}
	level := Introduction
	start := func(s Section) {
		if len(cur.Lines) > 0 {
			out = append(out, *cur)
		}
		c := s
		cur = &c
	}
	for _, raw := range lines {
		l := strings.TrimRight(raw, "\r")
		switch {
		case strings.HasPrefix(l, pathsStart) && level == Introduction:
			start(Section{ID: Introduction + "/paths", Level: Introduction, Facet: ladder.Overview,
				Title: "Introduction: non-linear paths and what this article covers"})
		case levelHeading.MatchString(l):
			n := int(levelHeading.FindStringSubmatch(l)[1][0] - '0')
			lv, ok := ladder.ByRung(n)
			if !ok {
				return nil, fmt.Errorf("sections: unknown level %d in %q", n, l)
			}
			level = lv.ID
			start(Section{ID: ID(lv.ID, ladder.Overview), Level: lv.ID, Facet: ladder.Overview,
				Title: lv.Name + ": overview", Heading: l})
		case strings.HasPrefix(l, icHeading):
			level = ladder.IC
			start(Section{ID: ID(ladder.IC, ladder.Overview), Level: ladder.IC, Facet: ladder.Overview,
				Title: "IC track: staying an individual contributor", Heading: l})
		case strings.HasPrefix(l, adjacentHeading):
			level = Adjacent
			start(Section{ID: ID(Adjacent, ladder.Overview), Level: Adjacent, Facet: ladder.Overview,
				Title: "Adjacent roles: transitioning into product-adjacent roles", Heading: l})
		case level == Adjacent && roleOf(l) != nil:
			r := roleOf(l)
			start(Section{ID: ID(Adjacent, r.ID), Level: Adjacent, Facet: FacetRole,
				Title: "Adjacent roles: " + r.Name})
		case strings.HasPrefix(l, closingStart):
			level = Closing
			start(Section{ID: Closing + "/timeline", Level: Closing, Facet: ladder.Overview,
				Title: "Closing: many paths and no fixed timeline"})
		case strings.HasPrefix(l, adviceStart) && level == Closing:
			start(Section{ID: Closing + "/advice", Level: Closing, Facet: ladder.Overview,
				Title: "Closing: what matters most"})
		case facetHeading.MatchString(l) && level != Introduction && level != Adjacent && level != Closing:
			h := facetHeading.FindStringSubmatch(l)[1]
			f := facetOf(h)
			if f == "" {
				return nil, fmt.Errorf("sections: unknown facet heading %q", l)
			}
			lv, _ := ladder.ByID(level)
			name := lv.Name
			if level == ladder.IC {
				name = "IC track"
			}
			start(Section{ID: ID(level, f), Level: level, Facet: f,
				Title: name + ": " + strings.TrimSpace(h), Heading: l})
		}
		cur.Lines = append(cur.Lines, l)
	}
	start(Section{})
	for i := range out {
		out[i].Text = strings.Join(out[i].Lines, "\n")
		out[i].skills, out[i].items, out[i].ready = out[i].computeSkills(), out[i].computeItems(), true
	}
	seen := map[string]bool{}
	for _, s := range out {
		if seen[s.ID] {
			return nil, fmt.Errorf("sections: duplicate id %q", s.ID)
		}
		seen[s.ID] = true
	}
	return out, nil
}

func roleOf(line string) *ladder.Role {
	for _, r := range ladder.Roles() {
		if strings.HasPrefix(line, r.Name+":") {
			return &r
		}
	}
	return nil
}

func facetOf(heading string) string {
	h := strings.ToLower(heading)
	switch {
	case strings.Contains(h, "responsibilit"):
		return ladder.Responsibilities
	case strings.Contains(h, "success"):
		return ladder.Success
	case strings.Contains(h, "skills"):
		return ladder.Skills
	case strings.Contains(h, "changes"), strings.Contains(h, "different"):
		return ladder.Changes
	}
	return ""
}

// Set is the article's sections with lookups by id and level.
type Set struct {
	all  []Section
	byID map[string]int
}

// NewSet indexes sections.
func NewSet(all []Section) *Set {
	s := &Set{all: all, byID: make(map[string]int, len(all))}
	for i, sec := range all {
		s.byID[sec.ID] = i
	}
	return s
}

// All returns every section in article order. Callers must not modify it.
func (s *Set) All() []Section { return s.all }

// ByID returns one section.
func (s *Set) ByID(id string) (Section, bool) {
	i, ok := s.byID[id]
	if !ok {
		return Section{}, false
	}
	return s.all[i], true
}

// Of returns the section of a level and facet ("senior", "skills").
func (s *Set) Of(level, facet string) (Section, bool) {
	return s.ByID(ID(level, facet))
}

// Index is the position of a section in article order, or -1.
func (s *Set) Index(id string) int {
	i, ok := s.byID[id]
	if !ok {
		return -1
	}
	return i
}
