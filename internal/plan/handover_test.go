package plan

import (
	"strings"
	"testing"

	"github.com/ladder/coach/internal/errs"
)

// The plans a mentor hands over: every item an action the mentee can take
// now, each phase a milestone, evidence from the target's success section and
// two or three check-in questions, phases of balanced size.
func TestHandover(t *testing.T) {
	reqs := []Request{
		{Current: "Senior PM", Target: "Director of Product", Weeks: 12},
		{Current: "Mid-level PM", Target: "IC track", Weeks: 12},
		{Current: "Associate PM", Target: "Senior PM", Weeks: 24},
		{Current: "Mid-level PM", Target: "Founder", Weeks: 8},
		{Current: "APM", Target: "CPO", Weeks: 52, Context: "shy in meetings"},
		{Current: "Staff PM", Target: "Director", Weeks: 10},
	}
	for _, req := range reqs {
		t.Run(req.Current+" to "+req.Target, func(t *testing.T) {
			p := mustPlan(t, req)
			success := p.Target.ID + "/success"
			if strings.Contains(p.Target.ID, "-") || p.Target.ID == "founder" || p.Target.ID == "operations" || p.Target.ID == "innovation" {
				success = "adjacent/" + p.Target.ID
			}
			lo, hi := 1<<30, 0
			for _, ph := range p.Phases {
				lo, hi = min(lo, len(ph.Items)), max(hi, len(ph.Items))
				if !strings.HasPrefix(ph.Milestone, "By the end of week ") || !strings.Contains(ph.Milestone, "“") {
					t.Errorf("phase %s milestone %q", ph.Weeks, ph.Milestone)
				}
				if len(ph.Evidence) == 0 {
					t.Errorf("phase %s has no evidence", ph.Weeks)
				}
				for _, e := range ph.Evidence {
					if !strings.HasSuffix(e, "("+success+")") {
						t.Errorf("evidence %q does not cite %s", e, success)
					}
				}
				if n := len(ph.Checkins); n < 2 || n > 3 {
					t.Errorf("phase %s has %d check-ins", ph.Weeks, n)
				}
				for _, q := range ph.Checkins {
					if !strings.HasSuffix(q, "?") {
						t.Errorf("check-in %q is no question", q)
					}
				}
				for _, it := range ph.Items {
					if !strings.HasPrefix(it.Action, prefixOf(it.Kind)) {
						t.Errorf("action %q does not open with %q", it.Action, prefixOf(it.Kind))
					}
					if it.Skill == "" && isStatement(it.Text) && !strings.HasPrefix(it.CitationID, "adjacent/") {
						t.Errorf("a statement became an item: %q", it.Text)
					}
					if it.CitationID == "closing/advice" || it.CitationID == "adjacent/overview" {
						t.Errorf("a closing saying or the adjacent overview became an item: %q", it.Text)
					}
					if s, _ := article.ByID(it.CitationID); !strings.Contains(s.Text, it.Text) {
						t.Errorf("source %q is not verbatim in %s", it.Text, it.CitationID)
					}
				}
			}
			if hi-lo > 1 {
				t.Errorf("phase sizes from %d to %d items: not balanced", lo, hi)
			}
		})
	}
}

// What only the target level can do is a stretch version, never the duty
// itself as a task.
func TestStretchNotTheDuty(t *testing.T) {
	p := mustPlan(t, Request{Current: "Senior PM", Target: "Director of Product", Weeks: 12})
	found := false
	for _, ph := range p.Phases {
		for _, it := range ph.Items {
			if strings.HasPrefix(it.Text, "Manage hiring") {
				found = true
				if it.Kind != Stretch || !strings.Contains(it.Action, "manager") || !strings.Contains(it.Action, "a small version") {
					t.Errorf("manage hiring became %q (%s)", it.Action, it.Kind)
				}
			}
			if it.CitationID == "senior/skills" && it.Kind != Practise {
				t.Errorf("the mentee's own rung's skill %q is %s, want practise", it.Skill, it.Kind)
			}
		}
	}
	if !found {
		t.Error("no item comes from “Manage hiring…”")
	}
	// Two rungs and more above: asked for, not taken on.
	p = mustPlan(t, Request{Current: "Associate PM", Target: "Director of Product", Weeks: 24})
	for _, ph := range p.Phases {
		for _, it := range ph.Items {
			if it.CitationID == "director/responsibilities" && it.Kind != AskFor {
				t.Errorf("%q for an Associate PM is %s, want ask", it.Text, it.Kind)
			}
		}
	}
}

func TestTimeline(t *testing.T) {
	tests := []struct {
		req      Request
		note     bool
		tooShort bool
	}{
		{Request{Current: "Associate PM", Target: "Senior PM", Weeks: 24}, true, false},
		{Request{Current: "Mid-level PM", Target: "IC track", Weeks: 12}, true, false},
		{Request{Current: "Senior PM", Target: "Director", Weeks: 104}, false, false},
		{Request{Current: "Mid-level PM", Target: "Founder", Weeks: 8}, false, false},
		{Request{Current: "Associate PM", Target: "VP of Product", Weeks: 1}, false, true},
		{Request{Current: "Associate PM", Target: "VP of Product", Weeks: 15}, false, true},
		{Request{Current: "Associate PM", Target: "VP of Product", Weeks: 16}, true, false},
		{Request{Current: "Senior PM", Target: "Director", Weeks: 1}, true, false}, // one rung: no floor
		// the IC track works at a Director's influence: from there, a move aside
		{Request{Current: "VP of Product", Target: "IC track", Weeks: 12}, false, false},
		{Request{Current: "Director of Product", Target: "IC track", Weeks: 2}, false, false},
		{Request{Current: "Senior PM", Target: "IC track", Weeks: 12}, true, false},
		{Request{Current: "IC track", Target: "Director of Product", Weeks: 12}, true, false},
	}
	for _, tt := range tests {
		p, err := Offline(article, tt.req)
		if tt.tooShort {
			if errs.Code(err) != errs.Invalid || !strings.Contains(err.Error(), "at least 16 weeks") || !strings.Contains(err.Error(), "5 years") {
				t.Errorf("%+v: err %v, want the floor explained", tt.req, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%+v: %v", tt.req, err)
		}
		if got := p.TimelineNote != ""; got != tt.note {
			t.Errorf("%+v: timeline note %q, want one: %v", tt.req, p.TimelineNote, tt.note)
		}
		if tt.note && (!strings.Contains(p.TimelineNote, "first stage") || !strings.HasPrefix(p.Markdown[strings.Index(p.Markdown, "\n\n")+2:], "> **Timeline:**") || p.Citations[0].ID != timelineID) {
			t.Errorf("%+v: the note is not in the first lines or not cited:\n%s", tt.req, p.Markdown[:400])
		}
	}
}
