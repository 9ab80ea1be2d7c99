package assess

import (
	"fmt"
	"strings"

	"github.com/ladder/coach/internal/errs"
	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/sections"
)

// CompareFacets are the facets a comparison sets side by side, in order.
var CompareFacets = []string{ladder.Changes, ladder.Responsibilities, ladder.Success, ladder.Skills}

// Section is an article section as a comparison shows it: its verbatim
// text and the lines that state something on their own.
type Section struct {
	sections.View
	Items []string `json:"items"`
}

// FacetPair is one facet of two levels. A level the article does not
// describe by that facet (the first rung's "what changes", the IC track's
// skills) has nil there.
type FacetPair struct {
	Facet string   `json:"facet"`
	Name  string   `json:"name"`
	A     *Section `json:"a"`
	B     *Section `json:"b"`
}

// Comparison sets two levels side by side.
type Comparison struct {
	A      LevelRef    `json:"a"`
	B      LevelRef    `json:"b"`
	Facets []FacetPair `json:"facets"`
	// Source names the text the sections come from in Markdown: "" for
	// the article, "the ladder" for a ladder file.
	Source string `json:"-"`
}

// Compare sets the levels named a and b (any title or alias: "APM",
// "Group PM", "principal") side by side, facet by facet. An unknown or
// missing name is an *errs.Error with code Invalid that lists the levels.
func (a *Assessor) Compare(x, y string) (Comparison, error) {
	lx, err := a.resolve("a", x)
	if err != nil {
		return Comparison{}, err
	}
	ly, err := a.resolve("b", y)
	if err != nil {
		return Comparison{}, err
	}
	facets := CompareFacets
	if !a.model.IsArticle() {
		facets = a.model.Facets() // a ladder file's own facets, in its order
	}
	c := Comparison{A: ref(lx), B: ref(ly), Facets: make([]FacetPair, 0, len(facets))}
	if !a.model.IsArticle() {
		c.Source = a.source()
	}
	for _, f := range facets {
		c.Facets = append(c.Facets, FacetPair{Facet: f, Name: a.model.FacetName(f), A: a.section(lx.ID, f), B: a.section(ly.ID, f)})
	}
	return c, nil
}

// Section returns the section of a level and facet as comparisons show
// it, or nil when the article has none.
func (a *Assessor) section(level, facet string) *Section {
	s, ok := a.set.Of(level, facet)
	if !ok {
		return nil
	}
	v := SectionOf(s)
	return &v
}

// SectionOf is s as comparisons and the ladder grid show it.
func SectionOf(s sections.Section) Section {
	items := s.Items()
	if items == nil {
		items = []string{}
	}
	return Section{View: s.View(), Items: items}
}

func ref(l ladder.Level) LevelRef { return LevelRef{ID: l.ID, Name: l.Name} }

// resolve finds the level a parameter names.
func (a *Assessor) resolve(param, name string) (ladder.Level, error) {
	known := strings.Join(a.model.Names(), ", ")
	if strings.TrimSpace(name) == "" {
		return ladder.Level{}, errs.New(errs.Invalid, "%s must name a level (any title or alias, such as \"senior\" or \"Group PM\"); the levels are: %s", param, known)
	}
	l, ok := a.model.Lookup(name)
	if !ok {
		return ladder.Level{}, errs.New(errs.Invalid, "%s: %q is not a level on the ladder; the levels are: %s", param, clip(name), known)
	}
	return l, nil
}

// Markdown writes a comparison for a person to read: each facet with both
// levels' lines, verbatim, and the section ids they come from.
func (c Comparison) Markdown() string {
	source := c.Source
	if source == "" {
		source = "the article"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "## %s and %s, side by side\n", c.A.Name, c.B.Name)
	for _, f := range c.Facets {
		fmt.Fprintf(&b, "\n### %s\n", f.Name)
		for _, side := range []struct {
			l LevelRef
			s *Section
		}{{c.A, f.A}, {c.B, f.B}} {
			if side.s == nil {
				fmt.Fprintf(&b, "\n**%s**: %s has no “%s” section for this level.\n", side.l.Name, source, strings.ToLower(f.Name))
				continue
			}
			fmt.Fprintf(&b, "\n**%s** (`%s`)\n\n", side.l.Name, side.s.ID)
			for _, it := range side.s.Items {
				fmt.Fprintf(&b, "- %s\n", strings.TrimSpace(it))
			}
		}
	}
	return b.String()
}

// clip shortens a name the client sent, for an error message.
func clip(s string) string {
	if r := []rune(s); len(r) > 100 {
		return string(r[:100]) + "…"
	}
	return s
}
