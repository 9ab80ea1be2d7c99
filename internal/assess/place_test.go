package assess

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
)

// TestPlaceAgreesWithAssess: Place, which skips the gaps, citations and
// Markdown, places every description of the assessment sets as Assess does:
// the level when its confidence reaches minPlaceConfidence, with the quote
// of its first evidence; nothing otherwise.
func TestPlaceAgreesWithAssess(t *testing.T) {
	a := newTestAssessor(t)
	descs := []string{"", "I like hiking.", "I own the checkout roadmap and run discovery with design."}
	for _, file := range []string{"../../eval/assess-public.jsonl", "../../eval/assess-dev.jsonl", "../../eval/assess-holdout.jsonl"} {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			var c struct{ Description string }
			if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
				t.Fatal(err)
			}
			descs = append(descs, c.Description)
		}
		f.Close()
	}
	placed := 0
	for _, d := range descs {
		wantLevel, wantWhy := "", ""
		if r, err := a.Assess(d, ""); err == nil && r.Level != nil && r.Confidence >= minPlaceConfidence {
			wantLevel = r.Level.ID
			if len(r.Evidence) > 0 {
				wantWhy = r.Evidence[0].Quote
			}
		}
		level, why := a.Place(d)
		if level != wantLevel || why != wantWhy {
			t.Fatalf("Place(%q) = %q, %q; Assess says %q, %q", d, level, why, wantLevel, wantWhy)
		}
		if level != "" {
			placed++
		}
	}
	if placed < len(descs)/2 {
		t.Fatalf("placed %d of %d descriptions", placed, len(descs))
	}
}
