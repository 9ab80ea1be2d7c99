package assess

import (
	"regexp"
	"testing"

	"github.com/ladder/coach/internal/lazyre"
)

// TestRegexpsCompile: every expression compiles, though none is compiled
// before it is used.
func TestRegexpsCompile(t *testing.T) {
	all := lazyre.All()
	if len(all) < 20 {
		t.Fatalf("only %d expressions", len(all))
	}
	for _, r := range all {
		if _, err := regexp.Compile(r.String()); err != nil {
			t.Errorf("%s: %v", r, err)
		}
	}
}
