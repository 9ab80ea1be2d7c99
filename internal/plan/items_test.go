package plan

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// quotedRe finds the article's words a milestone, an evidence line or the
// timeline note quotes, with the section id after them.
var quotedRe = regexp.MustCompile(`“(.+?)” \(([\w/-]+)\)`)

// citedItemsProblems checks a plan's citations at item level: every index
// in range, ascending and quoted by the plan; every line the plan quotes
// (items, milestones, evidence, the timeline note) among its section's items.
func citedItemsProblems(p Plan) []string {
	type quote struct{ text, id string }
	var qs []quote
	found := func(s string) {
		for _, m := range quotedRe.FindAllStringSubmatch(s, -1) {
			qs = append(qs, quote{m[1], m[2]})
		}
	}
	found(p.TimelineNote)
	for _, ph := range p.Phases {
		found(ph.Milestone)
		for _, e := range ph.Evidence {
			found(e)
		}
		for _, it := range ph.Items {
			qs = append(qs, quote{it.Text, it.CitationID})
		}
	}
	var bad []string
	byID := map[string]Citation{}
	for _, c := range p.Citations {
		byID[c.ID] = c
		lines := strings.Split(c.Text, "\n")
		if !slices.IsSorted(c.Items) || len(c.Items) == 0 {
			bad = append(bad, fmt.Sprintf("%s: items %v not ascending or empty", c.ID, c.Items))
		}
		if c.Score != nil {
			bad = append(bad, c.ID+": a plan's citation has a score")
		}
		for _, i := range c.Items {
			if i < 0 || i >= len(lines) {
				bad = append(bad, fmt.Sprintf("%s: item %d out of range", c.ID, i))
				continue
			}
			l := strings.TrimSpace(lines[i])
			if !slices.ContainsFunc(qs, func(q quote) bool { return q.id == c.ID && strings.Contains(l, strings.TrimSpace(q.text)) }) {
				bad = append(bad, fmt.Sprintf("%s: item %d (%.40q) is not quoted by the plan", c.ID, i, l))
			}
		}
	}
	for _, q := range qs {
		c, ok := byID[q.id]
		lines := strings.Split(c.Text, "\n")
		if !ok || !slices.ContainsFunc(c.Items, func(i int) bool { return strings.Contains(lines[i], strings.TrimSpace(q.text)) }) {
			bad = append(bad, fmt.Sprintf("quote %.40q of %s is not among its citation's items", q.text, q.id))
		}
	}
	return bad
}

func TestCitationItems(t *testing.T) {
	for _, req := range []Request{
		{Current: "APM", Target: "CPO", Weeks: 30, Context: "weak at strategy"},
		{Current: "Associate PM", Target: "VP of Product", Weeks: 20}, // a timeline note
		{Current: "Senior PM", Target: "Staff PM", Weeks: 5},
		{Current: "Associate PM", Target: "Founder", Weeks: 2},
		{Current: "Mid-level PM", Target: "Senior PM", Weeks: 12, Context: "strong at delivery, weak at stakeholders"},
	} {
		p := mustPlan(t, req)
		if req.Weeks == 20 && p.TimelineNote == "" {
			t.Errorf("%+v: no timeline note to check", req)
		}
		for _, b := range citedItemsProblems(p) {
			t.Errorf("%s -> %s: %s", req.Current, req.Target, b)
		}
	}
	set, m := dsLadder(t)
	p, err := OfflineFor(set, m, Request{Current: "junior", Target: "Senior Data Scientist", Weeks: 12})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range citedItemsProblems(p) {
		t.Errorf("ladder file: %s", b)
	}
}

// The check can fail: an index out of range, one the plan does not quote,
// and a quoted line left out are each found.
func TestCitationItemsCheckFails(t *testing.T) {
	p := mustPlan(t, Request{Current: "Mid-level PM", Target: "Senior PM", Weeks: 12})
	for name, spoil := range map[string]func(*Citation){
		"out of range": func(c *Citation) { c.Items = append(c.Items, 9999) },
		"not quoted": func(c *Citation) {
			for i := range strings.Split(c.Text, "\n") {
				if !slices.Contains(c.Items, i) {
					c.Items = append(c.Items, i)
					slices.Sort(c.Items)
					return
				}
			}
		},
		"left out": func(c *Citation) { c.Items = c.Items[1:] },
	} {
		q := p
		q.Citations = slices.Clone(p.Citations)
		q.Citations[0].Items = slices.Clone(q.Citations[0].Items)
		spoil(&q.Citations[0])
		if len(citedItemsProblems(q)) == 0 {
			t.Errorf("%s: not found", name)
		}
	}
}
