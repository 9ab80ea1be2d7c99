package browsertest

import (
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/chromedp/chromedp"
)

func TestMain(m *testing.M) { os.Exit(Main(m)) }

// TestTabsAreIsolated: two tabs of the shared browser have the viewport
// they asked for and storage of their own, as two fresh browsers would.
func TestTabsAreIsolated(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("<!doctype html><title>t</title><p>hi</p>"))
	}))
	defer srv.Close()
	a, b := New(t, 800, 600), New(t, 375, 812)
	a.Do(t, "open a", chromedp.Navigate(srv.URL))
	b.Do(t, "open b", chromedp.Navigate(srv.URL))
	if w := Eval[[]int](t, a, "[window.innerWidth, window.innerHeight]"); w[0] != 800 || w[1] != 600 {
		t.Errorf("tab a is %v, want 800x600", w)
	}
	if w := Eval[int](t, b, "window.innerWidth"); w != 375 {
		t.Errorf("tab b is %d wide, want 375", w)
	}
	Eval[bool](t, a, "localStorage.setItem('k', 'v'), true")
	if got := Eval[string](t, b, "localStorage.getItem('k') || ''"); got != "" {
		t.Errorf("tab b sees tab a's storage: %q", got)
	}
	a.Check(t)
	b.Check(t)
}
