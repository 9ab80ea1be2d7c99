package plan

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/ladder/coach/internal/ladder"
)

// The rubric of eval/PLANS.md, applied to a plan as the API returns it.
type rubric struct {
	items, actions   int // items; items whose action is a template at the right reach
	statements       int // items whose source describes rather than names work
	phases, complete int // phases; phases with a milestone, evidence of the target and 2-3 check-ins
	minSize, maxSize int
	timelineHonest   bool
}

func (r rubric) String() string {
	return fmt.Sprintf("actions %d/%d, statements as items %d, complete phases %d/%d, phase sizes %d-%d, timeline honest %v",
		r.actions, r.items, r.statements, r.complete, r.phases, r.minSize, r.maxSize, r.timelineHonest)
}

func (r rubric) pass() bool {
	return r.actions == r.items && r.statements == 0 && r.complete == r.phases && r.maxSize-r.minSize <= 1 && r.timelineHonest
}

// review scores a plan's JSON (the API's reply) against the rubric.
func review(t *testing.T, raw []byte, req Request) rubric {
	t.Helper()
	var p struct {
		Current, Target struct{ ID string }
		Weeks           int
		TimelineNote    *string `json:"timeline_note"`
		Phases          []struct {
			Milestone string
			Evidence  []string
			Checkins  []string
			Items     []struct {
				Text, Action, Kind, Skill string
				CitationID                string `json:"citation_id"`
			}
		}
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		t.Fatal(err)
	}
	from, to, err := route(req)
	if err != nil {
		t.Fatal(err)
	}
	success := p.Target.ID + "/success"
	if to.role != nil {
		success = "adjacent/" + to.role.ID
	}
	r := rubric{phases: len(p.Phases), minSize: 1 << 30}
	for _, ph := range p.Phases {
		r.minSize, r.maxSize = min(r.minSize, len(ph.Items)), max(r.maxSize, len(ph.Items))
		ok := ph.Milestone != "" && len(ph.Evidence) > 0 && len(ph.Checkins) >= 2 && len(ph.Checkins) <= 3
		for _, e := range ph.Evidence {
			ok = ok && strings.HasSuffix(e, "("+success+")")
		}
		if ok {
			r.complete++
		}
		for _, it := range ph.Items {
			r.items++
			if it.Skill == "" && to.role == nil && isStatement(it.Text) {
				r.statements++
			}
			if !strings.HasPrefix(it.Action, prefixOf(it.Kind)) {
				continue
			}
			// The kind must fit the rung the work sits at.
			want := it.Kind
			lvl, _, _ := strings.Cut(it.CitationID, "/")
			if l, ok := ladder.ByID(lvl); ok {
				reach := rungOf(l) - from.climbRung()
				if strings.HasSuffix(it.CitationID, "/skills") {
					reach = l.Rung - from.climbRung()
				}
				want = kindFor(reach)
			}
			if it.Kind == want {
				r.actions++
			}
		}
	}
	_, tooShort := floorOf(from, to, req.Weeks)
	note := p.TimelineNote != nil && strings.Contains(*p.TimelineNote, "first stage")
	tl, _ := readTimeline(article)
	n := rungsClimbed(from, to)
	r.timelineHonest = !tooShort && note == (n > 0 && req.Weeks < tl.fastestWeeks(n))
	return r
}

// The three mentor cases of issue 16, and the two timeline cases.
func TestMentorCases(t *testing.T) {
	cases := []Request{
		{Current: "Senior PM", Target: "Director of Product", Weeks: 12, Context: "strong analytics, shy in meetings"},
		{Current: "Mid-level PM", Target: "IC track", Weeks: 12},
		{Current: "Mid-level PM", Target: "Founder", Weeks: 8},
		{Current: "Associate PM", Target: "Senior PM", Weeks: 24},
	}
	for _, req := range cases {
		p := mustPlan(t, req)
		raw, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		r := review(t, raw, req)
		t.Logf("%s -> %s, %d weeks: %s", req.Current, req.Target, req.Weeks, r)
		if !r.pass() {
			t.Errorf("%s -> %s fails the rubric: %s", req.Current, req.Target, r)
		}
	}
	if _, err := Offline(article, Request{Current: "Associate PM", Target: "VP of Product", Weeks: 1}); err == nil {
		t.Error("Associate PM -> VP of Product in 1 week was accepted")
	}
}
