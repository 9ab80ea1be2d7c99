// Package browsertest runs the coach's pages in a real headless Chromium
// (Debian's chromium package, never a downloaded browser) through chromedp,
// for end-to-end tests: StartCoach serves the real offline coach on a free
// local port, New opens a browser tab that records every console error,
// uncaught exception, failed request and dialog, and Check fails the test on
// any of them.
//
// One Chromium serves every test of a test binary: the first New starts it,
// each New opens a tab in a browser context of its own (a fresh profile:
// no cookies or storage shared between tabs), so tests can run in parallel,
// and Main stops it when the tests are done.
//
// Tests skip under -short, and when Chromium is missing, except in CI
// (CI=true), where a missing browser is a failure. It is imported by tests
// only.
package browsertest

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/gin-gonic/gin"

	"github.com/ladder/coach/internal/answer"
	"github.com/ladder/coach/internal/app"
	"github.com/ladder/coach/internal/config"
	"github.com/ladder/coach/internal/metrics"
	"github.com/ladder/coach/internal/server"
)

// EnvChromium names the browser to run instead of chromium on PATH.
const EnvChromium = "COACH_CHROMIUM"

// ActionTimeout bounds one Run: a page that never shows what a test waits
// for fails the test instead of hanging it.
const ActionTimeout = 30 * time.Second

// Chromium returns the path of the browser, skipping the test under -short
// or when there is none, or failing it when CI is "true".
func Chromium(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test: skipped under -short")
	}
	path := os.Getenv(EnvChromium)
	if path == "" {
		for _, name := range []string{"chromium", "chromium-browser"} {
			if p, err := exec.LookPath(name); err == nil {
				path = p
				break
			}
		}
	}
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("chromium is not installed; CI must install it (apt-get install chromium), or set %s", EnvChromium)
		}
		t.Skipf("chromium is not installed (apt-get install chromium, or set %s): skipping the browser test", EnvChromium)
	}
	return path
}

// Pacer delays each delta of a streamed answer, so a test can watch the
// answer grow; zero streams at full speed.
type Pacer time.Duration

// StartCoach serves the real coach, offline, on 127.0.0.1 at a free port
// and returns its base URL ("http://127.0.0.1:PORT"). It waits until the
// index is built and stops the server at the end of the test.
func StartCoach(t testing.TB, pace Pacer) string {
	t.Helper()
	return StartCoachWith(t, config.Default(), pace) // no LLM: the tests never reach the network
}

// StartCoachWith is StartCoach with the settings cfg (an LLM endpoint such
// as an httptest server, or API keys, for example).
func StartCoachWith(t testing.TB, cfg config.Config, pace Pacer) string {
	t.Helper()
	Chromium(t) // skip before building the index when no browser will come
	if gin.Mode() == gin.DebugMode {
		gin.SetMode(gin.TestMode) // no route listing in the test output
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	loader, err := app.Start(ctx, app.Options{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := loader.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	var ch server.Chatter = loader
	if pace > 0 {
		ch = paced{loader, time.Duration(pace)}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	m := metrics.New()
	srv := server.HTTPServer(ln.Addr().String(), server.New(server.Deps{
		Chatter: ch, Sections: loader.Sections, Ready: loader.Ready, Limiter: loader.Limiter,
		Planner: loader.Planner, Assessor: loader.Assessor, APIKeys: cfg.APIKeys,
		Metrics: m, MetricsHandler: m.Handler(),
	}), cfg.LLMTimeout)
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return "http://" + ln.Addr().String()
}

// paced streams the loader's answers with a pause before each delta.
type paced struct {
	*app.Loader
	delay time.Duration
}

func (p paced) ChatStream(ctx context.Context, req answer.Request, emit func(answer.Event) error) error {
	return p.Loader.ChatStream(ctx, req, func(e answer.Event) error {
		if e.Name == answer.EventDelta {
			select {
			case <-time.After(p.delay):
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return emit(e)
	})
}

// Browser is one tab of a headless Chromium with a fresh profile. It records
// the page's problems: console errors, uncaught exceptions, browser log
// errors (CSP violations among them), failed requests, HTTP errors and
// dialogs (which it dismisses).
type Browser struct {
	// Ctx is the tab's chromedp context.
	Ctx context.Context

	mu       sync.Mutex
	problems []string
	dialogs  []string
	requests map[network.RequestID]string
	expected []string // URL parts whose failure a test causes on purpose
}

// shared is the one Chromium of the test binary, started by the first New
// and stopped by Main.
var shared struct {
	once sync.Once
	ctx  context.Context // the browser's first tab; every New is a child of it
	stop func()
	err  error
}

// browser returns the shared browser, starting it on the first call.
func browser(path string) (context.Context, error) {
	shared.once.Do(func() {
		dir, err := os.MkdirTemp("", "coach-chromium-")
		if err != nil {
			shared.err = err
			return
		}
		opts := []chromedp.ExecAllocatorOption{
			chromedp.ExecPath(path),
			chromedp.Flag("headless", true),
			chromedp.Flag("no-sandbox", true),
			chromedp.Flag("disable-gpu", true),
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("no-first-run", true),
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("disable-dev-shm-usage", true),
			chromedp.Flag("disable-extensions", true),
			chromedp.NoDefaultBrowserCheck,
			chromedp.UserDataDir(dir),
		}
		actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancel := chromedp.NewContext(actx)
		shared.ctx = ctx
		shared.stop = func() { cancel(); cancelAlloc(); _ = os.RemoveAll(dir) }
		if err := chromedp.Do(ctx); err != nil {
			shared.err = fmt.Errorf("starting chromium (%s): %w", path, err)
		}
	})
	return shared.ctx, shared.err
}

// Main runs the tests, then stops the shared browser; a package whose tests
// call New uses it as its TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(browsertest.Main(m)) }
func Main(m *testing.M) int {
	code := m.Run()
	if shared.stop != nil {
		shared.stop()
	}
	return code
}

// New opens a tab of the shared Chromium, in a browser context of its own,
// with a viewport of width x height, and returns it; the tab closes at the
// end of the test.
func New(t testing.TB, width, height int) *Browser {
	t.Helper()
	parent, err := browser(Chromium(t))
	if err != nil {
		t.Fatal(err)
	}
	b := &Browser{requests: map[network.RequestID]string{}}
	ctx, cancel := chromedp.NewContext(parent, chromedp.WithNewBrowserContext(), chromedp.WithListener(b.record))
	t.Cleanup(cancel)
	b.Ctx = ctx
	// The tab lives as long as the context of its first run: ctx itself,
	// not one of Do's contexts with a deadline.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), int64(height))); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	return b
}

// record notes an event of the tab. It runs on chromedp's reading
// goroutine, so it only notes; dialogs are answered on another goroutine.
func (b *Browser) record(ev any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var parts []string
			for _, a := range ev.Args {
				parts = append(parts, a.Description+string(a.Value))
			}
			b.problems = append(b.problems, "console."+string(ev.Type)+": "+strings.Join(parts, " "))
		}
	case *runtime.EventExceptionThrown:
		msg := ev.ExceptionDetails.Text
		if ev.ExceptionDetails.Exception != nil {
			msg += " " + ev.ExceptionDetails.Exception.Description
		}
		b.problems = append(b.problems, "uncaught exception: "+msg)
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError && !b.isExpected(ev.Entry.URL) {
			b.problems = append(b.problems, fmt.Sprintf("browser log (%s): %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
		}
	case *network.EventRequestWillBeSent:
		b.requests[ev.RequestID] = ev.Request.URL
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 && !b.isExpected(ev.Response.URL) {
			b.problems = append(b.problems, fmt.Sprintf("HTTP %d for %s", ev.Response.Status, ev.Response.URL))
		}
	case *network.EventLoadingFailed:
		url := b.requests[ev.RequestID]
		// A request the page itself aborts (a stream stopped on purpose) is
		// no failure.
		if !ev.Canceled && !b.isExpected(url) {
			b.problems = append(b.problems, fmt.Sprintf("request failed: %s (%s %s)", url, ev.ErrorText, ev.BlockedReason))
		}
	case *page.EventJavascriptDialogOpening:
		b.dialogs = append(b.dialogs, string(ev.Type)+": "+ev.Message)
		b.problems = append(b.problems, "dialog opened: "+string(ev.Type)+" "+ev.Message)
		go func() {
			_, _ = chromedp.Call(b.Ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}()
	}
}

func (b *Browser) isExpected(url string) bool {
	for _, e := range b.expected {
		if url != "" && strings.Contains(url, e) {
			return true
		}
	}
	return false
}

// Expect marks failures of requests whose URL holds part as caused by the
// test on purpose (a blocked API call), until the returned func is called.
func (b *Browser) Expect(part string) (done func()) {
	b.mu.Lock()
	b.expected = append(b.expected, part)
	n := len(b.expected) - 1
	b.mu.Unlock()
	return func() {
		b.mu.Lock()
		b.expected[n] = "\x00never"
		b.mu.Unlock()
	}
}

// Problems returns what went wrong on the page so far.
func (b *Browser) Problems() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.problems...)
}

// Dialogs returns the dialogs the page opened (alert, confirm...).
func (b *Browser) Dialogs() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.dialogs...)
}

// Check fails the test for each problem recorded so far.
func (b *Browser) Check(t testing.TB) {
	t.Helper()
	for _, p := range b.Problems() {
		t.Errorf("page problem: %s", p)
	}
}

// Do runs actions in the tab within ActionTimeout; what failed names the
// step in the error.
func (b *Browser) Do(t testing.TB, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.Ctx, ActionTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v\npage problems: %v", what, err, b.Problems())
	}
}

// Eval evaluates a JavaScript expression in the tab and returns its value.
func Eval[T any](t testing.TB, b *Browser, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.Ctx, ActionTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// WaitFor waits until the JavaScript expression is truthy.
func (b *Browser) WaitFor(t testing.TB, what, expr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.Ctx, ActionTimeout)
	defer cancel()
	deadline := time.Now().Add(ActionTimeout - time.Second)
	for {
		_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(time.Until(deadline))))
		if err == nil {
			return
		}
		// A poll started just as a navigation replaced the document loses
		// its context: poll again in the new one.
		if strings.Contains(err.Error(), "Cannot find context with specified id") && time.Now().Before(deadline) {
			continue
		}
		t.Fatalf("waiting for %s (%s): %v\npage problems: %v", what, expr, err, b.Problems())
	}
}

// Screenshot saves a PNG of the whole page to path.
func (b *Browser) Screenshot(t testing.TB, path string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.Ctx, ActionTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// ScreenshotView saves a PNG of what the window shows to path.
func (b *Browser) ScreenshotView(t testing.TB, path string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.Ctx, ActionTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Get fetches url and fails the test unless it answers 200; for checking
// that a page exists before opening it.
func Get(t testing.TB, url string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d", url, resp.StatusCode)
	}
}
