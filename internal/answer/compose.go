package answer

import (
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/lazyre"
	"github.com/ladder/coach/internal/memo"
	"github.com/ladder/coach/internal/retrieve"
	"github.com/ladder/coach/internal/sections"
)

// The offline composer. Retrieval ranks sections; the answer is built from
// their lines: the line that best answers the question first, behind a
// sentence that names the level (and says when the level was assumed or
// carried over from the conversation), then the few other lines that
// matter, grouped under their section's title, then one next step. Lines
// the conversation already showed are left out unless the question asks for
// them again. Every line is the article's, verbatim, and its index goes into
// its citation's Items; every other sentence is one of the templates below,
// which name levels, facets and section titles but never claim anything the
// article does not say.

// Scopes of a reply (retrieve's).
const (
	ScopeIn        = retrieve.ScopeIn        // answered from the article
	ScopeNearby    = retrieve.ScopeNearby    // not covered; the closest lines are given
	ScopeOut       = retrieve.ScopeOut       // refused
	ScopeSmalltalk = retrieve.ScopeSmalltalk // a greeting or thanks: no citations
)

// Budget of the quoted lines, in words: the answer aims at 60-160 words.
const (
	quoteWords     = 105
	maxMainLines   = 5 // lines of the main section, the first sentence's included
	maxSkillLines  = 3 // whole skill lines; the other skills are named
	maxOtherGroups = 2
	maxOtherLines  = 2 // per other section
	hitsConsidered = 4
	maxOtherWords  = 30 // a longer line of another section is left to it
	fillerWords    = 75 // under this, the next section of the level fills in
)

// frame is what the composer reads from the retrieval result besides the
// hits; frameOf is the one place that maps a Result to it.
type frame struct {
	scope string
	// nearby names what the article does not cover, for ScopeNearby.
	nearby string
	// placed is the level read from a description of the asker's work, and
	// placedWhy the words of the description that placed it.
	placed, placedWhy string
	// section is the section the question points at through the previous
	// answer ("the third skill").
	section string
}

func frameOf(res retrieve.Result) frame {
	in := res.Intent
	return frame{scope: ScopeOf(res), nearby: in.Nearby, placed: in.Placed, placedWhy: in.PlacedWhy, section: in.Section}
}

var (
	reRepeat = lazyre.New(`\b(?:again|repeat|remind me|recap|once more)\b`)
	// reMore is a follow-up that asks for more of the same.
	reMore  = lazyre.New(`(?i)^\W*(?:(?:ok(?:ay)?|and|so|great|thanks|cool|nice)\W+)?(?:tell me more|(?:say |show (?:me )?)?more|go on|continue|keep going|what else|anything else|go deeper|dig deeper|expand|elaborate)\b`)
	reWhole = lazyre.New(`\b(?:whole|full|entire|complete)\b|\b(?:all|every one) of (?:the|its|it|them)\b|\bverbatim\b|\bshow (?:me )?(?:it |them )?all\b|\blist (?:them |it )?all\b`)
)

// line is one candidate line of the answer.
type line struct {
	cite  int // index into the citations
	index int // index into the section's Lines
	text  string
	skill string // the skill's name, for a skills line
	score float64
	words int
}

type composer struct {
	lad    *ladder.Model // the ladder answered from
	req    Request
	lower  string // req.Message in lower case
	res    retrieve.Result
	in     retrieve.Intent
	fr     frame
	cites  []Citation
	terms  []qterm
	shown  map[string]bool // article lines earlier answers showed
	repeat bool
	whole  bool
	// set holds every section, to fetch the one the previous answer
	// started from when retrieval did not find it again; nil: the hits only.
	set *sections.Set
	// exhausted is that section when every line of it has been shown.
	exhausted sections.Section
	// lines holds candidates' lines by hit, read once a hit; hitOf, which
	// changes the hits and what was shown, empties it.
	lines [][]line
}

// Offline writes the extractive answer to a question asked without a
// conversation; Compose is the same with one.
func Offline(res retrieve.Result) Reply {
	return Compose(Request{}, res)
}

// Compose writes the offline answer to req from res: the article's lines,
// cited at line level, behind the coach's templates.
func Compose(req Request, res retrieve.Result) Reply {
	return composeIn(req, res, frameOf(res))
}

func composeIn(req Request, res retrieve.Result, fr frame) Reply {
	return composeWith(req, res, fr, nil)
}

// composeWith is composeIn with every section at hand (set, nil for none),
// so a follow-up can go on with a section retrieval did not find again.
func composeWith(req Request, res retrieve.Result, fr frame, set *sections.Set) Reply {
	r, _ := composeHits(req, res, fr, set)
	return r
}

// composeHits is composeWith, also returning res with the hits the reply
// cites, in its order: res's own, or with a fetched section in the last
// place. An LLM must be given those, so that its [n] name the same sections.
func composeHits(req Request, res retrieve.Result, fr frame, set *sections.Set) (Reply, retrieve.Result) {
	switch fr.scope {
	case ScopeOut:
		msg := scopeMessage(ladderOf(res))
		if res.Intent.Refusal == retrieve.RefuseInjection {
			msg = injectionMessage(ladderOf(res))
		}
		return Reply{Answer: msg, Citations: []Citation{}, Suggestions: []string{}, Scope: ScopeOut, Mode: ModeOffline}, res
	case ScopeSmalltalk:
		return Reply{Answer: smalltalkMessage(ladderOf(res)), Citations: []Citation{}, Suggestions: []string{starter(ladderOf(res))}, Scope: ScopeSmalltalk, Mode: ModeOffline}, res
	}
	lower := strings.ToLower(req.Message) // the cue expressions are written in lower case
	c := &composer{
		lad: ladderOf(res), req: req, lower: lower, res: res, in: res.Intent, fr: fr, cites: Citations(res.Hits),
		terms:  qterms(questionTerms(lower, res.Intent.Caveat)),
		shown:  shownInHistory(req.History, res.Hits),
		repeat: reRepeat.MatchString(lower),
		whole:  reWhole.MatchString(lower),
		set:    set,
	}
	if c.repeat || c.whole {
		c.shown = map[string]bool{}
	}
	r := c.compose()
	res.Hits = c.res.Hits
	return r, res
}

// answerBytes is what the answer's builder starts with: nine answers in ten
// fit, so it grows once instead of doubling from a few bytes up.
const answerBytes = 1024

// starterSuggestion is the question offered after small talk.
const starterSuggestion = "Describe the Mid-level PM stage."

func (c *composer) compose() Reply {
	if r, ok := c.compare(); ok {
		return r
	}
	main, lines := c.mainSection()
	if main < 0 {
		return c.nothingNew()
	}
	sec := c.res.Hits[main].Section
	chosen := c.pickMain(sec, lines)
	var b strings.Builder
	b.Grow(answerBytes)
	first := chosen[0]
	deeper := c.deeper(sec)
	if c.fr.scope == ScopeNearby {
		what := "that"
		if c.fr.nearby != "" {
			what = c.fr.nearby
		}
		b.WriteString("The " + c.source() + " doesn't cover " + what + "; the closest it says is: ")
	} else {
		lead := c.lead(sec, first, deeper)
		if c.exhausted.ID != "" && c.exhausted.ID != sec.ID {
			// Moving on is the news: no assumption or carry-over to state.
			lead = fmt.Sprintf("you've now seen every line of “%s”. Next, %s", c.exhausted.Title, topicLead(c.lad, sec))
		}
		b.WriteString(capitalize(strings.ReplaceAll(lead, "the article", "the "+c.source())))
		b.WriteString(": ")
	}
	c.writeQuote(&b, first)
	b.WriteString("\n")
	if len(chosen) > 1 {
		b.WriteString("\n")
		for _, l := range chosen[1:] {
			c.writeItem(&b, l)
		}
	}
	if names := c.otherSkills(sec, chosen); len(names) > 0 {
		b.WriteString("\nThe same list also names " + joinNames(names) + " [" + strconv.Itoa(first.cite+1) + "].\n")
	}
	used := words(chosen)
	for _, g := range c.otherGroups(main, used, len(chosen)) {
		b.WriteString("\n**" + c.res.Hits[g[0].cite].Section.Title + "**\n")
		for _, l := range g {
			c.writeItem(&b, l)
			chosen = append(chosen, l)
		}
	}
	if next := c.nextStep(sec); next != "" {
		b.WriteString("\n")
		b.WriteString(next)
		b.WriteString("\n")
	}
	c.markItems(chosen)
	return Reply{
		Answer: strings.TrimRight(b.String(), "\n"), Citations: c.cites,
		Suggestions: c.suggestions(sec, chosen), Scope: c.fr.scope, Mode: ModeOffline,
	}
}

// maxCompareLines is how many lines a comparison quotes for each level.
const maxCompareLines = 3

// compare answers a question comparing two levels: each level's lines on
// the facet asked (what changes, by default), one group a level.
func (c *composer) compare() (Reply, bool) {
	in := c.in
	if !in.HasTopic(retrieve.TopicCompare) || len(in.Levels) < 2 {
		return Reply{}, false
	}
	facet := in.Facet()
	if facet == "" || facet == ladder.Overview {
		facet = ladder.Changes
	}
	var groups [][]line
	for _, lv := range in.Levels[:2] {
		at := -1
		for i := range c.cites {
			s := c.res.Hits[i].Section
			if s.Level == lv && (s.Facet == facet || at < 0) {
				if at < 0 || s.Facet == facet {
					at = i
				}
				if s.Facet == facet {
					break
				}
			}
		}
		if at < 0 {
			return Reply{}, false
		}
		ls := c.candidates(at)
		if len(ls) == 0 {
			return Reply{}, false
		}
		groups = append(groups, ls[:min(len(ls), maxCompareLines)])
	}
	var b strings.Builder
	b.Grow(answerBytes)
	first := groups[0]
	fmt.Fprintf(&b, "Side by side, %s: %s\n\n", strings.ReplaceAll(topicLead(c.lad, c.res.Hits[first[0].cite].Section), "the article", "the "+c.source()), c.quote(first[0]))
	for _, l := range first[1:] {
		c.writeItem(&b, l)
	}
	fmt.Fprintf(&b, "\n**%s**\n", c.res.Hits[groups[1][0].cite].Section.Title)
	for _, l := range groups[1] {
		c.writeItem(&b, l)
	}
	sec := c.res.Hits[first[0].cite].Section
	b.WriteString("\n" + c.nextStep(sec))
	chosen := append(slices.Clone(first), groups[1]...)
	c.markItems(chosen)
	return Reply{Answer: b.String(), Citations: c.cites, Suggestions: c.suggestions(sec, chosen), Scope: c.fr.scope, Mode: ModeOffline}, true
}

// mainSection is the hit the answer starts from: the best one with a line
// not shown yet, and its candidate lines.
func (c *composer) mainSection() (int, []line) {
	if c.fr.section != "" {
		for i := range c.cites {
			if c.res.Hits[i].Section.ID == c.fr.section {
				if ls := c.candidates(i); len(ls) > 0 {
					return i, ls
				}
			}
		}
	}
	if i := c.followUp(); i >= 0 {
		return i, c.candidates(i)
	}
	for i := range c.cites {
		if ls := c.candidates(i); len(ls) > 0 {
			return i, ls
		}
	}
	return -1, nil
}

// followUp is, for a question that goes on with the section the previous
// answer started from (a bare "tell me more", or the same level and
// facet), the hit to answer from: that section when it has lines not shown
// yet, fetched from the set when retrieval did not find it again; when
// every line of it was shown (c.exhausted says so), the section after it
// in the ladder's order. -1 when the question does not go on, or nothing
// is left to show.
func (c *composer) followUp() int {
	if c.repeat || c.whole {
		return -1
	}
	p, ok := c.previous()
	if !ok || !reMore.MatchString(c.req.Message) && !c.sameTopic(p) {
		return -1
	}
	cites, hits := c.cites, c.res.Hits
	if i := c.hitOf(p); len(c.candidates(i)) > 0 {
		return i
	}
	c.cites, c.res.Hits = cites, hits // nothing of it to cite
	c.exhausted = p
	if n, ok := c.after(p); ok {
		if i := c.hitOf(n); len(c.candidates(i)) > 0 {
			return i
		}
	}
	return -1
}

// previous is the section the last answer started from: the one its first
// quoted line belongs to, among the hits or, with the set, anywhere.
func (c *composer) previous() (sections.Section, bool) {
	last := strings.ReplaceAll(lastAnswer(c.req.History), "**", "")
	if last == "" {
		return sections.Section{}, false
	}
	var pool []sections.Section
	for _, h := range c.res.Hits {
		pool = append(pool, h.Section)
	}
	if c.set != nil {
		pool = append(pool, c.set.All()...)
	}
	var best sections.Section
	at := -1
	for _, s := range pool {
		for _, l := range s.Items() {
			t := strings.TrimSpace(l)
			if i := strings.Index(last, t); t != "" && i >= 0 && (at < 0 || i < at) {
				best, at = s, i
			}
		}
	}
	return best, at >= 0
}

// sameTopic reports whether the question asks about p's level and facet.
func (c *composer) sameTopic(p sections.Section) bool {
	return len(c.in.Levels) > 0 && c.in.Levels[0] == p.Level && c.in.Facet() == p.Facet
}

// after is the section that follows s in the ladder's order.
func (c *composer) after(s sections.Section) (sections.Section, bool) {
	if c.set == nil {
		return sections.Section{}, false
	}
	all := c.set.All()
	if i := c.set.Index(s.ID); i >= 0 && i+1 < len(all) {
		return all[i+1], true
	}
	return sections.Section{}, false
}

// hitOf is the index of s among the hits, adding it (in place of the last
// when the citations are full) when retrieval did not find it: the first
// hits, which the eval sets score, stay as they are.
func (c *composer) hitOf(s sections.Section) int {
	for i := range c.cites {
		if c.res.Hits[i].Section.ID == s.ID {
			return i
		}
	}
	n := min(len(c.cites), MaxCitations-1)
	c.res.Hits = append(slices.Clone(c.res.Hits[:n]), retrieve.Hit{Section: s})
	c.cites = append(c.cites[:n:n], Citations(c.res.Hits[n:])...)
	for t := range shownInHistory(c.req.History, c.res.Hits[n:]) {
		c.shown[t] = true
	}
	c.lines = nil
	return n
}

// candidates are the lines of hit i that state something on their own and
// were not shown before, scored against the question. They are shared with
// later calls: callers must not change them; appending copies them.
func (c *composer) candidates(i int) []line {
	if c.lines == nil {
		c.lines = make([][]line, len(c.cites))
	}
	if c.lines[i] == nil { // readLines' are never nil
		c.lines[i] = c.readLines(i)
	}
	ls := c.lines[i]
	return ls[:len(ls):len(ls)]
}

// readLines is candidates, read from the hit.
func (c *composer) readLines(i int) []line {
	sf := sectionFactsOf(c.res.Hits[i].Section)
	out := make([]line, 0, len(sf.items))
	for _, it := range sf.items {
		if c.shown[it.text] {
			continue
		}
		out = append(out, line{cite: i, index: it.index, text: it.text, skill: it.skill, score: c.overlap(it.facts, sf.title), words: it.facts.words})
	}
	return out
}

// sectionFacts are what readLines reads of a section on every request:
// its items, each with its place in Lines, its text trimmed, its skill's
// name and its textFacts, and the facts of its title.
type sectionFacts struct {
	// of is the section read, to tell another with the same lines' array
	// from it: the fields its items, skills and title's facts depend on.
	of    sections.Section
	title textFacts
	items []itemFacts
}

type itemFacts struct {
	index       int
	text, skill string
	facts       textFacts
}

func newSectionFacts(s sections.Section) *sectionFacts {
	items, skills := s.Items(), s.Skills()
	sf := &sectionFacts{of: s, title: newFacts(s.Title), items: make([]itemFacts, 0, len(items))}
	k := 0
	for j, l := range s.Lines {
		if k == len(items) {
			break
		}
		if l != items[k] {
			continue
		}
		k++
		t := strings.TrimSpace(l)
		sf.items = append(sf.items, itemFacts{index: j, text: t, skill: skillOf(skills, l), facts: newFacts(t)})
	}
	return sf
}

// reads reports whether sf was read from s: the same lines, heading, facet
// and title.
func (sf *sectionFacts) reads(s sections.Section) bool {
	o := sf.of
	return len(o.Lines) == len(s.Lines) && (len(s.Lines) == 0 || &o.Lines[0] == &s.Lines[0]) &&
		o.Heading == s.Heading && o.Facet == s.Facet && o.Title == s.Title
}

// sectionFactsOf is the facts of s, remembered by its lines' array:
// sections are fixed, so the memo holds those of the sections built (the
// article's, a ladder file's, each app's). A section whose lines or other
// fields differ from the first with its array's is read again every time.
func sectionFactsOf(s sections.Section) *sectionFacts {
	k := linesKey{n: len(s.Lines)}
	if k.n > 0 {
		k.first = &s.Lines[0]
	}
	sf := sectionMemo.Get(k, func(linesKey) *sectionFacts { return newSectionFacts(s) })
	if !sf.reads(s) {
		return newSectionFacts(s)
	}
	return sf
}

// linesKey names a section's lines by their array: its first element's
// address and their number.
type linesKey struct {
	first *string
	n     int
}

var sectionMemo = memo.New[linesKey, *sectionFacts](maxSections)

const maxSections = 4096

// skillOf is the name of the skill whose line l is, or "".
func skillOf(skills []sections.Skill, l string) string {
	for _, k := range skills {
		if k.Line == l {
			return k.Name
		}
	}
	return ""
}

// pickMain chooses the main section's lines: the best first, then the
// others in the article's order, within the budget.
func (c *composer) pickMain(s sections.Section, ls []line) []line {
	if c.whole {
		return ls
	}
	best := 0
	for i, l := range ls {
		if l.score > ls[best].score {
			best = i
		}
	}
	limit := maxMainLines
	if s.Facet == ladder.Skills {
		limit = maxSkillLines
	}
	// The best lines by score (ties: article order) fill the budget.
	order := make([]int, len(ls))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case ls[a].score > ls[b].score:
			return -1
		case ls[a].score < ls[b].score:
			return 1
		}
		return 0
	})
	keep := make([]bool, len(ls))
	keep[best] = true
	kept, total := 1, ls[best].words
	for _, i := range order {
		if kept == limit {
			break
		}
		if keep[i] || total+ls[i].words > quoteWords {
			continue
		}
		keep[i] = true
		kept++
		total += ls[i].words
	}
	out := make([]line, 1, kept)
	out[0] = ls[best]
	for i, l := range ls {
		if keep[i] && i != best {
			out = append(out, l)
		}
	}
	return out
}

// otherSkills names the skills of a skills section the answer did not quote.
func (c *composer) otherSkills(s sections.Section, chosen []line) []string {
	if c.whole {
		return nil
	}
	var out []string
	for _, k := range s.Skills() {
		t := strings.TrimSpace(k.Line)
		if c.shown[t] || slices.ContainsFunc(chosen, func(l line) bool { return l.text == t }) {
			continue
		}
		out = append(out, k.Name)
	}
	return out
}

// otherGroups are the lines of the other hits that speak to the question's
// words, a group a section, within what is left of the budget.
func (c *composer) otherGroups(main, used, mainLines int) [][]line {
	if c.whole {
		return nil
	}
	mainSec := c.res.Hits[main].Section
	var out [][]line
	for i := range min(len(c.cites), hitsConsidered) {
		if i == main || len(out) == maxOtherGroups {
			continue
		}
		s := c.res.Hits[i].Section
		if s.Facet == ladder.Overview && s.Level == mainSec.Level {
			continue // the level's overview restates its sections
		}
		// A short answer takes the next section of its level as it is.
		filler := used < fillerWords && mainLines <= 2 && s.Level == mainSec.Level && len(out) == 0
		var g []line
		for _, l := range c.candidates(i) {
			if (l.score < 1 && !filler) || l.skill != "" || l.words > maxOtherWords || used+l.words > quoteWords+20 || len(g) == maxOtherLines {
				continue
			}
			g = append(g, l)
			used += l.words
		}
		if len(g) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// quote is a line as the answer shows it (writeQuote's).
func (c *composer) quote(l line) string {
	var b strings.Builder
	c.writeQuote(&b, l)
	return b.String()
}

// writeQuote writes a line as the answer shows it: verbatim, a skill's
// name in bold, and its marker.
func (c *composer) writeQuote(b *strings.Builder, l line) {
	t := l.text
	if l.skill != "" {
		b.WriteString("**" + l.skill + "**")
		t = strings.TrimPrefix(t, l.skill)
	}
	b.WriteString(t)
	b.WriteString(" [")
	b.WriteString(strconv.Itoa(l.cite + 1))
	b.WriteString("]")
}

// writeItem writes a line quoted as an item of a list.
func (c *composer) writeItem(b *strings.Builder, l line) {
	b.WriteString("- ")
	c.writeQuote(b, l)
	b.WriteString("\n")
}

// markItems records each chosen line in its citation's Items, in order.
func (c *composer) markItems(chosen []line) {
	for i := range c.cites {
		n := 0
		for _, l := range chosen {
			if l.cite == i {
				n++
			}
		}
		items := make([]int, 0, n) // never nil: JSON shows []
		for _, l := range chosen {
			if l.cite == i {
				items = append(items, l.index)
			}
		}
		slices.Sort(items)
		c.cites[i].Items = slices.Compact(items)
	}
}

// deeper reports whether the previous answer already quoted this section:
// the question goes on with the same level and facet.
func (c *composer) deeper(s sections.Section) bool {
	if c.repeat || c.whole {
		return false
	}
	last := lastAnswer(c.req.History)
	if last == "" {
		return false
	}
	plain := strings.ReplaceAll(last, "**", "")
	for _, l := range s.Items() {
		if strings.Contains(plain, strings.TrimSpace(l)) {
			return true
		}
	}
	return false
}

// source is what the coach calls what it quotes: the article, or a
// ladder file.
func (c *composer) source() string {
	if c.lad.IsArticle() {
		return "article"
	}
	return "ladder"
}

// nothingNew answers when every line retrieval found was shown already.
func (c *composer) nothingNew() Reply {
	for i := range c.cites {
		c.cites[i].Items = []int{}
	}
	msg := "I've already quoted every line the " + c.source() + " has on this in our conversation. Ask me to repeat them, or try one of the questions below."
	s := c.res.Hits[0].Section
	return Reply{Answer: msg, Citations: c.cites, Suggestions: c.suggestions(s, nil), Scope: c.fr.scope, Mode: ModeOffline}
}

// lead is the first sentence's opening, before the best line.
func (c *composer) lead(s sections.Section, first line, deeper bool) string {
	in := c.in
	prefix := ""
	switch {
	case c.fr.placed != "" && c.fr.placed == s.Level:
		prefix = "you describe “" + firstPerson(c.fr.placedWhy) + "”, which is the " + levelName(c.lad, s.Level) + " stage; "
	case deeper && isLevel(c.lad, s.Level):
		prefix = "staying with " + levelPhrase(c.lad, s.Level) + " and going deeper, "
	case deeper:
		prefix = "going deeper on the same part of the article, "
	case in.Transition && in.Target == s.Level && in.Current != "" && in.Current != s.Level && isLevel(c.lad, in.Current):
		// The step asked about, from the level the asker gave or was placed at.
		prefix = "for your step from " + levelName(c.lad, in.Current) + " to " + levelName(c.lad, s.Level) + ", "
	case in.FromHistory && isLevel(c.lad, s.Level):
		prefix = "staying with " + levelPhrase(c.lad, s.Level) + " from earlier, "
	case in.Current != "" && in.Current == s.Level && !in.Transition:
		prefix = "you said you're " + withArticle(levelName(c.lad, s.Level)) + ", so "
	case isLevel(c.lad, s.Level) && !slices.Contains(in.Levels, s.Level) && !(in.Transition && in.Target != "") &&
		!(s.Level == c.lad.IC() && in.HasTopic(retrieve.TopicIC)):
		// The IC track asked as a topic ("can I grow without reports?")
		// is no guess: its own lead names it.
		prefix = "assuming you mean " + levelPhrase(c.lad, s.Level) + ", "
	}
	if in.Transition && in.Target != "" && s.Facet == ladder.Skills {
		if below, ok := c.lad.Below(in.Target); ok && below.ID == s.Level {
			p := ""
			switch {
			case deeper:
				p = "going deeper, "
			case in.FromHistory:
				p = "staying with " + levelPhrase(c.lad, s.Level) + " from earlier: "
			case in.Current != "" && in.Current == s.Level:
				p = "you said you're " + withArticle(levelName(c.lad, s.Level)) + "; "
			}
			if first.skill != "" {
				return p + "to become " + withArticle(levelName(c.lad, in.Target)) +
					", the article names skills to build at the " + below.Name + " stage, among them"
			}
			return p + "on growing from the " + below.Name + " stage into " + withArticle(levelName(c.lad, in.Target)) +
				" role, the article says"
		}
	}
	return prefix + topicLead(c.lad, s)
}

// topicLead names what the section is about, as the opening of a sentence
// the section's line completes.
func topicLead(lad *ladder.Model, s sections.Section) string {
	switch s.Level {
	case sections.Introduction:
		if strings.HasSuffix(s.ID, "/paths") {
			return "on where people start and how paths differ, the article says"
		}
		if !lad.IsArticle() {
			return "on the ladder as a whole, the article says"
		}
		return "on the standard PM career ladder, the article says"
	case sections.Closing:
		if strings.HasSuffix(s.ID, "/advice") {
			return "on what matters most, the article says"
		}
		return "on how long growth takes, the article says"
	case sections.Adjacent:
		if s.Facet == sections.FacetRole {
			t := s.Title
			if i := strings.Index(t, ": "); i >= 0 {
				t = t[i+2:]
			}
			return "on moving into " + t + ", the article says"
		}
		if !lad.IsArticle() {
			return "on moving into adjacent roles, the article says"
		}
		return "on moving into product-adjacent roles, the article says"
	}
	who := withArticle(levelName(lad, s.Level))
	at := "the " + levelName(lad, s.Level) + " level"
	if s.Level == lad.IC() && lad.IsArticle() {
		who, at = "a PM on the IC track", "the IC track"
	}
	switch s.Facet {
	case ladder.Changes:
		return "on what changes at " + at + ", the article says"
	case ladder.Responsibilities:
		return "on the core responsibilities of " + who + ", the article says"
	case ladder.Success:
		return "on what success looks like for " + who + ", the article says"
	case ladder.Skills:
		return "on the skills to start developing as " + who + ", the article says"
	}
	return "on " + at + ", the article says"
}

// nextStep is the one next step: a plan with the levels filled in, or the
// ladder to place yourself or compare.
func (c *composer) nextStep(s sections.Section) string {
	in := c.in
	if in.HasTopic(retrieve.TopicCompare) && len(in.Levels) >= 2 {
		a, b := in.Levels[0], in.Levels[1]
		return "Next step: [see " + levelName(c.lad, a) + " and " + levelName(c.lad, b) + " side by side](/ladder?" +
			"a=" + url.QueryEscape(a) + "&b=" + url.QueryEscape(b) + ")."
	}
	cur, target := "", ""
	switch {
	case in.Target != "" && in.Target != s.Level:
		target = in.Target
		cur = in.Current
		if b, ok := c.lad.Below(target); ok && cur == "" {
			cur = b.ID
		}
	case isRung(c.lad, s.Level):
		cur = s.Level
		if n, ok := c.lad.Next(cur); ok {
			target = n.ID
		}
	}
	if cur != "" && target != "" && isRung(c.lad, cur) && isRung(c.lad, target) && rung(c.lad, cur) < rung(c.lad, target) {
		q := "current=" + url.QueryEscape(cur) + "&target=" + url.QueryEscape(target) // url.Values' Encode, without the map
		if !slices.Contains(in.Levels, s.Level) && !in.FromHistory && in.Current == "" {
			return "Next step: not sure this is your level? [Place yourself on the ladder](/ladder); if it is, [make a plan from " +
				levelName(c.lad, cur) + " to " + levelName(c.lad, target) + "](/plan?" + q + ")."
		}
		return "Next step: [make a plan from " + levelName(c.lad, cur) + " to " + levelName(c.lad, target) + "](/plan?" + q + ")."
	}
	return "Next step: [place yourself on the ladder](/ladder) and compare the levels side by side."
}

// shownInHistory lists the lines of the hits' sections that earlier
// answers of the conversation showed.
func shownInHistory(history []Turn, hits []retrieve.Hit) map[string]bool {
	shown := map[string]bool{}
	var text strings.Builder
	for _, t := range history {
		if t.Role == "assistant" {
			text.WriteString(strings.ReplaceAll(t.Content, "**", ""))
			text.WriteString("\n")
		}
	}
	all := text.String()
	if all == "" {
		return shown
	}
	for _, h := range hits {
		for _, l := range h.Section.Items() {
			if t := strings.TrimSpace(l); strings.Contains(all, t) {
				shown[t] = true
			}
		}
	}
	return shown
}

func lastAnswer(history []Turn) string {
	for i := len(history) - 1; i >= 0; i-- {
		if history[i].Role == "assistant" {
			return history[i].Content
		}
	}
	return ""
}

// stopTerms are words too common in questions about the ladder to pick a
// line by.
var stopTerms = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`what whats does doing should would could will have that this with from into about when
		your yours their there they them then than also just like much more most some want need know make being been were
		which where while tell show please really thing things good level levels product products manager managers
		senior director associate junior stage become becoming role roles article people work they'll i'm you're
		look looks like better best next first other others it's don't after before each every these those here
		focus give given think find build develop learn skill skills grow growth improve prepare ready success
		succeed judged measured responsibilities responsible changes change different promoted promotion daily
		day-to-day core`) {
		stopTerms[w] = true
	}
}

// questionTerms are the content words of a lower-case question, cut to a
// stem of five letters so "prioritise" meets "prioritising". Words are runs
// of letters and apostrophes.
func questionTerms(lower string, caveat bool) []string {
	out := make([]string, 0, 8)
	if caveat {
		// A question about a role's downsides: the article's words for them.
		out = append(out, "enjoy", "dream", "tough", "stake")
	}
	add := func(w string) {
		w = strings.Trim(strings.ReplaceAll(w, "’", "'"), "'")
		if utf8.RuneCountInString(w) < 4 || stopTerms[w] {
			return
		}
		if st := stem(w); !slices.Contains(out, st) {
			out = append(out, st)
		}
	}
	start := -1 // the word's first byte
	for i, r := range lower {
		switch {
		case unicode.IsLetter(r) || r == '\'' || r == '’':
			if start < 0 {
				start = i
			}
		case start >= 0:
			add(lower[start:i])
			start = -1
		}
	}
	if start >= 0 {
		add(lower[start:])
	}
	return out
}

// wordCount is len(strings.Fields(s)) without building the slice.
func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			in = false
		case !in:
			in, n = true, n+1
		}
	}
	return n
}

// textFacts are what composing reads of an article line or title on every
// request, computed once per section (sectionFactsOf).
type textFacts struct {
	lower string
	words int
	// starts holds the first stemRunes letters of each word of lower, the
	// whole word when shorter, once each: a term of letters alone has its
	// stem in the text when starts holds it. Those of up to 8 bytes (all
	// but a few non-ASCII ones) are packed (packStart), the others in long:
	// a line has a score of them, read in a cache line or two.
	starts []uint64
	long   []string
	// sig has the bit startBit of each packed start set: most terms are
	// in no word of a line, and most of those miss a bit of it.
	sig uint64
}

// newFacts returns the facts of a text.
func newFacts(t string) textFacts {
	lower := strings.ToLower(t)
	f := textFacts{lower: lower, words: countWords(t)}
	wordStarts(lower, func(s string) {
		if p, ok := packStart(s); !ok {
			if !slices.Contains(f.long, s) {
				f.long = append(f.long, s)
			}
		} else if !slices.Contains(f.starts, p) {
			f.starts = append(f.starts, p)
			f.sig |= startBit(p)
		}
	})
	return f
}

// wordStarts calls add with each textFacts.starts of a lower-case text, as
// often as it comes; words are runs of letters, as hasStem reads them.
func wordStarts(lower string, add func(string)) {
	start, n := -1, 0 // the word's first byte and its letters so far
	for i, r := range lower {
		switch {
		case !unicode.IsLetter(r):
			if start >= 0 && n < stemRunes {
				add(lower[start:i])
			}
			start = -1
			continue
		case start < 0:
			start, n = i, 0
		}
		if n++; n == stemRunes {
			add(lower[start : i+utf8.RuneLen(r)])
		}
	}
	if start >= 0 && n < stemRunes {
		add(lower[start:])
	}
}

// packStart packs a word start of 1 to 8 bytes into a uint64, its bytes
// from the lowest up: letters hold no zero byte, so two starts pack alike
// only when they are the same. ok is false for longer ones (or "").
func packStart(s string) (p uint64, ok bool) {
	if s == "" || len(s) > 8 {
		return 0, false
	}
	for i := len(s) - 1; i >= 0; i-- {
		p = p<<8 | uint64(s[i])
	}
	return p, true
}

// startBit is a packed start's bit in textFacts.sig: one of 64, picked by
// a multiplicative hash.
func startBit(p uint64) uint64 {
	return 1 << (p * 0x9E3779B97F4A7C15 >> 58)
}

// qterm is a question term; plain when it is letters alone, no longer
// than a stem (as question terms are), so that textFacts.starts can tell
// whether a text has it.
type qterm struct {
	t     string
	plain bool
	// packed is t packed (packStart) when plain and short enough, else 0,
	// and bit its startBit.
	packed, bit uint64
}

func qterms(terms []string) []qterm {
	out := make([]qterm, len(terms))
	for i, t := range terms {
		n := utf8.RuneCountInString(t)
		out[i] = qterm{t: t, plain: n > 0 && n <= stemRunes && !strings.ContainsFunc(t, func(r rune) bool { return !unicode.IsLetter(r) })}
		if out[i].plain {
			out[i].packed, _ = packStart(t)
			out[i].bit = startBit(out[i].packed)
		}
	}
	return out
}

// hasStem is hasStem(f.lower, t.t), read from f.starts when t is plain.
func (f textFacts) hasStem(t qterm) bool {
	switch {
	case t.packed != 0:
		return f.sig&t.bit != 0 && slices.Contains(f.starts, t.packed)
	case t.plain:
		return slices.Contains(f.long, t.t)
	}
	return hasStem(f.lower, t.t)
}

// stemRunes is how many letters of a word its stem keeps.
const stemRunes = 5

// stem is w's first stemRunes letters; w is valid UTF-8 (lower-cased).
func stem(w string) string {
	n := 0
	for i := range w {
		if n == stemRunes {
			return w[:i]
		}
		n++
	}
	return w
}

// overlap counts the question's terms that begin a word of the line, less
// those of the section's title: the title already answered for them.
func (c *composer) overlap(text, title textFacts) float64 {
	n := 0.0
	for _, t := range c.terms {
		if text.hasStem(t) && !title.hasStem(t) {
			n++
		}
	}
	return n
}

// hasStem reports whether a word of lower (lower-cased) has stem t: starts
// with it, or is it when it is shorter than a stem. Words are runs of
// letters. It is stems(lower)[t] without building the set.
func hasStem(lower, t string) bool {
	if t == "" {
		return false
	}
	whole := utf8.RuneCountInString(t) < stemRunes
	for i := 0; i < len(lower); {
		j := strings.Index(lower[i:], t)
		if j < 0 {
			return false
		}
		p := i + j
		before, _ := utf8.DecodeLastRuneInString(lower[:p])
		after, _ := utf8.DecodeRuneInString(lower[p+len(t):])
		if (p == 0 || !unicode.IsLetter(before)) && (!whole || p+len(t) == len(lower) || !unicode.IsLetter(after)) {
			return true
		}
		i = p + 1
	}
	return false
}

func words(ls []line) int {
	n := 0
	for _, l := range ls {
		n += l.words
	}
	return n
}

func joinNames(names []string) string {
	bold := make([]string, len(names))
	for i, n := range names {
		bold[i] = "**" + n + "**"
	}
	if len(bold) == 1 {
		return bold[0]
	}
	return strings.Join(bold[:len(bold)-1], ", ") + " and " + bold[len(bold)-1]
}

// firstPerson writes a quoted description's "i" as "I".
func firstPerson(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if w == "i" || strings.HasPrefix(w, "i'") || strings.HasPrefix(w, "i’") {
			words[i] = "I" + w[1:]
		}
	}
	return strings.Join(words, " ")
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	if !utf8.ValidString(s) {
		// Converting to runes mends invalid bytes: keep doing so.
		r := []rune(s)
		r[0] = unicode.ToUpper(r[0])
		return string(r)
	}
	r, n := utf8.DecodeRuneInString(s)
	if u := unicode.ToUpper(r); u != r {
		return string(u) + s[n:]
	}
	return s
}

// levelPhrase is "the Senior PM level", or "the IC track".
func levelPhrase(lad *ladder.Model, id string) string {
	if id == lad.IC() && lad.IsArticle() {
		return "the IC track"
	}
	return "the " + levelName(lad, id) + " level"
}

func isLevel(lad *ladder.Model, id string) bool {
	_, ok := lad.ByID(id)
	return ok
}

func isRung(lad *ladder.Model, id string) bool {
	l, ok := lad.ByID(id)
	return ok && l.Rung > 0
}

func rung(lad *ladder.Model, id string) int {
	l, _ := lad.ByID(id)
	return l.Rung
}

// round3 rounds a score for the reply.
func round3(x float64) float64 { return math.Round(x*1000) / 1000 }
