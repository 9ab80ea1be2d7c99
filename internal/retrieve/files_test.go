package retrieve

import (
	"context"
	"slices"
	"testing"

	"github.com/ladder/coach/internal/index"
	"github.com/ladder/coach/internal/laddertest"
)

// newFileRetriever reads questions against a ladder file, as the app does
// with --ladder.
func newFileRetriever(t testing.TB, path string) *Retriever {
	t.Helper()
	set, m := laddertest.Load(t, path)
	idx, err := index.Build(context.Background(), set.All(), index.LocalEmbedder(set.All()))
	if err != nil {
		t.Fatal(err)
	}
	return New(set, idx).WithLadder(m)
}

// A subject next to the ladder is in scope where the ladder's own text
// speaks to it (a doctorate for a research role), nearby where it does not.
func TestNearbyCovered(t *testing.T) {
	ds := newFileRetriever(t, "../../examples/ladders/data-science.md")
	art := newTestRetriever(t)
	for _, c := range []struct {
		name string
		r    *Retriever
		q    string
		want string
	}{
		{"file covers it", ds, "is a phd required for a research scientist?", ScopeIn},
		{"article does not", art, "is a phd required for a senior pm?", ScopeNearby},
		{"file does not cover pay", ds, "how do i ask for a raise as a senior data scientist?", ScopeNearby},
		{"nor the article who pays best", art, "are principal pms paid well at startups?", ScopeNearby},
		{"where the pay is highest", art, "which employers pay a vp of product the most?", ScopeNearby},
		// A pick between two things the ladder never names is next to it.
		{"unknown choice", ds, "should i use keras or jax on my next analysis?", ScopeNearby},
		{"known choice", ds, "staff or manager, which suits a senior ds?", ScopeIn},
	} {
		if got := c.r.Understand(c.q, nil).Scope; got != c.want {
			t.Errorf("%s: %q scope %q, want %q", c.name, c.q, got, c.want)
		}
	}
}

// "Someone senior" is another person, not the asker's level.
func TestKindOfOnFile(t *testing.T) {
	ds := newFileRetriever(t, "../../examples/ladders/data-science.md")
	for _, c := range []struct {
		q, level string
		want     mentionKind
	}{
		{"someone senior signs off every query i write", "senior", kindOther},
		{"somebody senior reviews my analyses", "senior", kindOther},
		{"as a senior ds i want to grow", "senior", kindAsked},
		// "lead" is a verb here, not a title's adjective: the people are led.
		{"i lead a big team of junior data scientists", "junior", kindObject},
		{"we lead a large team of senior data scientists", "senior", kindObject},
	} {
		var kinds []mentionKind
		for _, m := range ds.lad.FindLevels(c.q) {
			if m.ID == c.level {
				kinds = append(kinds, kindOf(c.q, m))
			}
		}
		if len(kinds) != 1 || kinds[0] != c.want {
			t.Errorf("%q: kinds of %s %v, want %v", c.q, c.level, kinds, c.want)
		}
	}
}

// The asker's own level alone in a turn leaves the reply free to steer: a
// follow-up about "that one" is about the level the reply named.
func TestReplySteersAfterStatedLevel(t *testing.T) {
	ds := newFileRetriever(t, "../../examples/ladders/data-science.md")
	hist := []Turn{
		{Role: "user", Content: "As a senior data scientist I have no wish to lead people."},
		{Role: "assistant", Content: "The Staff Data Scientist rung keeps you hands-on."},
	}
	in := ds.Understand("how is success judged in that one?", hist)
	if len(in.Levels) == 0 || in.Levels[0] != "staff" {
		t.Errorf("levels %v, want staff first", in.Levels)
	}
}

// An adjacent role the reply named, of which the asker had said a word,
// is what a follow-up asks about.
func TestReplyNamesRole(t *testing.T) {
	ds := newFileRetriever(t, "../../examples/ladders/data-science.md")
	hist := []Turn{
		{Role: "user", Content: "As a data scientist I keep drifting towards research work."},
		{Role: "assistant", Content: "Research Scientist is a role many data scientists move into."},
	}
	in := ds.Understand("is that move realistic for me?", hist)
	if len(in.Roles) == 0 || in.Roles[0] != "research-scientist" {
		t.Errorf("roles %v, want research-scientist", in.Roles)
	}
}

// On a file, the IC track asked about is found in its scope too: the
// level's overview is only a lead paragraph.
func TestICScopeOnFile(t *testing.T) {
	ds := newFileRetriever(t, "../../examples/ladders/data-science.md")
	res, err := ds.Retrieve(context.Background(), "Senior DS here and I never want reports; which routes let me keep developing?", nil)
	if err != nil {
		t.Fatal(err)
	}
	var top []string
	for _, h := range res.Hits[:min(3, len(res.Hits))] {
		top = append(top, h.Section.ID)
	}
	if !slices.Contains(top, "staff/changes") {
		t.Errorf("top %v, want staff/changes among them", top)
	}
}

// "The diff between A and B" sets two levels side by side.
func TestDiffCompares(t *testing.T) {
	ds := newFileRetriever(t, "../../examples/ladders/data-science.md")
	in := ds.Understand("whats the diff between a ds and a senior ds", nil)
	if !in.HasTopic(TopicCompare) || len(in.Levels) < 2 {
		t.Errorf("topics %v levels %v, want a comparison of two levels", in.Topics, in.Levels)
	}
}

// Two levels of a file side by side lead with their scopes: a file's
// overview is only a lead paragraph.
func TestCompareScopesOnFile(t *testing.T) {
	ds := newFileRetriever(t, "../../examples/ladders/data-science.md")
	res, err := ds.Retrieve(context.Background(), "contrast the senior data scientist with the data science manager for me", nil)
	if err != nil {
		t.Fatal(err)
	}
	var top []string
	for _, h := range res.Hits[:min(3, len(res.Hits))] {
		top = append(top, h.Section.ID)
	}
	if !slices.Contains(top, "senior/changes") || !slices.Contains(top, "manager/changes") {
		t.Errorf("top %v, want both scopes", top)
	}
}
