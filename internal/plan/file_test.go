package plan

import (
	"strings"
	"testing"

	"github.com/ladder/coach/internal/errs"
	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/laddertest"
	"github.com/ladder/coach/internal/sections"
)

func dsLadder(t *testing.T) (*sections.Set, *ladder.Model) {
	return laddertest.Load(t, "../../examples/ladders/data-science.md")
}

func TestOfflineForALadderFile(t *testing.T) {
	set, m := dsLadder(t)
	cases := []struct {
		current, target string
		// skills are the sections whose skills the plan draws on, in order;
		// duties the target's section of duties, "" for a role.
		skills []string
		duties string
	}{
		{"junior", "Senior Data Scientist", []string{"junior/skills", "mid/skills"}, "senior/responsibilities"},
		{"Data Scientist", "staff", []string{"mid/skills", "senior/skills"}, "staff/responsibilities"},
		{"manager", "principal", []string{"senior/skills", "staff/skills"}, "principal/responsibilities"},
		{"senior", "data engineering", []string{"senior/skills"}, ""},
	}
	for _, c := range cases {
		p, err := OfflineFor(set, m, Request{Current: c.current, Target: c.target, Weeks: 12})
		if err != nil {
			t.Errorf("%s -> %s: %v", c.current, c.target, err)
			continue
		}
		var got []string
		duties := ""
		for _, ph := range p.Phases {
			for _, it := range ph.Items {
				if !strings.Contains(set.All()[set.Index(it.CitationID)].Text, it.Text) {
					t.Errorf("%s -> %s: item %q is not its section's line", c.current, c.target, it.Text)
				}
				switch {
				case it.Skill != "" && (len(got) == 0 || got[len(got)-1] != it.CitationID):
					got = append(got, it.CitationID)
				case it.Skill == "" && !strings.HasPrefix(it.CitationID, "adjacent/"):
					duties = it.CitationID
				}
			}
			if len(ph.Evidence) == 0 || len(ph.Checkins) == 0 || ph.Milestone == "" {
				t.Errorf("%s -> %s: phase %q lacks evidence, check-ins or milestone", c.current, c.target, ph.Title)
			}
		}
		if strings.Join(got, " ") != strings.Join(c.skills, " ") || duties != c.duties {
			t.Errorf("%s -> %s: skills %v duties %q; want %v %q", c.current, c.target, got, duties, c.skills, c.duties)
		}
		if strings.Contains(p.Markdown, "PM career ladder article") {
			t.Errorf("%s -> %s: the article named", c.current, c.target)
		}
	}
	for _, bad := range []Request{
		{Current: "senior", Target: "junior", Weeks: 12},
		{Current: "senior", Target: "senior", Weeks: 12},
		{Current: "Senior PM", Target: "staff", Weeks: 12},
		{Current: "principal", Target: "director", Weeks: 12},
	} {
		if _, err := OfflineFor(set, m, bad); errs.Code(err) != errs.Invalid {
			t.Errorf("%+v: err %v, want Invalid", bad, err)
		}
	}
}
