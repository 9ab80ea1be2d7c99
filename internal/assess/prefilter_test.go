package assess

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/ladder/coach/internal/lazyre"
)

// The literal prefilter of lazyre is an optimisation only: on every
// description of the assessment sets, each expression this package has
// finds exactly what its regexp finds.
func TestPrefilterAgrees(t *testing.T) {
	if testing.Short() {
		t.Skip("every expression on every description: the full run")
	}
	files, _ := filepath.Glob("../../eval/assess-*.jsonl")
	more, _ := filepath.Glob("../../eval/ladders/*/*assess*.jsonl")
	var texts []string
	for _, f := range append(files, more...) {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			var c struct{ Description string }
			if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
				t.Fatal(err)
			}
			texts = append(texts, newText(c.Description).norm)
		}
		fh.Close()
	}
	all := lazyre.All()
	if len(all) < 20 || len(texts) < 50 {
		t.Fatalf("%d expressions, %d texts", len(all), len(texts))
	}
	for _, d := range lazyre.Disagreements(texts) {
		t.Error(d)
	}
}
