// Package ladder holds the model of the product management career ladder as
// data: the rungs in order, their titles and aliases, the IC track, the
// adjacent roles and the facets each level is described by.
//
// It knows nothing about the article's text, the index or any transport; the
// other packages ask it what a title or a word means on the ladder.
package ladder

import (
	"cmp"
	"slices"
	"sort"
	"strings"

	"github.com/ladder/coach/internal/recent"
	"github.com/ladder/coach/internal/textnorm"
)

// Level ids. They double as the ids the assessment reports.
const (
	Associate = "associate"
	Mid       = "mid"
	Senior    = "senior"
	Director  = "director"
	VP        = "vp"
	IC        = "ic"
)

// Level is one rung of the management ladder, or the IC track (Rung 0).
type Level struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Title is the level's heading as the article writes it.
	Title string `json:"title"`
	// Rung is 1..5 on the management ladder; 0 for the IC track.
	Rung    int      `json:"rung"`
	Aliases []string `json:"aliases"`
	// Summary is one line, in the article's words, on what the level is.
	Summary string `json:"summary"`
}

// levels is the ladder, bottom rung first, the IC track last.
var levels = withRungNames([]Level{
	{
		ID: Associate, Name: "Associate PM", Title: "Associate Product Manager/Product Manager", Rung: 1,
		Aliases: []string{"associate pm", "associate product manager", "apm", "junior pm", "junior product manager",
			"new pm", "new product manager", "entry-level pm", "entry level pm", "entry-level product manager",
			"first pm job", "first pm role", "first product job", "first product role", "out of uni", "out of university", "out of college", "new grad", "graduate pm", "aspiring pm", "beginner pm", "first year in product", "first year as a pm", "my first year", "her first year", "his first year", "their first year", "your first year", "first-year pm", "first year pm", "early years", "just starting out", "starting out", "new to product", "new to product management", "fresh out of school", "product manager i", "pm i", "pm1", "pm 1", "pm-1", "product manager 1", "associate", "junior", "entry-level", "entry level"},
		Summary: "This is usually where the PM journey begins",
	},
	{
		ID: Mid, Name: "Mid-level PM", Title: "Mid-Level Product Manager", Rung: 2,
		Aliases: []string{"mid-level pm", "mid level pm", "midlevel pm", "mid-level product manager", "mid level product manager",
			"intermediate pm", "regular pm", "full pm", "standard pm", "experienced pm", "product manager ii", "pm ii", "pm2", "pm 2", "pm-2", "product manager 2", "mid-level", "mid level", "midlevel", "mid-career pm",
			"pm", "product manager"},
		Summary: "you’re now expected to own problems, make independent decisions, and bring clarity to ambiguity",
	},
	{
		ID: Senior, Name: "Senior PM", Title: "Senior Product Manager", Rung: 3,
		Aliases: []string{"senior pm", "senior product manager", "lead pm", "lead product manager", "product lead", "sr pm", "sr. pm",
			"sr product manager", "sr. product manager", "pm3", "pm 3", "pm iii", "product manager iii", "senior"},
		Summary: "you’re expected to shape its long-term direction, influence decisions across functions, and drive strategic outcomes with minimal guidance",
	},
	{
		ID: Director, Name: "Director of Product", Title: "Group Product Manager/Director of Product", Rung: 4,
		Aliases: []string{"director of product", "group pm", "group product manager", "gpm", "head of product",
			"product director", "director of product management", "senior director of product", "director",
			"people manager", "manager of pms", "manager of product managers", "pm manager", "managing pms", "manage pms", "manage other pms", "lead a team of pms",
			"become a manager", "becoming a manager", "management track", "go into management", "move into management", "moving into management"},
		Summary: "your job shifts from solving product problems to building the team and structure that solves product problems",
	},
	{
		ID: VP, Name: "VP of Product/CPO", Title: "VP of Product / Chief Product Officer (CPO)", Rung: 5,
		Aliases: []string{"vp of product", "vp product", "vice president of product", "vp of product management", "svp of product",
			"cpo", "chief product officer", "product executive", "vp", "top rung", "highest rung", "top of the ladder", "the very top", "top level", "highest level", "top job", "top role", "top spot",
			"top of the management track"},
		Summary: "you’re no longer just leading product teams, you’re helping lead the company",
	},
	{
		ID: IC, Name: "IC track (Principal/Staff PM)", Title: "Individual Contributor (IC)", Rung: 0,
		Aliases: []string{"principal pm", "principal product manager", "staff pm", "staff product manager", "product architect",
			"staff role", "principal role", "staff-level pm", "staff level pm", "non-manager route", "non-manager track", "non-manager path",
			"non-management route", "non-management track", "non-management path", "non-managerial route", "non-managerial track", "non-managerial path",
			"individual contributor", "ic track", "ic pm", "ic product manager", "distinguished pm", "senior staff pm",
			"group principal pm", "ic"},
		Summary: "a high-impact, high-respect career route that allows you to go deep rather than broad",
	},
})

// withRungNames adds to each rung of ls the names of its number ("level 4"):
// the article numbers its rungs.
func withRungNames(ls []Level) []Level {
	for i := range ls {
		ls[i].Aliases = append(ls[i].Aliases, numberNamesOf(ls[i].Rung)...)
	}
	return ls
}

// Levels returns the five rungs in order and then the IC track.
func Levels() []Level {
	out := make([]Level, len(levels))
	copy(out, levels)
	return out
}

// ByID returns the level with that id.
func ByID(id string) (Level, bool) {
	for _, l := range levels {
		if l.ID == id {
			return l, true
		}
	}
	return Level{}, false
}

// ByRung returns the management level at rung r (1..5).
func ByRung(r int) (Level, bool) {
	for _, l := range levels {
		if l.Rung == r && r > 0 {
			return l, true
		}
	}
	return Level{}, false
}

// Next is the rung above id on the management ladder. The IC track has no
// next rung of its own.
func Next(id string) (Level, bool) {
	l, ok := ByID(id)
	if !ok || l.Rung == 0 {
		return Level{}, false
	}
	return ByRung(l.Rung + 1)
}

// Below is the rung below id. For the IC track it is the Senior PM rung, the
// usual step before Principal or Staff PM.
func Below(id string) (Level, bool) {
	l, ok := ByID(id)
	if !ok {
		return Level{}, false
	}
	if l.Rung == 0 {
		return ByID(Senior)
	}
	return ByRung(l.Rung - 1)
}

// Names lists every level's name, for messages that say what is known.
func Names() []string {
	out := make([]string, len(levels))
	for i, l := range levels {
		out[i] = l.Name
	}
	return out
}

// Lookup resolves a title or alias typed by a person ("APM", "Group PM",
// "Chief Product Officer", "senior", "Mid-level PM") to its level. Case, dots,
// plural s and extra words such as "the" or "role" are ignored.
func Lookup(title string) (Level, bool) {
	t := normalize(title)
	if t == "" {
		return Level{}, false
	}
	for _, l := range levels {
		if l.ID == t || normalize(l.Name) == t || normalize(l.Title) == t {
			return l, true
		}
		for _, a := range l.Aliases {
			if normalize(a) == t {
				return l, true
			}
		}
	}
	// A longer phrase such as "a senior product manager role": take the one
	// level it mentions, if exactly one.
	ms := FindLevels(title)
	if len(ms) > 0 {
		id := ms[0].ID
		for _, m := range ms[1:] {
			if m.ID != id {
				return Level{}, false
			}
		}
		return ByID(id)
	}
	return Level{}, false
}

func normalize(s string) string {
	s = textnorm.Fold(titleFold.Replace(s))
	f := strings.Fields(s)
	out := f[:0]
	for _, w := range f {
		switch w {
		case "a", "an", "the", "role", "level", "position", "title":
			continue
		}
		out = append(out, w)
	}
	s = strings.Join(out, " ")
	s = strings.TrimSuffix(s, "s")
	return s
}

// Facet ids: the aspects the article describes each level by.
const (
	Overview         = "overview"
	Changes          = "changes"
	Responsibilities = "responsibilities"
	Success          = "success"
	Skills           = "skills"
)

// Facets lists the level facets in the article's order.
func Facets() []string {
	return []string{Overview, Changes, Responsibilities, Success, Skills}
}

// FacetWords are words that ask for a facet, besides the older cues of
// internal/retrieve: phrases a person uses, matched as whole words.
var FacetWords = map[string]Phrases{
	Success: {"doing well look like", "job well look like", "doing that job well", "doing this job well", "do the job well",
		"done well", "doing well", "excelling", "look like when it's going well", "going well",
		"good performance", "strong performance", "great performance", "excellent performance", "performance look like", "performing well", "high performer", "top performer", "benchmark",
		"having impact", "having an impact", "having real impact", "making an impact", "tell whether", "tell if", "how do you tell",
		"how would i know", "how will i know", "proof that", "track record", "real impact", "show impact", "show my impact",
		"demonstrate impact", "demonstrate my impact", "prove impact", "prove my impact", "what bar", "the bar",
		"measuring myself", "measure myself", "benchmark myself", "hold myself to", "crushing it", "killing it", "what separates",
		"sets apart", "set apart"},
	Skills: {"to grow", "keep getting better", "keep improving", "areas to grow", "work on to get", "working on to get", "should i be working on",
		"should i change", "do i need to change", "i need to change", "should i fix", "need to fix", "do differently", "fix it", "fix this",
		"should i improve", "improve on", "get better at", "close the gap", "what am i missing", "what i'm missing"},
	Responsibilities: {"on my plate", "on their plate", "my day to day", "their day to day", "day to day be", "my work look like", "work actually look like", "work look like"},
}

// AmbiguousTitles are titles companies give to more than one rung: the
// first is the rung the title names when nothing else is said; what the
// person describes may place it at another.
var AmbiguousTitles = map[string][]string{
	"head of product": {Director, VP},
}

// FacetName is the human name of a facet.
func FacetName(f string) string {
	switch f {
	case Overview:
		return "Overview"
	case Changes:
		return "What changes"
	case Responsibilities:
		return "Core responsibilities"
	case Success:
		return "What success looks like"
	case Skills:
		return "Skills to develop"
	}
	return f
}

// Role is an adjacent role a PM can move into.
type Role struct {
	ID   string
	Name string
	// Words are phrases that name the role in a question.
	Words []string
}

var roles = []Role{
	{ID: "operations", Name: "Operations & Program Management",
		Words: []string{"operations", "ops role", "ops roles", "program management", "program manager", "programme manager", "chief of staff", "process optimisation", "process optimization", "loves process", "love process", "running programs", "cross-team programs", "cross-functional programs", "big programs"}},
	{ID: "business-development", Name: "Business Development & Partnerships",
		Words: []string{"business development", "bizdev", "biz dev", "partnerships", "partnership", "deal making", "dealmaking", "deal-making", "closing deals", "talking to partners", "partners", "negotiating deals", "sales role", "bd role", "commercial instincts", "loves negotiating", "love negotiating", "negotiating with"}},
	{ID: "founder", Name: "Startup Founders or CEOs",
		Words: []string{"founder", "founders", "co-founder", "cofounder", "found a startup", "start a company", "start my own", "own company", "own companies", "own startup", "own startups", "starting a company", "starting companies", "starting their own", "start their own", "founding a", "own business", "own venture", "own thing", "build my own", "start something", "starting something", "something of my own", "something of his own", "something of her own", "something of their own", "my own app", "start a startup", "start a business", "entrepreneur", "general manager", "gm role", "become a ceo", "become ceo", "be a ceo", "ceo role", "ceo of a startup"}},
	{ID: "product-marketing", Name: "Product Marketing or Strategy",
		Words: []string{"product marketing", "marketing role", "pmm", "corporate strategy", "strategy role", "user research role", "ux research", "become a researcher", "messaging and positioning", "positioning", "position a launch", "position the launch", "the story around", "storytelling", "messaging",
			"the why", "why over how", "why-over-how", "why more than the how", "why rather than the how", "why not the how", "why than the how"}},
	{ID: "innovation", Name: "Innovation, R&D, or Incubation Roles",
		Words: []string{"innovation", "r&d", "r & d", "research and development", "incubation", "incubator", "incubators", "venture arm", "venture arms", "zero-to-one", "zero to one", "0 to 1", "0-to-1", "new ventures", "from scratch", "brand new", "build new things", "new products from"}},
}

// Roles lists the adjacent roles in the article's order.
func Roles() []Role {
	out := make([]Role, len(roles))
	copy(out, roles)
	return out
}

// LookupRole resolves a name typed by a person ("Product Marketing",
// "business-development", "Founder", "Operations & Program Management") to
// the adjacent role it names as a whole: the role's id, its name, a part of
// its name ("Strategy", "CEOs") or one of its words. Case, hyphens and a
// plural s are ignored; a longer phrase is FindRoles' job.
func LookupRole(name string) (Role, bool) {
	t := roleKey(name)
	if t == "" {
		return Role{}, false
	}
	for _, r := range roles {
		keys := append([]string{r.ID, r.Name}, r.Words...)
		keys = append(keys, nameParts(r.Name)...)
		for _, k := range keys {
			if roleKey(k) == t {
				return r, true
			}
		}
	}
	return Role{}, false
}

// roleKey folds a role name for comparison: hyphens become spaces, then as
// normalize.
func roleKey(s string) string {
	return normalize(strings.ReplaceAll(s, "-", " "))
}

// nameParts splits "Operations & Program Management" or "Innovation, R&D, or
// Incubation Roles" into the names it joins.
func nameParts(name string) []string {
	s := strings.NewReplacer(", or ", "|", " or ", "|", " & ", "|", ", ", "|").Replace(name)
	return strings.Split(s, "|")
}

// Mention is a level named in free text.
type Mention struct {
	ID  string
	Pos int // byte offset in the lowered text
	// Strong is false for a bare "PM" or "product manager", which usually
	// means the job in general rather than the mid-level rung.
	Strong bool
}

// single-word aliases that are also ordinary English: they name a level only
// when not followed by one of these words ("senior leadership", "director of
// engineering").
var notAfter = map[string][]string{
	"senior":    {"leader", "leadership", "leaders", "stakeholder", "stakeholders", "executive", "executives", "engineer", "engineers", "management", "people", "designer", "designers"},
	"director":  {"of engineering", "of design", "of marketing", "of sales", "of operations", "of data"},
	"associate": {"with", "degree"},
	"junior":    {"and", "engineer", "engineers", "developer", "designer"},
	"vp":        {"of engineering", "of sales", "of marketing"},
}

type aliasCand struct {
	id, alias string
}

// aliasCands are all aliases, longest first so "senior product manager" wins
// over "product manager". Built once: FindLevels runs on every question.
var aliasCands = func() []aliasCand {
	var out []aliasCand
	for _, l := range levels {
		for _, a := range l.Aliases {
			out = append(out, aliasCand{l.ID, a})
		}
	}
	slices.SortStableFunc(out, func(a, b aliasCand) int { return cmp.Compare(len(b.alias), len(a.alias)) })
	return out
}()

// aliasIndex finds the aliases a text may hold by their first word.
var aliasIndex = func() *wordIndex {
	return newWordIndex(aliasWords)
}()

// aliasWords are aliasCands' aliases. None holds a "*" or "=": each is
// found as it is written.
var aliasWords = func() []string {
	as := make([]string, len(aliasCands))
	for i, c := range aliasCands {
		as[i] = c.alias
	}
	return as
}()

// FindLevels lists the levels named in text, in order of appearance.
func FindLevels(text string) []Mention {
	ms, ok := foundLevels.Get(text)
	if !ok {
		ms = findLevelsIn(text)
		foundLevels.Put(text, ms)
	}
	if len(ms) == 0 {
		return nil
	}
	return slices.Clone(ms) // the caller's own to change
}

// foundLevels are the mentions of the texts read last: one question is
// read for its levels by several steps.
var foundLevels = recent.New[string, []Mention](16)

// findLevelsIn is FindLevels without the memo. The aliases are weighed
// longest first, each at its places from the start of the text, so a
// shorter alias inside a longer one found is no mention of its own.
func findLevelsIn(text string) []Mention {
	t := " " + lowerText(text) + " "
	type place struct{ k, pos int }
	var buf [8]place
	found := buf[:0]
	aliasIndex.places(t, aliasWords, func(k, at, _ int) { found = append(found, place{k, at}) })
	slices.SortFunc(found, func(a, b place) int { return cmp.Or(cmp.Compare(a.k, b.k), cmp.Compare(a.pos, b.pos)) })
	var out []Mention
	var takenBuf [8][2]int
	taken := takenBuf[:0] // the stretches of the mentions kept
	for _, f := range found {
		c, pos := aliasCands[f.k], f.pos
		end := pos + len(c.alias)
		if slices.ContainsFunc(taken, func(s [2]int) bool { return pos < s[1] && s[0] < end }) {
			continue
		}
		rest := t[pos+len(c.alias):]
		if blocked(c.alias, rest) || negated(t[:pos]) {
			continue
		}
		// "senior" alone names the rung only in a PM context.
		if c.alias == "senior" && !seniorContext(t, pos, rest) {
			continue
		}
		taken = append(taken, [2]int{pos, end})
		strong := c.alias != "pm" && c.alias != "product manager"
		out = append(out, Mention{ID: c.id, Pos: pos - 1, Strong: strong})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pos < out[j].Pos })
	return out
}

// rungNouns after a bare "senior" make it the rung.
var rungNouns = []string{"level", "levels", "role", "roles", "rung", "title", "band", "promotion", "promo"}

func seniorContext(t string, pos int, rest string) bool {
	r := strings.TrimSpace(rest)
	if r == "" || strings.HasPrefix(r, "?") || strings.HasPrefix(r, ",") || strings.HasPrefix(r, ".") ||
		strings.HasPrefix(r, "->") || strings.HasPrefix(r, "→") || strings.HasPrefix(r, "=>") || strings.HasPrefix(r, "to ") {
		// "senior?", "senior -> gpm", "senior to director"
		return true
	}
	if w, _, _ := strings.Cut(r, " "); slices.Contains(rungNouns, strings.TrimRight(w, "?!.,;:")) {
		return true // "the senior level", "a senior role"
	}
	before := strings.TrimSpace(t[:pos])
	for _, w := range append([]string{"become", "becoming", "to", "as", "a", "at", "for", "be", "promoted", "get", "reach", "make", "from"}, Talk.Beyond...) {
		if strings.HasSuffix(before, " "+w) {
			return true
		}
	}
	return false
}

// negated is true for "non-junior" or "not a senior".
func negated(before string) bool {
	return strings.HasSuffix(before, "non-") || strings.HasSuffix(before, "non ") || strings.HasSuffix(before, "not a ") || strings.HasSuffix(before, "not an ")
}

func blocked(alias, rest string) bool {
	r := strings.TrimSpace(rest)
	for _, w := range notAfter[alias] {
		if r == w || strings.HasPrefix(r, w+" ") || strings.HasPrefix(r, w+"?") || strings.HasPrefix(r, w+",") || strings.HasPrefix(r, w+".") {
			return true
		}
	}
	return false
}

func overlaps(taken []bool, pos, n int) bool {
	for i := pos; i < pos+n && i < len(taken); i++ {
		if taken[i] {
			return true
		}
	}
	return false
}

// FindRoles lists the adjacent roles named in text.
func FindRoles(text string) []Role {
	var named uint64 // a bit for each role (there are a few)
	roleWords.Each(" "+lowerText(text)+" ", func(k, _ int) bool {
		named |= 1 << roleOf[k]
		return false
	})
	var out []Role
	for i, r := range roles {
		if named&(1<<i) != 0 {
			out = append(out, r)
		}
	}
	return out
}

// roleWords are the words of every role, read through one index; roleOf
// is the role of each. None holds a "*" or "=": each is found as written.
var roleWords, roleOf = func() (PhraseTable, []int) {
	var words Phrases
	var of []int
	for i, r := range roles {
		words = append(words, r.Words...)
		for range r.Words {
			of = append(of, i)
		}
	}
	return NewPhraseTable(words), of
}()

// Replacers are built once: building one costs more than using it.
var (
	titleFold = strings.NewReplacer(".", "", "’", "'", "_", " ", "/", " / ")
	textFold  = strings.NewReplacer("’", "'", "‘", "'", "–", "-", "—", "-", "\n", " ", "\t", " ")
)

// lowerText lowers text and straightens quotes and dashes so aliases match.
func lowerText(s string) string {
	s = strings.ToLower(s)
	if !strings.ContainsAny(s, "’‘–—\n\t") {
		return s // nothing to fold: no copy
	}
	return textFold.Replace(s)
}

// findWord returns the offsets of phrase in t where it stands as whole words
// (a plural s is allowed after it).
func findWord(t, phrase string) []int {
	var out []int
	for pos := nextWord(t, phrase, 0, len(t)); pos >= 0; pos = nextWord(t, phrase, pos+len(phrase), len(t)) {
		out = append(out, pos)
	}
	return out
}

// hasWord reports whether phrase stands in t as whole words.
func hasWord(t, phrase string) bool { return nextWord(t, phrase, 0, len(t)) >= 0 }

// nextWord is the first offset at or after start, and before stop, where
// phrase stands in t as whole words (a plural s allowed after it), or -1.
func nextWord(t, phrase string, start, stop int) int {
	for start < stop && start <= len(t) {
		window := t[start:min(len(t), stop+len(phrase))]
		i := strings.Index(window, phrase)
		if i < 0 {
			return -1
		}
		pos := start + i
		if wordAt(t, pos, pos+len(phrase)) {
			return pos
		}
		start = pos + 1
	}
	return -1
}

// wordAt reports whether t[pos:end] stands as whole words in t (a plural s
// allowed after it, unless its last word is a single letter: "pm i" is no
// "pm is").
func wordAt(t string, pos, end int) bool {
	if pos > 0 && isWordByte(t[pos-1]) {
		return false
	}
	if end < len(t) && isWordByte(t[end]) {
		single := end-pos == 1 || end-pos >= 2 && !isWordByte(t[end-2])
		return !single && t[end] == 's' && (end+1 >= len(t) || !isWordByte(t[end+1]))
	}
	return true
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '&' || b >= 0x80
}
