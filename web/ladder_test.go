package web

import (
	"regexp"
	"strings"
	"testing"
)

// The ladder page loads only its own files (the CSP forbids inline code)
// and holds the hooks tests and users' automation rely on.
func TestLadderPageHooks(t *testing.T) {
	page, ok := Page("ladder")
	if !ok {
		t.Fatal("no ladder page")
	}
	html := string(page)
	for _, m := range regexp.MustCompile(`<script[^>]*>`).FindAllString(html, -1) {
		if !strings.Contains(m, "src=") {
			t.Errorf("inline script: %s", m)
		}
	}
	if regexp.MustCompile(`(?i)\son[a-z]+=`).MatchString(html) || strings.Contains(html, "<style") || strings.Contains(html, "style=") {
		t.Error("inline handler or style in the ladder page")
	}
	if regexp.MustCompile(`(?i)(src|href)="(https?:)?//`).MatchString(html) {
		t.Error("the ladder page loads something from outside")
	}
	for _, name := range []string{"common.js", "common.css", "ladder.js", "ladder.css", "favicon.svg"} {
		if !strings.Contains(html, "/static/"+name+"?v="+asset(t, name).Hash) {
			t.Errorf("the ladder page does not link %s by its hash", name)
		}
	}
	for _, id := range []string{"ladder-grid", "compare-a", "compare-b", "assess-input", "assess-submit", "assess-output", "assess-level", "assess-plan-link"} {
		if !strings.Contains(html, `data-testid="`+id+`"`) {
			t.Errorf("ladder.html lacks data-testid=%q", id)
		}
	}
	js := string(asset(t, "ladder.js").Body)
	for _, want := range []string{`"ladder-cell"`, `"data-section-id"`, `"data-citation-id"`, "/api/assess", "/api/compare", "/api/levels", "C.openSource", `"/plan?"`, `"current"`, `"target"`, `"weeks"`} {
		if !strings.Contains(js, want) {
			t.Errorf("ladder.js lacks %s", want)
		}
	}
}
