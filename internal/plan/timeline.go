package plan

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/ladder/coach/internal/errs"
	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/lazyre"
	"github.com/ladder/coach/internal/sections"
)

// timelineID is the article's section on how long growth takes.
const timelineID = sections.Closing + "/timeline"

// FloorWeeksPerRung is the fewest weeks a plan that climbs more than one
// rung may give each rung: one phase of WeeksPerPhase weeks. Fewer weeks
// cannot hold an action, its evidence and a check-in per rung.
const FloorWeeksPerRung = WeeksPerPhase

// weeksPerYear turns the article's years into weeks.
const weeksPerYear = 52

// timeline is what the article says about how long a climb takes.
type timeline struct {
	// sentence is the article's line that gives the years, verbatim.
	sentence string
	// fastest and slowest are the years it names, "in 5 years" to "20+".
	fastest, slowest int
	// rungs is how many rungs those years climb: from the first rung to
	// senior leadership, which the ladder starts at the Director rung.
	rungs int
}

var yearsRe = lazyre.New(`\b(\d{1,2})\+?(?:\s+years)?\b`)

// readTimeline finds the sentence of the timeline section that names years
// and reads the fewest and the most. ok is false when the article says none.
func readTimeline(set *sections.Set) (timeline, bool) {
	s, ok := set.ByID(timelineID)
	if !ok {
		return timeline{}, false
	}
	director, _ := ladder.ByID(ladder.Director)
	for _, l := range s.Lines {
		for _, sen := range sentences(strings.TrimSpace(l)) {
			if tl, ok := yearsOf(sen, director.Rung-1); ok {
				return tl, true
			}
		}
	}
	return timeline{}, false
}

// yearsOf reads the years a sentence names, if it names any.
func yearsOf(l string, rungs int) (timeline, bool) {
	{
		if !strings.Contains(l, "years") {
			return timeline{}, false
		}
		tl := timeline{sentence: l, fastest: math.MaxInt, rungs: rungs}
		for _, m := range yearsRe.FindAllStringSubmatch(l, -1) {
			n, _ := strconv.Atoi(m[1])
			tl.fastest = min(tl.fastest, n)
			tl.slowest = max(tl.slowest, n)
		}
		return tl, tl.slowest > 0
	}
}

// fastestWeeks is how many weeks the article's fastest pace gives n rungs.
func (tl timeline) fastestWeeks(n int) int {
	return int(math.Round(float64(tl.fastest*weeksPerYear*n) / float64(tl.rungs)))
}

// rungsClimbed is how many rungs a plan climbs; 0 for a move to an adjacent
// role, which the article says PMs make "at any point". The IC track counts
// as one rung above Senior PM; from the rung whose influence it works at
// (Director of Product) or above, moving to it is a move aside, 0.
func rungsClimbed(from, to place) int {
	switch {
	case to.role != nil:
		return 0
	case to.isIC():
		senior, _ := ladder.ByID(ladder.Senior)
		return max(0, senior.Rung+1-from.climbRung())
	}
	return to.level.Rung - from.climbRung()
}

// checkFloor rejects weeks below the floor of a multi-rung climb, saying
// why and what would work. The error is an *errs.Error with code Invalid.
func checkFloor(set *sections.Set, from, to place, weeks int) error {
	n := rungsClimbed(from, to)
	floor, tooShort := floorOf(from, to, weeks)
	if !tooShort {
		return nil
	}
	msg := fmt.Sprintf("%s is too short for %s → %s, which climbs %d rungs: a plan that climbs more than one rung needs at least %d weeks a rung (one phase with its actions, evidence and check-ins), so at least %d weeks here",
		plural(weeks, "week"), from.position().Name, to.position().Name, n, FloorWeeksPerRung, floor)
	if tl, ok := readTimeline(set); ok {
		msg += fmt.Sprintf(", and the article says growth takes years: “%s” (%s)", tl.sentence, timelineID)
	}
	msg += fmt.Sprintf(". Ask for %d to %d weeks", floor, MaxWeeks)
	if next, ok := ladder.ByRung(from.climbRung() + 1); ok && from.role == nil {
		msg += ", or aim at the next rung, " + next.Name
	}
	return errs.New(errs.Invalid, "%s.", msg)
}

// timelineNote says, when weeks are fewer than the article's fastest pace
// for the rungs climbed, that the plan is the first stage of a longer path;
// "" otherwise.
func timelineNote(set *sections.Set, from, to place, weeks int) string {
	n := rungsClimbed(from, to)
	tl, ok := readTimeline(set)
	if n == 0 || !ok {
		return ""
	}
	fast := tl.fastestWeeks(n)
	if weeks >= fast {
		return ""
	}
	next, _ := ladder.ByRung(from.climbRung() + 1)
	step := "the promotion to " + to.position().Name
	if n > 1 {
		step = "a promotion: the next step is " + next.Name + ", and " + to.position().Name + " comes later"
	}
	return fmt.Sprintf("A first stage, not the whole climb: the article says there is no fixed timeline, and “%s” (%s). At the fastest of that pace, %s → %s (%s) takes about %s; these %s are the first stage of that longer path. They build the habits and the evidence for the next conversation about growth, not %s.",
		tl.sentence, timelineID, from.position().Name, to.position().Name, plural(n, "rung"), years(fast), plural(weeks, "week"), step)
}

// years says a number of weeks in years, to the half year: "about 3½ years".
func years(weeks int) string {
	halves := int(math.Round(float64(weeks) / weeksPerYear * 2))
	if halves <= 2 {
		return plural(weeks, "week")
	}
	y := strconv.Itoa(halves / 2)
	if halves%2 == 1 {
		y += "½"
	}
	return y + " years"
}

// floorOf is the fewest weeks a plan from from to to may have, and whether
// weeks is below it.
func floorOf(from, to place, weeks int) (int, bool) {
	n := rungsClimbed(from, to)
	if n < 2 {
		return 0, false
	}
	return n * FloorWeeksPerRung, weeks < n*FloorWeeksPerRung
}
