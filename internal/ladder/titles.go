package ladder

import (
	"slices"
	"strings"
)

// How people shorten and reword job titles, as data. A ladder file's levels
// are also found by the names these tables derive from their own (Derived):
// "sr ds" for Senior Data Scientist, "head of design" for Director of
// Design, "data scientist ii" for the second rung of data scientists.
// Nothing here names a level of any one ladder.

// titleShort are long forms of title words and the short forms people type.
var titleShort = []struct{ long, short string }{
	{"data scientist", "ds"}, {"data science", "ds"}, {"machine learning", "ml"}, {"artificial intelligence", "ai"},
	{"product manager", "pm"}, {"product management", "pm"}, {"user experience", "ux"}, {"user interface", "ui"},
	{"software engineer", "swe"}, {"engineering manager", "em"}, {"business intelligence", "bi"},
	{"quality assurance", "qa"}, {"site reliability engineer", "sre"}, {"human resources", "hr"},
	{"vice president", "vp"}, {"engineering", "eng"}, {"engineer", "eng"}, {"manager", "mgr"}, {"senior", "sr"}, {"senior", "sr."}, {"junior", "jr"},
	{"junior", "jr."}, {"associate", "assoc"}, {"development", "dev"}, {"developer", "dev"},
}

// rungWords name a rung by where it sits, before the name of the role the
// ladder is about ("entry-level data scientist"): entry for the main
// ladder's lowest rung, middle for the rung named by that role alone.
var rungWords = struct{ entry, middle []string }{
	entry: []string{"junior", "jr", "jr.", "associate", "entry-level", "entry level", "graduate", "grad", "trainee",
		"beginner"},
	middle: []string{"mid-level", "mid level", "midlevel", "mid", "regular", "intermediate"},
}

// rungAlone are the rung words that name a rung without the role after
// them ("reach mid-level"): entry for the lowest, middle for the middle.
var rungAlone = struct{ entry, middle []string }{
	entry:  []string{"entry-level", "entry level"},
	middle: []string{"mid-level", "mid level", "midlevel"},
}

// entrySpans name the start of a career, alone or with the profession
// between their words ("first design job"): the main ladder's lowest rung.
// Some name it only with the profession ("new to design", not "new to"),
// some only alone ("new grad"). "My" is kept where it would read as
// another person's title ("my first design job").
var entrySpans = []struct {
	before, after string
	alone         bool
}{
	{"first", "job", true}, {"first", "role", true}, {"first", "position", true}, {"my first", "job", true},
	{"my first", "role", true}, {"first year in", "", false},
	{"first year as a", "", false}, {"new to", "", false}, {"fresh out of university", "", true},
	{"straight out of university", "", true}, {"out of college", "", true}, {"new grad", "", true},
	{"just starting out", "", true}, {"starting out in", "", false},
}

// titleFiller are the words of a ladder's title that name no profession.
var titleFiller = map[string]bool{"the": true, "a": true, "an": true, "career": true, "careers": true,
	"ladder": true, "ladders": true, "framework": true, "levels": true, "level": true, "track": true, "of": true,
	"and": true, "for": true, "progression": true, "growth": true, "path": true, "paths": true, "guide": true}

// rungNumbers follow a role's name to number its rungs: "designer ii".
var rungNumbers = [][]string{{"i", "1"}, {"ii", "2"}, {"iii", "3"}, {"iv", "4"}, {"v", "5"}}

// managingWords in a level's name make it a rung that manages people.
var managingWords = Phrases{"manager", "management", "director", "head", "vp", "vice president", "chief"}

// titleOrders are the two ways of writing "X of FIELD": "director of design"
// and "design director". The first rung of a kind whose word is in head
// is also "head of FIELD".
var titleOrders = []string{"director", "manager", "vp", "vice president", "head"}

// teamLead names the first rung that manages people.
var teamLead = []string{"team lead", "team leader", "people manager", "line manager", "into management",
	"management track", "management path", "management role", "people management"}

// topIC names the highest level of a side track, before the role.
var topIC = []string{"distinguished"}

// ends name the ends of the ladder on their own: the main ladder's lowest
// and highest rungs and the side track's highest level.
var ends = struct{ bottom, top, topSide []string }{
	bottom: []string{"bottom rung", "lowest rung", "first rung", "bottom of the ladder", "lowest level"},
	top:    []string{"top rung", "highest rung", "top of the ladder", "top of the management track", "highest management level"},
	topSide: []string{"top of the ic track", "top of the individual contributor track", "highest ic level", "top ic level",
		"highest ic rung", "most senior ic"},
}

// Derived are names of each level that people use and the file does not
// write, by level id: built from the ladder's title and the levels' own
// names by the tables above.
// A name derived for two levels, or already a name of another, is dropped.
func Derived(title string, levels []Level, track map[string]string) map[string][]string {
	own := map[string]string{}
	for _, l := range levels {
		for _, n := range append([]string{l.ID, l.Name}, l.Aliases...) {
			own[lowerText(n)] = l.ID
		}
	}
	by := map[string]string{}
	clash := map[string]bool{}
	add := func(id, name string) {
		name = strings.Join(strings.Fields(lowerText(name)), " ")
		if name == "" || own[name] != "" && own[name] != id {
			return
		}
		if prev, ok := by[name]; ok && prev != id {
			clash[name] = true
		}
		by[name] = id
	}
	for id, names := range rungNames(title, levels, track) {
		for _, n := range names {
			for _, v := range shortForms(n) {
				add(id, v)
			}
		}
	}
	out := map[string][]string{}
	for _, l := range levels {
		for name, id := range by {
			if id == l.ID && !clash[name] {
				out[id] = append(out[id], name)
			}
		}
		slices.Sort(out[l.ID])
	}
	return out
}

// rungNames are the long forms of each level's other names, before short
// forms are applied: its name reordered, and the names its place gives it.
func rungNames(title string, levels []Level, track map[string]string) map[string][]string {
	out := map[string][]string{}
	var main []Level
	for _, l := range levels {
		out[l.ID] = reordered(lowerText(l.Name))
		if track[l.ID] == "" {
			main = append(main, l)
		}
	}
	role, upTo := roleName(main)
	add := func(id string, names ...string) { out[id] = append(out[id], names...) }
	if len(main) > 0 {
		add(main[0].ID, entryNames(profession(title, role))...)
	}
	if role != "" {
		placeNames(add, main, role, upTo)
		if top := lastSide(levels, track); top != "" {
			add(top, prefixed(topIC, role)...)
		}
	}
	managingNames(add, main)
	if len(main) > 0 {
		add(main[0].ID, ends.bottom...)
		add(main[len(main)-1].ID, ends.top...)
	}
	if top := lastSide(levels, track); top != "" {
		add(top, ends.topSide...)
	}
	variants := roleVariants(title, role)
	for id, names := range out {
		out[id] = append(names, headForms(names, role, variants)...)
	}
	return out
}

// roleVariants are other ways to say the role: its last word alone, and
// that word after each word of the title the role lacks ("ux designer" on
// "The UX Design Career Ladder" about product designers).
func roleVariants(title, role string) []string {
	ws := strings.Fields(role)
	if len(ws) < 2 {
		return nil
	}
	head := ws[len(ws)-1]
	out := []string{head}
	for _, w := range strings.Fields(lowerText(title)) {
		if !titleFiller[w] && !slices.Contains(ws, w) && !sameStem(w, head) {
			out = append(out, w+" "+head)
		}
	}
	return out
}

// placeNames adds the names a main rung's place gives it: its number
// among the role's rungs ("data scientist ii"), the entry words for the
// lowest and the middle words for the rung named by the role alone.
func placeNames(add func(string, ...string), main []Level, role string, upTo int) {
	// The rungs up to the role's highest are numbered from the lowest,
	// whose name may not hold the role ("associate engineer").
	for i, l := range main[:min(upTo, len(rungNumbers))] {
		add(l.ID, suffixed(role, rungNumbers[i])...)
	}
	add(main[0].ID, prefixed(rungWords.entry, role)...)
	add(main[0].ID, rungAlone.entry...)
	var bare []Level
	for _, l := range main {
		if baseName(lowerText(l.Name)) == role {
			bare = append(bare, l)
		}
	}
	if len(bare) > 1 && bare[0].ID == main[0].ID {
		bare = bare[1:] // "engineer i" is the entry, "engineer ii" the middle
	}
	if len(bare) > 0 {
		add(bare[0].ID, prefixed(rungWords.middle, role)...)
		add(bare[0].ID, rungAlone.middle...)
	}
}

// managingNames adds "team lead" and the like to the first managing rung,
// and "head of FIELD" to the first director-like one.
func managingNames(add func(string, ...string), main []Level) {
	m := managing(main)
	if len(m) == 0 {
		return
	}
	add(m[0].ID, teamLead...)
	for _, l := range m {
		if f := field(lowerText(l.Name)); f != "" && !isManagerName(l.Name) {
			add(l.ID, "head of "+f, f+" head")
			return
		}
	}
}

// headForms are names with the role said another way (roleVariants), as
// people drop or swap its first word: "senior engineer" for "senior
// software engineer"; never a variant alone ("designer" is anyone's, a
// graphic designer's too).
func headForms(names []string, role string, variants []string) []string {
	var out []string
	for _, n := range names {
		at := findWord(" "+n+" ", role)
		if len(at) == 0 {
			continue
		}
		p := " " + n + " "
		for _, v := range variants {
			if n == role && !strings.Contains(v, " ") {
				continue
			}
			out = append(out, strings.TrimSpace(p[:at[0]]+v+p[at[0]+len(role):]))
		}
	}
	return out
}

func prefixed(words []string, role string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = w + " " + role
	}
	return out
}

func suffixed(role string, words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = role + " " + w
	}
	return out
}

// baseName is a name less a rung number at its end: "software engineer"
// for "software engineer ii".
func baseName(name string) string {
	for _, ns := range rungNumbers {
		for _, n := range ns {
			if b, ok := strings.CutSuffix(name, " "+n); ok {
				return b
			}
		}
	}
	return name
}

// roleName is the role the main ladder is about: the longest name of a
// main rung, less its number, that ends the names of other main rungs
// ("data scientist", "software engineer" of "software engineer i").
// upTo counts the main rungs up to the highest whose name ends with it.
func roleName(main []Level) (role string, upTo int) {
	names := make([]string, len(main))
	for i, l := range main {
		names[i] = baseName(lowerText(l.Name))
	}
	for _, n := range names {
		if len(endsWith(names, n)) >= 2 && len(n) > len(role) {
			role = n
		}
	}
	if role == "" {
		return "", 0
	}
	at := endsWith(names, role)
	return role, at[len(at)-1] + 1
}

// endsWith lists the indexes of the names that are suffix or end in it.
func endsWith(names []string, suffix string) []int {
	var out []int
	for i, n := range names {
		if n == suffix || strings.HasSuffix(n, " "+suffix) {
			out = append(out, i)
		}
	}
	return out
}

// managing are the main rungs whose names hold a word of managing people.
func managing(main []Level) []Level {
	var out []Level
	for _, l := range main {
		if managingWords.In(" " + lowerText(l.Name) + " ") {
			out = append(out, l)
		}
	}
	return out
}

// isManagerName reports whether a name is a manager's, not a director's.
func isManagerName(name string) bool {
	return Phrases{"manager", "management"}.In(" " + lowerText(name) + " ")
}

// lastSide is the id of the last level on a side track, or "".
func lastSide(levels []Level, track map[string]string) string {
	top := ""
	for _, l := range levels {
		if track[l.ID] != "" {
			top = l.ID
		}
	}
	return top
}

// field is what a title of the form "X of FIELD" or "FIELD X" is over, for
// X in titleOrders: "design" for both "director of design" and "design
// director"; "" for other names.
func field(name string) string {
	for _, x := range titleOrders {
		if f, ok := strings.CutPrefix(name, x+" of "); ok {
			return f
		}
		if f, ok := strings.CutSuffix(name, " "+x); ok {
			return f
		}
	}
	return ""
}

// reordered is a name and its other order: "director of design" and
// "design director".
func reordered(name string) []string {
	out := []string{name}
	f := field(name)
	if f == "" {
		return out
	}
	for _, x := range titleOrders {
		if name == x+" of "+f {
			out = append(out, f+" "+x)
		}
		if name == f+" "+x {
			out = append(out, x+" of "+f)
		}
	}
	return out
}

// shortForms is a name with every combination of its words shortened by
// titleShort: "senior data scientist", "sr data scientist", "senior ds",
// "sr ds".
func shortForms(name string) []string {
	out := []string{name}
	for _, s := range titleShort {
		for _, n := range out {
			if at := findWord(" "+n+" ", s.long); len(at) > 0 {
				p := " " + n + " "
				v := p[:at[0]] + s.short + p[at[0]+len(s.long):]
				v = strings.TrimSpace(v)
				if !slices.Contains(out, v) {
					out = append(out, v)
				}
			}
		}
	}
	return out
}

// profession are the words that name the ladder's line of work: its title
// less filler ("ux design"), each of their words alone, and the role the
// main ladder is about.
func profession(title, role string) []string {
	var ws []string
	for _, w := range strings.Fields(lowerText(title)) {
		if !titleFiller[w] {
			ws = append(ws, w)
		}
	}
	out := []string{strings.Join(ws, " ")}
	if len(ws) > 1 {
		out = append(out, ws...)
	}
	if role != "" {
		out = append(out, role)
	}
	return slices.DeleteFunc(out, func(s string) bool { return s == "" })
}

// entryNames are the entry spans alone and with each profession word:
// "first job", "first design job", "new to design".
func entryNames(prof []string) []string {
	var out []string
	for _, e := range entrySpans {
		if e.alone {
			out = append(out, strings.TrimSpace(e.before+" "+e.after))
		}
		if e.alone && e.after == "" {
			continue // "new grad" takes no profession
		}
		for _, p := range prof {
			out = append(out, strings.TrimSpace(e.before+" "+p+" "+e.after))
		}
	}
	return out
}

// sameStem reports whether two words share their first five letters, or
// one is the start of the other: "design" and "designer", "science" and
// "scientist".
func sameStem(a, b string) bool {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n >= 5 || n == min(len(a), len(b))
}
