package openaiapi

import (
	"testing"

	"github.com/ladder/coach/internal/answer"
	"github.com/ladder/coach/internal/sections"
)

func TestSourcesText(t *testing.T) {
	cites := []answer.Citation{
		{View: sections.View{ID: "senior/success", Title: "Senior PM: What Success Looks Like"}},
		{View: sections.View{ID: "senior/overview", Title: "Senior PM: overview"}},
		{View: sections.View{ID: "mid/skills", Title: "Mid-level PM: Skills"}},
	}
	if got := SourcesText(nil); got != "" {
		t.Errorf("no citations: %q", got)
	}
	want := "\n\nSources:\n[1] Senior PM: What Success Looks Like (senior/success)\n[2] Senior PM: overview (senior/overview)\n[3] Mid-level PM: Skills (mid/skills)"
	if got := SourcesText(cites); got != want {
		t.Errorf("SourcesText = %q\nwant %q", got, want)
	}
	// A streamed LLM answer keeps the numbers of the list sent first.
	want = "\n\nSources:\n[3] Mid-level PM: Skills (mid/skills)\n[1] Senior PM: What Success Looks Like (senior/success)"
	if got := numberedSources(cites, []answer.Citation{cites[2], cites[0]}); got != want {
		t.Errorf("numberedSources = %q\nwant %q", got, want)
	}
	for in, want := range map[string]string{
		"Answer [1]." + SourcesText(cites):          "Answer [1].",
		"Answer [1]." + SourcesText(cites) + "\n":   "Answer [1].",
		"No sources here.":                          "No sources here.",
		"Text\n\nSources:\nmy own list, not a cite": "Text\n\nSources:\nmy own list, not a cite",
		"A" + SourcesText(cites) + "\nmore words":   "A" + SourcesText(cites) + "\nmore words",
	} {
		if got := stripSources(in); got != want {
			t.Errorf("stripSources(%q) = %q, want %q", in, got, want)
		}
	}
}
