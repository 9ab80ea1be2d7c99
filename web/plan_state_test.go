package web_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ladder/coach/internal/browsertest"
)

// Ticks and notes live in the address's fragment: they survive a reload,
// go into the Markdown export and the .ics, and a share link opened in a
// fresh browser profile shows them.
func TestPlanPageTicksAndNotes(t *testing.T) {
	t.Parallel()
	site, _ := planSite(t)
	b := browsertest.New(t, 1200, 900)

	b.Do(t, "open a plan", chromedp.Navigate(site.URL+"/plan?current=Senior+PM&target=Director+of+Product&weeks=12"))
	b.WaitFor(t, "the plan", planVisible)

	// What a mentor hands over: actions, milestones, evidence, check-ins, the timeline note.
	out := browsertest.Eval[string](t, b, `document.querySelector('[data-testid="plan-output"]').textContent`)
	for _, want := range []string{"A first stage, not the whole climb", "Milestone:", "Evidence to collect", "Check-in questions", "Notes",
		"Practise: Strategic Visioning", "Stretch assignment: with your manager", "Source: “Manage hiring and career development for your team(s).”"} {
		if !strings.Contains(out, want) {
			t.Errorf("plan lacks %q:\n%s", want, out)
		}
	}
	if n := browsertest.Eval[int](t, b, `document.querySelectorAll('[data-testid="plan-milestone"]').length`); n != 3 {
		t.Errorf("%d milestones for 3 phases", n)
	}

	const note = "Agreed: she runs the hiring loop for one role, with me; 50% done"
	b.Do(t, "tick two items and write a note",
		chromedp.Click(chromedp.CSS(`[data-testid="plan-output"] input.tick[data-item="0"]`)),
		chromedp.Click(chromedp.CSS(`[data-testid="plan-output"] input.tick[data-item="5"]`)),
		chromedp.SendKeys(chromedp.CSS(`#plan-notes-1`), note),
	)
	hash := browsertest.Eval[string](t, b, `location.hash`)
	frag, err := url.ParseQuery(strings.TrimPrefix(hash, "#"))
	if err != nil || frag.Get("t") != "0,5" || frag.Get("n1") != note {
		t.Fatalf("the fragment %q does not hold the ticks and the note", hash)
	}
	link := browsertest.Eval[string](t, b, `location.href`)

	checkState := func(b *browsertest.Browser, where string) {
		t.Helper()
		ticked := browsertest.Eval[[]string](t, b, `[...document.querySelectorAll('[data-testid="plan-output"] input.tick:checked')].map(x => x.dataset.item)`)
		if strings.Join(ticked, ",") != "0,5" {
			t.Errorf("%s: ticked items %v, want 0 and 5", where, ticked)
		}
		if got := browsertest.Eval[string](t, b, `document.getElementById('plan-notes-1').value`); got != note {
			t.Errorf("%s: note %q", where, got)
		}
		md := browsertest.Eval[string](t, b, `window.CoachPlan.markdown()`)
		if strings.Count(md, "\n- [x] ") != 2 || !strings.Contains(md, "**Notes:** "+note+"\n") {
			t.Errorf("%s: the Markdown export lacks the ticks or the note:\n%s", where, md)
		}
		// The calendar comes from the coach (POST /api/plan/ics): wait for it.
		browsertest.Eval[bool](t, b, `(window.__ics = null, window.CoachPlan.ics().then(function (t) { window.__ics = t; }), true)`)
		b.WaitFor(t, "the .ics", `typeof window.__ics === "string"`)
		ics := browsertest.Eval[string](t, b, `window.__ics`)
		checkins := browsertest.Eval[int](t, b, `document.querySelectorAll('[data-testid="plan-checkins"] li').length`)
		if !strings.HasPrefix(ics, "BEGIN:VCALENDAR\r\n") || strings.Count(ics, "BEGIN:VEVENT") != checkins || checkins < 6 ||
			!strings.Contains(ics, "DTSTART;VALUE=DATE:") || !strings.HasSuffix(ics, "END:VCALENDAR\r\n") {
			t.Errorf("%s: the .ics does not hold one event per check-in (%d):\n%s", where, checkins, ics)
		}
		for _, l := range strings.Split(strings.TrimSuffix(ics, "\r\n"), "\r\n") {
			if len(l) > 75 {
				t.Errorf("%s: an .ics line of %d octets: %q", where, len(l), l)
			}
		}
	}
	checkState(b, "before the reload")

	b.Do(t, "reload", chromedp.Reload())
	b.WaitFor(t, "the plan after the reload", planVisible)
	checkState(b, "after the reload")

	// Printing shows the note as text.
	b.Do(t, "print media", emulatePrint(true))
	if got := browsertest.Eval[string](t, b, `(() => { const p = document.querySelectorAll('.notes-print')[1]; return getComputedStyle(p).display + '|' + p.textContent; })()`); got != "block|"+note {
		t.Errorf("printed note %q", got)
	}
	b.Do(t, "print media", emulatePrint(false))
	b.Check(t)

	// The share link, in a fresh browser profile: nothing in its storage.
	fresh := browsertest.New(t, 1200, 900)
	fresh.Do(t, "open the share link", chromedp.Navigate(link))
	fresh.WaitFor(t, "the shared plan", planVisible)
	checkState(fresh, "in a fresh profile")

	// Unticking updates the address at once.
	fresh.Do(t, "untick", chromedp.Click(chromedp.CSS(`[data-testid="plan-output"] input.tick[data-item="0"]`)))
	if h := browsertest.Eval[string](t, fresh, `location.hash`); !strings.Contains(h, "t=5&") && !strings.HasSuffix(h, "t=5") {
		t.Errorf("after unticking, the fragment is %q", h)
	}
	fresh.Check(t)
}

// The mentor cases of issue 16 on the page: every item an action with its
// source, every phase a milestone, evidence, check-ins and a notes field,
// the timeline note where the weeks are few, the floor's message where too few.
func TestPlanPageMentorCases(t *testing.T) {
	t.Parallel()
	site, _ := planSite(t)
	b := browsertest.New(t, 1200, 900)
	cases := []struct {
		query    string
		timeline bool
	}{
		{"current=Senior+PM&target=Director+of+Product&weeks=12&context=strong+analytics%2C+shy+in+meetings", true},
		{"current=Mid-level+PM&target=IC+track&weeks=12", true},
		{"current=Mid-level+PM&target=Founder&weeks=8", false},
		{"current=Associate+PM&target=Senior+PM&weeks=24", true},
	}
	const figures = `(() => {
	  const out = document.querySelector('[data-testid="plan-output"]');
	  const items = [...out.querySelectorAll('[data-testid="plan-item"]')];
	  const phases = [...out.querySelectorAll('[data-testid="plan-phase"]')];
	  const complete = phases.filter(p => p.querySelector('[data-testid="plan-milestone"]') &&
	    p.querySelectorAll('[data-testid="plan-evidence"] li').length > 0 &&
	    [2, 3].includes(p.querySelectorAll('[data-testid="plan-checkins"] li').length) &&
	    p.querySelector('[data-testid="plan-notes"]')).length;
	  const actions = items.filter(li => /^(Practise:|Stretch assignment:|Ask for:) /.test(li.querySelector('.action').textContent) &&
	    li.querySelector('.source-line').textContent.startsWith('Source: “')).length;
	  const sizes = phases.map(p => p.querySelectorAll('[data-testid="plan-item"]').length);
	  return [items.length, actions, phases.length, complete, Math.min(...sizes), Math.max(...sizes),
	    document.querySelector('[data-testid="plan-timeline"]').hidden ? 0 : 1];
	})()`
	for _, c := range cases {
		b.Do(t, "open "+c.query, chromedp.Navigate(site.URL+"/plan?"+c.query))
		b.WaitFor(t, "the plan", planVisible+` && document.getElementById('plan-title').textContent !== ''`)
		f := browsertest.Eval[[]int](t, b, figures)
		t.Logf("%s: items %d, actions with source %d, phases %d, complete phases %d, sizes %d-%d, timeline note %d", c.query, f[0], f[1], f[2], f[3], f[4], f[5], f[6])
		if f[0] != f[1] || f[2] != f[3] || f[5]-f[4] > 1 || (f[6] == 1) != c.timeline {
			t.Errorf("%s fails the rubric on the page: %v", c.query, f)
		}
		b.Do(t, "blank", chromedp.Navigate("about:blank"))
	}
	done := b.Expect("/api/plan") // the 400 is the point
	b.Do(t, "open a plan below the floor", chromedp.Navigate(site.URL+"/plan?current=Associate+PM&target=VP+of+Product&weeks=1"))
	b.WaitFor(t, "the error", `!document.querySelector('[data-testid="plan-error"]').hidden`)
	done()
	if got := browsertest.Eval[string](t, b, `document.querySelector('[data-testid="plan-error"]').textContent`); !strings.Contains(got, "at least 16 weeks") {
		t.Errorf("floor error %q", got)
	}
	b.Check(t)
}
