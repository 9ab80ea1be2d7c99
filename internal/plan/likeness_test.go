package plan

import (
	"math"
	"testing"
)

// TestLikeness checks the embedding half of a context's score: a clause is
// most like the skill whose line it shares words with, a duty gets none, and
// a skill outside the from-level's skills section counts less.
func TestLikeness(t *testing.T) {
	v := vocabOf(article)
	c := parseContext(v, "how systems talk to each other and how data flows")[0]
	tech := Item{Skill: "Technical Curiosity", CitationID: "associate/skills"}
	mentor := Item{Skill: "Mentorship", CitationID: "senior/skills"}
	duty := Item{Text: "Own small projects end-to-end.", CitationID: "associate/responsibilities"}
	cases := []struct {
		name       string
		it         Item
		fromSkills string
		check      func(float64) bool
	}{
		{"shared words", tech, "associate/skills", func(s float64) bool { return s > v.likeness(&c, mentor, "senior/skills") }},
		{"a duty", duty, "associate/skills", func(s float64) bool { return s == 0 }},
		{"another level", tech, "mid/skills", func(s float64) bool {
			return math.Abs(s-otherLevelShare*v.likeness(&c, tech, "associate/skills")) < 1e-9 && s > 0
		}},
	}
	for _, tc := range cases {
		if s := v.likeness(&c, tc.it, tc.fromSkills); !tc.check(s) {
			t.Errorf("%s: likeness %.3f", tc.name, s)
		}
	}
}
