package ladder

import (
	"slices"
	"testing"

	"github.com/ladder/coach/internal/ladderfile"
)

// A ladder's levels get the names people shorten and reword them to.
func TestDerived(t *testing.T) {
	levels := []Level{
		{ID: "jr", Name: "Associate Engineer"}, {ID: "eng", Name: "Software Engineer"},
		{ID: "sr", Name: "Senior Software Engineer"}, {ID: "em", Name: "Engineering Manager"},
		{ID: "dir", Name: "Director of Engineering"}, {ID: "vp", Name: "VP of Engineering"},
		{ID: "staff", Name: "Staff Software Engineer"}, {ID: "principal", Name: "Principal Software Engineer"},
	}
	track := map[string]string{"staff": "ic", "principal": "ic"}
	d := Derived("Software Engineering Career Ladder", levels, track)
	for _, c := range []struct{ name, want string }{
		{"sr software engineer", "sr"}, {"senior swe", "sr"}, {"sr swe", "sr"},
		{"software engineer ii", "eng"}, {"swe 2", "eng"}, {"software engineer iii", "sr"}, {"swe i", "jr"},
		{"mid-level software engineer", "eng"}, {"regular swe", "eng"},
		{"entry-level software engineer", "jr"}, {"graduate swe", "jr"},
		{"engineering mgr", "em"}, {"manager of engineering", "em"}, {"team lead", "em"},
		{"engineering director", "dir"}, {"head of engineering", "dir"}, {"engineering vp", "vp"},
		{"distinguished software engineer", "principal"}, {"staff swe", "staff"},
		{"my first software engineering job", "jr"}, {"new to software engineering", "jr"}, {"new grad", "jr"},
		{"top rung", "vp"}, {"bottom rung", "jr"}, {"top of the ic track", "principal"},
		{"first software engineer role", "jr"}, {"engineering engineer", ""}, {"new to", ""}, {"mid-level", "eng"}, {"entry-level", "jr"},
		{"senior engineer", "sr"}, {"junior engineer", "jr"}, {"mid-level engineer", "eng"}, {"staff eng", "staff"},
		// A level's id is a name of it when its name shortens to it; a
		// name another level owns is never derived for this one.
		{"em", "em"}, {"engineer", ""},
	} {
		got := ""
		for id, names := range d {
			if slices.Contains(names, c.name) {
				got = id
			}
		}
		if got != c.want {
			t.Errorf("%q: got %q, want %q", c.name, got, c.want)
		}
	}
}

// Derived names find their level in a question on a ladder file.
func TestDerivedFindLevels(t *testing.T) {
	m := loadDS(t)
	for _, c := range []struct{ q, want string }{
		{"how does a ds mgr spend the week", "manager"},
		{"i'm a ds ii, what next", "mid"},
		{"is a head of ds hands-on", "director"},
		{"how do sr ds people spend the day", "senior"},
	} {
		ms := m.FindLevels(c.q)
		if len(ms) == 0 || ms[0].ID != c.want {
			t.Errorf("%q: got %v, want %s", c.q, ms, c.want)
		}
	}
}

// The rungs that manage people are the article's Director, and on a file
// the main rungs named for managing, never a side track's.
func TestManaging(t *testing.T) {
	f, err := ladderfile.Load("../../examples/ladders/ux-design.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		m    *Model
		want []string
	}{
		{"article", Default(), []string{Director}},
		{"data science", loadDS(t), []string{"manager", "director"}},
		{"ux", FromFile(f), []string{"manager", "director", "vp"}},
	} {
		if got := c.m.Managing(); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// Going into management names the first rung that manages people.
func TestIntoManagement(t *testing.T) {
	m := loadDS(t)
	for _, q := range []string{"going from a senior ds job into management", "would the management track suit me", "people management scares me"} {
		found := false
		for _, x := range m.FindLevels(q) {
			found = found || x.ID == "manager"
		}
		if !found {
			t.Errorf("%q: no manager in %v", q, m.FindLevels(q))
		}
	}
}

// A word of a role's name that no level's name holds hints at the role.
func TestHintsRole(t *testing.T) {
	m := loadDS(t)
	for _, c := range []struct {
		text, role string
		want       bool
	}{
		{"i like the research side of things", "research-scientist", true},
		{"as a data scientist", "research-scientist", false}, // "scientist" is every level's
		{"pipelines bore me", "data-engineering", false},
		{"anything in engineering?", "data-engineering", true},
	} {
		if got := m.HintsRole(c.text, c.role); got != c.want {
			t.Errorf("%q %s: %v, want %v", c.text, c.role, got, c.want)
		}
	}
}

// A word of the title the role lacks makes another name of the role:
// "ux designer" on a UX design ladder about product designers.
func TestRoleVariants(t *testing.T) {
	for _, c := range []struct {
		title, role string
		want        []string
	}{
		{"The UX Design Career Ladder", "product designer", []string{"designer", "ux designer"}},
		{"Software Engineering Levels", "software engineer", []string{"engineer"}},
		{"Data Science Ladder", "data scientist", []string{"scientist"}},
		{"Support Ladder", "agent", nil},
	} {
		if got := roleVariants(c.title, c.role); !slices.Equal(got, c.want) {
			t.Errorf("%q %q: %v, want %v", c.title, c.role, got, c.want)
		}
	}
}
