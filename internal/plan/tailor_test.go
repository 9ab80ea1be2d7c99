package plan

import (
	"strings"
	"testing"

	"github.com/ladder/coach/internal/mdtext"
)

// emphasisOf finds the item whose text holds sub.
func emphasisOf(t *testing.T, p Plan, sub string) (Item, int, int) {
	t.Helper()
	for pi, ph := range p.Phases {
		for i, it := range ph.Items {
			if strings.Contains(it.Text, sub) {
				return it, pi, i
			}
		}
	}
	t.Fatalf("no item holds %q", sub)
	return Item{}, 0, 0
}

func TestTailoring(t *testing.T) {
	tests := []struct {
		name, current, target, context string
		focus, lighter, plain          []string // items by a piece of their text
		note                           []string
	}{
		{
			name: "the issue's example", current: "Associate PM", target: "Senior PM",
			context: "fintech, strong at delivery, weak at stakeholder work",
			focus:   []string{"Stakeholder Management", "Align stakeholders across departments"},
			lighter: []string{"Drive product discovery, validation, and delivery"},
			plain:   []string{"Product Thinking", "Impact-Driven Prioritisation"},
			note: []string{"Tailored to your context:", `("weak at stakeholder work")`, "marked Focus",
				"the skill Stakeholder Management", `("strong at delivery")`, "marked Lighter touch", `"fintech" matched no item`},
		},
		{
			name: "negated strength is a weakness", current: "Mid-level PM", target: "Senior PM",
			context: "not strong at prioritisation",
			focus:   []string{"Impact-Driven Prioritisation", "guide iteration and prioritisation"},
			plain:   []string{"Product Discovery Discipline", "Build Influence"},
		},
		{
			name: "what to grow into, British or American", current: "Senior PM", target: "Director",
			context: "wants to get better at strategy and organizational design",
			focus:   []string{"Strategic Visioning", "Define and drive product strategy"},
			plain:   []string{"Mentorship: "},
		},
		{
			name: "strong at communication", current: "Associate PM", target: "Mid-level PM",
			context: "great communicator; technical background",
			lighter: []string{"Structured Communication", "Communicate product direction"},
			focus:   []string{"Technical Curiosity"},
		},
		{
			name: "nothing matches", current: "Associate PM", target: "Senior PM", context: "fintech",
			plain: []string{"Product Thinking", "Stakeholder Management"},
			note:  []string{"Tailored to your context: nothing in it matched an item of this plan"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustPlan(t, Request{Current: tt.current, Target: tt.target, Weeks: 12, Context: tt.context})
			for _, s := range tt.focus {
				it, pi, i := emphasisOf(t, p, s)
				if it.Emphasis != Focus {
					t.Errorf("%q: emphasis %q, want focus", s, it.Emphasis)
				}
				// Focus items lead their phase.
				for _, before := range p.Phases[pi].Items[:i] {
					if before.Emphasis != Focus {
						t.Errorf("%q comes after the unmarked %q", s, before.Text)
					}
				}
			}
			for _, s := range tt.lighter {
				it, pi, i := emphasisOf(t, p, s)
				if it.Emphasis != Lighter {
					t.Errorf("%q: emphasis %q, want lighter", s, it.Emphasis)
				}
				for _, after := range p.Phases[pi].Items[i+1:] {
					if after.Emphasis != Lighter {
						t.Errorf("%q comes before the unmarked %q", s, after.Text)
					}
				}
			}
			for _, s := range tt.plain {
				if it, _, _ := emphasisOf(t, p, s); it.Emphasis != "" {
					t.Errorf("%q: emphasis %q, want none", s, it.Emphasis)
				}
			}
			for _, s := range tt.note {
				if !strings.Contains(p.Tailoring, s) {
					t.Errorf("tailoring %q lacks %q", p.Tailoring, s)
				}
			}
			if !strings.Contains(p.Markdown, mdtext.Escape(p.Tailoring)) { // the context in it is escaped
				t.Errorf("the Markdown does not say how the plan was tailored")
			}
		})
	}
}

// Tailoring only reorders within a phase: the same items stay in the same
// phases, and the plan's sources do not change.
func TestTailoringKeepsItems(t *testing.T) {
	plain := mustPlan(t, Request{Current: "APM", Target: "Director", Weeks: 12})
	tailored := mustPlan(t, Request{Current: "APM", Target: "Director", Weeks: 12, Context: "strong at delivery, weak at stakeholder work and strategy"})
	if len(plain.Phases) != len(tailored.Phases) {
		t.Fatalf("%d phases, then %d", len(plain.Phases), len(tailored.Phases))
	}
	for i := range plain.Phases {
		a, b := map[string]bool{}, map[string]bool{}
		for _, it := range plain.Phases[i].Items {
			a[it.Text+it.CitationID] = true
		}
		for _, it := range tailored.Phases[i].Items {
			b[it.Text+it.CitationID] = true
		}
		if len(a) != len(b) {
			t.Errorf("phase %d: %d items, then %d", i, len(a), len(b))
		}
		for k := range a {
			if !b[k] {
				t.Errorf("phase %d lost %q", i, k)
			}
		}
	}
	if len(plain.Citations) != len(tailored.Citations) {
		t.Errorf("citations changed: %v then %v", citationIDs(plain), citationIDs(tailored))
	}
}

// Contexts in everyday words reach the article's skills through the lexicon
// and the general topics, never through phrases of their own.
func TestEverydayContexts(t *testing.T) {
	tests := []struct {
		current, target, context string
		top                      []string // the best-matched skill is one of these
	}{
		// the learned reading (learned.go) puts Cross-Org Influence first:
		// in the team's context sets, meetings at this level are mostly
		// about other teams; Executive Communication stays matched
		{"Senior PM", "Director of Product", "shy in meetings", []string{"Executive Communication", "Cross-Org Influence Without Ownership"}},
		{"Mid-level PM", "Senior PM", "struggles to say no", []string{"Stakeholder Management"}},
		{"Mid-level PM", "Senior PM", "great with numbers", []string{"Outcome Ownership"}},
		{"Senior PM", "Director of Product", "great storyteller", []string{"Strategic Visioning", "Executive Communication"}},
		{"Senior PM", "Director of Product", "has never mentored anyone", []string{"Mentorship"}},
	}
	for _, tt := range tests {
		p := mustPlan(t, Request{Current: tt.current, Target: tt.target, Weeks: 12, Context: tt.context})
		s := p.ContextSkills()
		if len(s) == 0 || !contains(tt.top, s[0]) {
			t.Errorf("%q on %s -> %s: skills %v, want first one of %v", tt.context, tt.current, tt.target, s, tt.top)
		}
	}
}

func TestCompoundParts(t *testing.T) {
	tests := []struct {
		word string
		want []string
	}{
		{"storyteller", []string{"story", "teller"}},
		{"story", nil},       // known
		{"stakeholder", nil}, // known
		{"qzxwvkjhg", nil},   // no split
	}
	for _, tt := range tests {
		got := compoundParts(tt.word)
		if len(tt.want) == 0 && len(got) != 0 {
			t.Errorf("compoundParts(%q) = %v, want none", tt.word, got)
		}
		for _, w := range tt.want {
			if !contains(got, w) {
				t.Errorf("compoundParts(%q) = %v, want %q among them", tt.word, got, w)
			}
		}
	}
}

// A clause has matched only the items that end up marked as it reads: a
// strength whose item a weakness outvoted has matched nothing.
func TestCountMatches(t *testing.T) {
	its := []Item{{Emphasis: Focus}, {Emphasis: Lighter}, {}}
	tests := []struct {
		lighter bool
		hits    [][2]int
		want    int
	}{
		{false, [][2]int{{0, 0}}, 1},
		{true, [][2]int{{0, 0}}, 0},         // outvoted
		{true, [][2]int{{0, 1}, {0, 2}}, 1}, // one marked, one left plain
		{false, [][2]int{{1, 0}}, 0},        // another phase
		{false, nil, 0},
	}
	for i, tt := range tests {
		cs := []clause{{lighter: tt.lighter, hits: tt.hits}}
		countMatches(cs, 0, its)
		if cs[0].matched != tt.want {
			t.Errorf("case %d: matched %d, want %d", i, cs[0].matched, tt.want)
		}
	}
}
