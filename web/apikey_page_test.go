package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/ladder/coach/internal/browsertest"
	"github.com/ladder/coach/internal/config"
)

const (
	keyDialogOpen = `(() => { const d = document.querySelector('[data-testid="key-dialog"]'); return !!d && d.open; })()`
	keyDialogShut = `(() => { const d = document.querySelector('[data-testid="key-dialog"]'); return !d || !d.open; })()`
	keyMessage    = `document.querySelector('[data-testid="key-message"]').textContent`
)

// enterKey types key into the open key dialog and sends it with Enter.
func enterKey(t *testing.T, b *browsertest.Browser, key string) {
	t.Helper()
	b.Do(t, "enter the key "+key,
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="key-input"]`)),
		chromedp.SendKeys(chromedp.CSS(`[data-testid="key-input"]`), key),
		chromedp.KeyEvent(kb.Enter))
}

// TestAPIKeyDialog runs the pages against a coach with COACH_API_KEYS set,
// as a user meets it: the first question asks for the key in a dialog
// (closing it leaves the question to send again), a wrong key is asked for
// again with a message, the right one answers the question, and after a
// reload the saved key keeps every page working without asking. A page
// that makes several requests at once (the ladder) asks once.
func TestAPIKeyDialog(t *testing.T) {
	t.Parallel()
	const key = "s3cret-team-key"
	cfg := config.Default()
	cfg.APIKeys = []string{key, "another-key"}
	site := browsertest.StartCoachWith(t, cfg, 0)
	b := browsertest.New(t, 1280, 900)
	expected := b.Expect("/api/") // the 401s that ask for the key

	b.Do(t, "open the page", chromedp.Navigate(site+"/"))
	chatAsk(t, b, "What does a Senior PM do?")
	b.WaitFor(t, "the key dialog", keyDialogOpen)
	if got := browsertest.Eval[string](t, b, keyMessage); !strings.Contains(got, "asks for an API key") {
		t.Errorf("first message = %q", got)
	}
	// An accessible modal: named by its title, the input labelled and focused.
	if !browsertest.Eval[bool](t, b, `(() => {
		const d = document.querySelector('[data-testid="key-dialog"]');
		const title = document.getElementById(d.getAttribute('aria-labelledby'));
		const input = d.querySelector('[data-testid="key-input"]');
		return !!title && title.textContent.trim() !== '' && input.labels.length === 1 && document.activeElement === input && input.type === 'password';
	})()`) {
		t.Error("the key dialog is not named, labelled and focused")
	}

	// Closing it (Escape) gives up this question and says why; the
	// question stays in the box.
	b.Do(t, "Escape", chromedp.KeyEvent(kb.Escape))
	b.WaitFor(t, "the error", `!document.querySelector('[data-testid="error"]').hidden`)
	if got := browsertest.Eval[string](t, b, `document.querySelector('[data-testid="error"]').textContent`); !strings.Contains(got, "API key") {
		t.Errorf("error after closing the dialog = %q", got)
	}
	if got := browsertest.Eval[string](t, b, `document.querySelector('[data-testid="chat-input"]').value`); got != "What does a Senior PM do?" {
		t.Errorf("question box after closing the dialog = %q", got)
	}

	// Try again: a wrong key is asked for again, with a message.
	b.Do(t, "try again", chromedp.Click(chromedp.CSS(`#retry`)))
	b.WaitFor(t, "the key dialog again", keyDialogOpen)
	enterKey(t, b, "wrong-key")
	b.WaitFor(t, "the dialog saying the key was refused", keyDialogOpen+` && `+keyMessage+`.includes('did not accept')`)
	if got := browsertest.Eval[string](t, b, `localStorage.getItem('coach.apiKey') || ''`); got != "" {
		t.Errorf("a refused key was saved: %q", got)
	}

	enterKey(t, b, key)
	b.WaitFor(t, "the answer", chatAnswered(1))
	b.WaitFor(t, "the dialog to close", keyDialogShut)
	if n := browsertest.Eval[int](t, b, chatAssistants+`[0].querySelectorAll('[data-citation-id]').length`); n == 0 {
		t.Error("the answer has no citations")
	}
	if got := browsertest.Eval[string](t, b, `JSON.parse(localStorage.getItem('coach.apiKey'))`); got != key {
		t.Errorf("saved key = %q, want %q", got, key)
	}
	// A citation's section loads with the key too.
	b.Do(t, "open a citation", chromedp.Click(chromedp.CSS(`[data-testid="message-assistant"] [data-citation-id]`)))
	b.WaitFor(t, "the source panel", chatPanelOpen)
	expected()

	// After a reload the saved key is sent at once: no dialog, no 401.
	b.Do(t, "reload", chromedp.Reload())
	b.WaitFor(t, "the restored conversation", chatAnswered(1))
	chatAsk(t, b, "And what does success look like there?")
	b.WaitFor(t, "the second answer", chatAnswered(2))
	if !browsertest.Eval[bool](t, b, keyDialogShut) {
		t.Error("the key dialog opened after the reload")
	}
	b.Do(t, "open the plan page", chromedp.Navigate(site+"/plan"))
	b.WaitFor(t, "the plan form's levels", `document.querySelectorAll('[data-testid="plan-current"] option').length > 3`)
	if !browsertest.Eval[bool](t, b, keyDialogShut) {
		t.Error("the key dialog opened on the plan page")
	}
	b.Check(t)

	// A fresh browser on the ladder page, which asks several things at
	// once: one dialog, and the key lets every request through.
	b2 := browsertest.New(t, 1280, 900)
	defer b2.Expect("/api/")()
	b2.Do(t, "open the ladder page", chromedp.Navigate(site+"/ladder"))
	b2.WaitFor(t, "the key dialog", keyDialogOpen)
	if n := browsertest.Eval[int](t, b2, `document.querySelectorAll('[data-testid="key-dialog"]').length`); n != 1 {
		t.Errorf("%d key dialogs", n)
	}
	enterKey(t, b2, "another-key")
	b2.WaitFor(t, "the ladder grid", ladderCells+`.length > 10`)
	if !browsertest.Eval[bool](t, b2, keyDialogShut) {
		t.Error("the key dialog is still open")
	}
	b2.Check(t)
}
