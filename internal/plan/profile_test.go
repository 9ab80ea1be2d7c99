package plan

import (
	"slices"
	"strings"
	"testing"
)

// The issue's own everyday contexts reach the skill a mentor would pick
// among those the mentee works on now (the from-level's skills section).
func TestContextProfiles(t *testing.T) {
	tests := []struct {
		from, to, context string
		want              []string // the first context skill is one of these
	}{
		{"Associate PM", "Mid-level PM", "strong analytics, shy in meetings", []string{"Structured Communication"}},
		{"Mid-level PM", "Senior PM", "quiet in meetings", []string{"Build Influence"}},
		{"Mid-level PM", "Senior PM", "great with numbers", []string{"Outcome Ownership", "Impact-Driven Prioritisation"}},
		{"Mid-level PM", "Senior PM", "struggles to say no", []string{"Stakeholder Management", "Impact-Driven Prioritisation"}},
		{"Senior PM", "Director of Product", "new to the domain", []string{"Systems Thinking & Portfolio Awareness", "Strategic Visioning"}},
		{"Director of Product", "VP of Product", "can't talk money with the finance people", []string{"Cross-Functional Executive Collaboration"}},
		{"Senior PM", "Director of Product", "the juniors keep asking her for answers", []string{"Mentorship"}},
		// a level's id, as GET /api/ladder serves it
		{"mid", "senior", "never checks whether the metrics moved after a launch", []string{"Outcome Ownership"}},
	}
	for _, tt := range tests {
		t.Run(tt.context, func(t *testing.T) {
			p := mustPlan(t, Request{Current: tt.from, Target: tt.to, Weeks: 12, Context: tt.context})
			got := p.ContextSkills()
			if len(got) == 0 || !contains(tt.want, got[0]) {
				t.Errorf("context skills %q, want first one of %q (%s)", got, tt.want, p.Tailoring)
			}
			if strings.Contains(p.Tailoring, "()") || strings.Contains(p.Tailoring, "nothing in it matched") {
				t.Errorf("tailoring %q", p.Tailoring)
			}
		})
	}
}

// A weakness outranks a strength, and a strength alone is a Lighter touch.
func TestContextPolarity(t *testing.T) {
	p := mustPlan(t, Request{Current: "Mid-level PM", Target: "Senior PM", Weeks: 12, Context: "great with numbers, but bad at saying no"})
	if got := p.ContextSkills(); len(got) < 2 || got[0] != "Stakeholder Management" {
		t.Errorf("context skills %q: the weakness (Stakeholder Management) should come first", got)
	}
	p = mustPlan(t, Request{Current: "Mid-level PM", Target: "Senior PM", Weeks: 12, Context: "great with numbers"})
	for _, ph := range p.Phases {
		for _, it := range ph.Items {
			if it.Emphasis == Focus {
				t.Errorf("a strength alone marked %q Focus", it.Text)
			}
		}
	}
}

// A clause joined to the one before by "and" goes on from it; a comma, a
// sentence's end, a semicolon or a word of contrast starts afresh.
func TestClauseParts(t *testing.T) {
	tests := []struct {
		context string
		joined  []bool
	}{
		{"good at calls, sketches and workshops", []bool{false, false, true}},
		{"strong at delivery. And stakeholders", []bool{false, false}},
		{"good with numbers but slow to decide", []bool{false, false}},
		{"good with numbers; slow to decide", []bool{false, false}},
		{"fintech (lending), new to the team", []bool{false, false, false}},
		{", , leading commas, and", []bool{false, false}},
	}
	for _, tt := range tests {
		got := clauseParts(tt.context)
		var joined []bool
		for _, p := range got {
			joined = append(joined, p.joined)
		}
		if !slices.Equal(joined, tt.joined) {
			t.Errorf("clauseParts(%q) joined %v, want %v (%v)", tt.context, joined, tt.joined, got)
		}
	}
}

// A clause that says neither weak nor strong takes the polarity of the
// clause it continues, and only that one.
func TestPolarityCarries(t *testing.T) {
	tests := []struct {
		context       string
		lighter, weak []bool
	}{
		{"good at customer calls and early mock-ups", []bool{true, true}, []bool{false, false}},
		{"good at customer calls, early mock-ups", []bool{true, false}, []bool{false, false}},
		{"struggles with specs and with tickets", []bool{false, false}, []bool{true, true}},
		{"good at customer calls. Early mock-ups", []bool{true, false}, []bool{false, false}},
		{"good at customer calls but early mock-ups", []bool{true, false}, []bool{false, false}},
		{"shy in meetings, strong analytics", []bool{false, true}, []bool{false, false}},
		{"strong analytics, shy in meetings", []bool{true, false}, []bool{false, false}},
	}
	v := vocabOf(article)
	for _, tt := range tests {
		cs := parseContext(v, tt.context)
		if len(cs) != len(tt.lighter) {
			t.Fatalf("%q: %d clauses, want %d", tt.context, len(cs), len(tt.lighter))
		}
		for i, c := range cs {
			if c.lighter != tt.lighter[i] || c.weak != tt.weak[i] {
				t.Errorf("%q clause %q: lighter %v weak %v, want %v %v", tt.context, c.text, c.lighter, c.weak, tt.lighter[i], tt.weak[i])
			}
		}
	}
}

// A word whose stem is an unrelated word's is folded first: developers are
// engineers, not the growing of people.
func TestAbilityTerms(t *testing.T) {
	tests := []struct {
		word    string
		want    string // among the terms
		notWant string
	}{
		{"developers", "dev", "develop"},
		{"developer", "dev", "develop"},
		{"developing", "develop", ""},
		{"long-winded", "wind", ""},
	}
	for _, tt := range tests {
		got := abilityTerms(tt.word)
		if !slices.Contains(got, tt.want) || (tt.notWant != "" && slices.Contains(got, tt.notWant)) {
			t.Errorf("abilityTerms(%q) = %q, want %q and not %q", tt.word, got, tt.want, tt.notWant)
		}
	}
	for i, k := range kinds() {
		if k.terms["develop"] && k.name == "technical" {
			t.Errorf("kind %d (%s) holds the stem of developing", i, k.name)
		}
	}
}
