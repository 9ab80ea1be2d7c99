package plan

import (
	"strings"

	"github.com/ladder/coach/internal/errs"
	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/sections"
)

// OfflineFor builds the plan for req on the ladder m: the article's own
// (Offline), or a ladder file's. On a file the route is read from the model
// alone: the plan climbs every level between current and target on the
// target's track (a side track is entered where it branches off), each step
// drawing on the growth facet's skills of the level below it; then come the
// target's duties, and its evidence of success. Which of the file's facets
// holds duties, success and scope is read from their headings (see
// facetLike), with the file's order as the fallback.
func OfflineFor(set *sections.Set, m *ladder.Model, req Request) (Plan, error) {
	if m == nil || m.IsArticle() {
		return Offline(set, req)
	}
	known := strings.Join(m.Names(), ", ")
	if strings.TrimSpace(req.Current) == "" || strings.TrimSpace(req.Target) == "" {
		return Plan{}, errs.New(errs.Invalid, "current and target must name levels of the ladder: %s", known)
	}
	if err := req.Validate(); err != nil {
		return Plan{}, err
	}
	from, ok := m.Lookup(req.Current)
	if !ok {
		return Plan{}, errs.New(errs.Invalid, "unknown current level %q; the levels are: %s", strings.TrimSpace(req.Current), known)
	}
	var (
		stages   []stage
		evidence []ref
		target   Position
	)
	if role, ok := fileRole(m, req.Target); ok {
		target = Position{ID: role.ID, Name: role.Name}
		var err error
		stages, evidence, err = fileRoleStages(set, m, from, role)
		if err != nil {
			return Plan{}, err
		}
	} else {
		to, ok := m.Lookup(req.Target)
		if !ok {
			return Plan{}, errs.New(errs.Invalid, "unknown target %q; the levels are: %s%s", strings.TrimSpace(req.Target), known, roleList(m))
		}
		path, err := climb(m, from, to)
		if err != nil {
			return Plan{}, err
		}
		target = Position{ID: to.ID, Name: to.Name}
		stages = fileStages(set, m, from, path)
		evidence = linesOf(set, to.ID, facetLike(m, successWords, -1))
	}
	if len(stages) == 0 || countItems(stages) == 0 {
		return Plan{}, errs.New(errs.Invalid, "the ladder has nothing to plan on between %s and %s: no skills or duties under those levels", from.Name, target.Name)
	}
	p := Plan{
		Current: Position{ID: from.ID, Name: from.Name},
		Target:  target,
		Weeks:   req.Weeks,
		Phases:  spread(stages, req.Weeks),
		Mode:    ModeOffline,
	}
	p.Tailoring, p.contextSkills = tailor(set, p.Phases, contextClauses(set, req.Context), from.ID, Item{})
	dealt := spreadEvidence(p.Phases, evidence)
	checkins(p.Phases, target.Name)
	p.Citations = citations(set, quotes(nil, p.Phases, dealt))
	p.Markdown = strings.Replace(Markdown(p, req.Context), "the PM career ladder article", "the ladder “"+m.Title()+"”", 1)
	return p, nil
}

// climb lists the levels from just above from up to to: down from to by
// Below until from. A target on a side track that from's climb does not
// reach (from sits at or above where the track branches off) is entered at
// the track's first level.
func climb(m *ladder.Model, from, to ladder.Level) ([]ladder.Level, error) {
	var chain []ladder.Level
	side := m.Track(to.ID)
	var sideOnly []ladder.Level
	for l, ok := to, true; ok; l, ok = m.Below(l.ID) {
		if l.ID == from.ID {
			for i, j := 0, len(chain)-1; i < j; i, j = i+1, j-1 {
				chain[i], chain[j] = chain[j], chain[i]
			}
			if len(chain) == 0 {
				break
			}
			return chain, nil
		}
		chain = append(chain, l)
		if side != "" && m.Track(l.ID) == side {
			sideOnly = append([]ladder.Level{l}, sideOnly...)
		}
		if len(chain) > len(m.Levels()) {
			break
		}
	}
	if side != "" && m.Track(from.ID) != side && len(sideOnly) > 0 {
		return sideOnly, nil
	}
	if from.ID == to.ID {
		return nil, errs.New(errs.Invalid, "the target is the current level, %s: a growth plan climbs at least one level", to.Name)
	}
	hint := ""
	if n, ok := m.Next(from.ID); ok {
		hint = ", such as " + n.Name
	}
	return nil, errs.New(errs.Invalid, "the target %s is not above the current level %s on the ladder: a growth plan climbs up, so pick a level above it%s, or an adjacent role", to.Name, from.Name, hint)
}

// fileStages are one stage a step up (the growth skills of the level below
// it, or the step's own duties when that level lists none), then the
// target's duties.
func fileStages(set *sections.Set, m *ladder.Model, from ladder.Level, path []ladder.Level) []stage {
	var out []stage
	dutyFacet := facetLike(m, dutyWords, 0)
	for i, l := range path {
		prev := from
		if b, ok := m.Below(l.ID); ok {
			prev = b // the level whose growth skills lead up to l
		}
		st := stage{title: "Build the skills to become " + withArticle(l.Name)}
		st.aims, st.aimOf = aimsFor(set, m, l)
		kind := kindFor(i)
		if s, ok := set.Of(prev.ID, ladder.Skills); ok && len(s.Skills()) > 0 {
			for j, k := range s.Skills() {
				st.items = append(st.items, Item{Text: strings.TrimSpace(k.Line), CitationID: s.ID, Skill: k.Name, Kind: kind, Action: skillAction(kind, k, prev, j)})
			}
		} else if s, ok := set.Of(prev.ID, ladder.Skills); ok {
			for j, line := range s.Items() {
				st.items = append(st.items, Item{Text: strings.TrimSpace(line), CitationID: s.ID, Kind: kind, Action: dutyAction(kind, line, l, j)})
			}
		}
		if len(st.items) > 0 {
			out = append(out, st)
		}
	}
	top := path[len(path)-1]
	if s, ok := set.Of(top.ID, dutyFacet); ok {
		kind := kindFor(len(path))
		st := stage{title: "Take on a first piece of " + possessive(top.Name) + " work"}
		if kind == AskFor {
			st.title = "See " + possessive(top.Name) + " work at first hand"
		}
		st.aims, st.aimOf = aimsFor(set, m, top)
		for _, line := range s.Items() {
			if isStatement(line) {
				continue
			}
			st.items = append(st.items, Item{Text: strings.TrimSpace(line), CitationID: s.ID, Kind: kind, Action: dutyAction(kind, line, top, len(st.items))})
		}
		if len(st.items) > 0 {
			out = append(out, st)
		}
	}
	return out
}

// fileRoleStages explore a move to an adjacent role: a conversation and a
// piece of work close to it, then the current level's growth skills.
func fileRoleStages(set *sections.Set, m *ladder.Model, from ladder.Level, role ladder.Role) ([]stage, []ref, error) {
	rs, ok := set.Of(sections.Adjacent, role.ID)
	if !ok {
		return nil, nil, errs.New(errs.Internal, "plan: the ladder has no section for the role %q", role.Name)
	}
	var aims []ref
	for _, l := range rs.Items() {
		aims = append(aims, ref{strings.TrimSpace(l), rs.ID})
	}
	first := strings.TrimSpace(rs.Text)
	if len(aims) > 0 {
		first = aims[0].line
	}
	ask, stretch := roleActions(role)
	ask = strings.ReplaceAll(ask, "the article's", "the ladder's")
	stretch = strings.ReplaceAll(stretch, "the article's", "the ladder's")
	explore := stage{title: "Explore the move to " + role.Name, aims: aims, aimOf: "what the ladder says of " + role.Name,
		items: []Item{{Text: first, CitationID: rs.ID, Kind: AskFor, Action: ask}, {Text: first, CitationID: rs.ID, Kind: Stretch, Action: stretch}}}
	out := []stage{explore}
	if s, ok := set.Of(from.ID, ladder.Skills); ok && len(s.Skills()) > 0 {
		build := stage{title: "Keep building the skills of your level", aims: aims, aimOf: explore.aimOf}
		for i, k := range s.Skills() {
			build.items = append(build.items, Item{Text: strings.TrimSpace(k.Line), CitationID: s.ID, Skill: k.Name, Kind: Practise, Action: skillAction(Practise, k, from, i)})
		}
		out = append(out, build)
	}
	return out, aims, nil
}

// fileRole is the adjacent role a target names, if any and no level.
func fileRole(m *ladder.Model, target string) (ladder.Role, bool) {
	if r, ok := m.LookupRole(target); ok {
		return r, true
	}
	if rs := m.FindRoles(target); len(rs) == 1 && len(m.FindLevels(target)) == 0 {
		return rs[0], true
	}
	return ladder.Role{}, false
}

func roleList(m *ladder.Model) string {
	rs := m.Roles()
	if len(rs) == 0 {
		return ""
	}
	names := make([]string, len(rs))
	for i, r := range rs {
		names[i] = r.Name
	}
	return "; and the adjacent roles " + strings.Join(names, ", ")
}

// Words in a facet's heading that say what it holds.
var (
	dutyWords    = []string{"responsibilit", "what you do", "duties", "activities", "day to day", "day-to-day", "expectations", "what you own", "do"}
	successWords = []string{"success", "good looks like", "great looks like", "outcomes", "evidence", "signals", "impact", "achievements"}
	scopeWords   = []string{"scope", "changes", "different", "overview", "summary", "about", "role"}
)

// facetLike is the first of m's facets (but the growth one) whose name has
// one of words; else the one at index fallback of those facets (-1: the
// last).
func facetLike(m *ladder.Model, words []string, fallback int) string {
	var fs []ladder.FacetInfo
	for _, f := range m.FacetInfos() {
		if f.ID != ladder.Skills {
			fs = append(fs, f)
		}
	}
	if len(fs) == 0 {
		return ladder.Overview
	}
	for _, w := range words {
		for _, f := range fs {
			name := " " + strings.ToLower(f.Name) + " "
			if strings.Contains(name, w) && (len(w) > 2 || strings.Contains(name, " "+w+" ")) {
				return f.ID
			}
		}
	}
	if fallback < 0 || fallback >= len(fs) {
		return fs[len(fs)-1].ID
	}
	return fs[fallback].ID
}

// aimsFor are the lines that say what a level is, for milestones: its scope
// facet, else its overview.
func aimsFor(set *sections.Set, m *ladder.Model, l ladder.Level) ([]ref, string) {
	for _, f := range []string{facetLike(m, scopeWords, 0), ladder.Overview} {
		if rs := linesOf(set, l.ID, f); len(rs) > 0 {
			return rs, "what is expected of " + withArticle(l.Name)
		}
	}
	return nil, ""
}

// linesOf are the items of a level's facet section, as refs.
func linesOf(set *sections.Set, level, facet string) []ref {
	s, ok := set.Of(level, facet)
	if !ok {
		return nil
	}
	var out []ref
	for _, l := range s.Items() {
		if t := strings.TrimSpace(l); t != "" {
			out = append(out, ref{t, s.ID})
		}
	}
	return out
}

func countItems(stages []stage) int {
	n := 0
	for _, s := range stages {
		n += len(s.items)
	}
	return n
}
