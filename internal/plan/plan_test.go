package plan

import (
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ladder/coach/corpus"
	"github.com/ladder/coach/internal/errs"
	"github.com/ladder/coach/internal/sections"
)

// article is the real article's sections: plans are only as good as their
// grounding, so the tests use the text users get.
var article = func() *sections.Set {
	secs, err := sections.Split(corpus.Article)
	if err != nil {
		panic(err)
	}
	return sections.NewSet(secs)
}()

func mustPlan(t *testing.T, req Request) Plan {
	t.Helper()
	p, err := Offline(article, req)
	if err != nil {
		t.Fatalf("Offline(%+v): %v", req, err)
	}
	return p
}

func citationIDs(p Plan) []string {
	var ids []string
	for _, c := range p.Citations {
		ids = append(ids, c.ID)
	}
	return ids
}

func skillNames(p Plan) []string {
	var out []string
	for _, ph := range p.Phases {
		for _, it := range ph.Items {
			if it.Skill != "" {
				out = append(out, it.Skill)
			}
		}
	}
	return out
}

func TestOfflineRoutes(t *testing.T) {
	tests := []struct {
		name, current, target string
		wantFrom, wantTo      string
		wantIDs               []string
		wantSkills            []string // must appear verbatim in the Markdown and the cited text
		wantText              []string // must appear in some cited section's text
	}{
		{
			name: "associate to senior climbs two rungs", current: "Associate PM", target: "Senior PM",
			wantFrom: "associate", wantTo: "senior",
			wantIDs:    []string{"associate/skills", "mid/skills", "senior/responsibilities", "senior/success"},
			wantSkills: []string{"Product Thinking", "Impact-Driven Prioritisation", "Stakeholder Management"},
		},
		{
			name: "mid to director", current: "Mid-level PM", target: "Director of Product",
			wantFrom: "mid", wantTo: "director",
			wantIDs:    []string{"mid/skills", "senior/skills", "director/responsibilities", "director/success"},
			wantSkills: []string{"Impact-Driven Prioritisation", "Strategic Visioning"},
		},
		{
			name: "one rung by aliases", current: "lead pm", target: "GPM",
			wantFrom: "senior", wantTo: "director",
			wantIDs:    []string{"senior/skills", "director/responsibilities", "director/success"},
			wantSkills: []string{"Strategic Visioning", "Mentorship"},
		},
		{
			name: "all the way up", current: "APM", target: "CPO",
			wantFrom: "associate", wantTo: "vp",
			wantIDs: []string{"associate/skills", "mid/skills", "senior/skills", "director/skills", "vp/responsibilities", "vp/success"},
			wantSkills: []string{"Product Thinking", "Impact-Driven Prioritisation", "Strategic Visioning",
				"Organisational Design"},
		},
		{
			name: "head of product to VP", current: "Head of Product", target: "VP of Product",
			wantFrom: "director", wantTo: "vp",
			wantIDs: []string{"director/skills", "vp/responsibilities", "vp/success"},
		},
		{
			name: "IC target from below senior climbs to senior first", current: "Associate PM", target: "Principal PM",
			wantFrom: "associate", wantTo: "ic",
			wantIDs:    []string{"associate/skills", "mid/skills", "senior/skills", "ic/changes", "ic/responsibilities", "ic/success"},
			wantSkills: []string{"Product Thinking", "Impact-Driven Prioritisation"},
			wantText:   []string{"Instead of managing PMs"},
		},
		{
			name: "IC target from senior", current: "Senior PM", target: "Staff PM",
			wantFrom: "senior", wantTo: "ic",
			wantIDs:  []string{"senior/skills", "ic/changes", "ic/responsibilities", "ic/success"},
			wantText: []string{"Instead of managing PMs"},
		},
		{
			name: "IC target from director is a step aside", current: "Director of Product", target: "Product Architect",
			wantFrom: "director", wantTo: "ic",
			wantIDs: []string{"ic/changes", "ic/responsibilities", "ic/success"},
		},
		{
			name: "IC to director", current: "Staff PM", target: "Director of Product",
			wantFrom: "ic", wantTo: "director",
			wantIDs: []string{"senior/skills", "director/responsibilities", "director/success"},
		},
		{
			name: "adjacent role: product marketing", current: "Mid-level PM", target: "product marketing",
			wantFrom: "mid", wantTo: "product-marketing",
			wantIDs: []string{"adjacent/product-marketing"},
		},
		{
			name: "adjacent role: business development", current: "Senior PM", target: "Business Development",
			wantFrom: "senior", wantTo: "business-development",
			wantIDs: []string{"adjacent/business-development"},
		},
		{
			name: "adjacent role: operations", current: "PM", target: "Operations",
			wantFrom: "mid", wantTo: "operations",
			wantIDs: []string{"adjacent/operations"},
		},
		{
			name: "adjacent role: founder", current: "VP", target: "Founder",
			wantFrom: "vp", wantTo: "founder",
			wantIDs: []string{"adjacent/founder"},
		},
		{
			name: "adjacent role: innovation, with a bare PM", current: "Staff PM", target: "Innovation PM",
			wantFrom: "ic", wantTo: "innovation",
			wantIDs: []string{"adjacent/innovation"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustPlan(t, Request{Current: tt.current, Target: tt.target, Weeks: 24})
			if p.Current.ID != tt.wantFrom || p.Target.ID != tt.wantTo {
				t.Errorf("route %s -> %s, want %s -> %s", p.Current.ID, p.Target.ID, tt.wantFrom, tt.wantTo)
			}
			if p.Current.Name == "" || p.Target.Name == "" {
				t.Errorf("positions lack names: %+v %+v", p.Current, p.Target)
			}
			got := citationIDs(p)
			for _, id := range tt.wantIDs {
				if !contains(got, id) {
					t.Errorf("citations %v lack %s", got, id)
				}
			}
			for _, s := range tt.wantSkills {
				if !strings.Contains(p.Markdown, s) {
					t.Errorf("Markdown lacks the skill %q", s)
				}
				if !contains(skillNames(p), s) {
					t.Errorf("no item is the skill %q; skills %v", s, skillNames(p))
				}
				if !citedTextHas(p, s) {
					t.Errorf("no cited section's text holds %q", s)
				}
			}
			for _, s := range tt.wantText {
				if !citedTextHas(p, s) {
					t.Errorf("no cited section's text holds %q", s)
				}
			}
			if p.Mode != ModeOffline || p.Degraded || p.Tailoring != "" {
				t.Errorf("mode %q degraded %v tailoring %q", p.Mode, p.Degraded, p.Tailoring)
			}
		})
	}
}

func citedTextHas(p Plan, s string) bool {
	for _, c := range p.Citations {
		if strings.Contains(c.Text, s) {
			return true
		}
	}
	return false
}

// Every named skill of each skills section on the route is an item, its name
// verbatim, citing that section.
func TestEverySkillIsAnItem(t *testing.T) {
	p := mustPlan(t, Request{Current: "Associate PM", Target: "VP of Product", Weeks: 20})
	for _, id := range []string{"associate/skills", "mid/skills", "senior/skills", "director/skills"} {
		s, _ := article.ByID(id)
		if len(s.Skills()) < 4 {
			t.Fatalf("%s has %d skills; the article lists more", id, len(s.Skills()))
		}
		for _, k := range s.Skills() {
			found := false
			for _, ph := range p.Phases {
				for _, it := range ph.Items {
					if it.Skill == k.Name && it.CitationID == id && strings.Contains(it.Text, k.Name) {
						found = true
					}
				}
			}
			if !found {
				t.Errorf("skill %q of %s is not an item citing it", k.Name, id)
			}
		}
	}
}

func TestAliasesInTheIssue(t *testing.T) {
	tests := []struct{ title, want string }{
		{"Associate PM", "associate"}, {"APM", "associate"}, {"apm", "associate"},
		{"Mid-level PM", "mid"}, {"mid-level pm", "mid"}, {"Senior PM", "senior"}, {"SENIOR PM", "senior"},
		{"Lead PM", "senior"}, {"GPM", "director"}, {"Group PM", "director"}, {"Director of Product", "director"},
		{"Head of Product", "director"}, {"VP of Product", "vp"}, {"CPO", "vp"}, {"cpo", "vp"},
		{"Principal PM", "ic"}, {"Staff PM", "ic"}, {"staff pm", "ic"}, {"Product Architect", "ic"},
		{"Staff", "ic"}, {"principal", "ic"}, {"Lead", "senior"}, {"PM", "mid"}, {"Product Manager", "mid"},
		{"Product Marketing", "product-marketing"}, {"product-marketing", "product-marketing"},
		{"Business Development", "business-development"}, {"Partnerships", "business-development"},
		{"Operations", "operations"}, {"Program Management", "operations"},
		{"Founder", "founder"}, {"Startup Founders or CEOs", "founder"}, {"CEO", "founder"},
		{"Innovation", "innovation"}, {"R&D", "innovation"}, {"Innovation, R&D, or Incubation Roles", "innovation"},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			pl, ok := resolve(tt.title)
			if !ok {
				t.Fatalf("resolve(%q) found nothing", tt.title)
			}
			if got := pl.position().ID; got != tt.want {
				t.Errorf("resolve(%q) = %s, want %s", tt.title, got, tt.want)
			}
		})
	}
}

func TestInvalid(t *testing.T) {
	long := strings.Repeat("é", MaxContextChars+1)
	tests := []struct {
		name string
		req  Request
		want []string
	}{
		{"unknown current", Request{Current: "Wizard PM Supreme", Target: "Senior PM", Weeks: 12},
			[]string{`unknown current level "Wizard PM Supreme"`, "Senior PM, Director of Product"}},
		{"unknown target", Request{Current: "Senior PM", Target: "Astronaut", Weeks: 12},
			[]string{`unknown target "Astronaut"`, "Senior PM, Director of Product", "Product Marketing or Strategy"}},
		{"blank current", Request{Current: "  ", Target: "Senior PM", Weeks: 12}, []string{"current must name", "Senior PM, Director of Product"}},
		{"blank target", Request{Current: "APM", Target: "", Weeks: 12}, []string{"target must name"}},
		{"target below current", Request{Current: "Senior PM", Target: "Associate PM", Weeks: 12},
			[]string{"below the current level Senior PM", "climbs up", "Director of Product"}},
		{"target is current", Request{Current: "Senior PM", Target: "lead pm", Weeks: 12}, []string{"the target is the current level, Senior PM"}},
		{"top rung", Request{Current: "CPO", Target: "VP of Product", Weeks: 12}, []string{"top rung"}},
		{"IC to senior", Request{Current: "Staff PM", Target: "Senior PM", Weeks: 12}, []string{"not above the IC track"}},
		{"IC to IC", Request{Current: "Principal PM", Target: "Staff PM", Weeks: 12}, []string{"current track"}},
		{"current is a role", Request{Current: "Founder", Target: "VP", Weeks: 12}, []string{"adjacent role"}},
		{"weeks 0", Request{Current: "APM", Target: "Senior PM"}, []string{"weeks must be a whole number from 1 to 104, not 0"}},
		{"weeks negative", Request{Current: "APM", Target: "Senior PM", Weeks: -3}, []string{"not -3"}},
		{"weeks 105", Request{Current: "APM", Target: "Senior PM", Weeks: 105}, []string{"from 1 to 104"}},
		{"weeks 1000", Request{Current: "APM", Target: "Senior PM", Weeks: 1000}, []string{"not 1000"}},
		{"context too long", Request{Current: "APM", Target: "Senior PM", Weeks: 12, Context: long},
			[]string{"context is 1001 characters long; the limit is 1000"}},
		{"title too long", Request{Current: strings.Repeat("a", MaxTitleChars+1), Target: "Senior PM", Weeks: 12}, []string{"current is 201 characters"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Offline(article, tt.req)
			if err == nil {
				t.Fatal("no error")
			}
			if errs.Code(err) != errs.Invalid {
				t.Errorf("code %q, want invalid (%v)", errs.Code(err), err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message %q lacks %q", err, w)
				}
			}
		})
	}
	// Exactly at the limits is fine.
	for _, req := range []Request{
		{Current: "APM", Target: "Mid-level PM", Weeks: MinWeeks, Context: strings.Repeat("é", MaxContextChars)},
		{Current: "APM", Target: "Senior PM", Weeks: MaxWeeks},
	} {
		if _, err := Offline(article, req); err != nil {
			t.Errorf("weeks %d, context %d chars: %v", req.Weeks, len([]rune(req.Context)), err)
		}
	}
}

var weeksSpan = regexp.MustCompile(`^(\d+)-(\d+)$`)

// Every week from 1 to Weeks is in exactly one phase, in order, for every
// length and route; no phase is empty; phases number at most the weeks.
func TestPhasesCoverEveryWeekOnce(t *testing.T) {
	// Six, four, three and two stages.
	routes := [][2]string{{"APM", "CPO"}, {"Associate PM", "Senior PM"}, {"Senior PM", "Director"}, {"Mid-level PM", "Founder"}}
	for _, r := range routes {
		for weeks := MinWeeks; weeks <= MaxWeeks; weeks++ {
			p, err := Offline(article, Request{Current: r[0], Target: r[1], Weeks: weeks})
			if err != nil && weeks < 4*4 && strings.Contains(err.Error(), "too short") {
				continue // below the floor of a multi-rung climb
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Phases) == 0 || len(p.Phases) > weeks {
				t.Fatalf("%v over %d weeks: %d phases", r, weeks, len(p.Phases))
			}
			next := 1
			for _, ph := range p.Phases {
				m := weeksSpan.FindStringSubmatch(ph.Weeks)
				if m == nil {
					t.Fatalf("%v over %d weeks: phase weeks %q is not a-b", r, weeks, ph.Weeks)
				}
				lo, _ := strconv.Atoi(m[1])
				hi, _ := strconv.Atoi(m[2])
				if lo != next || hi < lo {
					t.Fatalf("%v over %d weeks: phase %q after week %d", r, weeks, ph.Weeks, next-1)
				}
				next = hi + 1
				if len(ph.Items) == 0 || ph.Title == "" {
					t.Fatalf("%v over %d weeks: phase %q is empty", r, weeks, ph.Weeks)
				}
			}
			if next != weeks+1 {
				t.Fatalf("%v over %d weeks: phases end at week %d", r, weeks, next-1)
			}
		}
	}
}

func TestPhaseCounts(t *testing.T) {
	tests := []struct {
		weeks      int
		wantWeeks  []string
		wantPhases int
	}{
		{1, []string{"1-1"}, 1},
		{2, []string{"1-2"}, 1},
		{4, []string{"1-4"}, 1},
		{8, []string{"1-4", "5-8"}, 2},
		{12, []string{"1-4", "5-8", "9-12"}, 3},
		{13, []string{"1-4", "5-7", "8-10", "11-13"}, 4},
		{104, []string{"1-18", "19-36", "37-53", "54-70", "71-87", "88-104"}, MaxPhases},
	}
	for _, tt := range tests {
		p := mustPlan(t, Request{Current: "Senior PM", Target: "Director", Weeks: tt.weeks})
		var got []string
		for _, ph := range p.Phases {
			got = append(got, ph.Weeks)
		}
		if !reflect.DeepEqual(got, tt.wantWeeks) || len(got) != tt.wantPhases {
			t.Errorf("%d weeks: phases %v, want %d: %v", tt.weeks, got, tt.wantPhases, tt.wantWeeks)
		}
	}
}

// Every item cites a section the plan lists, and every listed section
// exists with the article's text.
func TestCitationsAreGrounded(t *testing.T) {
	for _, req := range []Request{
		{Current: "APM", Target: "CPO", Weeks: 30, Context: "weak at strategy"},
		{Current: "Senior PM", Target: "Staff PM", Weeks: 5},
		{Current: "Associate PM", Target: "Founder", Weeks: 2},
	} {
		p := mustPlan(t, req)
		listed := map[string]bool{}
		for _, c := range p.Citations {
			s, ok := article.ByID(c.ID)
			if !ok || s.Text != c.Text || s.Title != c.Title || s.Level != c.Level || s.Facet != c.Facet {
				t.Errorf("citation %q does not match the article's section", c.ID)
			}
			if listed[c.ID] {
				t.Errorf("citation %q listed twice", c.ID)
			}
			listed[c.ID] = true
		}
		for _, ph := range p.Phases {
			for _, it := range ph.Items {
				if !listed[it.CitationID] {
					t.Errorf("item %q cites %q, which the plan does not list", it.Text, it.CitationID)
				}
				s, _ := article.ByID(it.CitationID)
				if !strings.Contains(s.Text, it.Text) {
					t.Errorf("offline item %q is not the text of %s", it.Text, it.CitationID)
				}
				if strings.Contains(it.Text, "Until next week") {
					t.Errorf("the sign-off became an item")
				}
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	for _, req := range []Request{
		{Current: "APM", Target: "Director", Weeks: 17},
		{Current: "Associate PM", Target: "Senior PM", Weeks: 12, Context: "fintech, strong at delivery, weak at stakeholder work"},
	} {
		a, b := mustPlan(t, req), mustPlan(t, req)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("two plans for %+v differ", req)
		}
	}
}

func TestMarkdown(t *testing.T) {
	p := mustPlan(t, Request{Current: "Associate PM", Target: "Senior PM", Weeks: 12, Context: "fintech,\nweak at stakeholder work"})
	md := p.Markdown
	for _, want := range []string{
		"# Growth plan: Associate PM → Senior PM\n",
		"in 12 weeks, in 3 phases",
		"> Context: fintech, weak at stakeholder work\n",
		"Tailored to your context:",
		"> **Timeline:** A first stage, not the whole climb",
		"## Weeks 1-4: Build the skills to become a Mid-level PM, then build the skills to become a Senior PM\n",
		"## Weeks 9-12: See a Senior PM's core responsibilities at first hand\n",
		"**Milestone:** By the end of week 4: ",
		"- [ ] **Practise:** Product Thinking — start linking tasks to user value, in the work you own today.\n" +
			"  Source: “Product Thinking: Start linking tasks to user value.",
		"(section `associate/skills`)\n",
		"- [ ] **Focus:** **Stretch assignment:** Stakeholder Management — ",
		"**Evidence to collect:**\n\n- “You define and deliver product outcomes that contribute directly to business growth.” (senior/success)\n",
		"**Check-in questions:**\n\n1. ",
		"**Notes:**\n",
		"## Sources\n\n1. Closing: many paths and no fixed timeline (`closing/timeline`)\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
	items := 0
	for _, ph := range p.Phases {
		items += len(ph.Items)
	}
	if got := strings.Count(md, "\n- [ ] "); got != items {
		t.Errorf("%d checklist lines for %d items", got, items)
	}
	if got := strings.Count(md, "\n**Notes:**\n"); got != len(p.Phases) {
		t.Errorf("%d notes lines for %d phases", got, len(p.Phases))
	}
	one := mustPlan(t, Request{Current: "Senior PM", Target: "Director", Weeks: 1})
	if !strings.Contains(one.Markdown, "## Week 1: ") || !strings.Contains(one.Markdown, "in 1 week, in 1 phase.") {
		t.Errorf("one-week plan:\n%s", one.Markdown)
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// TestMarkdownEscapesContext: plan Markdown embedded the user's context
// unescaped, live in any renderer other than the coach's page.
func TestMarkdownEscapesContext(t *testing.T) {
	req := Request{Current: "Associate PM", Target: "Senior PM", Weeks: 12,
		Context: "**VP** [click](http://evil.example) <script>, weak at stakeholder work"}
	p := mustPlan(t, req)
	for _, bad := range []string{"**VP**", "[click](", "<script>"} {
		if strings.Contains(p.Markdown, bad) {
			t.Errorf("the Markdown holds %q unescaped:\n%s", bad, p.Markdown[:min(len(p.Markdown), 600)])
		}
	}
	if !strings.Contains(p.Markdown, `\*\*VP\*\* \[click\](http://evil.example) \<script\>`) {
		t.Errorf("the context is missing, escaped:\n%s", p.Markdown[:min(len(p.Markdown), 600)])
	}
}
