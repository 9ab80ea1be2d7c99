package sections

import (
	"strings"
	"testing"

	"github.com/ladder/coach/internal/ladderfile"
)

func TestFromFile(t *testing.T) {
	f, err := ladderfile.Load("../../examples/ladders/data-science.md")
	if err != nil {
		t.Fatal(err)
	}
	secs, err := FromFile(f)
	if err != nil {
		t.Fatal(err)
	}
	set := NewSet(secs)
	want := map[string]string{ // id -> level
		"introduction/ladder":                   Introduction,
		"junior/overview":                       "junior",
		"junior/changes":                        "junior", // "Scope and Impact" plays "what changes"
		"senior/skills":                         "senior",
		"staff/success":                         "staff",
		"adjacent/overview":                     Adjacent,
		"adjacent/machine-learning-engineering": Adjacent,
		"closing/timeline":                      Closing,
		"closing-thoughts":                      Closing,
	}
	for id, level := range want {
		s, ok := set.ByID(id)
		if !ok || s.Level != level {
			t.Errorf("%s: %v, level %q, want %q", id, ok, s.Level, level)
		}
	}
	sk, _ := set.Of("mid", "skills")
	if got := sk.Skills(); len(got) != 5 || got[0].Name != "Problem Framing" || !strings.HasPrefix(got[0].Line, "Problem Framing: ") {
		t.Errorf("mid skills %+v", got)
	}
	if r, _ := set.ByID("adjacent/data-engineering"); r.Facet != FacetRole {
		t.Errorf("role facet %q", r.Facet)
	}
	if r, _ := set.ByID("junior/responsibilities"); r.Lines[1] != "Write SQL to pull and join data, and check the result against a number you already trust." {
		t.Errorf("list marker kept: %q", r.Lines[1])
	}
	// Every line is the file's, verbatim.
	src := f.Sections
	n := 0
	for _, s := range src {
		n += len(s.Lines)
	}
	m := 0
	for _, s := range secs {
		m += len(s.Lines)
		if s.Text != strings.Join(s.Lines, "\n") || len(s.Items()) == 0 {
			t.Errorf("%s: text or items", s.ID)
		}
	}
	if n != m {
		t.Errorf("%d lines, want %d", m, n)
	}
}
