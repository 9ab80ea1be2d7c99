package web_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ladder/coach/internal/browsertest"
)

// storedAnswer is an assistant message as the page keeps it.
type storedAnswer struct {
	Role      string `json:"role"`
	Content   string `json:"content"`
	Citations []struct {
		ID    string `json:"id"`
		Items []int  `json:"items"`
	} `json:"citations"`
	Suggestions []string `json:"suggestions"`
	Feedback    string   `json:"feedback"`
	Stopped     bool     `json:"stopped"`
}

func storedMessages(t *testing.T, b *browsertest.Browser) []storedAnswer {
	t.Helper()
	raw := browsertest.Eval[string](t, b, `localStorage.getItem("coach.chat.v1") || "{}"`)
	var data struct {
		Messages []storedAnswer `json:"messages"`
	}
	if err := json.Unmarshal([]byte(raw), &data); err != nil {
		t.Fatalf("stored conversation: %v", err)
	}
	return data.Messages
}

// TestChatPageCoach: the lines an answer quotes are marked in the source
// panel and scrolled into view; the follow-up questions are buttons that
// send themselves; copy, thumbs (kept and counted), regenerate; the chips
// wrap whole on a phone.
func TestChatPageCoach(t *testing.T) {
	t.Parallel()
	site := browsertest.StartCoach(t, browsertest.Pacer(0))
	b := browsertest.New(t, 1280, 900)
	b.Do(t, "open the page", chromedp.Navigate(site+"/"))
	chatAsk(t, b, "Which skills does a Senior PM need to reach Director?")
	b.WaitFor(t, "the answer", chatAnswered(1))

	msgs := storedMessages(t, b)
	if len(msgs) != 2 || len(msgs[1].Citations) == 0 || len(msgs[1].Citations[0].Items) == 0 {
		t.Fatalf("stored answer without items: %+v", msgs)
	}
	first := msgs[1].Citations[0]

	// The source panel marks exactly the quoted lines, and shows the first.
	b.Do(t, "open the first chip", chromedp.Click(chromedp.CSS(`[data-testid="message-assistant"] [data-citation-id="`+first.ID+`"]`)))
	b.WaitFor(t, "the panel with its marks", chatPanelOpen+` && document.querySelectorAll('[data-testid="source-panel"] mark[data-cited]').length > 0`)
	marked := browsertest.Eval[[]int](t, b, `[...document.querySelectorAll('[data-testid="source-panel"] mark[data-cited]')].map(m => Number(m.parentElement.dataset.line))`)
	if !equalInts(marked, first.Items) {
		t.Errorf("marked lines %v; the answer quotes %v", marked, first.Items)
	}
	answer := browsertest.Eval[string](t, b, chatAssistants+`[0].querySelector('.answer').textContent`)
	for _, m := range browsertest.Eval[[]string](t, b, `[...document.querySelectorAll('[data-testid="source-panel"] mark[data-cited]')].map(m => m.textContent)`) {
		if !strings.Contains(answer, strings.TrimSpace(m)) {
			t.Errorf("marked line %q is not in the answer", m)
		}
	}
	if !browsertest.Eval[bool](t, b, `(() => { const p = document.querySelector('[data-testid="source-panel"]').getBoundingClientRect();
		const m = document.querySelector('[data-testid="source-panel"] mark[data-cited]').getBoundingClientRect();
		return m.top >= p.top && m.bottom <= p.bottom; })()`) {
		t.Error("the first quoted line is not scrolled into view")
	}
	b.Do(t, "close the panel", chromedp.Click(chromedp.CSS(`[data-testid="source-panel"] .source-close`)))
	b.WaitFor(t, "the panel to close", chatPanelShut)

	// Thumbs up: pressed, kept with the conversation, counted in /metrics.
	b.Do(t, "thumbs up", chromedp.Click(chromedp.CSS(`[data-testid="message-assistant"] [data-testid="feedback-up"]`)))
	b.WaitFor(t, "the thumb pressed", `document.querySelector('[data-testid="feedback-up"]').getAttribute('aria-pressed') === 'true'`)
	if fb := storedMessages(t, b)[1].Feedback; fb != "up" {
		t.Errorf("stored feedback %q", fb)
	}
	waitMetric(t, site, `coach_feedback_total{rating="up"} 1`)

	// Copy says so.
	b.Do(t, "copy", chromedp.Click(chromedp.CSS(`[data-testid="message-assistant"] [data-testid="copy"]`)))
	b.WaitFor(t, "the copy status", `document.getElementById('status').textContent.startsWith('Answer copied') || document.getElementById('status').textContent.startsWith('Copying failed')`)

	// A suggestion is a button that asks its question.
	sugg := browsertest.Eval[[]string](t, b, `[...document.querySelectorAll('[data-testid="suggestion"]')].map(s => s.textContent)`)
	if len(sugg) < 2 || len(sugg) > 3 {
		t.Fatalf("suggestions %v; want 2 or 3", sugg)
	}
	b.Do(t, "click a suggestion", chromedp.Click(chromedp.CSS(`[data-testid="suggestion"]`)))
	b.WaitFor(t, "the suggestion's answer", chatAnswered(2))
	if got := browsertest.Eval[string](t, b, chatUsers+`[1].textContent`); !strings.Contains(got, sugg[0]) {
		t.Errorf("the suggestion sent %q; want %q", got, sugg[0])
	}
	// Follow-ups show under the last answer only.
	if !browsertest.Eval[bool](t, b, chatAssistants+`[0].querySelector('.suggestions').hidden`) {
		t.Error("the first answer still shows its suggestions")
	}

	// Regenerate: the same question answered again, in place.
	before := len(storedMessages(t, b))
	b.Do(t, "regenerate", chromedp.Click(chromedp.CSS(`[data-testid="message-assistant"]:last-child [data-testid="regenerate"]`)))
	b.WaitFor(t, "the regenerated answer", chatAnswered(2)+` && `+chatUsers+`.length === 2`)
	if after := storedMessages(t, b); len(after) != before || after[2].Content != sugg[0] {
		t.Errorf("after regenerate: %d messages (want %d), last question %q", len(after), before, after[2].Content)
	}

	// On a phone the chips wrap whole: each on one line, inside the screen.
	b.Do(t, "phone", chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile))
	b.Do(t, "reload on a phone", chromedp.Reload())
	b.WaitFor(t, "the conversation on a phone", chatAnswered(2))
	bad := browsertest.Eval[[]string](t, b, `[...document.querySelectorAll('.chip')].filter(c => c.offsetParent !== null).filter(c => {
		const r = c.getBoundingClientRect(); const line = parseFloat(getComputedStyle(c).lineHeight) || 24;
		return r.left < 0 || r.right > window.innerWidth + 0.5 || r.height > 2.2 * line;
	}).map(c => c.textContent)`)
	if len(bad) > 0 {
		t.Errorf("chips broken or outside the screen at 375px: %v", bad)
	}
	if got := browsertest.Eval[string](t, b, `document.querySelector('[data-testid="feedback-up"]').getAttribute('aria-pressed')`); got != "true" {
		t.Errorf("the thumb after reload: aria-pressed %q", got)
	}
	// A new answer longer than the screen: the reader is left at its start.
	chatAsk(t, b, "Show me the whole list of skills a Director of Product should develop")
	b.WaitFor(t, "the long answer", chatAnswered(3))
	if top := browsertest.Eval[float64](t, b, chatAssistants+`[2].getBoundingClientRect().top`); top < 0 || top > 400 {
		t.Errorf("the new answer starts at %.0fpx from the top of the screen; want its start in view", top)
	}
	b.Check(t)
}

// TestChatPageStop: the stop button ends a stream; what was written stays,
// on the page and in the stored conversation.
func TestChatPageStop(t *testing.T) {
	t.Parallel()
	site := browsertest.StartCoach(t, browsertest.Pacer(400*time.Millisecond))
	b := browsertest.New(t, 1280, 900)
	b.Do(t, "open the page", chromedp.Navigate(site+"/"))
	if !browsertest.Eval[bool](t, b, `document.querySelector('[data-testid="stop"]').hidden`) {
		t.Error("the stop button shows before any question")
	}
	chatAsk(t, b, "What changes once someone becomes a Director of Product?")
	b.WaitFor(t, "some text and the stop button", `(document.querySelector('[data-testid="message-assistant"] .answer').textContent.length > 0) && !document.querySelector('[data-testid="stop"]').hidden`)
	done := b.Expect("/api/chat") // the stream is cut on purpose
	defer done()
	b.Do(t, "stop", chromedp.Click(chromedp.CSS(`[data-testid="stop"]`)))
	b.WaitFor(t, "the stream to end", `!document.querySelector('[data-testid="message-assistant"][aria-busy]') && document.querySelector('[data-testid="stop"]').hidden`)
	shown := browsertest.Eval[string](t, b, chatAssistants+`[0].querySelector('.answer').textContent`)
	time.Sleep(1200 * time.Millisecond) // three more deltas' worth: nothing may come
	if again := browsertest.Eval[string](t, b, chatAssistants+`[0].querySelector('.answer').textContent`); again != shown || shown == "" {
		t.Errorf("after stop the answer went from %q to %q", shown, again)
	}
	if !strings.Contains(browsertest.Eval[string](t, b, chatAssistants+`[0].innerText`), "Stopped") {
		t.Error("no note says the answer was stopped")
	}
	msgs := storedMessages(t, b)
	if len(msgs) != 2 || !msgs[1].Stopped || msgs[1].Content == "" {
		t.Errorf("stored after stop: %+v", msgs)
	}
	if browsertest.Eval[bool](t, b, `document.querySelector('[data-testid="send"]').disabled`) {
		t.Error("send stays disabled after stop")
	}
	// The next question is answered as usual.
	chatAsk(t, b, "And how is success judged at that level?")
	b.WaitFor(t, "the next answer", chatAnswered(2))
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// waitMetric waits until /metrics holds line.
func waitMetric(t *testing.T, site, line string) {
	t.Helper()
	var body string
	for range 50 {
		resp, err := http.Get(site + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if body = string(b); strings.Contains(body, line) {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Errorf("/metrics lacks %q", line)
}
