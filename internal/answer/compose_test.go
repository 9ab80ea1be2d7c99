package answer

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/retrieve"
)

var markerAtEnd = regexp.MustCompile(`\s*\[(\d+)\]$`)

// Every list line is an article line with its marker, listed in its
// citation's items; every item is a line of its citation shown in the answer.
func TestComposeItems(t *testing.T) {
	s := newOfflineService(t)
	for _, q := range []string{
		"What does a Mid-level PM do?", "What should I build to become a Director of Product?",
		"What counts as success for a Principal PM?", "Can a PM become a startup founder?",
		"How long does it take to reach VP?", "What changes for a Senior PM?",
		"How does a Senior PM compare with a Director of Product?", "Show me the full list of skills for an Associate PM",
	} {
		r, err := s.Chat(context.Background(), Request{Message: q})
		if err != nil {
			t.Fatal(err)
		}
		if r.Scope != ScopeIn || len(r.Suggestions) < 2 || len(r.Suggestions) > 3 {
			t.Errorf("%q: scope %q, suggestions %q", q, r.Scope, r.Suggestions)
		}
		plain := strings.ReplaceAll(r.Answer, "**", "")
		quoted := 0
		for n, c := range r.Citations {
			lines := strings.Split(c.Text, "\n")
			for _, i := range c.Items {
				if i < 0 || i >= len(lines) {
					t.Fatalf("%q: citation %d item %d out of range", q, n+1, i)
				}
				if !strings.Contains(plain, strings.TrimSpace(lines[i])) {
					t.Errorf("%q: citation %d item %d (%q) is not in the answer", q, n+1, i, lines[i])
				}
				quoted++
			}
		}
		if quoted == 0 {
			t.Errorf("%q: no items", q)
		}
		for _, l := range strings.Split(plain, "\n") {
			item, ok := strings.CutPrefix(l, "- ")
			if !ok {
				continue
			}
			m := markerAtEnd.FindStringSubmatch(item)
			if m == nil {
				t.Errorf("%q: list line without a marker: %q", q, l)
				continue
			}
			n := int(m[1][0]-'0') - 1
			text := strings.TrimSpace(markerAtEnd.ReplaceAllString(item, ""))
			found := false
			lines := strings.Split(r.Citations[n].Text, "\n")
			for _, i := range r.Citations[n].Items {
				found = found || strings.TrimSpace(lines[i]) == text
			}
			if !found {
				t.Errorf("%q: %q is not an item of citation %d", q, text, n+1)
			}
		}
		if w := len(strings.Fields(r.Answer)); w > 250 {
			t.Errorf("%q: %d words", q, w)
		}
	}
}

// A conversation never shows a line twice; the same level and facet again
// goes deeper; asking again shows the lines again.
func TestComposeConversation(t *testing.T) {
	s := newOfflineService(t)
	var history []Turn
	seen := map[string]string{}
	ask := func(q string) Reply {
		t.Helper()
		r, err := s.Chat(context.Background(), Request{Message: q, History: history})
		if err != nil {
			t.Fatal(err)
		}
		history = append(history, Turn{Role: "user", Content: q}, Turn{Role: "assistant", Content: r.Answer})
		return r
	}
	for _, q := range []string{
		"Which core responsibilities does a Senior PM hold?", "Tell me more.",
		"What does success look like for a Senior PM?", "And what changes at that level?",
	} {
		r := ask(q)
		for n, c := range r.Citations {
			lines := strings.Split(c.Text, "\n")
			for _, i := range c.Items {
				l := strings.TrimSpace(lines[i])
				if prev, ok := seen[l]; ok {
					t.Errorf("%q shows %q again (first shown for %q)", q, l, prev)
				}
				seen[l] = q
			}
			_ = n
		}
		if q == "Tell me more." && !strings.Contains(r.Answer, "going deeper") {
			t.Errorf("%q: want the same section, deeper:\n%s", q, r.Answer)
		}
	}
	r := ask("Can you repeat the core responsibilities of a Senior PM?")
	if !strings.Contains(r.Answer, "Own the vision, roadmap, and success of an entire product domain or user journey.") {
		t.Errorf("asked again, the lines come again:\n%s", r.Answer)
	}
}

// Each follow-up question retrieval answers from the section it is meant for.
func TestSuggestionsAnswered(t *testing.T) {
	s := newOfflineService(t)
	var all []suggestion
	for _, l := range ladder.Levels() {
		for _, f := range append([]string{ladder.Overview}, facetCycle...) {
			if f != ladder.Overview && missingFacet[l.ID+"/"+f] {
				continue
			}
			all = append(all, facetQuestion(ladder.Default(), l.ID, f))
		}
	}
	all = append(all, sugNoManaging, sugTimeline, sugAdjacent, sugAdvice, sugLadder, suggestion{starterSuggestion, "mid/overview"})
	for _, sg := range all {
		res, err := s.Retriever.Retrieve(context.Background(), sg.q, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || res.Hits[0].Section.ID != sg.section {
			got := "nothing"
			if len(res.Hits) > 0 {
				got = res.Hits[0].Section.ID
			}
			t.Errorf("%q: retrieval answers from %s; want %s", sg.q, got, sg.section)
		}
	}
}

// Scopes the lead's retrieval will set: nearby quotes the closest lines
// behind a sentence saying the article does not cover the question;
// small talk has no citations and one suggestion; out refuses.
func TestComposeScopes(t *testing.T) {
	s := newOfflineService(t)
	res, err := s.Retriever.Retrieve(context.Background(), "How do I run a good meeting with stakeholders?", nil)
	if err != nil || len(res.Hits) == 0 {
		t.Fatal(err, len(res.Hits))
	}
	req := Request{Message: "How do I run a good meeting with stakeholders?"}
	near := composeIn(req, res, frame{scope: ScopeNearby})
	named := composeIn(req, res, frame{scope: ScopeNearby, nearby: "running meetings"})
	if !strings.HasPrefix(named.Answer, "The article doesn't cover running meetings; the closest it says is: ") {
		t.Errorf("nearby, named: %s", named.Answer)
	}
	if !strings.HasPrefix(near.Answer, "The article doesn't cover that; the closest it says is: ") ||
		near.Scope != ScopeNearby || len(near.Citations) == 0 || !strings.Contains(near.Answer, "[") {
		t.Errorf("nearby: %+v", near)
	}
	small := composeIn(Request{Message: "thanks!"}, retrieve.Result{}, frame{scope: ScopeSmalltalk})
	if len(small.Citations) != 0 || len(small.Suggestions) != 1 || small.Scope != ScopeSmalltalk || small.Answer == "" {
		t.Errorf("small talk: %+v", small)
	}
	out := Compose(Request{Message: "x"}, retrieve.Result{OutOfScope: true})
	if out.Answer != ScopeMessage || len(out.Citations) != 0 || len(out.Suggestions) != 0 || out.Scope != ScopeOut {
		t.Errorf("out: %+v", out)
	}
	placed := composeIn(Request{Message: "I keep a roadmap for one area"}, res, frame{scope: ScopeIn, placed: res.Hits[0].Section.Level, placedWhy: "keeping a roadmap for one area"})
	if got := firstPerson("i run discovery and i'm on call"); got != "I run discovery and I'm on call" {
		t.Errorf("firstPerson: %q", got)
	}
	if lv := res.Hits[0].Section.Level; isLevel(ladder.Default(), lv) && !strings.HasPrefix(placed.Answer, "You describe “keeping a roadmap for one area”, which is the "+levelName(ladder.Default(), lv)+" stage") {
		t.Errorf("placed: %s", placed.Answer)
	}
}
