// Package assess finds a person on the ladder from their own description of
// their work, and compares two levels facet by facet.
//
// An assessment matches the description, clause by clause, with the lines
// of the article's level sections (overview, what changes, responsibilities,
// what success looks like) and weighs the scope the person describes: who
// they lead, what they own, who they answer to. The level, its evidence and
// the gaps are always the article's own lines with their section ids.
//
// It knows the ladder model, the sections and the local embedder; it knows
// nothing about HTTP, the index, the LLM or how chat answers are written.
package assess

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/ladder/coach/internal/embed"
	"github.com/ladder/coach/internal/errs"
	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/lazyre"
	"github.com/ladder/coach/internal/sections"
)

// Limits on a request.
const (
	MaxDescriptionChars = 4000
	MaxTitleChars       = 200
)

// LevelRef names a level as /api/levels does.
type LevelRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Evidence pairs the person's words with the article line they support.
type Evidence struct {
	// Quote is the person's own words.
	Quote string `json:"quote"`
	// SectionID is the section the article line belongs to.
	SectionID string `json:"section_id"`
	// Item is the article's line, verbatim.
	Item string `json:"item"`
}

// Gap is an article line the description does not show yet.
type Gap struct {
	// Item is the article's line, verbatim.
	Item string `json:"item"`
	// SectionID is the section the line belongs to.
	SectionID string `json:"section_id"`
}

// Result is an assessment.
type Result struct {
	// Level is the estimated level; nil when the description is not about work.
	Level *LevelRef `json:"level"`
	// Confidence is 0..1: how clearly the description points at Level.
	Confidence float64 `json:"confidence"`
	// Evidence supports the estimate, strongest first.
	Evidence []Evidence `json:"evidence"`
	// Gaps are what the next level expects that the description does not
	// show, then the skills the article says to develop at Level.
	Gaps []Gap `json:"gaps"`
	// Next is the rung above Level; nil for the top rung, the IC track and
	// no level.
	Next *LevelRef `json:"next"`
	// Summary is the markdown's first paragraph as plain sentences.
	Summary string `json:"summary"`
	// Markdown is the whole assessment for a person to read.
	Markdown string `json:"markdown"`
	// Citations are the sections the evidence and the gaps quote, in order
	// of first use, each with the quoted lines as its items.
	Citations []sections.Citation `json:"citations"`
}

// Assessor assesses descriptions and compares levels. It is built once
// from the article's sections and is safe for concurrent use.
type Assessor struct {
	set *sections.Set
	// model is the ladder the sections belong to; the article's signals
	// and hints are read only on the article's own ladder.
	model  *ladder.Model
	emb    *embed.Local
	items  []item            // lines of the level sections that describe the work
	skills map[string][]item // skill lines by level
	vocab  map[string]bool   // every term the article uses
	// dict numbers the terms of the items and skills (terms holds them by
	// number); postings are the items, ascending, that use each term: a
	// clause sharing no term with an item matches it at 0.
	dict     map[string]int32
	terms    []string
	postings [][]int32
	// levels are the levels of the items in order of first item, with
	// levelIdx their indexes and firstItem the index of their first item.
	levels    []string
	levelIdx  map[string]int
	firstItem []int
}

// New builds an Assessor over the article's sections.
func New(set *sections.Set) *Assessor { return NewFor(set, ladder.Default()) }

// NewFor builds an Assessor over the sections of the ladder m: a ladder
// file's levels are placed by their lines alone, its facets all describing
// the work but the growth facet, whose named skills are the gaps.
func NewFor(set *sections.Set, m *ladder.Model) *Assessor {
	var corpus []string
	for _, s := range set.All() {
		for _, l := range s.Lines {
			corpus = append(corpus, folds.Replace(strings.ToLower(l)))
		}
	}
	a := &Assessor{set: set, model: m, emb: embed.Fit(corpus), skills: map[string][]item{}, vocab: map[string]bool{}}
	for _, c := range corpus {
		for _, t := range embed.Terms(c) {
			a.vocab[t] = true
		}
	}
	facets := matchFacets
	if !m.IsArticle() {
		facets = []string{ladder.Overview}
		for _, f := range m.Facets() {
			if f != ladder.Skills {
				facets = append(facets, f)
			}
		}
	}
	for _, l := range m.Levels() {
		for _, f := range facets {
			s, ok := set.Of(l.ID, f)
			if !ok {
				continue
			}
			for _, line := range s.Items() {
				if !skipItem(line) {
					a.items = append(a.items, a.newItem(s, line))
				}
			}
		}
		if s, ok := set.Of(l.ID, ladder.Skills); ok {
			for _, sk := range s.Skills() {
				a.skills[l.ID] = append(a.skills[l.ID], a.newItem(s, sk.Line))
			}
		}
	}
	a.index()
	return a
}

// Validate checks a description and title against the limits; the error is
// an *errs.Error with code Invalid.
func Validate(description, title string) error {
	if strings.TrimSpace(description) == "" {
		return errs.New(errs.Invalid, "description must not be empty: describe what you do at work and what you are trusted with")
	}
	if n := utf8.RuneCountInString(description); n > MaxDescriptionChars {
		return errs.New(errs.Invalid, "description is %d characters long; the limit is %d", n, MaxDescriptionChars)
	}
	if n := utf8.RuneCountInString(title); n > MaxTitleChars {
		return errs.New(errs.Invalid, "title is %d characters long; the limit is %d", n, MaxTitleChars)
	}
	return nil
}

// Tuning of the estimate.
const (
	itemWeight  = 4.0  // an item vote against a signal's weight
	voteFloor   = 0.24 // a clause must match some line this well to vote
	voteMargin  = 0.03 // levels this close to a clause's best share its vote
	evidenceMin = 0.2  // a clause supports a level's line this well to quote it
	shownMin    = 0.34 // a line counts as shown by the description
	skillShown  = 0.42 // a skill counts as shown already
	maxEvidence = 6
	maxGaps     = 8 // from the next level; the skills come on top
)

// Weights of the scoring rules, in score points unless said otherwise.
const (
	titleTieMargin  = 0.5  // a stated title breaks a tie this close
	seniorToIC      = 0.6  // share of a Senior signal also given to IC when there are no reports
	noReportsDamp   = 0.25 // factor on Director and VP signals when there are no reports
	icDamp          = 0.35 // factor on IC signals and votes without the IC title or no reports
	icTitleWeight   = 5.0  // a signal this heavy on IC is the IC title itself
	noReportsBonus  = 2.0  // saying "no direct reports" lifts IC
	definedLift     = 1.0  // a defining scope puts its rung this far above the rungs below
	statedBonus     = 1.0  // a level stated in the description
	experienceBonus = 1.5  // a level its years of experience point to
	reviewedDamp    = 0.3  // factor on a file's managing rungs when someone else reviews the person's work
)

// Confidence of the estimate: base + marginShare*margin +
// strengthShare*strength, capped, where strength grows with the best
// score on a scale of strengthScale.
const (
	confidenceBase = 0.1
	marginShare    = 0.45
	strengthShare  = 0.45
	confidenceCap  = 0.95
	strengthScale  = 8.0
)

// Signal weight a description needs to count as about work (see aboutWork).
const (
	workSignals      = 3.0 // enough on its own
	workSignalsKnown = 2.0 // enough with some known words
	workSignalsMatch = 1.5 // enough with one matching clause
)

// Quoting a clause as evidence for a level (see evidence).
const (
	quoteSimFloor  = 0.05 // below this a clause is never quoted
	quoteGap       = 0.12 // a clause this far below its best level speaks for that level
	quoteSignalDiv = 6.0  // a signal's weight over this is its strength as evidence
)

// clauseMatch is what one clause says about the levels.
type clauseMatch struct {
	sp    span
	probe probe
	// best is the best-matching line of each level (by index in the
	// Assessor's levels) and its similarity.
	best []scored
	// signals are the signals found in the clause (indexes into signals).
	signals []int
}

type scored struct {
	item int
	sim  float64
}

// estimate is the scoring of one description.
type estimate struct {
	text    text
	clauses []clauseMatch
	score   map[string]float64
	// cover is the best similarity each item gets from any clause.
	cover []float64
}

// Assess estimates the person's level from their description and, when
// given, compares it with their stated title.
func (a *Assessor) Assess(description, title string) (Result, error) {
	if err := Validate(description, title); err != nil {
		return Result{}, err
	}
	j := a.judge(description, title)
	r := a.result(j.e, j.level, title, j.title, j.titleKnown, j.titleGeneric)
	if j.level == "" {
		return r, nil
	}
	r.Confidence = j.confidence
	r.Markdown = markdown(r, a, title, j.title, j.titleKnown, j.titleGeneric)
	return r, nil
}

// judgement is what Assess decides before it writes its result.
type judgement struct {
	e          estimate
	level      string // the level placed at; "" when the text is not about work
	confidence float64
	// title is the level of the stated title, when it names one.
	title                    ladder.Level
	titleKnown, titleGeneric bool
}

// judge scores a valid description and places it, the stated title
// breaking a near tie.
func (a *Assessor) judge(description, title string) judgement {
	e := a.score(description)
	best, second := "", ""
	for _, l := range a.model.Levels() {
		switch {
		case best == "" || e.score[l.ID] > e.score[best]:
			best, second = l.ID, best
		case second == "" || e.score[l.ID] > e.score[second]:
			second = l.ID
		}
	}
	j := judgement{e: e}
	j.title, j.titleKnown, j.titleGeneric = a.lookupTitle(title)
	// The stated title breaks a near tie, never more.
	if j.titleKnown && !j.titleGeneric && second == j.title.ID && e.score[best]-e.score[second] < titleTieMargin {
		best, second = second, best
	}
	if !a.aboutWork(e) {
		return j
	}
	j.level = best
	top, next := e.score[best], e.score[second]
	margin := 0.0
	if top > 0 {
		margin = (top - max(next, 0)) / top
	}
	strength := 1 - math.Exp(-top/strengthScale)
	j.confidence = math.Round(100*min(confidenceCap, confidenceBase+marginShare*margin+strengthShare*strength)) / 100
	return j
}

// score runs the signals and the line matching over the description.
func (a *Assessor) score(description string) estimate {
	t := newText(description)
	e := estimate{text: t, score: map[string]float64{}, cover: make([]float64, len(a.items))}
	// An item that shares no term with a clause matches it at 0, which
	// neither raises its cover nor beats its level's first item: only the
	// items that share a term are compared, in order.
	shares := make([]bool, len(a.items))
	for _, sp := range t.clauses() {
		c := t.norm[sp.start:sp.end]
		cm := clauseMatch{sp: sp, probe: a.newProbe(c), best: make([]scored, len(a.levels))}
		for l, i := range a.firstItem {
			cm.best[l] = scored{item: i}
		}
		clear(shares)
		for _, id := range cm.probe.ids {
			for _, i := range a.postings[id] {
				shares[i] = true
			}
		}
		for i, ok := range shares {
			if !ok {
				continue
			}
			it := &a.items[i]
			s := a.sim(cm.probe, it)
			if s > e.cover[i] {
				e.cover[i] = s
			}
			if s > cm.best[it.lvl].sim {
				cm.best[it.lvl] = scored{item: i, sim: s}
			}
		}
		e.clauses = append(e.clauses, cm)
	}
	// Signals are found in whole sentences, so a list split by commas
	// ("align engineering, marketing and legal") still reads as one, and
	// each is credited to the clause it starts in, once. Each signal runs
	// over each sentence once and every match is weighed by one clause, so
	// the cost is linear in the description, however many clauses a
	// sentence holds.
	signals := a.signals()
	seen := make([]bool, len(signals))
	for first := 0; first < len(e.clauses); {
		sent := *e.clauses[first].sp.sent
		last := first + 1
		for last < len(e.clauses) && e.clauses[last].sp.sent.start == sent.start {
			last++
		}
		s := t.norm[sent.start:sent.end]
		for i, sg := range signals {
			if seen[i] {
				continue
			}
			locs := sg.re.FindAllStringIndex(s, -1)
			next := 0 // the first match no clause has weighed yet
			for ci := first; ci < last && !seen[i]; ci++ {
				cm := &e.clauses[ci]
				for ; next < len(locs); next++ {
					at := sent.start + locs[next][0]
					if at >= cm.sp.end {
						break
					}
					if at < cm.sp.start && ci != first {
						continue // between clauses: only the first clause reaches back
					}
					if a.found(sg, t.norm, sent, cm.sp, at) {
						seen[i] = true
						cm.signals = append(cm.signals, i)
						break
					}
				}
			}
		}
		first = last
	}

	norm := t.norm
	article := a.model.IsArticle()
	noRep := article && noReports.MatchString(norm)
	icTitle := false
	for _, cm := range e.clauses {
		for _, i := range cm.signals {
			if signals[i].level == ladder.IC && signals[i].weight >= icTitleWeight {
				icTitle = true
			}
		}
	}
	for _, cm := range e.clauses {
		for _, i := range cm.signals {
			sg := signals[i]
			w := sg.weight
			if noRep && sg.level == ladder.Senior {
				// Without reports, a Senior PM's reach is also the IC track's.
				e.score[ladder.IC] += seniorToIC * w
			}
			switch {
			case noRep && (sg.level == ladder.Director || sg.level == ladder.VP):
				w *= noReportsDamp // "no direct reports": the manager rungs' words mean something else
			case sg.level == ladder.IC && !noRep && !icTitle:
				w *= icDamp // depth and influence alone also fit a Senior PM
			}
			e.score[sg.level] += w
		}
		// The clause's vote: the level whose line it matches best.
		top := 0.0
		for _, b := range cm.best {
			top = max(top, b.sim)
		}
		if top < voteFloor {
			continue
		}
		var near []string
		for l, b := range cm.best {
			if b.sim >= top-voteMargin {
				near = append(near, a.levels[l])
			}
		}
		for _, l := range near {
			w := itemWeight * top / float64(len(near))
			if l == ladder.IC && !noRep && !icTitle {
				w *= icDamp
			}
			e.score[l] += w
		}
	}
	if noRep {
		// Saying so is itself a mark of the IC track, when the rest fits.
		e.score[ladder.IC] += noReportsBonus
	}
	// Scope that sets the rung on its own lifts it above every rung below,
	// whatever else the description holds: a manager of PMs still talks
	// about strategy and roadmaps.
	defined := map[string]bool{}
	for _, cm := range e.clauses {
		for _, i := range cm.signals {
			if signals[i].defines && !noRep {
				defined[signals[i].level] = true
			}
		}
	}
	for _, id := range []string{ladder.Director, ladder.VP} {
		if !defined[id] || !article {
			continue
		}
		l, _ := ladder.ByID(id)
		floor := 0.0
		for _, o := range ladder.Levels() {
			if o.Rung < l.Rung {
				floor = max(floor, e.score[o.ID])
			}
		}
		e.score[id] = max(e.score[id], floor+definedLift)
	}
	if !article && reviewedBy.MatchString(norm) {
		// Work a lead or a senior colleague reviews is no manager's.
		for _, id := range a.model.Managing() {
			e.score[id] *= reviewedDamp
		}
	}
	if id := a.statedLevel(norm); id != "" {
		e.score[id] += statedBonus
	}
	if id, ok := experienceLevel(norm); ok && article {
		e.score[id] += experienceBonus
	}
	return e
}

// lookBack is how much of the text before a match, and after it, the checks
// of one match read: enough for a subject, a negation or a scope, and a
// bound that keeps each match's cost constant.
const lookBack = 200

// found reports whether the signal's match at norm offset at (inside the
// clause or, for the first clause of a sentence, anywhere before it) is not
// negated and, unless it is about others, has the person as its subject.
func (a *Assessor) found(sg signal, norm string, sent, clause span, at int) bool {
	from := max(clause.start, sent.start)
	if at < from {
		from = sent.start
	}
	if sg.unless != nil && sg.unless.MatchString(norm[at:min(sent.end, at+lookBack)]) {
		return false
	}
	before := window(norm[from:at], lookBack)
	if !sg.negates && negation.MatchString(tail(before, 60)) {
		return false
	}
	return sg.others || !byOthers(before)
}

// window is the end of s, at most n bytes, starting at a word.
func window(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[len(s)-n:]
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return ""
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}

// byOthers is true when the words before a match name someone else as the
// one doing it ("my manager owns the roadmap") and the person does not come
// back as the subject after them.
func byOthers(before string) bool {
	locs := others.FindAllStringIndex(before, -1)
	if len(locs) == 0 {
		return false
	}
	last := locs[len(locs)-1]
	if afterPreposition.MatchString(before[:last[0]]) {
		return false // "with the CEO", "to my manager": not the one doing it
	}
	return !iSubject.MatchString(before[last[1]:])
}

var (
	iSubject         = lazyre.New(`\b(?:i|i'm|i've|i'd|we|me)\b`)
	afterPreposition = lazyre.New(`\b(?:with|to|for|from|alongside|by|of|at|on|under|beside|than|like|as)\s*$`)
)

// aboutWork is false for a description with nothing of a PM's work in it:
// no signal, no clause that matches an article line, and few of the
// article's words. A title alone ("I'm a Senior PM") is not a description
// of work either.
func (a *Assessor) aboutWork(e estimate) bool {
	signals := a.signals()
	signalWeight := 0.0
	matched := 0
	for _, cm := range e.clauses {
		for _, i := range cm.signals {
			signalWeight += signals[i].weight
		}
		c := e.text.norm[cm.sp.start:cm.sp.end]
		if a.statedLevel(c) != "" && contentWords(c) <= 3 {
			continue
		}
		for _, b := range cm.best {
			if b.sim >= voteFloor {
				matched++
				break
			}
		}
	}
	known := 0
	for _, t := range terms(e.text.norm) {
		if a.vocab[t] {
			known++
		}
	}
	switch {
	case signalWeight >= workSignals, signalWeight >= workSignalsKnown && known >= 2:
		return true
	case known < 3:
		return false
	}
	if !a.model.IsArticle() && matched >= 1 && known >= 8 && 10*known >= 7*len(terms(e.text.norm)) {
		// A ladder file has no signals: one clause on a line of it, in a
		// text mostly of its words, is a description of the work.
		return true
	}
	return matched >= 2 || signalWeight >= workSignalsMatch && matched >= 1
}

// result assembles the level, evidence, gaps and next rung for level id
// ("" for no level).
func (a *Assessor) result(e estimate, id, title string, tl ladder.Level, tKnown, tGeneric bool) Result {
	r := Result{Evidence: []Evidence{}, Gaps: []Gap{}, Citations: []sections.Citation{}}
	if id == "" {
		r.Summary = notWorkSummary
		r.Markdown = markdown(r, a, title, tl, tKnown, tGeneric)
		return r
	}
	l, _ := a.model.ByID(id)
	r.Level = &LevelRef{ID: l.ID, Name: l.Name}
	if n, ok := a.model.Next(id); ok {
		r.Next = &LevelRef{ID: n.ID, Name: n.Name}
	}
	r.Evidence = a.evidence(e, id)
	r.Gaps = a.gaps(e, id, r.Evidence)
	r.Citations = a.citations(r.Evidence, r.Gaps)
	r.Summary = a.summary(r, title, tl, tKnown, tGeneric)
	return r
}

// citations lists the sections the evidence and the gaps quote, in order of
// first use, with the quoted lines as items.
func (a *Assessor) citations(evidence []Evidence, gaps []Gap) []sections.Citation {
	var order []string
	quoted := map[string][]string{}
	add := func(id, line string) {
		if _, seen := quoted[id]; !seen {
			order = append(order, id)
		}
		quoted[id] = append(quoted[id], line)
	}
	for _, ev := range evidence {
		add(ev.SectionID, ev.Item)
	}
	for _, g := range gaps {
		add(g.SectionID, g.Item)
	}
	out := []sections.Citation{}
	for _, id := range order {
		if s, ok := a.set.ByID(id); ok {
			out = append(out, s.Cite(sections.ItemsQuoting(s.Text, quoted[id])))
		}
	}
	return out
}

// evidence pairs clauses with the level's lines they match, strongest first.
func (a *Assessor) evidence(e estimate, id string) []Evidence {
	type cand struct {
		ev    Evidence
		item  int
		score float64
	}
	var cands []cand
	signals := a.signals()
	l, ok := a.levelIdx[id]
	if !ok {
		return []Evidence{}
	}
	for _, cm := range e.clauses {
		b := cm.best[l]
		if b.sim <= quoteSimFloor {
			continue
		}
		strength := 0.0
		for _, i := range cm.signals {
			if signals[i].level == id {
				strength += signals[i].weight / quoteSignalDiv
			}
		}
		if b.sim < evidenceMin && strength == 0 {
			continue
		}
		// A clause that matches another level's line far better speaks for
		// that level, not this one, unless a signal of this level is in it.
		top := 0.0
		for _, o := range cm.best {
			top = max(top, o.sim)
		}
		if strength == 0 && b.sim < top-quoteGap {
			continue
		}
		it := a.items[b.item]
		cands = append(cands, cand{
			ev:    Evidence{Quote: e.text.quote(cm.sp.start, cm.sp.end), SectionID: it.section, Item: it.line},
			item:  b.item,
			score: b.sim + strength,
		})
	}
	slices.SortStableFunc(cands, func(a, b cand) int { return cmp.Compare(b.score, a.score) })
	out := []Evidence{}
	usedItem, usedQuote := map[int]bool{}, map[string]bool{}
	for _, c := range cands {
		if len(out) == maxEvidence {
			break
		}
		if usedItem[c.item] || usedQuote[c.ev.Quote] {
			continue
		}
		usedItem[c.item], usedQuote[c.ev.Quote] = true, true
		out = append(out, c.ev)
	}
	return out
}

// gaps lists what the next level expects that the description does not
// show, then the skills the article says to develop at level id. On the
// IC track, with no next rung and no skills section, it is what the track
// itself expects that the description does not show.
func (a *Assessor) gaps(e estimate, id string, evidence []Evidence) []Gap {
	out := []Gap{}
	quoted := map[string]bool{}
	for _, ev := range evidence {
		quoted[ev.Item] = true
	}
	expect := id
	if n, ok := a.model.Next(id); ok {
		expect = n.ID
	} else if a.model.Track(id) == "" {
		expect = ""
	}
	gapFacets := []string{ladder.Changes, ladder.Responsibilities}
	if !a.model.IsArticle() {
		gapFacets = a.model.Facets() // every facet of the next level but its skills
	}
	if expect != "" {
		n := 0
		for i, it := range a.items {
			if it.level != expect || it.facet == ladder.Skills || !slices.Contains(gapFacets, it.facet) {
				continue
			}
			if e.cover[i] >= shownMin || n == maxGaps || quoted[it.line] {
				continue
			}
			out = append(out, Gap{Item: it.line, SectionID: it.section})
			n++
		}
	}
	for _, sk := range a.skills[id] {
		p := 0.0
		for _, cm := range e.clauses {
			p = max(p, a.sim(cm.probe, &sk))
		}
		if p >= skillShown {
			continue
		}
		out = append(out, Gap{Item: sk.line, SectionID: sk.section})
	}
	return out
}

// statedLevel is the level a person names as their own in the description
// ("I'm a senior PM"), or "".
func (a *Assessor) statedLevel(norm string) string {
	for _, loc := range statedTitle.FindAllStringIndex(norm, -1) {
		rest := norm[loc[1]:]
		if len(rest) > 60 {
			rest = rest[:60]
		}
		for _, m := range a.model.FindLevels(rest) {
			if m.Pos <= 2 && m.Strong {
				return m.ID
			}
		}
	}
	return ""
}

var (
	reYears   = lazyre.New(`\b(\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\+? (?:years?|yrs?)\b`)
	reProduct = lazyre.New(`\b(?:pm|pms|product|experience|career)\b`)
	wordNums  = map[string]int{"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
		"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20}
)

// experienceLevel is a weak hint from years in product ("a PM for eight
// years"): the article sets no timeline, so it only tips a thin description.
func experienceLevel(norm string) (string, bool) {
	for _, sent := range strings.FieldsFunc(norm, func(r rune) bool { return r == '.' || r == ';' || r == '\n' }) {
		m := reYears.FindStringSubmatch(sent)
		if m == nil || !reProduct.MatchString(sent) || negation.MatchString(sent[:strings.Index(sent, m[0])]) {
			continue
		}
		n, ok := wordNums[m[1]]
		if !ok {
			for _, c := range m[1] {
				n = n*10 + int(c-'0')
			}
		}
		switch {
		case n < 2:
			return ladder.Associate, true
		case n < 5:
			return ladder.Mid, true
		case n < 9:
			return ladder.Senior, true
		default:
			return ladder.Director, true
		}
	}
	return "", false
}

// lookupTitle resolves a stated title. generic is true for a bare "PM" or
// "Product Manager", which the article uses for its first two rungs alike.
func (a *Assessor) lookupTitle(title string) (l ladder.Level, known, generic bool) {
	t := strings.TrimSpace(title)
	if t == "" {
		return ladder.Level{}, false, false
	}
	l, known = a.model.Lookup(t)
	if known {
		ms := a.model.FindLevels(t)
		generic = len(ms) > 0
		for _, m := range ms {
			if m.Strong {
				generic = false
			}
		}
	}
	return l, known, generic
}

// signals are the article's signals on its own ladder, none on a ladder
// file's: they name the article's levels.
func (a *Assessor) signals() []signal {
	if a.model.IsArticle() {
		return signals
	}
	return nil
}
