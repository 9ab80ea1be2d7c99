package assess

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/ladder/coach/corpus"
	"github.com/ladder/coach/internal/errs"
	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/sections"
)

var (
	testOnce     sync.Once
	testAssessor *Assessor
	testSet      *sections.Set
)

func newTestAssessor(t testing.TB) *Assessor {
	t.Helper()
	testOnce.Do(func() {
		secs, err := sections.Split(corpus.Article)
		if err != nil {
			panic(err)
		}
		testSet = sections.NewSet(secs)
		testAssessor = New(testSet)
	})
	return testAssessor
}

// assessCase is one line of an assessment set (eval/assess-*.jsonl).
type assessCase struct {
	ID          string  `json:"id"`
	Description string  `json:"description"`
	Title       string  `json:"title"`
	ExpectLevel *string `json:"expect_level"`
}

func loadCases(t *testing.T, path string) []assessCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []assessCase
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var c assessCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func levelID(r Result) string {
	if r.Level == nil {
		return ""
	}
	return r.Level.ID
}

// checkGrounded fails when an evidence or gap item is not a line of the
// article in the section it names, or a quote is not the person's words.
func checkGrounded(t *testing.T, description string, r Result) {
	t.Helper()
	inSection := func(id, item string) bool {
		s, ok := testSet.ByID(id)
		if !ok {
			return false
		}
		for _, l := range s.Lines {
			if l == item {
				return true
			}
		}
		return false
	}
	for _, ev := range r.Evidence {
		if !inSection(ev.SectionID, ev.Item) {
			t.Errorf("evidence item %q is not a line of section %q", ev.Item, ev.SectionID)
		}
		if ev.Quote == "" || !strings.Contains(description, ev.Quote) {
			t.Errorf("evidence quote %q is not the person's words", ev.Quote)
		}
		if r.Level != nil && !strings.HasPrefix(ev.SectionID, r.Level.ID+"/") {
			t.Errorf("evidence from %s supports another level than %s", ev.SectionID, r.Level.ID)
		}
	}
	for _, g := range r.Gaps {
		if !inSection(g.SectionID, g.Item) {
			t.Errorf("gap item %q is not a line of section %q", g.Item, g.SectionID)
		}
	}
	for _, p := range citationProblems(r) {
		t.Error(p)
	}
}

// citationProblems checks the citations at item level: each section once,
// its article text, no score, every index in range and quoted by an
// evidence or gap line of that section, every such line among the items.
func citationProblems(r Result) []string {
	var bad []string
	quoted := map[string][]string{}
	for _, ev := range r.Evidence {
		quoted[ev.SectionID] = append(quoted[ev.SectionID], ev.Item)
	}
	for _, g := range r.Gaps {
		quoted[g.SectionID] = append(quoted[g.SectionID], g.Item)
	}
	listed := map[string]bool{}
	for _, c := range r.Citations {
		s, ok := testSet.ByID(c.ID)
		if !ok || s.View() != c.View || listed[c.ID] || c.Score != nil {
			bad = append(bad, fmt.Sprintf("citation %s: not the article's section, listed twice or scored", c.ID))
		}
		listed[c.ID] = true
		lines := strings.Split(c.Text, "\n")
		for _, i := range c.Items {
			if i < 0 || i >= len(lines) || !slices.Contains(quoted[c.ID], lines[i]) {
				bad = append(bad, fmt.Sprintf("citation %s: item %d is not a line the assessment quotes", c.ID, i))
			}
		}
		for _, q := range quoted[c.ID] {
			if !slices.ContainsFunc(c.Items, func(i int) bool { return i >= 0 && i < len(lines) && lines[i] == q }) {
				bad = append(bad, fmt.Sprintf("citation %s: quoted line %.40q not among its items", c.ID, q))
			}
		}
	}
	for id := range quoted {
		if !listed[id] {
			bad = append(bad, "section "+id+" is quoted but not cited")
		}
	}
	return bad
}

// The citation check can fail.
func TestCitationProblems(t *testing.T) {
	r, err := newTestAssessor(t).Assess("I own the roadmap of one product area and work with engineering and design on it every day.", "")
	if err != nil || len(r.Citations) == 0 || len(citationProblems(r)) > 0 {
		t.Fatalf("assessment: %v, %d citations, %v", err, len(r.Citations), citationProblems(r))
	}
	for name, spoil := range map[string]func(*Result){
		"out of range": func(r *Result) { r.Citations[0].Items = append(r.Citations[0].Items, 999) },
		"left out":     func(r *Result) { r.Citations[0].Items = r.Citations[0].Items[1:] },
		"not cited":    func(r *Result) { r.Citations = r.Citations[1:] },
		"scored":       func(r *Result) { r.Citations[0].Score = sections.Scored(1) },
	} {
		q := r
		q.Citations = slices.Clone(r.Citations)
		q.Citations[0].Items = slices.Clone(r.Citations[0].Items)
		spoil(&q)
		if len(citationProblems(q)) == 0 {
			t.Errorf("%s: not found", name)
		}
	}
}

// The six public examples (eval/assess-public.jsonl) must all pass.
func TestPublicExamples(t *testing.T) {
	a := newTestAssessor(t)
	for _, c := range loadCases(t, "../../eval/assess-public.jsonl") {
		t.Run(c.ID, func(t *testing.T) {
			r, err := a.Assess(c.Description, c.Title)
			if err != nil {
				t.Fatal(err)
			}
			want := ""
			if c.ExpectLevel != nil {
				want = *c.ExpectLevel
			}
			if got := levelID(r); got != want {
				t.Errorf("level %q, want %q\n%s", got, want, r.Markdown)
			}
			checkGrounded(t, c.Description, r)
			if want != "" && len(r.Evidence) == 0 {
				t.Error("no evidence")
			}
		})
	}
}

// rungPos places the IC track between Senior PM and Director of Product:
// the article says it operates with a Group PM's or Director's influence.
var rungPos = map[string]float64{ladder.Associate: 1, ladder.Mid: 2, ladder.Senior: 3, ladder.Director: 4, ladder.VP: 5, ladder.IC: 3.5}

// The description sets: our own (eval/assess-dev.jsonl), written from the
// article's level descriptions in other words, and the held-out set
// (eval/assess-holdout.jsonl), written independently. In each: never more
// than one rung off, a non-work text always null, and at least 90% exact.
func TestDescriptionSets(t *testing.T) {
	for _, set := range []struct {
		name, path string
		minCases   int
	}{
		{"own descriptions", "../../eval/assess-dev.jsonl", 12},
		{"held-out descriptions", "../../eval/assess-holdout.jsonl", 12},
	} {
		t.Run(set.name, func(t *testing.T) {
			checkSet(t, set.path, set.minCases)
		})
	}
}

func checkSet(t *testing.T, path string, minCases int) {
	t.Helper()
	a := newTestAssessor(t)
	cases := loadCases(t, path)
	if len(cases) < minCases {
		t.Fatalf("%d cases, want at least %d", len(cases), minCases)
	}
	exact := 0
	for _, c := range cases {
		r, err := a.Assess(c.Description, c.Title)
		if err != nil {
			t.Fatal(err)
		}
		want := ""
		if c.ExpectLevel != nil {
			want = *c.ExpectLevel
		}
		got := levelID(r)
		checkGrounded(t, c.Description, r)
		switch {
		case got == want:
			exact++
		case got == "" || want == "":
			t.Errorf("%s: level %q, want %q: %s", c.ID, got, want, c.Description)
		default:
			d := rungPos[got] - rungPos[want]
			if d > 1 || d < -1 {
				t.Errorf("%s: level %q is more than one rung from %q: %s", c.ID, got, want, c.Description)
			} else {
				t.Logf("%s: level %q, want %q (one rung off)", c.ID, got, want)
			}
		}
	}
	t.Logf("%s: %d of %d exact", path, exact, len(cases))
	if float64(exact) < 0.9*float64(len(cases)) {
		t.Errorf("%d of %d exact, want at least 90%%", exact, len(cases))
	}
}

func TestValidation(t *testing.T) {
	a := newTestAssessor(t)
	tests := []struct {
		name, desc, title, want string
	}{
		{"empty", "", "", "must not be empty"},
		{"blank", " \n\t ", "", "must not be empty"},
		{"too long", strings.Repeat("I own the roadmap. ", 211), "", "limit is 4000"},
		{"title too long", "I own the checkout area.", strings.Repeat("x", 201), "title is 201"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := a.Assess(tt.desc, tt.title)
			if errs.Code(err) != errs.Invalid || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want Invalid with %q", err, tt.want)
			}
		})
	}
	// 4,000 characters exactly is allowed; characters, not bytes, count.
	if _, err := a.Assess(strings.Repeat("é", MaxDescriptionChars), ""); err != nil {
		t.Errorf("4000 characters: %v", err)
	}
}

func TestNotWork(t *testing.T) {
	a := newTestAssessor(t)
	for _, d := range []string{"I love dogs and hiking.", "What a lovely sunny day.", "The Nile is the longest river.", "I'm a Senior PM."} {
		r, err := a.Assess(d, "")
		if err != nil {
			t.Fatal(err)
		}
		if r.Level != nil || r.Next != nil || len(r.Evidence) != 0 || len(r.Gaps) != 0 || r.Confidence != 0 {
			t.Errorf("%q: %+v, want no level, evidence or gaps", d, r)
		}
		if !strings.Contains(r.Markdown, "Describe what you do at work") {
			t.Errorf("%q: markdown does not ask for work: %s", d, r.Markdown)
		}
		if r.Evidence == nil || r.Gaps == nil {
			t.Error("evidence and gaps must be lists, not nil")
		}
	}
}

func TestTitle(t *testing.T) {
	a := newTestAssessor(t)
	assoc := "I write and refine user stories, manage our sprint board and do user research under my manager's guidance. I'm still learning how the product works."
	tests := []struct {
		title string
		want  []string
	}{
		{"Senior PM", []string{"Your title is “Senior PM”", "matches Associate PM more closely"}},
		{"Lead Product Manager", []string{"“Lead Product Manager”, is Senior PM on the ladder", "matches Associate PM"}},
		{"APM", []string{"agrees with the title you gave, “APM”"}},
		{"Product Manager", []string{"agrees with the title you gave"}},
		{"Chief Banana", []string{"“Chief Banana” is not a title on this ladder"}},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			r, err := a.Assess(assoc, tt.title)
			if err != nil {
				t.Fatal(err)
			}
			if levelID(r) != ladder.Associate {
				t.Fatalf("level %q: the title must not set the level", levelID(r))
			}
			for _, w := range tt.want {
				if !strings.Contains(r.Markdown, w) || !strings.Contains(r.Summary, w) {
					t.Errorf("markdown lacks %q:\n%s", w, r.Markdown)
				}
			}
		})
	}
}

func TestGapsAndNext(t *testing.T) {
	a := newTestAssessor(t)
	tests := []struct {
		desc      string
		level     string
		next      string
		gapLevels []string // section levels gaps may come from
	}{
		{"I own the checkout area, keep its roadmap, prioritise with data and report metrics to stakeholders.", ladder.Mid, ladder.Senior, []string{"senior/changes", "senior/responsibilities", "mid/skills"}},
		{"I sit on the executive team, report to the CEO and present our product strategy to the board.", ladder.VP, "", []string{"vp/skills"}},
		{"No direct reports; I'm the go-to person for the riskiest decisions on our ML platform and guide other PMs on frameworks.", ladder.IC, "", []string{"ic/changes", "ic/responsibilities"}},
	}
	for _, tt := range tests {
		r, err := a.Assess(tt.desc, "")
		if err != nil {
			t.Fatal(err)
		}
		if levelID(r) != tt.level {
			t.Fatalf("%q: level %q, want %q", tt.desc, levelID(r), tt.level)
		}
		if tt.next == "" && r.Next != nil || tt.next != "" && (r.Next == nil || r.Next.ID != tt.next) {
			t.Errorf("%q: next %+v, want %q", tt.desc, r.Next, tt.next)
		}
		if len(r.Gaps) == 0 {
			t.Errorf("%q: no gaps", tt.desc)
		}
		evidence := map[string]bool{}
		for _, ev := range r.Evidence {
			evidence[ev.Item] = true
		}
		for _, g := range r.Gaps {
			ok := false
			for _, p := range tt.gapLevels {
				ok = ok || g.SectionID == p
			}
			if !ok {
				t.Errorf("%q: gap from %s, want one of %v", tt.desc, g.SectionID, tt.gapLevels)
			}
			if evidence[g.Item] {
				t.Errorf("%q: %q is both evidence and gap", tt.desc, g.Item)
			}
		}
		checkGrounded(t, tt.desc, r)
	}
	// What the description shows is not a gap: a mid-level PM who already
	// works on the senior rung's "align stakeholders across departments".
	r, _ := a.Assess("I own the search area's roadmap, prioritise features with data, and align stakeholders across departments such as engineering, marketing, ops and legal on shared goals.", "")
	for _, g := range r.Gaps {
		if strings.HasPrefix(g.Item, "Align stakeholders across departments") {
			t.Errorf("gap %q is shown in the description", g.Item)
		}
	}
}

func TestConfidence(t *testing.T) {
	a := newTestAssessor(t)
	clear, _ := a.Assess("I manage a team of five product managers, spend much of my time hiring and coaching, balance priorities across three product lines and set the quality standards for our product org.", "")
	thin, _ := a.Assess("I own a feature.", "")
	for _, r := range []Result{clear, thin} {
		if r.Confidence <= 0 || r.Confidence > 1 {
			t.Errorf("confidence %v out of (0, 1]", r.Confidence)
		}
	}
	if clear.Confidence <= thin.Confidence {
		t.Errorf("a clear description (%v) should be more confident than a thin one (%v)", clear.Confidence, thin.Confidence)
	}
}

func TestClauses(t *testing.T) {
	tx := newText("I lead our whole domain: I align engineering, marketing, ops and legal on it, mentor two PMs and present the plan to the exec team. Also, e.g. this.")
	var got []string
	for _, sp := range tx.clauses() {
		got = append(got, tx.quote(sp.start, sp.end))
	}
	want := []string{"I lead our whole domain", "I align engineering, marketing", "ops and legal on it", "mentor two PMs", "present the plan to the exec team", "Also, e.g. this"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("clauses\n got %q\nwant %q", got, want)
	}
	// Quotes keep the person's own characters.
	tx = newText("I’m “still learning” — slowly")
	sp := tx.clauses()
	if q := tx.quote(sp[0].start, sp[len(sp)-1].end); q != "I’m “still learning” — slowly" {
		t.Errorf("quote %q", q)
	}
}

// Signals are cancelled by a negation or by someone else doing the thing.
func TestSignalContext(t *testing.T) {
	a := newTestAssessor(t)
	tests := []struct {
		desc string
		not  string
	}{
		{"I don't manage a team of PMs yet; I write user stories and keep the sprint board up to date while I learn.", ladder.Director},
		{"My manager owns the roadmap and decides what we build; I write tickets and sync with QA.", ladder.Mid},
		{"I'd like to sit on the executive team one day. Today I write user stories and groom the backlog.", ladder.VP},
	}
	for _, tt := range tests {
		r, _ := a.Assess(tt.desc, "")
		if levelID(r) == tt.not || levelID(r) != ladder.Associate {
			t.Errorf("%q: level %q, want associate", tt.desc, levelID(r))
		}
	}
}

// Scope is read however the person words it: reports named apart from the
// verb, directors "under me", the board "in front of" them; sitting with
// the executives (or in their staff meeting) is not a seat among them;
// owning something whole is the
// senior rung's domain, not the mid rung's area.
func TestScopeWording(t *testing.T) {
	a := newTestAssessor(t)
	tests := []struct{ desc, want string }{
		{"Five product managers, all of whom report to me directly. My week is coaching, performance reviews and setting standards for how we write specs.", ladder.Director},
		{"Four product managers report into me across two product lines. I run hiring, career conversations and one-to-ones.", ladder.Director},
		{"I work with the CEO and CTO on company priorities, and I manage a team of six PMs across three product areas, doing hiring and career development.", ladder.Director},
		{"I lead product for the company: three directors and their teams sit under me, and I stand in front of the board each quarter to defend the plan.", ladder.VP},
		{"I'm accountable for the entire merchant experience, I set where it goes over the next two years, and I help the newer PMs with their discovery.", ladder.Senior},
		{"I'm accountable for the merchant onboarding flow, decide what goes on its roadmap and track activation with my designer and engineers.", ladder.Mid},
		{"I run the search area: its roadmap, its experiments and the monthly metrics review with stakeholders.", ladder.Mid},
		{"Nobody is under me and no PMs report to me. I'm the go-to person for the riskiest calls on our data platform, which many teams build on.", ladder.IC},
		// Attending the leadership's weekly meeting is working with company
		// leadership, not a seat on the executive team.
		{"Three PMs report into me; I hire and run one-to-ones, and on mondays I am in the leadership staff meeting with the CEO.", ladder.Director},
	}
	for _, tt := range tests {
		r, err := a.Assess(tt.desc, "")
		if err != nil {
			t.Fatal(err)
		}
		if levelID(r) != tt.want {
			t.Errorf("%q: level %q, want %q", tt.desc, levelID(r), tt.want)
		}
		checkGrounded(t, tt.desc, r)
	}
}

func BenchmarkAssess(b *testing.B) {
	a := newTestAssessor(b)
	d := "I lead our whole marketplace domain: I turn business goals into product strategy, align engineering, marketing, ops and legal on it, mentor two mid-level PMs and present the plan to the executive team."
	for b.Loop() {
		if _, err := a.Assess(d, "Senior PM"); err != nil {
			b.Fatal(err)
		}
	}
}

// TestMarkdownEscapesUserText: the assessment's Markdown embedded the title
// and the quotes unescaped, live in any renderer other than the coach's.
func TestMarkdownEscapesUserText(t *testing.T) {
	a, err := fuzzAssessor()
	if err != nil {
		t.Fatal(err)
	}
	r, err := a.Assess("I manage a team of five *product managers* and I <b>hire</b> and coach them.", "**VP** [click](http://evil.example) <script>")
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"**VP**", "[click](", "<script>", "<b>", "*product managers*"} {
		if strings.Contains(r.Markdown, bad) {
			t.Errorf("the Markdown holds %q unescaped:\n%s", bad, r.Markdown)
		}
	}
	if !strings.Contains(r.Summary, "**VP** [click](http://evil.example) <script>") {
		t.Errorf("the summary is plain text and should quote the title as given: %s", r.Summary)
	}
}
