package assess

import (
	"strings"
	"testing"

	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/laddertest"
)

func dsAssessor(t *testing.T) *Assessor {
	return NewFor(laddertest.Load(t, "../../examples/ladders/data-science.md"))
}

// On a ladder file, levels are placed by the file's lines alone.
func TestAssessOnALadderFile(t *testing.T) {
	a := dsAssessor(t)
	cases := []struct{ desc, want string }{
		{"I write SQL to pull data, clean data sets and build simple charts; a senior colleague reviews my statistics.", "junior"},
		{"I hire data scientists, hold one-on-ones with my team of six and agree the team's priorities with product leaders.", "manager"},
		{"I design the shared modelling foundations other teams build on and review the most important models across teams, without direct reports.", "staff"},
	}
	for _, c := range cases {
		r, err := a.Assess(c.desc, "")
		if err != nil {
			t.Fatal(err)
		}
		if r.Level == nil || r.Level.ID != c.want {
			t.Errorf("%q: got %+v, want %s", c.desc, r.Level, c.want)
			continue
		}
		if strings.Contains(r.Markdown, "the article") || strings.Contains(r.Markdown, " PM") {
			t.Errorf("%q: the article's words in %s", c.desc, r.Markdown)
		}
	}
}

func TestCompareOnALadderFile(t *testing.T) {
	a := dsAssessor(t)
	c, err := a.Compare("Senior Data Scientist", "staff")
	if err != nil {
		t.Fatal(err)
	}
	if c.A.ID != "senior" || c.B.ID != "staff" || len(c.Facets) != 4 || c.Facets[0].Name != "Scope and Impact" {
		t.Fatalf("%+v", c)
	}
	if sk := c.Facets[3]; sk.Facet != ladder.Skills || sk.A == nil || sk.B == nil {
		t.Errorf("skills pair %+v", sk)
	}
	c, _ = a.Compare("director", "principal")
	if !strings.Contains(c.Markdown(), "the ladder has no “skills to grow for the next level” section") {
		t.Errorf("markdown %s", c.Markdown())
	}
	if _, err := a.Compare("Senior PM", "staff"); err == nil || !strings.Contains(err.Error(), "Junior Data Scientist, Data Scientist") {
		t.Errorf("err %v", err)
	}
}

// Work someone near the person's own level reviews lowers a file's
// managing rungs; the person reviewing others, or a director reviewing,
// does not.
func TestReviewedBy(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"my lead checks my work before launch", true},
		{"a senior colleague reviews my queries", true},
		{"someone more senior signs off every model", true},
		{"everything i ship is reviewed by my manager", true},
		{"i review the work of my team", false},
		{"my director reviews the strategy", false},
	} {
		if got := reviewedBy.MatchString(c.text); got != c.want {
			t.Errorf("%q: %v, want %v", c.text, got, c.want)
		}
	}
	a := dsAssessor(t)
	base := "I run weekly one-on-ones and hire for the team."
	plain, reviewed := a.score(base), a.score(base+" My lead checks my work.")
	if !(reviewed.score["manager"] < plain.score["manager"]) {
		t.Errorf("manager %.2f reviewed, %.2f not", reviewed.score["manager"], plain.score["manager"])
	}
}
