package ladder

import (
	"reflect"
	"testing"

	"github.com/ladder/coach/internal/ladderfile"
)

// The default model answers exactly as the package functions.
func TestDefaultModelIsThePackage(t *testing.T) {
	m := Default()
	if !reflect.DeepEqual(m.Levels(), Levels()) || !reflect.DeepEqual(m.Names(), Names()) || !reflect.DeepEqual(m.Facets(), Facets()) {
		t.Fatal("levels, names or facets differ")
	}
	for _, l := range Levels() {
		n1, ok1 := m.Next(l.ID)
		n2, ok2 := Next(l.ID)
		b1, okb1 := m.Below(l.ID)
		b2, okb2 := Below(l.ID)
		if n1.ID != n2.ID || ok1 != ok2 || b1.ID != b2.ID || okb1 != okb2 {
			t.Errorf("%s: next %s/%s below %s/%s", l.ID, n1.ID, n2.ID, b1.ID, b2.ID)
		}
	}
	for _, q := range []string{"senior pm to director?", "I am an APM", "staff pm", "my vp says"} {
		if !reflect.DeepEqual(m.FindLevels(q), FindLevels(q)) {
			t.Errorf("FindLevels(%q) differs", q)
		}
	}
	if m.Track(IC) != IC || m.Track(Senior) != "" || m.Growth() != Skills {
		t.Error("track or growth")
	}
}

func loadDS(t *testing.T) *Model {
	t.Helper()
	f, err := ladderfile.Load("../../examples/ladders/data-science.md")
	if err != nil {
		t.Fatal(err)
	}
	return FromFile(f)
}

func TestFileModel(t *testing.T) {
	m := loadDS(t)
	if m.IsArticle() || m.Title() != "The Data Science Career Ladder" || len(m.Levels()) != 7 {
		t.Fatalf("title %q, %d levels", m.Title(), len(m.Levels()))
	}
	steps := []struct{ id, next, below string }{
		{"junior", "mid", ""},
		{"mid", "senior", "junior"},
		{"manager", "director", "senior"},
		{"director", "", "manager"},
		{"staff", "principal", "senior"},
		{"principal", "", "staff"},
	}
	for _, s := range steps {
		n, _ := m.Next(s.id)
		b, _ := m.Below(s.id)
		if n.ID != s.next || b.ID != s.below {
			t.Errorf("%s: next %q below %q; want %q %q", s.id, n.ID, b.ID, s.next, s.below)
		}
	}
	if l, _ := m.ByID("staff"); l.Rung != 0 || m.Track("staff") != "ic" {
		t.Errorf("staff %+v track %q", l, m.Track("staff"))
	}
	if l, _ := m.ByID("senior"); l.Rung != 3 || l.Summary == "" {
		t.Errorf("senior %+v", l)
	}
	lookups := map[string]string{"Senior Data Scientist": "senior", "sr data scientist": "senior", "staff": "staff",
		"head of data science": "director", "a principal data scientist role": "principal", "astronaut": ""}
	for in, want := range lookups {
		if l, _ := m.Lookup(in); l.ID != want {
			t.Errorf("Lookup(%q) = %q, want %q", in, l.ID, want)
		}
	}
	// A level's own name is strong even when other names hold it.
	ms := m.FindLevels("How do I go from Senior Data Scientist to Staff Data Scientist as a data scientist?")
	if len(ms) != 3 || ms[0].ID != "senior" || ms[1].ID != "staff" || ms[2].ID != "mid" || !ms[0].Strong || !ms[2].Strong {
		t.Errorf("FindLevels %+v", ms)
	}
	if m.Growth() != Skills || m.FacetName(Skills) != "Skills to Grow for the Next Level" || len(m.Facets()) != 4 {
		t.Errorf("facets %v growth %q", m.FacetInfos(), m.Growth())
	}
	if rs := m.FindRoles("could I move into data engineering?"); len(rs) != 1 || rs[0].ID != "data-engineering" {
		t.Errorf("roles %+v", rs)
	}
	if r, ok := m.LookupRole("machine-learning-engineering"); !ok || r.Name != "Machine Learning Engineering" {
		t.Errorf("LookupRole %+v", r)
	}
}
