package sections

import (
	"fmt"
	"strings"

	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/ladderfile"
	"github.com/ladder/coach/internal/lazyre"
)

// FromFile turns a parsed ladder file's sections into the coach's, lines
// verbatim. The ids follow the article's where a part plays the same role,
// so the features that look for them find them:
//
//   - a level's facets: LEVEL/FACET, the growth facet as LEVEL/skills;
//     its text before the first facet: LEVEL/overview;
//   - the introduction: introduction/ladder, its ### sub-parts
//     introduction/SLUG;
//   - the adjacent-roles part: adjacent/overview, one adjacent/ROLE a role;
//   - the timeline part: closing/timeline, its sub-parts closing/SLUG;
//   - every other part: SLUG and SLUG/SUB, on level "closing".
//
// A line's list marker ("- ", "* ", "1. ") and its indentation are dropped:
// the rest of the line is the file's, verbatim, and reads the same in an
// answer as the article's lines do.
func FromFile(f *ladderfile.Ladder) ([]Section, error) {
	var out []Section
	for _, fs := range f.Sections {
		s := Section{Title: fs.Title, Heading: fs.Heading}
		for i, l := range fs.Lines {
			if i > 0 || fs.Heading == "" {
				l = unlist(l)
			}
			s.Lines = append(s.Lines, l)
		}
		switch {
		case fs.Kind == ladderfile.KindLevel:
			facet := fs.Facet // "overview" for the lead text, "about" if a facet took that id
			if facet != ladderfile.Overview && facet != "about" {
				facet = ladder.FileFacetID(f, facet)
			}
			s.ID, s.Level, s.Facet = ID(fs.Level, facet), fs.Level, facet
		case fs.Kind == ladderfile.KindIntro:
			s.Level, s.Facet = Introduction, ladder.Overview
			s.ID = Introduction + "/ladder"
			if fs.ID != ladderfile.IntroID {
				s.ID = ID(Introduction, strings.TrimPrefix(fs.ID, ladderfile.IntroID+"/"))
			}
		case fs.Part == f.Adjacent && f.Adjacent != "":
			s.Level = Adjacent
			if fs.ID == fs.Part {
				s.ID, s.Facet = ID(Adjacent, ladder.Overview), ladder.Overview
			} else {
				s.ID, s.Facet = ID(Adjacent, strings.TrimPrefix(fs.ID, fs.Part+"/")), FacetRole
			}
		case fs.Part == f.Timeline && f.Timeline != "":
			s.Level, s.Facet = Closing, ladder.Overview
			s.ID = Closing + "/timeline"
			if fs.ID != fs.Part {
				s.ID = ID(Closing, strings.TrimPrefix(fs.ID, fs.Part+"/"))
			}
		default:
			s.ID, s.Level, s.Facet = fs.ID, Closing, ladder.Overview
		}
		out = append(out, s)
	}
	seen := map[string]bool{}
	for i := range out {
		if seen[out[i].ID] {
			return nil, fmt.Errorf("sections: %s: two sections get the id %q; rename a heading", f.Path, out[i].ID)
		}
		seen[out[i].ID] = true
		out[i].Text = strings.Join(out[i].Lines, "\n")
		out[i].skills, out[i].items, out[i].ready = out[i].computeSkills(), out[i].computeItems(), true
	}
	return out, nil
}

// listMarker is a Markdown list item's marker and the space after it.
var listMarker = lazyre.New(`^\s*(?:[-*+]|\d{1,3}[.)])\s+`)

// unlist drops a list item's marker.
func unlist(line string) string {
	if m := listMarker.FindString(line); m != "" && len(m) < len(line) {
		return line[len(m):]
	}
	return line
}
