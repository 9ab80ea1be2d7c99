package plan

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ladder/coach/internal/errs"
	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/sections"
)

// WeeksPerPhase is the usual length of a phase; a plan has fewer, longer
// phases when it has few stages, and never more phases than weeks.
const WeeksPerPhase = 4

// stage is one part of the route: a title, its actions, and the article's
// statements (what changes at the level it builds toward) that its phase's
// milestone points at.
type stage struct {
	title string
	items []Item
	aims  []ref
	// aimOf says what the aims describe: "what changes at Senior PM".
	aimOf string
}

// ref is one line of the article and its section.
type ref struct {
	line, id string
}

// Offline builds the plan for req from the article's sections, without an
// LLM: every item's source is one of the article's lines, verbatim, and its
// action the coach's template. The same request always gives the same plan.
// Bad requests get an *errs.Error with code Invalid.
func Offline(set *sections.Set, req Request) (Plan, error) {
	if err := req.Validate(); err != nil {
		return Plan{}, err
	}
	from, to, err := route(req)
	if err != nil {
		return Plan{}, err
	}
	if err := checkFloor(set, from, to, req.Weeks); err != nil {
		return Plan{}, err
	}
	stages, err := stagesFor(set, from, to)
	if err != nil {
		return Plan{}, err
	}
	evidence, err := evidenceFor(set, to)
	if err != nil {
		return Plan{}, err
	}
	clauses := contextClauses(set, req.Context)
	o, hasOutside := outsideSkill(set, stages, from, to, clauses)
	if hasOutside {
		stages = withOutside(stages, o)
	}
	phases := spread(stages, req.Weeks)
	p := Plan{
		Current:      from.position(),
		Target:       to.position(),
		Weeks:        req.Weeks,
		TimelineNote: timelineNote(set, from, to, req.Weeks),
		Phases:       phases,
		Mode:         ModeOffline,
	}
	p.Tailoring, p.contextSkills = tailor(set, p.Phases, clauses, from.level.ID, o.item)
	dealt := spreadEvidence(p.Phases, evidence)
	checkins(p.Phases, to.position().Name)
	var lead []ref
	if p.TimelineNote != "" {
		tl, _ := readTimeline(set)
		lead = append(lead, ref{tl.sentence, timelineID})
	}
	p.Citations = citations(set, quotes(lead, p.Phases, dealt))
	p.Markdown = Markdown(p, req.Context)
	return p, nil
}

// stagesFor lists the route's stages: the skills of each step up, then the
// target's responsibilities; the IC track's responsibilities after the
// climb to it; or, for an adjacent role, a conversation and a piece of work
// close to it, then the skills of the ladder its description draws on.
func stagesFor(set *sections.Set, from, to place) ([]stage, error) {
	c := from.climbRung()
	if to.role != nil {
		return roleStages(set, c, *to.role)
	}
	var out []stage
	top := to.level
	last := to.level.Rung
	if to.isIC() {
		senior, _ := ladder.ByID(ladder.Senior)
		last = senior.Rung
	}
	for r := c + 1; r <= last; r++ {
		next, _ := ladder.ByRung(r)
		st, err := skillStage(set, next, c)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	if to.isIC() && c <= last {
		st, err := skillStage(set, to.level, c)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	resp, err := section(set, top.ID, ladder.Responsibilities)
	if err != nil {
		return nil, err
	}
	reach := rungOf(top) - c
	kind := kindFor(reach)
	st := stage{title: "Take on a first piece of " + possessive(levelWord(top)) + " core responsibilities"}
	if kind == AskFor {
		st.title = "See " + possessive(levelWord(top)) + " core responsibilities at first hand"
	}
	for _, l := range resp.Items() {
		if isStatement(l) {
			continue
		}
		st.items = append(st.items, Item{Text: strings.TrimSpace(l), CitationID: resp.ID, Kind: kind, Action: dutyAction(kind, l, top, len(st.items))})
	}
	st.aims, st.aimOf, err = aimsOf(set, top)
	if err != nil {
		return nil, err
	}
	return append(out, st), nil
}

// rungOf is the rung a level's work sits at: the IC track works at the
// influence of a Director (the article: "IC PMs often operate at the same
// level of influence as a Group PM or Director").
func rungOf(l ladder.Level) int {
	if l.ID == ladder.IC {
		d, _ := ladder.ByID(ladder.Director)
		return d.Rung
	}
	return l.Rung
}

// skillStage is the step up to level: the skills section of the level below,
// each skill an action for a mentee at rung c.
func skillStage(set *sections.Set, level ladder.Level, c int) (stage, error) {
	below, _ := ladder.Below(level.ID)
	s, err := section(set, below.ID, ladder.Skills)
	if err != nil {
		return stage{}, err
	}
	title := "Build the skills to become " + withArticle(level.Name)
	if level.ID == ladder.IC {
		title = "Build the skills to grow beyond Senior PM"
	}
	kind := kindFor(below.Rung - c)
	st := stage{title: title}
	for i, k := range s.Skills() {
		st.items = append(st.items, Item{Text: strings.TrimSpace(k.Line), CitationID: s.ID, Skill: k.Name, Kind: kind, Action: skillAction(kind, k, below, i)})
	}
	st.aims, st.aimOf, err = aimsOf(set, level)
	return st, err
}

// aimsOf are the lines that say what changes at level, for milestones.
func aimsOf(set *sections.Set, level ladder.Level) ([]ref, string, error) {
	s, err := section(set, level.ID, ladder.Changes)
	if err != nil {
		return nil, "", err
	}
	var out []ref
	for _, l := range s.Items() {
		out = append(out, ref{strings.TrimSpace(l), s.ID})
	}
	of := "what changes at " + level.Name
	if level.ID == ladder.IC {
		of = "what sets the IC track apart"
	}
	return out, of, nil
}

// maxRoleSkills bounds the ladder's skills a move to an adjacent role draws on.
const maxRoleSkills = 6

// roleStages explores a move to an adjacent role from rung c: a
// conversation and a piece of work close to it, then the ladder's skills its
// description names (matched on the article's own words).
func roleStages(set *sections.Set, c int, role ladder.Role) ([]stage, error) {
	rs, err := section(set, sections.Adjacent, role.ID)
	if err != nil {
		return nil, err
	}
	line := strings.TrimSpace(rs.Text)
	ask, stretch := roleActions(role)
	var aims []ref
	for _, s := range sentences(strings.TrimSpace(strings.TrimPrefix(line, role.Name+":"))) {
		aims = append(aims, ref{s, rs.ID})
	}
	explore := stage{
		title: "Explore the move to " + role.Name,
		items: []Item{
			{Text: line, CitationID: rs.ID, Kind: AskFor, Action: ask},
			{Text: line, CitationID: rs.ID, Kind: Stretch, Action: stretch},
		},
		aims: aims, aimOf: "what the article says of " + role.Name,
	}
	build := stage{title: "Build the skills " + role.Name + " draws on", aims: aims, aimOf: explore.aimOf}
	for i, m := range skillsLike(set, line, maxRoleSkills) {
		kind := kindFor(m.level.Rung - c)
		build.items = append(build.items, Item{Text: strings.TrimSpace(m.skill.Line), CitationID: m.id, Skill: m.skill.Name, Kind: kind, Action: skillAction(kind, m.skill, m.level, i)})
	}
	return []stage{explore, build}, nil
}

// evidenceFor lists what to collect: the lines of the target's success
// section, or the sentences of an adjacent role's description.
func evidenceFor(set *sections.Set, to place) ([]ref, error) {
	if to.role != nil {
		s, err := section(set, sections.Adjacent, to.role.ID)
		if err != nil {
			return nil, err
		}
		var out []ref
		for _, x := range sentences(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s.Text), to.role.Name+":"))) {
			out = append(out, ref{x, s.ID})
		}
		return out, nil
	}
	s, err := section(set, to.level.ID, ladder.Success)
	if err != nil {
		return nil, err
	}
	var out []ref
	for _, l := range s.Items() {
		if t := strings.TrimSpace(l); t != "" {
			out = append(out, ref{t, s.ID})
		}
	}
	return out, nil
}

func section(set *sections.Set, level, facet string) (sections.Section, error) {
	s, ok := set.Of(level, facet)
	if !ok {
		return s, errs.New(errs.Internal, "plan: the article has no section %q", sections.ID(level, facet))
	}
	return s, nil
}

// MaxPhases bounds a plan's phases: a long plan gets longer phases, not a
// list of two dozen.
const MaxPhases = 6

// phaseCount is how many phases a plan of n items gets over weeks: about
// one every WeeksPerPhase weeks, at most MaxPhases, one an item and one a week.
func phaseCount(items, weeks int) int {
	n := (weeks + WeeksPerPhase - 1) / WeeksPerPhase
	return max(1, min(n, MaxPhases, items, weeks))
}

// spread cuts the weeks into phases and deals the stages' items out to them
// in order, as evenly as can be (sizes differ by one at most): every week is
// in exactly one phase, and phases differ in length by a week at most (the
// longer ones first). A phase's title names the stages its items come from,
// and its milestone points at what changes at the level the last of them
// builds toward.
func spread(stages []stage, weeks int) []Phase {
	type placed struct {
		it    Item
		stage int
	}
	var all []placed
	for i, st := range stages {
		for _, it := range st.items {
			all = append(all, placed{it, i})
		}
	}
	n := phaseCount(len(all), weeks)
	phases := make([]Phase, 0, n)
	week := 1
	used := map[string]int{} // aims' section -> aims used, so milestones differ
	for i := range n {
		length := weeks / n
		if i < weeks%n {
			length++
		}
		lo, hi := i*len(all)/n, (i+1)*len(all)/n
		var titles []string
		its := []Item{}
		count := map[int]int{}
		last := 0 // the stage with most items in the phase, the earlier on ties
		for _, pl := range all[lo:hi] {
			if count[pl.stage] == 0 {
				titles = append(titles, stages[pl.stage].title)
			}
			count[pl.stage]++
			if count[pl.stage] > count[last] {
				last = pl.stage
			}
			its = append(its, pl.it)
		}
		end := week + length - 1
		ph := Phase{
			Title: joinTitles(titles),
			Weeks: strconv.Itoa(week) + "-" + strconv.Itoa(end),
			Items: its,
		}
		if st := stages[last]; len(st.aims) > 0 {
			key := st.aims[0].id
			a := st.aims[used[key]%len(st.aims)]
			used[key]++
			ph.Milestone = fmt.Sprintf("By the end of week %d: you have taken this phase's actions and can show your mentor how they move you toward %s: “%s” (%s).",
				end, st.aimOf, a.line, a.id)
			ph.milestone = a
		}
		phases = append(phases, ph)
		week += length
	}
	return phases
}

// joinTitles joins stage titles: "A", "A, then b", "A, b, then c".
func joinTitles(ts []string) string {
	if len(ts) == 1 {
		return ts[0]
	}
	for i := 1; i < len(ts); i++ {
		ts[i] = lowerFirst(ts[i])
	}
	return strings.Join(ts[:len(ts)-1], ", ") + ", then " + ts[len(ts)-1]
}

// quotes lists what a plan quotes, in order of first use: lead (the
// timeline note's sentence), then each phase's milestone and items, the
// evidence after them.
func quotes(lead []ref, phases []Phase, evidence []ref) []ref {
	out := slices.Clone(lead)
	for _, ph := range phases {
		out = append(out, ph.milestone)
		for _, it := range ph.Items {
			out = append(out, ref{it.Text, it.CitationID})
		}
		out = append(out, evidence...)
	}
	return out
}

// citations lists the sections the quotes come from, in order of first
// use, each with the lines they quote as its items.
func citations(set *sections.Set, quoted []ref) []Citation {
	var order []string
	lines := map[string][]string{}
	for _, q := range quoted {
		if q.id == "" {
			continue
		}
		if _, seen := lines[q.id]; !seen {
			order = append(order, q.id)
		}
		lines[q.id] = append(lines[q.id], q.line)
	}
	out := []Citation{}
	for _, id := range order {
		if s, ok := set.ByID(id); ok {
			out = append(out, s.Cite(sections.ItemsQuoting(s.Text, lines[id])))
		}
	}
	return out
}

// withArticle puts "a" or "an" before a level name: "an Associate PM".
func withArticle(name string) string {
	if name != "" && strings.ContainsRune("AEIOU", rune(name[0])) {
		return "an " + name
	}
	return "a " + name
}

// possessive is "a Senior PM's".
func possessive(name string) string {
	return fmt.Sprintf("%s's", withArticle(name))
}
