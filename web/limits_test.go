package web_test

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/server"
	"github.com/ladder/coach/web"
)

// TestPagesKeepNoCopies: the pages take the API's limits and the level
// names from GET /api/ladder; no page or script holds a copy of them.
func TestPagesKeepNoCopies(t *testing.T) {
	b, err := json.Marshal(server.APILimits())
	if err != nil {
		t.Fatal(err)
	}
	var limits map[string]int
	if err := json.Unmarshal(b, &limits); err != nil {
		t.Fatal(err)
	}
	numeric := regexp.MustCompile(`\s(maxlength|minlength|min|max)="\d`)
	named := regexp.MustCompile(`\sdata-(?:maxlength|min|max|limit)="([^"]*)"`)
	for _, name := range web.PageNames() {
		html, _ := web.Page(name)
		if m := numeric.Find(html); m != nil {
			t.Errorf("%s.html: a limit written in the page: %s", name, m)
		}
		for _, m := range named.FindAllSubmatch(html, -1) {
			if _, ok := limits[string(m[1])]; !ok {
				t.Errorf("%s.html: %s names no limit of GET /api/ladder", name, m[0])
			}
		}
	}
	for _, script := range []string{"common.js", "chat.js", "ladder.js", "plan.js"} {
		a, ok := web.AssetNamed(script)
		if !ok {
			t.Fatalf("no %s", script)
		}
		js := string(a.Body)
		for _, v := range []int{limits["message_chars"], limits["max_weeks"], limits["context_chars"]} {
			if regexp.MustCompile(`=\s*` + regexp.QuoteMeta(strconv.Itoa(v)) + `\s*;`).MatchString(js) {
				t.Errorf("%s holds the limit %d", script, v)
			}
		}
		if script == "chat.js" {
			continue // its starter questions name levels
		}
		for _, l := range ladder.Levels() {
			if strings.Contains(js, `"`+l.Name+`"`) {
				t.Errorf("%s holds the level name %q", script, l.Name)
			}
		}
	}
}
