package plan

import (
	"slices"
	"testing"

	"github.com/ladder/coach/internal/embed"
)

// A cue is found as the context writes it: longest first, a starred word's
// forms, hyphens as the tokens split them, and "none" lines naming nobody.
func TestCuesIn(t *testing.T) {
	tests := []struct {
		text  string
		kinds []string // the kinds the clause's cues reach, sorted
		words []string // the words the cues took, sorted
	}{
		{"the devs never read his tickets", []string{"technical", "writing"}, []string{"devs"}},
		{"talks to the c-suite", []string{"executive"}, []string{"c", "suite"}},
		{"our releases clashed twice", []string{"systems"}, []string{"clashed"}},
		// "on board" names nobody: its words are read as written, no kind
		{"hard to get finance on board", []string{"crossfunctional", "stakeholders"}, []string{"board", "finance", "on"}},
		{"nervous in front of the board", []string{"board"}, []string{"board"}},
		{"her own team likes her", nil, nil},
		// a cue's word without the rest of the cue is no cue
		{"the talk went well", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			c := cuesIn(embed.Tokens(tt.text))
			var names, words []string
			for k := range c.kinds {
				names = append(names, kinds()[k].name)
			}
			for w := range c.words {
				words = append(words, w)
			}
			slices.Sort(names)
			slices.Sort(words)
			if !slices.Equal(names, tt.kinds) || !slices.Equal(words, tt.words) {
				t.Errorf("cuesIn(%q): kinds %q words %q, want %q %q", tt.text, names, words, tt.kinds, tt.words)
			}
		})
	}
}

// A cue reaches its kinds at its table's weight, divided among them as a
// word of several kinds is.
func TestCueWeight(t *testing.T) {
	c := cuesIn(embed.Tokens("the devs"))
	for k, w := range c.kinds {
		if want := weightCounterpart / 1.4142135623730951; w < want-1e-9 || w > want+1e-9 {
			t.Errorf("kind %s: weight %v, want %v", kinds()[k].name, w, want)
		}
	}
	c = cuesIn(embed.Tokens("they collide"))
	for k, w := range c.kinds {
		if w != weightSituation {
			t.Errorf("kind %s: weight %v, want %v", kinds()[k].name, w, weightSituation)
		}
	}
}

// Who the mentee deals with and what keeps happening reach a skill that a
// word of the article would miss. The contexts are the team's own, none
// of any eval set.
func TestCuedContexts(t *testing.T) {
	tests := []struct {
		from, to, context string
		want              string
	}{
		{"Senior PM", "Director of Product", "his releases keep clashing with what the payments squad ships", "Systems Thinking & Portfolio Awareness"},
		{"Director of Product", "VP of Product", "she avoids sales and legal and they resent it", "Cross-Functional Executive Collaboration"},
		{"Director of Product", "VP of Product", "talks about quality at every offsite and then cuts corners on her own releases", "Cultural Leadership"},
		{"Associate PM", "Mid-level PM", "his PRDs are hard to follow", "Structured Communication"},
	}
	for _, tt := range tests {
		t.Run(tt.context, func(t *testing.T) {
			p := mustPlan(t, Request{Current: tt.from, Target: tt.to, Weeks: 12, Context: tt.context})
			if got := p.ContextSkills(); len(got) == 0 || got[0] != tt.want {
				t.Errorf("context skills %q, want %q first (%s)", got, tt.want, p.Tailoring)
			}
		})
	}
}
