package plan

import (
	"strconv"
	"strings"

	"github.com/ladder/coach/internal/errs"
	"github.com/ladder/coach/internal/ladder"
)

// place is a resolved current or target: a ladder level (the IC track
// included) or an adjacent role.
type place struct {
	level ladder.Level
	role  *ladder.Role
}

func (p place) position() Position {
	if p.role != nil {
		return Position{ID: p.role.ID, Name: p.role.Name}
	}
	return Position{ID: p.level.ID, Name: p.level.Name}
}

func (p place) isIC() bool { return p.role == nil && p.level.ID == ladder.IC }

// climbRung is the management rung a place climbs from. The IC track sits
// above Senior PM: ladder.Below puts Senior PM under it, and the article says
// IC PMs work at the influence of a Group PM or Director.
func (p place) climbRung() int {
	if p.isIC() {
		s, _ := ladder.ByID(ladder.Senior)
		return s.Rung
	}
	return p.level.Rung
}

// resolve finds the level or role a title names. An exact role name wins,
// then any level title or alias, then a phrase naming one role and no level
// ("Innovation PM": the bare "PM" is not a level there).
func resolve(title string) (place, bool) {
	// A level's id, as GET /api/ladder serves it ("mid", "vp").
	if l, ok := ladder.ByID(strings.ToLower(strings.TrimSpace(title))); ok {
		return place{level: l}, true
	}
	if r, ok := ladder.LookupRole(title); ok {
		return place{role: &r}, true
	}
	rs := ladder.FindRoles(title)
	if len(rs) == 1 && !strongLevelMention(title) {
		return place{role: &rs[0]}, true
	}
	// A bare "PM" names the mid-level rung only on its own: "Wizard PM" is
	// no level.
	if l, ok := ladder.Lookup(title); ok && (strongLevelMention(title) || onlyJobWords(title)) {
		return place{level: l}, true
	}
	// A bare title word a form might hold: "Staff", "Principal", "Lead".
	if w := strings.Fields(title); len(w) == 1 {
		if l, ok := ladder.Lookup(w[0] + " PM"); ok && strongLevelMention(w[0]+" PM") {
			return place{level: l}, true
		}
	}
	return place{}, false
}

// onlyJobWords is true for "PM", "a product manager": nothing but the job's
// generic words.
func onlyJobWords(title string) bool {
	for _, w := range strings.Fields(strings.ToLower(strings.ReplaceAll(title, ".", ""))) {
		switch w {
		case "a", "an", "the", "pm", "pms", "product", "manager", "managers", "role", "level":
		default:
			return false
		}
	}
	return true
}

// strongLevelMention is true when text names a level by more than a bare
// "PM" or "product manager".
func strongLevelMention(text string) bool {
	for _, m := range ladder.FindLevels(text) {
		if m.Strong {
			return true
		}
	}
	return false
}

// knownLevels lists the levels for messages: "Associate PM, Mid-level PM,
// Senior PM, Director of Product, VP of Product/CPO, IC track (Principal/Staff PM)".
func knownLevels() string {
	return strings.Join(ladder.Names(), ", ")
}

// knownRoles lists the adjacent roles for messages.
func knownRoles() string {
	rs := ladder.Roles()
	names := make([]string, len(rs))
	for i, r := range rs {
		names[i] = r.Name
	}
	return "the adjacent roles " + strings.Join(names, ", ")
}

// route resolves a request's current and target and checks that the target
// is a step up or aside. Errors are *errs.Error with code Invalid.
func route(req Request) (from, to place, err error) {
	from, ok := resolve(req.Current)
	if !ok {
		return from, to, errs.New(errs.Invalid, "unknown current level %q; the levels the coach knows are: %s", strings.TrimSpace(req.Current), knownLevels())
	}
	if from.role != nil {
		return from, to, errs.New(errs.Invalid, "current must be a level on the PM ladder or the IC track, and %q is an adjacent role (%s); the levels are: %s",
			strings.TrimSpace(req.Current), from.role.Name, knownLevels())
	}
	to, ok = resolve(req.Target)
	if !ok {
		return from, to, errs.New(errs.Invalid, "unknown target %q; the coach knows the levels %s, and %s", strings.TrimSpace(req.Target), knownLevels(), knownRoles())
	}
	if to.role != nil {
		return from, to, nil // an adjacent role is a move aside, open from any level
	}
	switch {
	case from.isIC() && to.isIC():
		return from, to, errs.New(errs.Invalid, "the target is the current track, %s; pick a management level above Senior PM (Director of Product, VP of Product/CPO) or an adjacent role", from.level.Name)
	case to.isIC():
		return from, to, nil // the IC track is open from any rung
	case from.climbRung() >= to.level.Rung:
		return from, to, errs.New(errs.Invalid, "%s", notAbove(from, to))
	}
	return from, to, nil
}

// notAbove explains why a target at or below the current level has no plan.
func notAbove(from, to place) string {
	var b strings.Builder
	switch {
	case from.isIC():
		b.WriteString("the target " + to.level.Name + " is not above the IC track: IC PMs already work at or beyond " +
			"a Senior PM's scope, and a growth plan climbs up, so")
	case from.level.ID == to.level.ID:
		b.WriteString("the target is the current level, " + to.level.Name + ": a growth plan climbs at least one rung, so")
	default:
		b.WriteString("the target " + to.level.Name + " (level " + strconv.Itoa(to.level.Rung) + ") is below the current level " +
			from.level.Name + " (level " + strconv.Itoa(from.level.Rung) + ") on the same ladder: a growth plan climbs up, so")
	}
	if next, ok := ladder.ByRung(from.climbRung() + 1); ok {
		if from.isIC() {
			b.WriteString(" pick " + next.Name + " or above,")
		} else {
			b.WriteString(" pick a target above " + from.level.Name + ", such as " + next.Name + ",")
		}
		if !from.isIC() {
			b.WriteString(" the IC track (Principal/Staff PM),")
		}
		b.WriteString(" or an adjacent role")
	} else {
		b.WriteString(" pick the IC track (Principal/Staff PM) or an adjacent role: " + from.level.Name + " is the top rung")
	}
	return b.String()
}
