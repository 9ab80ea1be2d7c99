package web_test

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ladder/coach/corpus"
	"github.com/ladder/coach/internal/assess"
	"github.com/ladder/coach/internal/browsertest"
	"github.com/ladder/coach/internal/plan"
	"github.com/ladder/coach/internal/sections"
	"github.com/ladder/coach/internal/server"
)

// ladderSite serves the pages and the API with the real article, the
// assessor and the offline plan service (neither needs the index).
func ladderSite(t *testing.T) (*httptest.Server, *sections.Set) {
	t.Helper()
	secs, err := sections.Split(corpus.Article)
	if err != nil {
		t.Fatal(err)
	}
	set := sections.NewSet(secs)
	srv := httptest.NewServer(server.New(server.Deps{
		Sections: set,
		Planner:  &plan.Service{Sections: set},
		Assessor: assess.New(set),
		Logger:   slog.New(slog.NewTextHandler(io.Discard, nil)),
	}))
	t.Cleanup(srv.Close)
	return srv, set
}

// ladderShot saves what the window shows, scrolled to the element
// matching selector, as docs/NAME when $COACH_SCREENSHOTS names that folder
// (COACH_SCREENSHOTS=docs go test -run TestLadderPage ./web).
func ladderShot(t *testing.T, b *browsertest.Browser, selector, name string) {
	t.Helper()
	dir := os.Getenv("COACH_SCREENSHOTS")
	if dir == "" {
		return
	}
	b.Do(t, "scroll for the screenshot", chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur(); document.querySelector('`+selector+`').scrollIntoView({block: 'start'})`))
	b.ScreenshotView(t, filepath.Join(dir, name))
}

const (
	ladderCells  = `document.querySelectorAll('[data-testid="ladder-cell"]')`
	sourceOpenOn = `(() => { const p = document.querySelector('[data-testid="source-panel"]'); return p && !p.hidden && p.querySelector('.source-title').textContent === %q; })()`
	assessDone   = `!document.querySelector('[data-testid="assess-output"]').hidden && document.querySelector('[data-testid="assess-level"]').textContent !== ''`
)

func sourceOpen(title string) string {
	return strings.Replace(sourceOpenOn, "%q", `"`+strings.ReplaceAll(title, `"`, `\"`)+`"`, 1)
}

// setSelect chooses a value in a select as a person would: the page hears
// the change.
func setSelect(testid, value string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector('[data-testid="` + testid + `"]'); s.value = "` + value + `"; s.dispatchEvent(new Event('change', {bubbles: true})); })()`)
}

// clearField empties a text field.
func clearField(testid string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](`document.querySelector('[data-testid="` + testid + `"]').value = ''`)
}

// TestLadderPage walks the page as a person would: the grid, a cell's
// source, a comparison, an assessment and its plan link, and the console.
func TestLadderPage(t *testing.T) {
	t.Parallel()
	site, set := ladderSite(t)
	b := browsertest.New(t, 1280, 900)
	b.Do(t, "open /ladder", chromedp.Navigate(site.URL+"/ladder"))
	b.WaitFor(t, "the grid", ladderCells+`.length > 0`)

	// Five rungs and the IC track as columns, four facets as rows.
	heads := browsertest.Eval[[]string](t, b, `[...document.querySelectorAll('[data-testid="ladder-grid"] thead th[data-level]')].map(th => th.dataset.level)`)
	if strings.Join(heads, ",") != "associate,mid,senior,director,vp,ic" {
		t.Errorf("columns %v", heads)
	}
	rows := browsertest.Eval[[]string](t, b, `[...document.querySelectorAll('[data-testid="ladder-grid"] tbody th')].map(th => th.textContent)`)
	if strings.Join(rows, "|") != "What changes|Core responsibilities|What success looks like|Skills to develop" {
		t.Errorf("rows %v", rows)
	}
	ids := browsertest.Eval[[]string](t, b, `[...`+ladderCells+`].map(td => td.dataset.sectionId)`)
	levels := map[string]bool{}
	for _, id := range ids {
		s, ok := set.ByID(id)
		if !ok {
			t.Errorf("a cell shows %q, which is no section", id)
			continue
		}
		levels[s.Level] = true
		text := browsertest.Eval[string](t, b, `document.querySelector('[data-section-id="`+id+`"]').textContent`)
		first := strings.TrimSpace(s.Items()[0])
		if s.Facet == "skills" {
			first = s.Skills()[0].Name
		}
		if !strings.Contains(text, first) {
			t.Errorf("cell %s lacks its first item %q", id, first)
		}
	}
	// 6 levels x 4 facets, less the first rung's "what changes" and the IC track's skills.
	if len(ids) != 22 || len(levels) != 6 {
		t.Errorf("%d cells over %d levels, want 22 over 6", len(ids), len(levels))
	}

	// Links between the pages, and the favicon.
	if !browsertest.Eval[bool](t, b, `!!document.querySelector('.topbar a[href="/"]') && !!document.querySelector('.topbar a[href="/plan"]') && !!document.querySelector('.topbar a[href="/ladder"][aria-current="page"]')`) {
		t.Error("the ladder page does not link the chat and plan pages")
	}
	icon := browsertest.Eval[string](t, b, `document.querySelector('link[rel="icon"]').href`)
	if !strings.Contains(icon, "/static/favicon.svg?v=") {
		t.Errorf("favicon %q", icon)
	}
	browsertest.Get(t, icon)

	// A click on a cell opens its section in the source panel; Escape closes it.
	dirChanges, _ := set.ByID("director/changes")
	b.Do(t, "click a cell", chromedp.Click(chromedp.CSS(`[data-testid="ladder-cell"][data-section-id="director/changes"]`)))
	b.WaitFor(t, "the source panel", sourceOpen(dirChanges.Title))
	b.Do(t, "Escape", chromedp.KeyEvent("\x1b"))
	b.WaitFor(t, "the panel to close", `document.querySelector('[data-testid="source-panel"]').hidden`)
	// Enter and Space on a focused cell open it too.
	icResp, _ := set.ByID("ic/responsibilities")
	b.Do(t, "Enter on a cell",
		chromedp.Focus(chromedp.CSS(`[data-section-id="ic/responsibilities"]`)),
		chromedp.KeyEvent("\r"))
	b.WaitFor(t, "the source panel from the keyboard", sourceOpen(icResp.Title))
	b.Do(t, "Escape", chromedp.KeyEvent("\x1b"))
	b.WaitFor(t, "focus back on the cell", `document.activeElement && document.activeElement.dataset.sectionId === 'ic/responsibilities'`)
	midSuccess, _ := set.ByID("mid/success")
	b.Do(t, "Space on a cell", chromedp.Focus(chromedp.CSS(`[data-section-id="mid/success"]`)), chromedp.KeyEvent(" "))
	b.WaitFor(t, "the source panel from Space", sourceOpen(midSuccess.Title))
	b.Do(t, "Escape", chromedp.KeyEvent("\x1b"))

	// Compare: Senior PM and Director of Product first, then whatever is chosen.
	b.WaitFor(t, "the comparison", `document.querySelectorAll('#compare-view .compare-facet').length === 4`)
	if got := browsertest.Eval[[]string](t, b, `[document.querySelector('[data-testid="compare-a"]').value, document.querySelector('[data-testid="compare-b"]').value]`); got[0] != "senior" || got[1] != "director" {
		t.Errorf("compare selects start at %v", got)
	}
	b.Do(t, "choose two levels", setSelect("compare-a", "associate"), setSelect("compare-b", "ic"))
	b.WaitFor(t, "the new comparison", `(() => { const sides = [...document.querySelectorAll('#compare-view .compare-side')].map(s => s.dataset.level); return sides.length === 8 && sides[0] === 'associate' && sides[1] === 'ic'; })()`)
	view := browsertest.Eval[string](t, b, `document.querySelector('[data-testid="compare-view"]').textContent`)
	for _, want := range []string{"Associate PM", "IC track (Principal/Staff PM)", "no “what changes” section", "Mentoring without managing", "Writing and refining user stories", "Product Thinking"} {
		if !strings.Contains(view, want) {
			t.Errorf("comparison lacks %q:\n%s", want, view)
		}
	}
	if q := browsertest.Eval[string](t, b, `location.search`); !strings.Contains(q, "a=associate") || !strings.Contains(q, "b=ic") {
		t.Errorf("the URL %q does not hold the comparison", q)
	}

	// Assess: the level, evidence chips, gaps, the column highlighted, a plan link.
	desc := "I lead our whole marketplace domain: I turn business goals into product strategy, align engineering, marketing, ops and legal on it, mentor two mid-level PMs and present the plan to the executive team."
	b.Do(t, "assess",
		chromedp.SendKeys(chromedp.CSS(`[data-testid="assess-input"]`), desc),
		chromedp.SendKeys(chromedp.CSS(`[data-testid="assess-title"]`), "Director of Product"),
		chromedp.Click(chromedp.CSS(`[data-testid="assess-submit"]`)))
	b.WaitFor(t, "the assessment", assessDone)
	if got := browsertest.Eval[string](t, b, `document.querySelector('[data-testid="assess-level"]').textContent`); got != "Senior PM" {
		t.Errorf("assessed level %q, want Senior PM", got)
	}
	out := browsertest.Eval[string](t, b, `document.querySelector('[data-testid="assess-output"]').innerText`)
	for _, want := range []string{"mentor two mid-level PMs", "Mentor mid-level and junior PMs", "Director of Product", "Strategic Visioning", "Your title is “Director of Product”"} {
		if !strings.Contains(out, want) {
			t.Errorf("assessment lacks %q:\n%s", want, out)
		}
	}
	chips := browsertest.Eval[[]string](t, b, `[...document.querySelectorAll('[data-testid="assess-output"] [data-citation-id]')].map(c => c.dataset.citationId)`)
	if len(chips) < 5 {
		t.Errorf("%d evidence and gap chips", len(chips))
	}
	for _, id := range chips {
		if _, ok := set.ByID(id); !ok {
			t.Errorf("chip cites %q, which is no section", id)
		}
	}
	if got := browsertest.Eval[[]string](t, b, `[...document.querySelectorAll('#ladder-grid .is-you')].map(n => n.dataset.level + (n.dataset.sectionId ? ':' + n.dataset.sectionId : ''))`); len(got) != 5 || !strings.HasPrefix(got[0], "senior") {
		t.Errorf("highlighted in the grid: %v, want the Senior PM column", got)
	}
	if got := browsertest.Eval[[]string](t, b, `[document.querySelector('[data-testid="compare-a"]').value, document.querySelector('[data-testid="compare-b"]').value]`); got[0] != "senior" || got[1] != "director" {
		t.Errorf("after the assessment the comparison is %v, want senior and director", got)
	}
	// An evidence chip opens its section.
	seniorResp, _ := set.ByID("senior/responsibilities")
	b.Do(t, "open evidence", chromedp.Click(chromedp.CSS(`#assess-evidence [data-citation-id="senior/responsibilities"]`)))
	b.WaitFor(t, "the evidence's section", sourceOpen(seniorResp.Title))
	// The panel marks the lines the assessment quotes from it (its citation's items).
	r, err := assess.New(set).Assess(desc, "Director of Product")
	if err != nil {
		t.Fatal(err)
	}
	var quoted []string
	for _, c := range r.Citations {
		if c.ID == seniorResp.ID {
			for _, i := range c.Items {
				quoted = append(quoted, strings.TrimSpace(strings.Split(c.Text, "\n")[i]))
			}
		}
	}
	marked := browsertest.Eval[[]string](t, b, `[...document.querySelectorAll('[data-testid="source-panel"] mark[data-cited]')].map(m => m.textContent.trim())`)
	if len(quoted) == 0 || strings.Join(marked, "\n") != strings.Join(quoted, "\n") {
		t.Errorf("marked lines %q, want the assessment's quoted lines %q", marked, quoted)
	}
	b.Do(t, "Escape", chromedp.KeyEvent("\x1b"))
	ladderShot(t, b, "#assess-result-title", "screenshot-ladder.png")

	href := browsertest.Eval[string](t, b, `document.querySelector('[data-testid="assess-plan-link"]').href`)
	u, err := url.Parse(href)
	if err != nil {
		t.Fatal(err)
	}
	if q := u.Query(); u.Path != "/plan" || q.Get("current") != "Senior PM" || q.Get("target") != "Director of Product" || q.Get("weeks") != "12" {
		t.Errorf("plan link %s", href)
	}
	b.Check(t)

	// Following the link shows that plan at once.
	b.Do(t, "follow the plan link", chromedp.Click(chromedp.CSS(`[data-testid="assess-plan-link"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="plan-item"]`)))
	b.WaitFor(t, "the plan", `location.pathname === '/plan' && !document.querySelector('[data-testid="plan-output"]').hidden && document.querySelectorAll('[data-testid="plan-item"]').length > 0`)
	if got := browsertest.Eval[string](t, b, `document.querySelector('[data-testid="plan-output"]').innerText`); !strings.Contains(got, "Senior PM") || !strings.Contains(got, "Director of Product") {
		t.Errorf("the plan is not Senior PM to Director of Product:\n%s", got)
	}
	b.Check(t)
}

// TestLadderPagePhone: at 375 px the grid scrolls inside its own box, the
// page never sideways, and an assessment that is not about work says so.
func TestLadderPagePhone(t *testing.T) {
	t.Parallel()
	site, _ := ladderSite(t)
	b := browsertest.New(t, 375, 812)
	b.Do(t, "emulate a phone", chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile))
	b.Do(t, "open /ladder", chromedp.Navigate(site.URL+"/ladder"))
	b.WaitFor(t, "the grid", ladderCells+`.length === 22`)
	b.WaitFor(t, "the comparison", `document.querySelectorAll('#compare-view .compare-facet').length === 4`)
	noSideways := func(when string) {
		t.Helper()
		if w := browsertest.Eval[[]int](t, b, `[document.documentElement.scrollWidth, window.innerWidth]`); w[0] > w[1] || w[1] != 375 {
			t.Errorf("%s: the page is %dpx wide in a %dpx window", when, w[0], w[1])
		}
	}
	noSideways("loaded")
	if !browsertest.Eval[bool](t, b, `(() => { const s = document.querySelector('.grid-scroll'); return s.scrollWidth > s.clientWidth && getComputedStyle(s).overflowX === 'auto'; })()`) {
		t.Error("the grid does not scroll inside its own box")
	}

	b.Do(t, "assess", chromedp.SendKeys(chromedp.CSS(`[data-testid="assess-input"]`), "I own the checkout area: I keep its roadmap, decide what we build from research and data, work closely with design and engineering, and report on conversion metrics to stakeholders every month."),
		chromedp.Click(chromedp.CSS(`[data-testid="assess-submit"]`)))
	b.WaitFor(t, "the assessment", assessDone)
	if got := browsertest.Eval[string](t, b, `document.querySelector('[data-testid="assess-level"]').textContent`); got != "Mid-level PM" {
		t.Errorf("assessed level %q, want Mid-level PM", got)
	}
	noSideways("assessed")
	ladderShot(t, b, "#grid-title", "screenshot-ladder-phone.png")

	b.Do(t, "assess a hobby",
		clearField("assess-input"),
		chromedp.SendKeys(chromedp.CSS(`[data-testid="assess-input"]`), "I love dogs and hiking."),
		chromedp.Click(chromedp.CSS(`[data-testid="assess-submit"]`)))
	b.WaitFor(t, "no level", `document.querySelector('[data-testid="assess-level"]').textContent === 'No level found'`)
	if !browsertest.Eval[bool](t, b, `document.getElementById('assess-plan').hidden && document.querySelectorAll('#ladder-grid .is-you').length === 0 && document.getElementById('assess-summary').textContent.includes('Describe what you do at work')`) {
		t.Error("a text that is not about work still shows a level, plan link or highlight")
	}
	// An empty description is caught before it is sent.
	b.Do(t, "submit nothing", clearField("assess-input"), chromedp.Click(chromedp.CSS(`[data-testid="assess-submit"]`)))
	b.WaitFor(t, "the error", `!document.querySelector('[data-testid="assess-error"]').hidden`)
	noSideways("after an error")
	b.Check(t)
}
