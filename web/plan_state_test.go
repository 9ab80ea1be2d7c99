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
		ics := browsertest.Eval[string](t, b, `window.CoachPlan.ics()`)
		checkins := browsertest.Eval[int](t, b, `document.querySelectorAll('[data-testid="plan-checkins"] li').length`)
		if !strings.HasPrefix(ics, "BEGIN:VCALENDAR\r\n") || strings.Count(ics, "BEGIN:VEVENT") != checkins || checkins < 6 ||
			!strings.Contains(ics, "DTSTART;VALUE=DATE:") || !strings.HasSuffix(ics, "END:VCALENDAR\r\n") {
			t.Errorf("%s: the .ics does not hold one event per check-in (%d):\n%s", where, checkins, ics)
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
