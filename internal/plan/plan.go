// Package plan writes growth plans for mentors: from a mentee's current level
// to a target (a higher rung, the IC track or an adjacent role) over a number
// of weeks, every item quoting the article and citing its section.
//
// The plan climbs every rung in between. Each step up to a level draws on the
// skills section of the level below it (the article lists there the skills
// that lead up), then come the target's core responsibilities and what
// success looks like there. A context ("fintech, strong at delivery, weak at
// stakeholder work") reorders and marks the items it matches; with an LLM the
// wording is tailored too, but every item keeps its citation.
//
// It knows the ladder model and the article's sections; it knows nothing
// about HTTP, flags or pages, which carry plans in and out.
package plan

import (
	"strings"
	"unicode/utf8"

	"github.com/ladder/coach/internal/errs"
	"github.com/ladder/coach/internal/sections"
)

// Limits on a plan request.
const (
	MinWeeks        = 1
	MaxWeeks        = 104
	MaxContextChars = 1000
	// MaxTitleChars bounds current and target: no title is longer.
	MaxTitleChars = 200
)

// Modes of a plan.
const (
	ModeOffline = "offline"
	ModeLLM     = "llm"
)

// Emphasis marks of an item tailored to the context.
const (
	// Focus marks an item the context says to work on: it comes first in
	// its phase.
	Focus = "focus"
	// Lighter marks an item the context says the mentee is already strong
	// at: it comes last in its phase.
	Lighter = "lighter"
)

// Request asks for a plan.
type Request struct {
	// Current is the mentee's level: any title or alias the coach knows.
	Current string `json:"current"`
	// Target is a higher level, the IC track or an adjacent role.
	Target string `json:"target"`
	// Weeks is the plan's length, MinWeeks to MaxWeeks.
	Weeks int `json:"weeks"`
	// Context is optional free text about the mentee, at most
	// MaxContextChars characters.
	Context string `json:"context,omitempty"`
	// Offline asks for the offline plan even when an LLM is configured: a
	// shared link opens the plan without sending its context to the LLM
	// for whoever opens it.
	Offline bool `json:"offline,omitempty"`
}

// Position is where a plan starts or ends: a ladder level, the IC track or
// an adjacent role.
type Position struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Kinds of action, each with its template wording.
const (
	// Practise is something the mentee does in the work they own today.
	Practise = "practise"
	// Stretch is a bounded piece of the next rung's work, agreed with the
	// mentee's manager.
	Stretch = "stretch"
	// AskFor is what the mentee asks for (time with someone who does the
	// work, a chance to shadow it) when the work sits two rungs or more above.
	AskFor = "ask"
)

// Item is one thing to do now, grounded in one line of the article.
type Item struct {
	// Text is the article's line the item comes from, always verbatim.
	Text string `json:"text"`
	// Action is the coach's wording of what to do now, at the mentee's
	// current level: "Practise: …", "Stretch assignment: …" or "Ask for: …".
	// With an LLM and a context it is reworded; it keeps its prefix.
	Action string `json:"action"`
	// Kind is Practise, Stretch or AskFor.
	Kind string `json:"kind"`
	// CitationID is the id of the section the item comes from; it is
	// always one of the plan's citations.
	CitationID string `json:"citation_id"`
	// Skill is the skill's name as the article writes it, for items from a
	// skills section.
	Skill string `json:"skill,omitempty"`
	// Emphasis is Focus, Lighter or empty, from the context.
	Emphasis string `json:"emphasis,omitempty"`
}

// Phase is a run of weeks and what to work on in them.
type Phase struct {
	Title string `json:"title"`
	// Weeks is the phase's first and last week, "1-4"; "3-3" for one week.
	Weeks string `json:"weeks"`
	// Milestone says what the phase is done by, pointing at what changes at
	// the level it builds toward, with the cited section.
	Milestone string `json:"milestone"`
	Items     []Item `json:"items"`
	// Evidence is what to collect in the phase: lines of the target's
	// success section, each quoted with its section id.
	Evidence []string `json:"evidence"`
	// Checkins are two or three questions for the mentor's check-ins.
	Checkins []string `json:"checkins"`

	milestone ref // the line the milestone quotes, and its section
}

// Citation is a section the plan draws on: its verbatim text and, as Items,
// the lines the plan quotes (items, milestones, evidence, the timeline
// note). Plans carry no score.
type Citation = sections.Citation

// Plan is a growth plan.
type Plan struct {
	Current Position `json:"current"`
	Target  Position `json:"target"`
	Weeks   int      `json:"weeks"`
	// TimelineNote says, when the weeks are far fewer than the article's
	// timeline gives such a climb, that the plan is the first stage of a
	// longer path; empty (and absent from JSON) otherwise.
	TimelineNote string  `json:"timeline_note,omitempty"`
	Phases       []Phase `json:"phases"`
	// Markdown is the whole plan as Markdown: headings, checklists with
	// section references, and the sources.
	Markdown string `json:"markdown"`
	// Citations are the sections the plan quotes (timeline note, milestones,
	// items, evidence), in order of first use.
	Citations []Citation `json:"citations"`
	// Tailoring says how the context changed the plan; empty without one.
	Tailoring string `json:"tailoring,omitempty"`
	// Mode is ModeOffline or ModeLLM.
	Mode string `json:"mode"`
	// Degraded is true when the LLM failed and the offline plan was
	// returned instead.
	Degraded bool `json:"degraded"`

	contextSkills []string
}

// ContextSkills are the plan's skills the context matched: those it says to
// work on first, then those the mentee is strong at, best match first.
func (p Plan) ContextSkills() []string { return p.contextSkills }

// Validate checks the request's bounds (not whether its levels exist); the
// error is an *errs.Error with code Invalid.
func (r Request) Validate() error {
	if strings.TrimSpace(r.Current) == "" {
		return errs.New(errs.Invalid, "current must name the mentee's level, one of: %s", knownLevels())
	}
	if strings.TrimSpace(r.Target) == "" {
		return errs.New(errs.Invalid, "target must name a level, the IC track or an adjacent role: %s; or %s", knownLevels(), knownRoles())
	}
	for _, f := range []struct{ name, v string }{{"current", r.Current}, {"target", r.Target}} {
		if n := utf8.RuneCountInString(f.v); n > MaxTitleChars {
			return errs.New(errs.Invalid, "%s is %d characters long; the limit is %d", f.name, n, MaxTitleChars)
		}
	}
	if r.Weeks < MinWeeks || r.Weeks > MaxWeeks {
		return errs.New(errs.Invalid, "weeks must be a whole number from %d to %d, not %d", MinWeeks, MaxWeeks, r.Weeks)
	}
	if n := utf8.RuneCountInString(r.Context); n > MaxContextChars {
		return errs.New(errs.Invalid, "context is %d characters long; the limit is %d", n, MaxContextChars)
	}
	return nil
}
