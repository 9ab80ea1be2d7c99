package web

import (
	"regexp"
	"strings"
	"testing"
)

func TestPageLinksHashedAssets(t *testing.T) {
	html := page(t, "index")
	for _, name := range []string{"chat.js", "chat.css", "common.js", "common.css", "favicon.svg"} {
		a, ok := AssetNamed(name)
		if !ok || len(a.Body) == 0 || len(a.Hash) != 12 {
			t.Fatalf("asset %s = %+v", name, a)
		}
		if !strings.Contains(string(html), "/static/"+name+"?v="+a.Hash) {
			t.Errorf("page does not link %s by its hash", name)
		}
	}
	if _, ok := AssetNamed("index.html"); ok {
		t.Error("index.html is served as an asset too")
	}
}

// The CSP forbids inline code; the page must not need it.
func TestNoInlineScriptOrHandlers(t *testing.T) {
	page := string(page(t, "index"))
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
func TestScriptsWriteTextOnly(t *testing.T) {
	for name, a := range loadSite().assets {
		if !strings.HasSuffix(name, ".js") {
			continue
		}
		js := string(a.Body)
		for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"} {
			if strings.Contains(js, bad) {
				t.Errorf("%s uses %s", name, bad)
			}
		}
	}
	chat := string(asset(t, "chat.js").Body)
	if !strings.Contains(chat, "/api/chat") || !strings.Contains(string(asset(t, "common.js").Body), "textContent") {
		t.Error("chat.js does not stream /api/chat through common.js")
	}
}

// The hooks tests and users' automation rely on.
func TestChatPageHooks(t *testing.T) {
	page := string(page(t, "index"))
	for _, want := range []string{`data-testid="chat-input"`, `data-testid="send"`, `<textarea`, `for="chat-input"`, `rel="icon"`} {
		if !strings.Contains(page, want) {
			t.Errorf("index.html lacks %s", want)
		}
	}
	chat := string(asset(t, "chat.js").Body)
	for _, want := range []string{`"message-user"`, `"message-assistant"`, `"data-citation-id"`, "localStorage", "history"} {
		if !strings.Contains(chat+string(asset(t, "common.js").Body), want) {
			t.Errorf("scripts lack %s", want)
		}
	}
	common := string(asset(t, "common.js").Body)
	for _, want := range []string{`"source-panel"`, "/api/sections/", `"/plan"`, `"/ladder"`, "Escape"} {
		if !strings.Contains(common, want) {
			t.Errorf("common.js lacks %s", want)
		}
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
		if strings.Contains(n, ".") || len(page(t, n)) == 0 {
			t.Errorf("page %q", n)
		}
	}
}

// Only quoted /static/NAME URLs are versioned, so a longer name sharing a
// prefix keeps its own hash.
func TestVersionAssetsExactNames(t *testing.T) {
	out := string(versionAssets([]byte(`<script src="/static/common.js"></script> "/static/common.jsx"`), []string{"common.js"}, loadSite().assets))
	if !strings.Contains(out, `"/static/common.js?v=`+asset(t, "common.js").Hash+`"`) || !strings.Contains(out, `"/static/common.jsx"`) {
		t.Errorf("versionAssets = %s", out)
	}
}

// page returns the page called name, failing the test without it.
func page(t *testing.T, name string) []byte {
	t.Helper()
	p, ok := Page(name)
	if !ok {
		t.Fatalf("no page %s", name)
	}
	return p
}

// asset returns the file called name, failing the test without it.
func asset(t *testing.T, name string) Asset {
	t.Helper()
	a, ok := AssetNamed(name)
	if !ok {
		t.Fatalf("no asset %s", name)
	}
	return a
}
