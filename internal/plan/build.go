package plan

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ladder/coach/internal/errs"
	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/sections"
)

// WeeksPerPhase is the usual length of a phase; a plan has fewer, longer
// phases when it has few stages, and never more phases than weeks.
const WeeksPerPhase = 4

// stage is one part of the route: a title and the sections whose items it
// holds. Phases are stages spread over the weeks.
type stage struct {
	title string
	ids   []string
}

// Offline builds the plan for req from the article's sections, without an
// LLM: every item is one of the article's lines, verbatim. The same request
// always gives the same plan. Bad requests get an *errs.Error with code
// Invalid.
func Offline(set *sections.Set, req Request) (Plan, error) {
	if err := req.Validate(); err != nil {
		return Plan{}, err
	}
	from, to, err := route(req)
	if err != nil {
		return Plan{}, err
	}
	stages := stagesFor(from, to)
	phases, err := spread(set, stages, req.Weeks)
	if err != nil {
		return Plan{}, err
	}
	p := Plan{
		Current: from.position(),
		Target:  to.position(),
		Weeks:   req.Weeks,
		Phases:  phases,
		Mode:    ModeOffline,
	}
	p.Tailoring = tailor(set, p.Phases, req.Context)
	p.Citations = citations(set, p.Phases)
	p.Markdown = Markdown(p, req.Context)
	return p, nil
}

// stagesFor lists the route's stages: the skills of each step up, then the
// target's responsibilities and success; the IC track's own sections; or an
// adjacent role's part.
func stagesFor(from, to place) []stage {
	if to.role != nil {
		return []stage{
			{title: "Explore the move to " + to.role.Name, ids: []string{sections.Adjacent + "/" + ladder.Overview, sections.Adjacent + "/" + to.role.ID}},
			{title: "Keep perspective on your path", ids: []string{sections.Closing + "/advice"}},
		}
	}
	var out []stage
	if to.isIC() {
		// Climb the rungs up to Senior PM, then step aside: ladder.Below(IC)
		// is Senior PM, so its skills lead onto the track.
		senior, _ := ladder.ByID(ladder.Senior)
		for r := from.climbRung() + 1; r <= senior.Rung; r++ {
			next, _ := ladder.ByRung(r)
			out = append(out, skillStage(next))
		}
		if from.climbRung() <= senior.Rung {
			out = append(out, skillStage(to.level))
		}
		ic := ladder.IC + "/"
		return append(out,
			stage{title: "Understand the IC track", ids: []string{ic + ladder.Overview, ic + ladder.Changes}},
			stage{title: "Take on the IC track's core responsibilities", ids: []string{ic + ladder.Responsibilities}},
			stage{title: "Show what success looks like on the IC track", ids: []string{ic + ladder.Success}},
		)
	}
	for r := from.climbRung() + 1; r <= to.level.Rung; r++ {
		next, _ := ladder.ByRung(r)
		out = append(out, skillStage(next))
	}
	id := to.level.ID + "/"
	return append(out,
		stage{title: "Take on " + possessive(to.level.Name) + " core responsibilities", ids: []string{id + ladder.Responsibilities}},
		stage{title: "Show what success looks like as " + withArticle(to.level.Name), ids: []string{id + ladder.Success}},
	)
}

// skillStage is the step up to level: the skills section of the level below.
func skillStage(level ladder.Level) stage {
	below, _ := ladder.Below(level.ID)
	title := "Build the skills to become " + withArticle(level.Name)
	if level.ID == ladder.IC {
		title = "Build the skills to grow beyond Senior PM"
	}
	return stage{title: title, ids: []string{below.ID + "/" + ladder.Skills}}
}

// items turns a section into plan items: each named skill of a skills
// section (its whole line, the name verbatim), else each line that states
// something on its own.
func items(s sections.Section) []Item {
	if sk := s.Skills(); len(sk) > 0 {
		out := make([]Item, len(sk))
		for i, k := range sk {
			out[i] = Item{Text: strings.TrimSpace(k.Line), CitationID: s.ID, Skill: k.Name}
		}
		return out
	}
	var out []Item
	for _, l := range s.Items() {
		if t := strings.TrimSpace(l); !signOffs[t] {
			out = append(out, Item{Text: t, CitationID: s.ID})
		}
	}
	return out
}

// signOffs are the article's lines that close it rather than say something
// a mentee could act on.
var signOffs = map[string]bool{"Until next week": true}

// phaseCount is how many phases n stages get over weeks: about one every
// WeeksPerPhase weeks, at most one a stage and one a week.
func phaseCount(stages, weeks int) int {
	n := (weeks + WeeksPerPhase - 1) / WeeksPerPhase
	return max(1, min(n, stages, weeks))
}

// spread cuts the weeks into phases and gives each phase a run of stages,
// in order: every week is in exactly one phase, and phases differ in length
// by at most a week (the longer ones first).
func spread(set *sections.Set, stages []stage, weeks int) ([]Phase, error) {
	n := phaseCount(len(stages), weeks)
	phases := make([]Phase, 0, n)
	week := 1
	for i := range n {
		length := weeks / n
		if i < weeks%n {
			length++
		}
		lo, hi := i*len(stages)/n, (i+1)*len(stages)/n
		var titles []string
		its := []Item{}
		for _, st := range stages[lo:hi] {
			titles = append(titles, st.title)
			for _, id := range st.ids {
				s, ok := set.ByID(id)
				if !ok {
					return nil, errs.New(errs.Internal, "plan: the article has no section %q", id)
				}
				its = append(its, items(s)...)
			}
		}
		phases = append(phases, Phase{
			Title: joinTitles(titles),
			Weeks: strconv.Itoa(week) + "-" + strconv.Itoa(week+length-1),
			Items: its,
		})
		week += length
	}
	return phases, nil
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

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// citations lists the sections the phases' items cite, in order of first use.
func citations(set *sections.Set, phases []Phase) []Citation {
	out := []Citation{}
	seen := map[string]bool{}
	for _, ph := range phases {
		for _, it := range ph.Items {
			if seen[it.CitationID] {
				continue
			}
			seen[it.CitationID] = true
			s, _ := set.ByID(it.CitationID)
			out = append(out, Citation{ID: s.ID, Title: s.Title, Level: s.Level, Facet: s.Facet, Text: s.Text})
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
