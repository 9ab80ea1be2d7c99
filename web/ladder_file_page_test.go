package web_test

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ladder/coach/internal/assess"
	"github.com/ladder/coach/internal/browsertest"
	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/ladderfile"
	"github.com/ladder/coach/internal/plan"
	"github.com/ladder/coach/internal/sections"
	"github.com/ladder/coach/internal/server"
)

// TestLadderPageOnAFile draws a ladder file: its title, its levels as
// columns, its own facets as rows, and its starters on the chat page.
func TestLadderPageOnAFile(t *testing.T) {
	t.Parallel()
	f, err := ladderfile.Load("../examples/ladders/data-science.md")
	if err != nil {
		t.Fatal(err)
	}
	secs, err := sections.FromFile(f)
	if err != nil {
		t.Fatal(err)
	}
	set, m := sections.NewSet(secs), ladder.FromFile(f)
	info := server.LadderInfoOf(m)
	site := httptest.NewServer(server.New(server.Deps{
		Sections: set, Levels: m.Levels(), Ladder: &info,
		Planner:  &plan.Service{Sections: set, Ladder: m},
		Assessor: assess.NewFor(set, m),
		Logger:   slog.New(slog.NewTextHandler(io.Discard, nil)),
	}))
	t.Cleanup(site.Close)
	b := browsertest.New(t, 1280, 900)
	b.Do(t, "open /ladder", chromedp.Navigate(site.URL+"/ladder"))
	b.WaitFor(t, "the grid", ladderCells+`.length > 0`)
	heads := browsertest.Eval[[]string](t, b, `[...document.querySelectorAll('[data-testid="ladder-grid"] thead th[data-level]')].map(th => th.dataset.level)`)
	if strings.Join(heads, ",") != "junior,mid,senior,manager,director,staff,principal" {
		t.Errorf("columns %v", heads)
	}
	rows := browsertest.Eval[[]string](t, b, `[...document.querySelectorAll('[data-testid="ladder-grid"] tbody th')].map(th => th.textContent)`)
	if strings.Join(rows, "|") != "Scope and Impact|What You Do|What Good Looks Like|Skills to Grow for the Next Level" {
		t.Errorf("rows %v", rows)
	}
	// 7 levels x 4 facets, less the two top levels' skills.
	if n := browsertest.Eval[int](t, b, ladderCells+`.length`); n != 26 {
		t.Errorf("%d cells, want 26", n)
	}
	if h1 := browsertest.Eval[string](t, b, `document.querySelector('h1').textContent`); h1 != "The Data Science Career Ladder" {
		t.Errorf("h1 %q", h1)
	}
	if title := browsertest.Eval[string](t, b, `document.title`); strings.Contains(title, "PM") {
		t.Errorf("title %q", title)
	}

	b.Do(t, "open /", chromedp.Navigate(site.URL+"/"))
	b.WaitFor(t, "the file's starters", `[...document.querySelectorAll('[data-testid="starter"]')].some(s => s.textContent.includes("Data Scientist"))`)
	if s := browsertest.Eval[string](t, b, `document.querySelector('[data-testid="starter"]').textContent`); s != "What does a Junior Data Scientist do day to day?" {
		t.Errorf("first starter %q", s)
	}
	b.Check(t)
}
