package answer

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ladder/coach/corpus"
	"github.com/ladder/coach/internal/retrieve"
	"github.com/ladder/coach/internal/sections"
)

// A question that goes on with the section the previous answer started
// from (same level and facet, or a bare "tell me more") goes deeper into it
// even when retrieval does not find it again: its unshown lines are
// fetched; when all were shown, the answer says so and goes on with the
// next section. The first hits, which the eval sets score, stay in place.
func TestFollowUpOutsideTheHits(t *testing.T) {
	secs, err := sections.Split(corpus.Article)
	if err != nil {
		t.Fatal(err)
	}
	set := sections.NewSet(secs)
	sec := func(id string) sections.Section {
		s, ok := set.ByID(id)
		if !ok {
			t.Fatalf("no section %s", id)
		}
		return s
	}
	hits := func(ids ...string) []retrieve.Hit {
		var out []retrieve.Hit
		for i, id := range ids {
			out = append(out, retrieve.Hit{Section: sec(id), Score: 1 - float64(i)/10})
		}
		return out
	}
	about := func(level, facet string) retrieve.Intent {
		return retrieve.Intent{Levels: []string{level}, Facets: []retrieve.FacetWeight{{Facet: facet, Weight: 1}}, FromHistory: true}
	}
	trim := func(ls []string) []string {
		out := make([]string, len(ls))
		for i, l := range ls {
			out[i] = strings.TrimSpace(l)
		}
		return out
	}
	resp := trim(sec("senior/responsibilities").Items())
	// first is what the coach answered about the section before.
	first := composeWith(Request{Message: "What is a Senior PM responsible for?"},
		retrieve.Result{Hits: hits("senior/responsibilities"), Intent: about("senior", "responsibilities")}, frame{scope: ScopeIn}, set).Answer
	// all quotes every line of the section.
	var all strings.Builder
	all.WriteString("On the core responsibilities of a Senior PM, the article says: " + resp[0] + " [1]\n")
	for _, l := range resp[1:] {
		all.WriteString("- " + l + " [1]\n")
	}
	var allSkills strings.Builder
	for _, l := range trim(sec("senior/skills").Items()) {
		allSkills.WriteString("- " + l + " [1]\n")
	}
	elsewhere := []string{"director/responsibilities", "senior/success", "mid/responsibilities"}
	full := []string{"director/responsibilities", "senior/success", "mid/responsibilities", "vp/responsibilities", "ic/responsibilities"}

	tests := []struct {
		name    string
		q       string
		prev    string
		hits    []string
		in      retrieve.Intent
		noSet   bool
		from    string   // the section the answer starts from
		lead    []string // phrases of the first line
		notLead string
		cited   []string // the citations, in order
	}{
		{name: "same level and facet, not found again: deeper, fetched", q: "What else is a Senior PM responsible for?", prev: first,
			hits: elsewhere, in: about("senior", "responsibilities"), from: "senior/responsibilities",
			lead: []string{"going deeper", "Senior PM"}, cited: append(slices.Clone(elsewhere), "senior/responsibilities")},
		{name: "a bare follow-up, not found again", q: "Tell me more", prev: first,
			hits: elsewhere, in: retrieve.Intent{}, from: "senior/responsibilities",
			lead: []string{"going deeper"}, cited: append(slices.Clone(elsewhere), "senior/responsibilities")},
		{name: "citations full: the last gives way, the first four stay", q: "What else is a Senior PM responsible for?", prev: first,
			hits: full, in: about("senior", "responsibilities"), from: "senior/responsibilities",
			lead: []string{"going deeper"}, cited: append(slices.Clone(full[:4]), "senior/responsibilities")},
		{name: "every line shown: said, and the next section", q: "What else is a Senior PM responsible for?", prev: all.String(),
			hits: elsewhere, in: about("senior", "responsibilities"), from: "senior/success",
			lead: []string{"every line of “" + sec("senior/responsibilities").Title + "”", "success"}, cited: elsewhere},
		{name: "every line shown, the section found again: the next section", q: "Tell me more", prev: all.String(),
			hits: []string{"senior/responsibilities", "director/responsibilities"}, in: about("senior", "responsibilities"), from: "senior/success",
			lead: []string{"every line of"}, cited: []string{"senior/responsibilities", "director/responsibilities", "senior/success"}},
		{name: "every line shown, the next section another level's: moved on, nothing assumed", q: "Which other skills should a Senior PM build?", prev: allSkills.String(),
			hits: elsewhere, in: about("senior", "skills"), from: "director/overview",
			lead: []string{"every line of “" + sec("senior/skills").Title + "”. Next, on the Director of Product level, "}, notLead: "assuming", cited: append(slices.Clone(elsewhere), "director/overview")},
		{name: "another facet: not a follow-up", q: "How is a Senior PM's success judged?", prev: first,
			hits: elsewhere, in: about("senior", "success"), from: "director/responsibilities", notLead: "going deeper", cited: elsewhere},
		{name: "another level: not a follow-up", q: "What is a Director responsible for?", prev: first,
			hits: elsewhere, in: about("director", "responsibilities"), from: "director/responsibilities", notLead: "going deeper", cited: elsewhere},
		{name: "asked again: the hits, lines again", q: "Repeat the Senior PM responsibilities", prev: first,
			hits: elsewhere, in: about("senior", "responsibilities"), from: "director/responsibilities", notLead: "going deeper", cited: elsewhere},
		{name: "without the sections: the hits only", q: "What else is a Senior PM responsible for?", prev: first,
			hits: elsewhere, in: about("senior", "responsibilities"), noSet: true, from: "director/responsibilities", notLead: "going deeper", cited: elsewhere},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			history := []Turn{{Role: "user", Content: "What is a Senior PM responsible for?"}, {Role: "assistant", Content: tt.prev}}
			use := set
			if tt.noSet {
				use = nil
			}
			res := retrieve.Result{Hits: hits(tt.hits...), Intent: tt.in}
			before := slices.Clone(res.Hits)
			r := composeWith(Request{Message: tt.q, History: history}, res, frame{scope: ScopeIn}, use)
			var ids []string
			for _, c := range r.Citations {
				ids = append(ids, c.ID)
			}
			if !slices.Equal(ids, tt.cited) {
				t.Errorf("citations %v, want %v", ids, tt.cited)
			}
			if !slices.EqualFunc(res.Hits, before, func(a, b retrieve.Hit) bool { return a.Section.ID == b.Section.ID }) {
				t.Error("the caller's hits changed")
			}
			head, _, _ := strings.Cut(r.Answer, "\n")
			for _, w := range tt.lead {
				if !strings.Contains(head, w) {
					t.Errorf("first line lacks %q: %s", w, head)
				}
			}
			if tt.notLead != "" && strings.Contains(head, tt.notLead) {
				t.Errorf("first line says %q: %s", tt.notLead, head)
			}
			// The answer starts from the section wanted, with a line not
			// shown before (unless asked again), cited at item level.
			n := slices.Index(ids, tt.from)
			if n < 0 || !strings.Contains(head, fmt.Sprintf("[%d]", n+1)) {
				t.Fatalf("the first line does not cite %s: %s", tt.from, head)
			}
			c := r.Citations[n]
			lines := strings.Split(c.Text, "\n")
			if len(c.Items) == 0 {
				t.Fatalf("%s cited with no items", c.ID)
			}
			for _, i := range c.Items {
				l := strings.TrimSpace(lines[i])
				if !strings.Contains(strings.ReplaceAll(r.Answer, "**", ""), l) {
					t.Errorf("item %d of %s is not in the answer", i, c.ID)
				}
				if !strings.Contains(tt.q, "Repeat") && strings.Contains(tt.prev, l) {
					t.Errorf("line shown again: %q", l)
				}
			}
		})
	}
}

// An answer about the level a step leads to names the step, from the level
// the asker gave (or was placed at) to the target.
func TestLeadNamesTheStep(t *testing.T) {
	secs, err := sections.Split(corpus.Article)
	if err != nil {
		t.Fatal(err)
	}
	set := sections.NewSet(secs)
	changes, _ := set.ByID("senior/changes")
	tests := []struct {
		name string
		in   retrieve.Intent
		want string
	}{
		{"a step from the asker's level", retrieve.Intent{Levels: []string{"senior"}, Current: "mid", Target: "senior", Transition: true},
			"For your step from Mid-level PM to Senior PM, on what changes at the Senior PM level, the article says: "},
		{"no level of the asker's", retrieve.Intent{Levels: []string{"senior"}, Target: "senior", Transition: true},
			"On what changes at the Senior PM level, the article says: "},
		{"not a step", retrieve.Intent{Levels: []string{"senior"}, Current: "mid"},
			"On what changes at the Senior PM level, the article says: "},
	}
	for _, tt := range tests {
		r := composeWith(Request{Message: "next"}, retrieve.Result{Hits: []retrieve.Hit{{Section: changes, Score: 1}}, Intent: tt.in}, frame{scope: ScopeIn}, set)
		if !strings.HasPrefix(r.Answer, tt.want) {
			t.Errorf("%s: %s", tt.name, r.Answer)
		}
	}
}

type intentRetriever struct{ res retrieve.Result }

func (f intentRetriever) Retrieve(context.Context, string, []Turn) (retrieve.Result, error) {
	return f.res, nil
}

// With an LLM, a fetched section is given to the model too, numbered as in
// the citations sent first: the model's [4] is the fetched section.
func TestFollowUpFetchedForTheLLM(t *testing.T) {
	secs, err := sections.Split(corpus.Article)
	if err != nil {
		t.Fatal(err)
	}
	set := sections.NewSet(secs)
	var hits []retrieve.Hit
	for _, id := range []string{"director/responsibilities", "senior/success", "mid/responsibilities"} {
		s, _ := set.ByID(id)
		hits = append(hits, retrieve.Hit{Section: s, Score: 1})
	}
	resp, _ := set.ByID("senior/responsibilities")
	first := strings.TrimSpace(resp.Items()[0])
	in := retrieve.Intent{Levels: []string{"senior"}, Facets: []retrieve.FacetWeight{{Facet: "responsibilities", Weight: 1}}}
	req := Request{Message: "Which other duties does a Senior PM carry?", History: []Turn{
		{Role: "user", Content: "Which duties sit with a Senior PM?"},
		{Role: "assistant", Content: "On the core responsibilities of a Senior PM, the article says: " + first + " [1]"}}}
	fc := &fakeStreamer{pieces: []string{"More duties ", "[4]."}}
	s := &Service{Retriever: intentRetriever{retrieve.Result{Hits: hits, Intent: in, Scope: ScopeIn}}, Sections: set, LLM: fc, Timeout: 5 * time.Second}
	evs, err := collect(t, s, req)
	if err != nil {
		t.Fatal(err)
	}
	cites, text, _, _, done := streamed(t, evs)
	if got := citeIDs(cites); !slices.Equal(got, []string{"director/responsibilities", "senior/success", "mid/responsibilities", "senior/responsibilities"}) {
		t.Errorf("citations event %v", got)
	}
	if text != "More duties [4]." || !slices.Equal(citeIDs(done.Citations), []string{"senior/responsibilities"}) {
		t.Errorf("text %q, done citations %v", text, citeIDs(done.Citations))
	}
	prompt := ""
	for _, m := range fc.msgs {
		prompt += m.Content
	}
	if !strings.Contains(prompt, strings.TrimSpace(resp.Items()[1])) {
		t.Error("the fetched section is not in the prompt")
	}
	rep, err := s.Chat(context.Background(), req)
	if err != nil || rep.Mode != ModeLLM || !slices.Equal(citeIDs(rep.Citations), []string{"senior/responsibilities"}) {
		t.Errorf("plain reply: %v, mode %s, citations %v", err, rep.Mode, citeIDs(rep.Citations))
	}
}
