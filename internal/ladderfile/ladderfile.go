// Package ladderfile reads a career ladder written as one Markdown file with
// YAML front matter: the levels in order with their aliases and tracks, the
// facets each level repeats, and the body cut into sections (each level's
// facets, the introduction, the other parts and their sub-parts), every line
// verbatim with its line number.
//
// It checks the file as it reads it and names the file, the line and what is
// wrong. It knows nothing of the embedded article, retrieval or transports;
// turning a file into the coach's ladder model is the caller's job.
package ladderfile

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/ladder/coach/internal/lazyre"
	"github.com/ladder/coach/internal/textnorm"
)

// Section kinds.
const (
	KindIntro = "introduction"
	KindLevel = "level"
	KindPart  = "part"
)

// IntroID is the id of the introduction's section.
const IntroID = "introduction"

// Overview is the facet id of a level's text before its first facet heading.
const Overview = "overview"

// Ladder is one parsed, valid ladder file.
type Ladder struct {
	// Path is the file's name as given to Load (or to Parse).
	Path  string
	Title string
	// Levels in the file's order, lowest rung first.
	Levels []Level
	// Facets in the file's order.
	Facets []Facet
	// Growth is the id of the facet on growing to the next level, or "".
	// GrowthFrom says how it was decided: "front matter", "heading" or "".
	Growth, GrowthFrom string
	// Adjacent and Timeline are the ids of the parts on adjacent roles and
	// on timelines, or "". The *From fields say how they were decided.
	Adjacent, AdjacentFrom string
	Timeline, TimelineFrom string
	// Roles are the sub-parts of the adjacent part: one a role.
	Roles []Role
	// Parts are the body's ## parts that are not levels, in order.
	Parts []Part
	// Sections in file order.
	Sections []Section
	// Warnings are things that load but are probably not meant.
	Warnings []*Error
}

// Level is one rung.
type Level struct {
	ID      string `yaml:"id"`
	Name    string `yaml:"name"`
	Aliases Names  `yaml:"aliases"`
	// Track is "" for the main ladder, or the name of a side track such as
	// "ic".
	Track string `yaml:"track"`
	// From is, for the first level of a side track, the main-ladder level it
	// branches from. Defaulted to the main-ladder level listed before it.
	From string `yaml:"from"`
	// Line is the level's line in the front matter; HeadingLine its ##.
	Line        int `yaml:"-"`
	HeadingLine int `yaml:"-"`
}

// Names is a list of names; the front matter may give it as a YAML list or
// as one string of comma-separated names.
type Names []string

// UnmarshalYAML reads a list or a comma-separated string.
func (n *Names) UnmarshalYAML(node ast.Node) error {
	var list []string
	if err := yaml.NodeToValue(node, &list); err == nil {
		*n = list
		return nil
	}
	var one string
	if err := yaml.NodeToValue(node, &one); err != nil || node.Type() != ast.StringType {
		return &yaml.SyntaxError{Message: "aliases must be a list of names, such as [junior ds, associate data scientist]", Token: node.GetToken()}
	}
	for _, a := range strings.Split(one, ",") {
		if a = strings.TrimSpace(a); a != "" {
			*n = append(*n, a)
		}
	}
	return nil
}

// Facet is a heading each level repeats.
type Facet struct {
	ID      string `yaml:"id"`
	Heading string `yaml:"heading"`
	// Growth marks the facet on what to grow for the next level.
	Growth bool `yaml:"growth"`
	Line   int  `yaml:"-"`
}

// Part is a ## heading of the body that is not a level.
type Part struct {
	ID, Heading string
	Line        int
}

// Role is an adjacent role: a sub-part of the adjacent part.
type Role struct {
	ID, Name string
	// Section is the id of the role's section.
	Section string
}

// Section is a run of the body's lines on one topic.
type Section struct {
	ID    string
	Title string
	// Kind is KindIntro, KindLevel or KindPart.
	Kind string
	// Level and Facet are set for level sections (Facet is Overview for a
	// level's text before its first facet heading, or the slug of a heading
	// that is not a declared facet).
	Level, Facet string
	// Part is the id of the part a part section belongs to.
	Part string
	// Heading is the section's heading line verbatim, "" for none.
	Heading string
	// Lines are the section's non-blank lines verbatim, the heading first;
	// LineNos are their line numbers in the file (1-based).
	Lines   []string
	LineNos []int
}

// Text is the section's lines joined by newlines.
func (s Section) Text() string { return strings.Join(s.Lines, "\n") }

// Error is one problem in a file: "FILE:LINE: message".
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Errors are all the problems found in a file, by line.
type Errors []*Error

func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// maxErrors bounds the list: after that many, the rest are noise.
const maxErrors = 20

// Load reads and parses the file at path.
func Load(path string) (*Ladder, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("ladder file: %w", err)
	}
	return Parse(path, data)
}

// frontMatter is the YAML between the --- lines.
type frontMatter struct {
	Title    string  `yaml:"title"`
	Levels   []Level `yaml:"levels"`
	Facets   []Facet `yaml:"facets"`
	Adjacent string  `yaml:"adjacent"`
	Timeline string  `yaml:"timeline"`
}

type parse struct {
	file string
	errs Errors
	warn Errors
}

func (p *parse) errf(line int, format string, args ...any) {
	p.errs = append(p.errs, &Error{File: p.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

func (p *parse) warnf(line int, format string, args ...any) {
	p.warn = append(p.warn, &Error{File: p.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// checkID reports a missing or malformed id of the i-th level or facet
// (kind) declared at line: has is false when there is no id (the entry is
// skipped), wellFormed false when it is not lower-case letters, digits, -
// and _.
func (p *parse) checkID(line, i int, kind, id string) (has, wellFormed bool) {
	switch {
	case id == "":
		p.errf(line, "%s %d has no id", kind, i+1)
		return false, false
	case !idPattern.MatchString(id):
		p.errf(line, "%s id %q: use lower-case letters, digits, - and _", kind, id)
		return true, false
	}
	return true, true
}

// byLine orders errors by their line.
func byLine(a, b *Error) int { return cmp.Compare(a.Line, b.Line) }

func (p *parse) result() error {
	if len(p.errs) == 0 {
		return nil
	}
	slices.SortStableFunc(p.errs, byLine)
	if len(p.errs) > maxErrors {
		p.errs = p.errs[:maxErrors]
	}
	return p.errs
}

// Parse reads a ladder from data; name is the file's name for messages. A
// bad file gives an Errors value listing every problem found.
func Parse(name string, data []byte) (*Ladder, error) {
	p := &parse{file: name}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalid(data)], []byte("\n"))
		p.errf(line, "the file is not valid UTF-8")
		return nil, p.result()
	}
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != "---" {
		p.errf(1, "no front matter: the file must start with a line \"---\", the YAML front matter, and another \"---\"")
		return nil, p.result()
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if t := strings.TrimRight(lines[i], " \t"); t == "---" || t == "..." {
			end = i
			break
		}
	}
	if end < 0 {
		p.errf(1, "the front matter is not closed: no line \"---\" after it")
		return nil, p.result()
	}
	fm, ok := p.frontMatter(strings.Join(lines[1:end], "\n"), 2)
	if !ok {
		return nil, p.result()
	}
	l := &Ladder{Path: name, Title: strings.TrimSpace(fm.Title), Levels: fm.Levels, Facets: fm.Facets}
	p.checkLevels(l, end+1)
	p.checkFacets(l, end+1)
	if len(p.errs) > 0 {
		return nil, p.result()
	}
	p.body(l, lines[end+1:], end+2)
	p.decideParts(l, fm, end+1)
	if err := p.result(); err != nil {
		return nil, err
	}
	slices.SortStableFunc(p.warn, byLine)
	l.Warnings = p.warn
	return l, nil
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// frontMatter decodes the YAML that starts at file line first.
func (p *parse) frontMatter(src string, first int) (frontMatter, bool) {
	var fm frontMatter
	if strings.TrimSpace(src) == "" {
		p.errf(first-1, "the front matter is empty: it must declare the levels and facets")
		return fm, false
	}
	if err := yaml.UnmarshalWithOptions([]byte(src), &fm, yaml.DisallowUnknownField()); err != nil {
		line, msg := first-1, err.Error()
		var ye yaml.Error
		if errors.As(err, &ye) {
			msg = ye.GetMessage()
			if tk := ye.GetToken(); tk != nil && tk.Position != nil {
				line = first - 1 + tk.Position.Line
			}
		}
		p.errf(line, "the front matter does not parse as YAML: %s", msg)
		return fm, false
	}
	f, err := parser.ParseBytes([]byte(src), 0)
	if err != nil { // decoded above, so this does not happen; keep the lines at 0
		return fm, true
	}
	lineOf := func(path string) int {
		pp, err := yaml.PathString(path)
		if err != nil {
			return 0
		}
		n, err := pp.FilterFile(f)
		if err != nil || n == nil || n.GetToken() == nil || n.GetToken().Position == nil {
			return 0
		}
		return first - 1 + n.GetToken().Position.Line
	}
	for i := range fm.Levels {
		fm.Levels[i].Line = lineOf(fmt.Sprintf("$.levels[%d]", i))
	}
	for i := range fm.Facets {
		fm.Facets[i].Line = lineOf(fmt.Sprintf("$.facets[%d]", i))
	}
	return fm, true
}

var idPattern = lazyre.New(`^[a-z0-9][a-z0-9_-]*$`)

func (p *parse) checkLevels(l *Ladder, fmEnd int) {
	if len(l.Levels) == 0 {
		p.errf(fmEnd, "the front matter declares no levels: add \"levels:\" with an id and a name for each, lowest rung first")
		return
	}
	ids := map[string]int{}
	names := map[string]string{} // folded name or alias -> level id that claims it
	for i := range l.Levels {
		lv := &l.Levels[i]
		lv.ID, lv.Name, lv.Track = strings.TrimSpace(lv.ID), strings.TrimSpace(lv.Name), strings.TrimSpace(lv.Track)
		lv.From = strings.TrimSpace(lv.From)
		if has, _ := p.checkID(lv.Line, i, "level", lv.ID); !has {
			continue
		}
		if prev, dup := ids[lv.ID]; dup {
			p.errf(lv.Line, "duplicate level id %q (first at line %d)", lv.ID, prev)
			continue
		}
		ids[lv.ID] = lv.Line
		if lv.Name == "" {
			p.errf(lv.Line, "level %q has no name: the name is the ## heading of its section", lv.ID)
			continue
		}
		own := map[string]bool{}
		for _, a := range append([]string{lv.ID, lv.Name}, lv.Aliases...) {
			k := Fold(a)
			if k == "" {
				p.errf(lv.Line, "level %q has an empty alias", lv.ID)
				continue
			}
			if own[k] {
				continue // a level may say its own name twice
			}
			own[k] = true
			if other, dup := names[k]; dup {
				p.errf(lv.Line, "duplicate alias %q: level %q already has it", a, other)
				continue
			}
			names[k] = lv.ID
		}
	}
	// Side tracks branch from a main-ladder level.
	main := ""
	seenTrack := map[string]bool{}
	for i := range l.Levels {
		lv := &l.Levels[i]
		if lv.Track == "" {
			main = lv.ID
			if lv.From != "" {
				p.errf(lv.Line, "level %q: \"from\" is for the first level of a side track (a level with \"track\")", lv.ID)
			}
			continue
		}
		first := !seenTrack[lv.Track]
		seenTrack[lv.Track] = true
		switch {
		case lv.From != "" && !first:
			p.errf(lv.Line, "level %q: \"from\" is only for the first level of track %q", lv.ID, lv.Track)
		case lv.From != "":
			if fl, ok := l.level(lv.From); !ok || fl.Track != "" {
				p.errf(lv.Line, "level %q: from %q is not a main-ladder level id", lv.ID, lv.From)
			}
		case first:
			lv.From = sharedFrom(l.Levels[:i], lv.Name, main)
		}
	}
	if main == "" && len(p.errs) == 0 {
		p.errf(l.Levels[0].Line, "every level has a track: the main ladder needs at least one level without \"track\"")
	}
}

func (p *parse) checkFacets(l *Ladder, fmEnd int) {
	ids := map[string]int{}
	heads := map[string]string{}
	growth := ""
	for i := range l.Facets {
		f := &l.Facets[i]
		f.ID, f.Heading = strings.TrimSpace(f.ID), strings.TrimSpace(f.Heading)
		has, wellFormed := p.checkID(f.Line, i, "facet", f.ID)
		if !has {
			continue
		}
		if wellFormed && f.Heading == "" {
			p.errf(f.Line, "facet %q has no heading: the heading is the ### line each level repeats", f.ID)
			continue
		}
		if prev, dup := ids[f.ID]; dup {
			p.errf(f.Line, "duplicate facet id %q (first at line %d)", f.ID, prev)
			continue
		}
		ids[f.ID] = f.Line
		k := Fold(f.Heading)
		if other, dup := heads[k]; dup {
			p.errf(f.Line, "duplicate facet heading %q: facet %q already has it", f.Heading, other)
		}
		heads[k] = f.ID
		if f.Growth {
			if growth != "" {
				p.errf(f.Line, "two facets say \"growth: true\" (%q and %q): only one facet is about growing to the next level", growth, f.ID)
			}
			growth = f.ID
		}
	}
	if growth != "" {
		l.Growth, l.GrowthFrom = growth, "front matter"
	} else if g := GrowthFacet(l.Facets); g != "" {
		l.Growth, l.GrowthFrom = g, "heading"
	}
}

// growthWords in a facet heading say it is about growing to the next level;
// skillWords break a tie between two such headings.
var (
	growthWords = []string{"next", "grow", "growth", "growing", "develop", "development", "promotion", "promoted",
		"advance", "advancement", "progress", "progression", "prepare", "preparing", "toward", "towards", "level up",
		"step up", "move up", "get to", "to become", "to reach", "ahead"}
	skillWords = []string{"skill", "skills", "competency", "competencies", "capability", "capabilities", "abilities"}
)

// GrowthFacet decides which facet is about growing to the next level from
// the headings alone: one whose heading has a growth word ("next", "grow",
// "develop", "promotion", "advance", "progress", "prepare", "towards",
// "level up", ...). When several do, the one that also names skills
// ("skills", "competencies", "capabilities") wins, then the last declared.
// None: "".
func GrowthFacet(fs []Facet) string {
	best, bestScore := "", 0
	for _, f := range fs {
		h := " " + foldWords(f.Heading) + " "
		score := 0
		if hasWord(h, growthWords) {
			score = 2
			if hasWord(h, skillWords) {
				score = 3
			}
		}
		if score > 0 && score >= bestScore {
			best, bestScore = f.ID, score
		}
	}
	return best
}

func hasWord(padded string, words []string) bool {
	for _, w := range words {
		if strings.Contains(padded, " "+w+" ") {
			return true
		}
	}
	return false
}

// Fold is the form two names or headings are compared in: textnorm.Fold,
// without a trailing colon or closing #s.
func Fold(s string) string {
	s = textnorm.Fold(s)
	s = strings.TrimRight(s, " #")
	s = strings.TrimRight(s, ":. ")
	return s
}

// foldWords is Fold with punctuation turned into spaces, for word tests.
func foldWords(s string) string {
	s = Fold(s)
	s = strings.Map(func(r rune) rune {
		if r == '\'' || r == '-' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r >= 0x80 {
			return r
		}
		return ' '
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// Slug turns a heading into an id: lower-case words joined by hyphens.
func Slug(s string) string {
	s = Fold(s)
	var b strings.Builder
	dash := false
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r >= 0x80 && r != '’' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		if r == '&' {
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "part"
	}
	return b.String()
}

func (l *Ladder) level(id string) (Level, bool) {
	for _, lv := range l.Levels {
		if lv.ID == id {
			return lv, true
		}
	}
	return Level{}, false
}

// Level returns the level with that id.
func (l *Ladder) Level(id string) (Level, bool) { return l.level(id) }

// Section returns the section with that id.
func (l *Ladder) Section(id string) (Section, bool) {
	for _, s := range l.Sections {
		if s.ID == id {
			return s, true
		}
	}
	return Section{}, false
}

// sharedFrom is where a side track without "from" branches: the highest
// main-ladder level before it whose name ends with its name less the first
// word ("Staff Product Designer" branches from "Senior Product Designer",
// the last rung named "... Product Designer"), else main, the main-ladder
// level listed just before it.
func sharedFrom(before []Level, name, main string) string {
	words := strings.Fields(strings.ToLower(name))
	if len(words) < 2 {
		return main
	}
	rest := strings.Join(words[1:], " ")
	from := ""
	for _, o := range before {
		n := strings.ToLower(strings.Join(strings.Fields(o.Name), " "))
		if o.Track == "" && (n == rest || strings.HasSuffix(n, " "+rest)) {
			from = o.ID
		}
	}
	if from == "" {
		return main
	}
	return from
}
