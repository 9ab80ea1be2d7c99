package ladderfile

import (
	"strconv"
	"strings"

	"github.com/ladder/coach/internal/lazyre"
)

// heading is an ATX heading: "## Title" (closing #s allowed).
var heading = lazyre.New(`^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*$`)

var fence = lazyre.New("^ {0,3}(```|~~~)")

// body cuts the Markdown after the front matter into sections; first is the
// file line of lines[0].
func (p *parse) body(l *Ladder, lines []string, first int) {
	levelByName := map[string]int{}
	for i, lv := range l.Levels {
		levelByName[Fold(lv.Name)] = i
	}
	facetByHead := map[string]int{}
	for i, f := range l.Facets {
		facetByHead[Fold(f.Heading)] = i
	}
	leadFacet := Overview
	for _, f := range l.Facets {
		if f.ID == Overview {
			leadFacet = "about" // a declared facet took the name
		}
	}

	var (
		out      []Section
		cur      *Section
		curLine  int   // line of cur's heading (or first line)
		level    = -1  // index of the level being read, -1 outside levels
		part     *Part // the part being read
		facetsOf = map[int]map[string]int{}
		used     = map[string]bool{}
		ids      = map[string]int{}
		inFence  bool
		title    string
	)
	flush := func() {
		if cur == nil {
			return
		}
		body := len(cur.Lines)
		if cur.Heading != "" {
			body--
		}
		if body > 0 {
			out = append(out, *cur)
		}
		cur = nil
	}
	// empty reports a heading with nothing under it; a ## part or level
	// with ### under it is not empty.
	empty := func(next int) {
		if cur == nil || cur.Heading == "" || cur.ID == IntroID {
			return
		}
		if len(cur.Lines) > 1 {
			return
		}
		if next == 3 && (cur.Kind == KindLevel && cur.Facet == leadFacet || cur.Kind == KindPart && cur.Part == cur.ID) {
			return // its ### sub-sections follow
		}
		p.errf(curLine, "empty section %q: no text under the heading", strings.TrimSpace(strings.TrimLeft(cur.Heading, "# ")))
	}
	uniq := func(id string, line int) string {
		if _, dup := ids[id]; !dup {
			ids[id] = line
			return id
		}
		for n := 2; ; n++ {
			c := id + "-" + strconv.Itoa(n)
			if _, dup := ids[c]; !dup {
				ids[c] = line
				return c
			}
		}
	}
	start := func(s Section, line int) {
		flush()
		s.ID = uniq(s.ID, line)
		cur, curLine = &s, line
	}
	cur = &Section{ID: IntroID, Kind: KindIntro, Part: IntroID, Title: "Introduction"}
	ids[IntroID] = first
	curLine = first

	for i, raw := range lines {
		n := first + i
		line := strings.TrimRight(raw, "\r")
		if fence.MatchString(line) {
			inFence = !inFence
		}
		m := heading.FindStringSubmatch(line)
		if m == nil || inFence || len(m[1]) > 3 {
			if strings.TrimSpace(line) != "" {
				cur.Lines = append(cur.Lines, line)
				cur.LineNos = append(cur.LineNos, n)
			}
			continue
		}
		depth, text := len(m[1]), strings.TrimSpace(strings.TrimRight(m[2], "#"))
		if depth == 1 && cur.Kind == KindIntro && title == "" && len(out) == 0 {
			// The title line opens the introduction.
			title = text
			if len(cur.Lines) == 0 {
				cur.Heading = line
			}
			cur.Lines = append(cur.Lines, line)
			cur.LineNos = append(cur.LineNos, n)
			continue
		}
		empty(depth)
		if depth <= 2 {
			if li, ok := lookupHeading(levelByName, text); ok {
				lv := &l.Levels[li]
				if lv.HeadingLine > 0 {
					p.errf(n, "level %q has a second section (the first is at line %d)", lv.Name, lv.HeadingLine)
				}
				lv.HeadingLine = n
				level, part = li, nil
				facetsOf[li] = map[string]int{}
				start(Section{ID: lv.ID + "/" + leadFacet, Kind: KindLevel, Level: lv.ID, Facet: leadFacet,
					Title: lv.Name + ": overview", Heading: line, Lines: []string{line}, LineNos: []int{n}}, n)
				continue
			}
			level = -1
			pt := Part{ID: Slug(text), Heading: text, Line: n}
			start(Section{ID: pt.ID, Kind: KindPart, Title: text, Heading: line, Lines: []string{line}, LineNos: []int{n}}, n)
			pt.ID = cur.ID
			cur.Part = pt.ID
			l.Parts = append(l.Parts, pt)
			part = &l.Parts[len(l.Parts)-1]
			continue
		}
		// A ### heading.
		switch {
		case level >= 0:
			lv := l.Levels[level]
			fi, ok := lookupHeading(facetByHead, text)
			fid := Slug(text)
			ttl := lv.Name + ": " + text
			if ok {
				fid = l.Facets[fi].ID
				used[fid] = true
			} else {
				p.warnf(n, "### %s under level %q is not a declared facet: it is read as a section of the level", text, lv.Name)
			}
			if prev, dup := facetsOf[level][fid]; dup {
				p.errf(n, "level %q has facet %q twice (first at line %d)", lv.Name, text, prev)
			}
			facetsOf[level][fid] = n
			start(Section{ID: lv.ID + "/" + fid, Kind: KindLevel, Level: lv.ID, Facet: fid, Title: ttl,
				Heading: line, Lines: []string{line}, LineNos: []int{n}}, n)
		case part != nil:
			start(Section{ID: part.ID + "/" + Slug(text), Kind: KindPart, Part: part.ID, Title: part.Heading + ": " + text,
				Heading: line, Lines: []string{line}, LineNos: []int{n}}, n)
		default: // a sub-part of the introduction
			start(Section{ID: IntroID + "/" + Slug(text), Kind: KindIntro, Part: IntroID, Title: "Introduction: " + text,
				Heading: line, Lines: []string{line}, LineNos: []int{n}}, n)
		}
	}
	empty(0)
	flush()

	if l.Title == "" {
		l.Title = title
	}
	if l.Title == "" {
		p.errf(1, "the ladder has no title: add \"title:\" to the front matter or a \"# Title\" line")
	}
	if title != "" {
		for i := range out {
			if out[i].ID == IntroID {
				out[i].Title = "Introduction: " + title
			}
		}
	}
	for _, lv := range l.Levels {
		if lv.HeadingLine == 0 {
			p.errf(lv.Line, "level %q has no section: the body has no heading \"## %s\"", lv.ID, lv.Name)
		}
	}
	for _, f := range l.Facets {
		if !used[f.ID] {
			p.errf(f.Line, "facet %q is used by no level: no level has a heading \"### %s\"", f.ID, f.Heading)
		}
	}
	l.Sections = out
}

// adjacentWords and timelineWords in a ## part's heading make it the part on
// adjacent roles or on timelines when the front matter does not say.
var (
	adjacentWords = []string{"adjacent", "alternative", "alternatives", "other roles", "other paths", "related roles",
		"neighbouring", "neighboring", "lateral", "moving sideways", "beyond", "leaving", "outside", "transition", "transitions",
		"switching", "career changes", "exits", "exit"}
	timelineWords = []string{"timeline", "timelines", "how long", "time", "pace", "years", "speed", "when to expect"}
)

// decideParts sets the adjacent and timeline parts and the roles.
func (p *parse) decideParts(l *Ladder, fm frontMatter, fmEnd int) {
	find := func(key, val string) string {
		if val == "" {
			return ""
		}
		for _, pt := range l.Parts {
			if pt.ID == val || Fold(pt.Heading) == Fold(val) {
				return pt.ID
			}
		}
		p.errf(fmEnd, "%s: %q names no ## part of the body (give its heading or id)", key, val)
		return ""
	}
	byWords := func(words []string, not string) string {
		for _, pt := range l.Parts {
			if pt.ID != not && hasWord(" "+foldWords(pt.Heading)+" ", words) {
				return pt.ID
			}
		}
		return ""
	}
	if l.Adjacent = find("adjacent", fm.Adjacent); l.Adjacent != "" {
		l.AdjacentFrom = "front matter"
	} else if fm.Adjacent == "" {
		if l.Adjacent = byWords(adjacentWords, ""); l.Adjacent != "" {
			l.AdjacentFrom = "heading"
		}
	}
	if l.Timeline = find("timeline", fm.Timeline); l.Timeline != "" {
		l.TimelineFrom = "front matter"
	} else if fm.Timeline == "" {
		if l.Timeline = byWords(timelineWords, l.Adjacent); l.Timeline != "" {
			l.TimelineFrom = "heading"
		}
	}
	if l.Adjacent == "" {
		return
	}
	for _, s := range l.Sections {
		if s.Kind == KindPart && s.Part == l.Adjacent && s.ID != l.Adjacent {
			name := strings.TrimSpace(strings.TrimRight(strings.TrimLeft(strings.TrimSpace(s.Heading), "#"), "#"))
			l.Roles = append(l.Roles, Role{ID: strings.TrimPrefix(s.ID, l.Adjacent+"/"), Name: name, Section: s.ID})
		}
	}
}

// numbering opens a heading with a rung's number: "Level 2 -", "L3:", "2.".
var numbering = lazyre.New(`^(?:(?:level|rung|step|stage|tier|l)\s*\d+|\d+)\s*(?:[.:)\-–—]\s*|\s+)`)

// lookupHeading finds a heading among names (folded): as written, else
// without a rung's number before it ("Level 2 - Data Scientist") or a
// parenthesis after it ("Data Scientist (L2)"), else the part after a colon
// or dash ("Rung 2: Data Scientist").
func lookupHeading(names map[string]int, text string) (int, bool) {
	h := Fold(text)
	if i, ok := names[h]; ok {
		return i, true
	}
	cands := []string{numbering.ReplaceAllString(h, "")}
	if i := strings.LastIndex(h, " ("); i > 0 && strings.HasSuffix(h, ")") {
		cands = append(cands, strings.TrimSpace(h[:i]), numbering.ReplaceAllString(strings.TrimSpace(h[:i]), ""))
	}
	for _, sep := range []string{": ", " - ", " – ", " — "} {
		if i := strings.Index(h, sep); i > 0 {
			cands = append(cands, strings.TrimSpace(h[i+len(sep):]))
		}
	}
	for _, c := range cands {
		if i, ok := names[Fold(c)]; ok && c != "" {
			return i, true
		}
	}
	return 0, false
}
