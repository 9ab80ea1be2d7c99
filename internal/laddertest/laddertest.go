// Package laddertest loads a ladder file for tests the way the app does
// (internal/app.LoadCorpus): the file parsed, split into sections, and its
// level model.
package laddertest

import (
	"testing"

	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/ladderfile"
	"github.com/ladder/coach/internal/sections"
)

// Load parses the ladder file at path and returns its sections and model,
// failing the test on any problem.
func Load(t testing.TB, path string) (*sections.Set, *ladder.Model) {
	t.Helper()
	f, err := ladderfile.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	secs, err := sections.FromFile(f)
	if err != nil {
		t.Fatal(err)
	}
	return sections.NewSet(secs), ladder.FromFile(f)
}
