package web

import (
	"regexp"
	"strings"
	"testing"
)

func TestPageLinksHashedAssets(t *testing.T) {
	page := Pages["index"]
	for _, name := range []string{"app.js", "style.css", "common.js", "common.css", "favicon.svg"} {
		a, ok := Assets[name]
		if !ok || len(a.Body) == 0 || len(a.Hash) != 12 {
			t.Fatalf("asset %s = %+v", name, a)
		}
		if !strings.Contains(string(page), "/static/"+name+"?v="+a.Hash) {
			t.Errorf("page does not link %s by its hash", name)
		}
	}
	if _, ok := Assets["index.html"]; ok {
		t.Error("index.html is served as an asset too")
	}
}

// The CSP forbids inline code; the page must not need it.
func TestNoInlineScriptOrHandlers(t *testing.T) {
	page := string(Pages["index"])
	for _, m := range regexp.MustCompile(`<script[^>]*>`).FindAllString(page, -1) {
		if !strings.Contains(m, "src=") {
			t.Errorf("inline script: %s", m)
		}
	}
	if regexp.MustCompile(`(?i)\son[a-z]+=`).MatchString(page) {
		t.Error("inline event handler attribute in the page")
	}
	if strings.Contains(page, "<style") || strings.Contains(page, "style=") {
		t.Error("inline style in the page")
	}
}

// What the coach or the user wrote goes on the page as text only.
func TestScriptWritesTextOnly(t *testing.T) {
	js := string(Assets["app.js"].Body)
	for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("} {
		if strings.Contains(js, bad) {
			t.Errorf("app.js uses %s", bad)
		}
	}
	if !strings.Contains(js, "textContent") || !strings.Contains(js, "/api/chat") {
		t.Error("app.js does not render with textContent from /api/chat")
	}
}

func TestPagesAndPaths(t *testing.T) {
	if _, ok := Page("index"); !ok {
		t.Fatal("no index page")
	}
	if _, ok := Page("nope"); ok {
		t.Error("Page(nope) found")
	}
	if PagePath("index") != "/" || PagePath("plan") != "/plan" {
		t.Errorf("PagePath: %q %q", PagePath("index"), PagePath("plan"))
	}
	for _, n := range PageNames() {
		if strings.Contains(n, ".") || len(Pages[n]) == 0 {
			t.Errorf("page %q", n)
		}
	}
}

// Only quoted /static/NAME URLs are versioned, so a longer name sharing a
// prefix keeps its own hash.
func TestVersionAssetsExactNames(t *testing.T) {
	out := string(versionAssets([]byte(`<script src="/static/common.js"></script> "/static/common.jsx"`), []string{"common.js"}))
	if !strings.Contains(out, `"/static/common.js?v=`+Assets["common.js"].Hash+`"`) || !strings.Contains(out, `"/static/common.jsx"`) {
		t.Errorf("versionAssets = %s", out)
	}
}
