package plan

import (
	"strings"
	"testing"
)

// A context whose gap no skill of the mentee's level names, but a skill of
// the level below (a foundation) or of the top rung's own list does, brings
// that skill into the plan, first among the context skills and marked
// Focus; otherwise the plan keeps its route's skills.
func TestOutsideSkill(t *testing.T) {
	tests := []struct {
		from, to, context string
		want              string // the skill taken in, "" for none
		kind, citation    string
	}{
		{"Mid-level PM", "Senior PM", "has no idea how our APIs and databases connect", "Technical Curiosity", Practise, "associate/skills"},
		{"Director of Product", "VP of Product", "cannot read a P&L or talk about unit economics", "Business Model Fluency", Stretch, "vp/skills"},
		// the from-level fits: nothing taken in
		{"Mid-level PM", "Senior PM", "struggles to say no", "", "", ""},
		// Director of Product is not the top rung: its own list is not taken from
		{"Senior PM", "Director of Product", "cannot read a P&L or talk about unit economics", "", "", ""},
		// a move to an adjacent role keeps its own skills
		{"Mid-level PM", "Startup Founder", "has no idea how our APIs and databases connect", "", "", ""},
		{"Mid-level PM", "Senior PM", "", "", "", ""},
	}
	for _, tt := range tests {
		p := mustPlan(t, Request{Current: tt.from, Target: tt.to, Weeks: 12, Context: tt.context})
		var got []Item
		for _, ph := range p.Phases {
			for _, it := range ph.Items {
				if it.Skill != "" && it.CitationID == tt.citation {
					got = append(got, it)
				}
			}
		}
		taken := strings.Contains(p.Tailoring, "The plan takes in")
		if tt.want == "" {
			if taken {
				t.Errorf("%s → %s %q: took in a skill: %s", tt.from, tt.to, tt.context, p.Tailoring)
			}
			continue
		}
		if len(got) != 1 || got[0].Skill != tt.want || got[0].Kind != tt.kind || got[0].Emphasis != Focus || !taken {
			t.Errorf("%s → %s %q: items %+v, tailoring %q; want %s (%s, %s) marked Focus", tt.from, tt.to, tt.context, got, p.Tailoring, tt.want, tt.citation, tt.kind)
		}
		if s := p.ContextSkills(); len(s) == 0 || s[0] != tt.want {
			t.Errorf("%s → %s %q: context skills %q, want %s first", tt.from, tt.to, tt.context, s, tt.want)
		}
	}
}
