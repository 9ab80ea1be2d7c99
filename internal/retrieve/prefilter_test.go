package retrieve

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"github.com/ladder/coach/internal/lazyre"
)

// The prefilter is an optimisation only: on every question of the eval sets
// (and their history) each expression the coach has made so far (this
// package's and those it imports: assess, ladder, sections) matches exactly
// as its regexp does.
func TestPrefilterAgrees(t *testing.T) {
	if testing.Short() {
		t.Skip("every pattern on every eval question: the full run")
	}
	t.Parallel()
	texts := evalTexts(t)
	all := lazyre.All()
	if len(all) < 10 || len(texts) < 100 {
		t.Fatalf("%d expressions, %d texts", len(all), len(texts))
	}
	filtered := 0
	for _, p := range all {
		if p.Filtered() {
			filtered++
		}
	}
	for _, d := range lazyre.Disagreements(texts) {
		t.Error(d)
	}
	t.Logf("%d of %d expressions have a prefilter", filtered, len(all))
}

// evalTexts are the questions and history turns of the older eval sets,
// normalised as the reader sees them.
func evalTexts(t *testing.T) []string {
	return textsOf(t, []string{"../../eval/public.jsonl", "../../eval/dev.jsonl", "../../eval/holdout.jsonl", "../../eval/holdout3.jsonl", "../../eval/holdout4.jsonl", "../../eval/holdout5.jsonl", "../../eval/holdout6.jsonl", "../../eval/holdout7.jsonl"})
}

// textsOf are the questions and history turns of eval files, normalised.
// Files of other shapes (plans, assessments) give their lines' "q", if any.
func textsOf(t *testing.T, files []string) []string {
	t.Helper()
	var texts []string
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			var c struct {
				Q       string
				History []Turn
			}
			if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
				t.Fatal(err)
			}
			texts = append(texts, normalize(c.Q))
			for _, h := range c.History {
				texts = append(texts, normalize(h.Content))
			}
		}
		fh.Close()
	}
	return texts
}
