package ladder

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/ladder/coach/internal/embed"
	"github.com/ladder/coach/internal/ladderfile"
)

// Model is one ladder as a value: its levels in order with their names,
// aliases and tracks, the facets each level is described by, which facet is
// about growing to the next level, and the adjacent roles. Default is the
// embedded article's; FromFile builds one from a ladder file. Callers that
// are handed a Model ask it rather than the package functions, so a loaded
// ladder answers for itself.
type Model struct {
	title  string
	levels []Level
	// track and from hold each level's track ("" for the main ladder) and,
	// for the first level of a side track, the level it branches from.
	track, from map[string]string
	facets      []FacetInfo
	growth      string
	roles       []Role
	cands       []modelCand
	candIndex   *wordIndex // the cands a text may hold, by first word
	// words are the phrases that ask for each facet (FacetWords).
	words map[string]Phrases
	// has holds each level and facet a file has a section of.
	has map[[2]string]bool
	// lstems are the stems of the level names (levelStems), built once.
	stemOnce sync.Once
	lstems   map[string]bool
	// article is true for Default: its methods are the package functions,
	// which know the article's words (context rules, blocked phrases).
	article bool
}

// FacetInfo is a facet's id and its human name.
type FacetInfo struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type modelCand struct {
	id, alias string
	strong    bool
	// part is a word of the level's name alone ("junior"): it finds the
	// level in a question, but does not resolve a title typed in a form.
	part bool
}

// Default is the embedded article's ladder. Its methods give exactly what
// the package functions give.
func Default() *Model { return defaultModel }

var defaultModel = func() *Model {
	m := &Model{title: "The PM Career Ladder", levels: Levels(), article: true, growth: Skills, roles: Roles(),
		track: map[string]string{}, from: map[string]string{IC: Senior}}
	for _, l := range m.levels {
		if l.Rung == 0 {
			m.track[l.ID] = IC
		}
	}
	for _, f := range Facets() {
		m.facets = append(m.facets, FacetInfo{ID: f, Name: FacetName(f)})
	}
	return m
}()

// FromFile builds the model of a parsed ladder file. Rungs count the main
// ladder from 1; side-track levels have rung 0, as the article's IC track.
// The growth facet's id is Skills whatever the file calls it, so the
// features that read "the skills for the next level" find it.
func FromFile(f *ladderfile.Ladder) *Model {
	m := &Model{title: f.Title, track: map[string]string{}, from: map[string]string{}}
	rung := 0
	for _, fl := range f.Levels {
		l := Level{ID: fl.ID, Name: fl.Name, Title: fl.Name, Aliases: append([]string{}, fl.Aliases...)}
		if fl.Track == "" {
			rung++
			l.Rung = rung
		} else {
			m.track[fl.ID] = fl.Track
			if fl.From != "" {
				m.from[fl.ID] = fl.From
			}
		}
		l.Summary = summary(f, fl.ID)
		m.levels = append(m.levels, l)
	}
	ids := fileFacetIDs(f)
	m.has = map[[2]string]bool{}
	for _, s := range f.Sections {
		if s.Level != "" {
			id := ids[s.Facet]
			if id == "" {
				id = s.Facet // the lead text
			}
			m.has[[2]string{s.Level, id}] = true
		}
	}
	m.words = map[string]Phrases{}
	for _, ff := range f.Facets {
		id := ids[ff.ID]
		m.facets = append(m.facets, FacetInfo{ID: id, Name: ff.Heading})
		m.words[id] = append(append(Phrases{}, FacetWords[id]...), headingWords(ff.Heading, ff.ID)...)
	}
	if f.Growth != "" {
		m.growth = Skills
	}
	for _, r := range f.Roles {
		m.roles = append(m.roles, Role{ID: r.ID, Name: r.Name, Words: shortForms(lowerText(r.Name))})
	}
	m.cands = fileCands(m.levels, Derived(m.title, m.levels, m.track))
	m.candIndex = candIndex(m.cands)
	return m
}

// FileFacetID is the id the coach gives a file's facet: Skills for the
// growth facet; for a facet whose heading reads as one of the article's
// facets (FacetKind), that facet's id, unless the file uses it already;
// the file's own id otherwise (a file id that another facet's kind took
// gets "-facet" after it).
func FileFacetID(f *ladderfile.Ladder, id string) string {
	return fileFacetIDs(f)[id]
}

// fileFacetIDs maps each facet id of the file to the coach's.
func fileFacetIDs(f *ladderfile.Ladder) map[string]string {
	out := map[string]string{}
	taken := map[string]bool{}
	for _, ff := range f.Facets {
		if ff.ID != f.Growth {
			taken[ff.ID] = true
		}
	}
	if f.Growth != "" {
		out[f.Growth] = Skills
	}
	kinds := map[string]bool{Skills: f.Growth != ""}
	for _, ff := range f.Facets {
		if ff.ID == f.Growth {
			continue
		}
		if k := FacetKind(ff.Heading); k != "" && !taken[k] && !kinds[k] {
			out[ff.ID], kinds[k] = k, true
		}
	}
	for _, ff := range f.Facets {
		if _, ok := out[ff.ID]; ok {
			continue
		}
		out[ff.ID] = ff.ID
		if kinds[ff.ID] {
			out[ff.ID] = ff.ID + "-facet"
		}
	}
	return out
}

// kindWords are the heading words that make a file's facet play the part
// of one of the article's facets, in the order they are tried.
var kindWords = []struct {
	facet string
	words Phrases
}{
	{Success, Phrases{"success", "successful", "succeed", "good", "great", "excellent", "excellence", "excel",
		"measured", "measure", "judged", "outcomes", "performance", "done well"}},
	// A level's scope is what grows from one rung to the next: the part the
	// article's "what changes" plays.
	{Changes, Phrases{"change", "changes", "changing", "different", "difference", "shift", "shifts", "new", "scope"}},
	{Responsibilities, Phrases{"responsibilities", "responsibility", "duties", "do", "does", "day", "daily",
		"work", "activities", "tasks", "deliver", "deliverables", "expectations", "expected", "own", "owns"}},
}

// FacetKind is the article's facet (Success, Changes or Responsibilities)
// a facet heading reads as, or "".
func FacetKind(heading string) string {
	h := " " + lowerText(heading) + " "
	for _, k := range kindWords {
		if k.words.In(h) {
			return k.facet
		}
	}
	return ""
}

// summary is the first line of a level's text: its overview, else its first
// facet's first item.
func summary(f *ladderfile.Ladder, level string) string {
	for _, s := range f.Sections {
		if s.Level == level && len(s.Lines) > 1 {
			return strings.TrimSpace(strings.TrimLeft(s.Lines[1], "-*+ "))
		}
	}
	return ""
}

// fileCands are a file's names and aliases, longest first. An alias shared
// as words by two other levels' names is weak: it usually names the job in
// general, as "PM" does. A level's own name is strong even then: on a
// ladder whose middle rung is "Data Scientist", that is the rung's name. A word of a level's name that no other level's
// name has ("junior", "staff", "director") names that level on its own, as
// "senior" does the article's.
func candIndex(cs []modelCand) *wordIndex {
	as := make([]string, len(cs))
	for i, c := range cs {
		as[i] = c.alias
	}
	return newWordIndex(as)
}

func fileCands(levels []Level, derived map[string][]string) []modelCand {
	var out []modelCand
	nameWords := make([][]string, len(levels))
	for i, l := range levels {
		nameWords[i] = strings.Fields(lowerText(l.Name))
	}
	for i, l := range levels {
		seen := map[string]bool{}
		names := append(append([]string{l.Name}, l.Aliases...), derived[l.ID]...)
		full := len(names)
		for _, w := range nameWords[i] {
			if len(w) < 4 || !isWordOnly(w) {
				continue
			}
			unique := true
			for j := range levels {
				if j != i && slices.Contains(nameWords[j], w) {
					unique = false
				}
			}
			if unique {
				names = append(names, w)
			}
		}
		for k, a := range names {
			a = lowerText(strings.TrimSpace(a))
			if a == "" || seen[a] {
				continue
			}
			seen[a] = true
			in := 0
			for _, o := range levels {
				if o.ID != l.ID && hasWord(" "+lowerText(o.Name)+" ", a) {
					in++
				}
			}
			out = append(out, modelCand{id: l.ID, alias: a, strong: in < 2 || k == 0, part: k >= full})
		}
	}
	slices.SortStableFunc(out, func(a, b modelCand) int { return cmp.Compare(len(b.alias), len(a.alias)) })
	return out
}

// isWordOnly reports whether w is letters only.
func isWordOnly(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// Title is the ladder's title.
func (m *Model) Title() string { return m.title }

// IsArticle reports whether this is the embedded article's ladder.
func (m *Model) IsArticle() bool { return m.article }

// Levels returns the levels: the main ladder bottom first, then side tracks.
func (m *Model) Levels() []Level {
	out := make([]Level, len(m.levels))
	copy(out, m.levels)
	return out
}

// Track is the level's track: "" for the main ladder, else its name ("ic").
func (m *Model) Track(id string) string { return m.track[id] }

// ByID returns the level with that id.
func (m *Model) ByID(id string) (Level, bool) {
	if m.article {
		return ByID(id)
	}
	for _, l := range m.levels {
		if l.ID == id {
			return l, true
		}
	}
	return Level{}, false
}

// Next is the level above id on its own track; the top of a track has none.
func (m *Model) Next(id string) (Level, bool) {
	if m.article {
		return Next(id)
	}
	t, found := m.track[id], false
	for _, l := range m.levels {
		if found && m.track[l.ID] == t {
			return l, true
		}
		if l.ID == id {
			found = true
		}
	}
	return Level{}, false
}

// Below is the level under id on its track; for the first level of a side
// track, the main-ladder level it branches from.
func (m *Model) Below(id string) (Level, bool) {
	if m.article {
		return Below(id)
	}
	if _, ok := m.ByID(id); !ok {
		return Level{}, false
	}
	t := m.track[id]
	var prev *Level
	for i, l := range m.levels {
		if l.ID == id {
			break
		}
		if m.track[l.ID] == t {
			prev = &m.levels[i]
		}
	}
	if prev != nil {
		return *prev, true
	}
	if f := m.from[id]; f != "" {
		return m.ByID(f)
	}
	return Level{}, false
}

// Names lists every level's name.
func (m *Model) Names() []string {
	if m.article {
		return Names()
	}
	out := make([]string, len(m.levels))
	for i, l := range m.levels {
		out[i] = l.Name
	}
	return out
}

// Lookup resolves a title, alias or id typed by a person to its level.
func (m *Model) Lookup(title string) (Level, bool) {
	if m.article {
		return Lookup(title)
	}
	t := normalize(title)
	if t == "" {
		return Level{}, false
	}
	for _, l := range m.levels {
		if normalize(l.ID) == t || normalize(l.Name) == t {
			return l, true
		}
		for _, a := range l.Aliases {
			if normalize(a) == t {
				return l, true
			}
		}
	}
	ms := m.findLevels(title, false)
	if len(ms) == 0 {
		return Level{}, false
	}
	for _, x := range ms[1:] {
		if x.ID != ms[0].ID {
			return Level{}, false
		}
	}
	return m.ByID(ms[0].ID)
}

// FindLevels lists the levels named in text, in order of appearance.
func (m *Model) FindLevels(text string) []Mention {
	if m.article {
		return FindLevels(text)
	}
	return m.findLevels(text, true)
}

// findLevels is FindLevels on a file's ladder, with or without the words
// of level names alone.
func (m *Model) findLevels(text string, parts bool) []Mention {
	t := " " + lowerText(text) + " "
	taken := make([]bool, len(t))
	var out []Mention
	for _, k := range m.candIndex.candidates(t) {
		c := m.cands[k]
		if c.part && !parts {
			continue
		}
		for _, pos := range findWord(t, c.alias) {
			if overlaps(taken, pos, len(c.alias)) || negated(t[:pos]) {
				continue
			}
			for i := pos; i < pos+len(c.alias); i++ {
				taken[i] = true
			}
			out = append(out, Mention{ID: c.id, Pos: pos - 1, Strong: c.strong})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pos < out[j].Pos })
	return out
}

// Facets lists the facet ids in order.
func (m *Model) Facets() []string {
	out := make([]string, len(m.facets))
	for i, f := range m.facets {
		out[i] = f.ID
	}
	return out
}

// FacetInfos lists the facets with their names, in order.
func (m *Model) FacetInfos() []FacetInfo { return append([]FacetInfo{}, m.facets...) }

// FacetName is the human name of a facet.
func (m *Model) FacetName(id string) string {
	if m.article {
		return FacetName(id)
	}
	for _, f := range m.facets {
		if f.ID == id {
			return f.Name
		}
	}
	if id == "overview" {
		return "Overview"
	}
	return id
}

// Growth is the id of the facet on growing to the next level, or "".
func (m *Model) Growth() string { return m.growth }

// Roles lists the adjacent roles.
func (m *Model) Roles() []Role { return append([]Role{}, m.roles...) }

// FindRoles lists the adjacent roles named in text. On a file, a role is
// also named by the stems of its name's words one after another ("product management" for
// Product Manager), or by those left after leading words the level names
// share ("research" for UX Researcher on a ladder of UX designers), unless
// what is left is a word of a level's name too ("manage" for a manager).
func (m *Model) FindRoles(text string) []Role {
	if m.article {
		return FindRoles(text)
	}
	t := " " + lowerText(text) + " "
	stems := embed.Terms(text)
	var out []Role
	for _, r := range m.roles {
		found := false
		for _, w := range append([]string{r.ID}, r.Words...) {
			if hasWord(t, strings.ReplaceAll(w, "-", " ")) || hasWord(t, w) {
				found = true
				break
			}
		}
		if !found {
			found = m.stemsName(stems, r.Name)
		}
		if found {
			out = append(out, r)
		}
	}
	return out
}

// stemsName reports whether the question's stems, in order, hold a
// role's name as FindRoles says: its stems one after another.
func (m *Model) stemsName(stems []string, name string) bool {
	run := func(ws []string) bool {
		if len(ws) == 0 {
			return false
		}
		for i := 0; i+len(ws) <= len(stems); i++ {
			if slices.Equal(stems[i:i+len(ws)], ws) {
				return true
			}
		}
		return false
	}
	ws := embed.Terms(name)
	if run(ws) {
		return true
	}
	i := 0
	for i < len(ws)-1 && m.levelStems()[ws[i]] {
		i++
	}
	if i == 0 {
		return false
	}
	for _, w := range ws[i:] {
		if m.levelStems()[w] {
			return false
		}
	}
	return run(ws[i:])
}

// levelStems are the stems of the levels' names and aliases, and of the
// ladder's title, which names the profession ("The UX Design Career
// Ladder").
func (m *Model) levelStems() map[string]bool {
	m.stemOnce.Do(func() {
		m.lstems = map[string]bool{}
		for _, w := range embed.Terms(m.title) {
			m.lstems[w] = true
		}
		for _, l := range m.levels {
			for _, w := range embed.Terms(l.Name + " " + strings.Join(l.Aliases, " ")) {
				m.lstems[w] = true
			}
		}
	})
	return m.lstems
}

// LookupRole resolves a role's id or name.
func (m *Model) LookupRole(name string) (Role, bool) {
	if m.article {
		return LookupRole(name)
	}
	t := roleKey(name)
	for _, r := range m.roles {
		if roleKey(r.ID) == t || roleKey(r.Name) == t {
			return r, true
		}
	}
	return Role{}, false
}

// Starters are a few first questions about this ladder, for a chat page:
// the lowest level's work, a step up, how success is judged, a management
// step, a side track and the adjacent roles, each in the ladder's names.
func (m *Model) Starters() []string {
	var main, side []Level
	for _, l := range m.levels {
		if m.track[l.ID] == "" {
			main = append(main, l)
		} else {
			side = append(side, l)
		}
	}
	var out []string
	if len(main) > 0 {
		out = append(out, "What does "+an(main[0].Name)+" do day to day?")
	}
	if len(main) > 2 {
		out = append(out, "What should "+an(main[1].Name)+" learn to become "+an(main[2].Name)+"?",
			"How is "+an(main[2].Name)+"'s success judged?")
	}
	if len(main) > 3 {
		out = append(out, "What changes when you become "+an(main[3].Name)+"?")
	}
	if len(side) > 0 {
		out = append(out, "What does "+an(side[0].Name)+" do?")
	}
	if len(m.roles) > 0 {
		out = append(out, "Which other roles can I move into?")
	}
	return out
}

// an puts "a" or "an" before a name.
func an(name string) string {
	if name != "" && strings.ContainsRune("AEIOUaeiou", rune(name[0])) {
		return "an " + name
	}
	return "a " + name
}

// FacetWords are the phrases that ask for each facet besides the reader's
// own cues, by facet id: the article's FacetWords; for a file, those of the
// article's facet it plays and the words of its heading and id.
func (m *Model) FacetWords() map[string]Phrases {
	if m.article {
		return FacetWords
	}
	return m.words
}

// headingWords are the words of a facet's heading and id that name it in a
// question: the whole heading, and each word of four letters or more that
// is not a function word ("what", "your", "looks").
func headingWords(heading, id string) Phrases {
	out := Phrases{lowerText(heading)}
	for _, w := range strings.Fields(lowerText(heading + " " + strings.NewReplacer("-", " ", "_", " ").Replace(id))) {
		w = strings.Trim(w, ",.:;!?()'\"")
		if len(w) >= 4 && !headingStop[w] && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// headingStop are the words of a heading that name no facet.
var headingStop = map[string]bool{"what": true, "your": true, "with": true, "that": true, "this": true, "from": true,
	"into": true, "about": true, "look": true, "looks": true, "like": true, "level": true, "next": true, "does": true,
	"they": true, "their": true, "them": true, "have": true, "make": true, "more": true, "most": true, "where": true,
	"when": true, "which": true, "each": true, "should": true, "will": true, "facet": true}

// Position places a level on one scale for measuring how far apart two
// are: a main rung at its number, a side track's first level half a rung
// above the level it branches from, each next one a rung higher (the
// article's IC track sits at 3.5, between Senior PM and Director). 0 for an
// unknown id.
func (m *Model) Position(id string) float64 {
	l, ok := m.ByID(id)
	if !ok {
		return 0
	}
	if l.Rung > 0 {
		return float64(l.Rung)
	}
	b, ok := m.Below(id)
	if !ok || b.ID == id {
		return 0
	}
	if m.Track(b.ID) == m.Track(id) && m.Track(id) != "" {
		return m.Position(b.ID) + 1
	}
	return m.Position(b.ID) + 0.5
}

// Entry is the id of the main ladder's lowest rung.
func (m *Model) Entry() string {
	for _, l := range m.levels {
		if m.track[l.ID] == "" {
			return l.ID
		}
	}
	return ""
}

// HasFacet reports whether the level is described on that facet. The
// article's levels are taken to have every facet.
func (m *Model) HasFacet(level, facet string) bool {
	if m.article {
		return true
	}
	return m.has[[2]string{level, facet}]
}

// IC is the id of the individual-contributor track's first level: the
// article's IC track, a file's first level on a side track. A ladder
// without one gives NoIC, which no level has.
func (m *Model) IC() string {
	if m.article {
		return IC
	}
	for _, l := range m.levels {
		if m.track[l.ID] != "" {
			return l.ID
		}
	}
	return NoIC
}

// NoIC is the IC id of a ladder without a side track: no level's id.
const NoIC = "(no ic track)"

// Managing lists the rungs that manage people, which a rejection of
// managing sets aside: the article's Director of Product; on a file, the
// main-ladder rungs whose names hold a word of managing (managingWords).
func (m *Model) Managing() []string {
	if m.article {
		return []string{Director}
	}
	var main []Level
	for _, l := range m.levels {
		if m.track[l.ID] == "" {
			main = append(main, l)
		}
	}
	var out []string
	for _, l := range managing(main) {
		out = append(out, l.ID)
	}
	return out
}

// HintsRole reports whether text holds a word of the role's name that no
// level's name or alias holds: "research" of Research Scientist, on a
// ladder of data scientists.
func (m *Model) HintsRole(text, roleID string) bool {
	r, ok := m.LookupRole(roleID)
	if !ok {
		return false
	}
	in := map[string]bool{}
	for _, t := range embed.Terms(text) {
		in[t] = true
	}
	for _, t := range embed.Terms(r.Name) {
		if in[t] && !m.levelStems()[t] {
			return true
		}
	}
	return false
}
