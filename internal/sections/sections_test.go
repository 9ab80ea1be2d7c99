package sections

import (
	"strings"
	"testing"

	"github.com/ladder/coach/corpus"
	"github.com/ladder/coach/internal/ladder"
)

func split(t *testing.T) []Section {
	t.Helper()
	s, err := Split(corpus.Article)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Every line (and so every sentence) of the article lands in exactly one
// section, in order.
func TestSplitCoversArticleOnce(t *testing.T) {
	secs := split(t)
	var texts []string
	for _, s := range secs {
		texts = append(texts, s.Text)
	}
	if got, want := strings.Join(texts, "\n"), strings.TrimRight(corpus.Article, "\n"); got != want {
		t.Fatal("joined sections differ from the article")
	}
	if n := len(secs); n < 25 || n > 40 {
		t.Errorf("%d sections; want 25 to 40", n)
	}
	// Sections are consecutive runs of lines: with the joined text equal to
	// the article, equal line counts mean no line is in two sections.
	n := 0
	for _, s := range secs {
		if len(s.Lines) == 0 {
			t.Errorf("section %s is empty", s.ID)
		}
		n += len(s.Lines)
	}
	if want := len(strings.Split(strings.TrimRight(corpus.Article, "\n"), "\n")); n != want {
		t.Errorf("sections hold %d lines; the article has %d", n, want)
	}
}

func TestSectionsShape(t *testing.T) {
	secs := split(t)
	set := NewSet(secs)
	for _, l := range ladder.Levels() {
		for _, f := range []string{ladder.Overview, ladder.Responsibilities, ladder.Success} {
			if _, ok := set.Of(l.ID, f); !ok {
				t.Errorf("no %s/%s section", l.ID, f)
			}
		}
		if l.ID != ladder.IC {
			if _, ok := set.Of(l.ID, ladder.Skills); !ok {
				t.Errorf("no %s/skills section", l.ID)
			}
		}
	}
	for _, s := range secs {
		if s.ID == "" || s.Title == "" || s.Level == "" || s.Facet == "" || s.Text == "" {
			t.Errorf("incomplete section %+v", s)
		}
	}
}

func TestSkills(t *testing.T) {
	set := NewSet(split(t))
	tests := []struct {
		id    string
		names []string
	}{
		{"associate/skills", []string{"Product Thinking", "Technical Curiosity", "Structured Communication", "Take Initiative & Follow-Through"}},
		{"mid/skills", []string{"Impact-Driven Prioritisation", "Product Discovery Discipline", "Outcome Ownership", "Stakeholder Management", "Build Influence"}},
		{"senior/skills", []string{"Strategic Visioning", "Mentorship", "Systems Thinking & Portfolio Awareness", "Executive Communication", "Leading Through Ambiguity", "Cross-Org Influence Without Ownership"}},
		{"director/skills", []string{"Team Development & Performance Management", "Organisational Design", "Cross-Functional Executive Collaboration", "Strategic Trade-Offs at the Portfolio Level", "Cultural Leadership"}},
		{"vp/skills", []string{"Vision-Driven Strategic Planning", "Executive Leadership & Board Readiness", "Org-Wide Talent Management", "Business Model Fluency", "Change Management & Narrative Building"}},
	}
	for _, tt := range tests {
		s, ok := set.ByID(tt.id)
		if !ok {
			t.Fatalf("no section %s", tt.id)
		}
		var got []string
		for _, k := range s.Skills() {
			got = append(got, k.Name)
			if !strings.Contains(s.Text, k.Line) {
				t.Errorf("%s: skill line not verbatim", tt.id)
			}
		}
		if strings.Join(got, "|") != strings.Join(tt.names, "|") {
			t.Errorf("%s skills = %q; want %q", tt.id, got, tt.names)
		}
	}
	mid, _ := set.ByID("mid/skills")
	if !strings.Contains(mid.Text, "Skills to Start Developing to Become a Senior PM") {
		t.Error("mid/skills must hold its heading")
	}
}

func TestItems(t *testing.T) {
	set := NewSet(split(t))
	s, _ := set.ByID("associate/responsibilities")
	items := s.Items()
	if len(items) == 0 || items[0] != "Writing and refining user stories" {
		t.Errorf("items = %q", items)
	}
	for _, it := range items {
		if strings.HasSuffix(it, ":") {
			t.Errorf("lead-in %q listed as an item", it)
		}
	}
}

func TestSplitErrors(t *testing.T) {
	if _, err := Split("Intro\nLevel 9 - Astronaut:\n"); err == nil {
		t.Error("want an error for an unknown level")
	}
	if _, err := Split("Intro\nLevel 1 - APM:\na. Hobbies\n"); err == nil {
		t.Error("want an error for an unknown facet heading")
	}
}

func BenchmarkSplit(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Split(corpus.Article); err != nil {
			b.Fatal(err)
		}
	}
}

func TestID(t *testing.T) {
	set := NewSet(split(t))
	tests := []struct {
		level, facet, want string
		found              bool
	}{
		{"senior", "skills", "senior/skills", true},
		{Adjacent, "overview", "adjacent/overview", true},
		{"associate", "changes", "associate/changes", false}, // the article has none
		{"senior", "skils", "senior/skils", false},
		{"", "overview", "", false},
		{"senior", "", "", false},
	}
	for _, tt := range tests {
		for range 2 { // made, then remembered
			if got := ID(tt.level, tt.facet); got != tt.want {
				t.Errorf("ID(%q, %q) = %q, want %q", tt.level, tt.facet, got, tt.want)
			}
		}
		if _, ok := set.Of(tt.level, tt.facet); ok != tt.found {
			t.Errorf("Of(%q, %q) found %v, want %v", tt.level, tt.facet, ok, tt.found)
		}
	}
}
