package evalset

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strings"

	"github.com/ladder/coach/internal/assess"
	"github.com/ladder/coach/internal/ladder"
)

// AssessCase is one description of an assessment set (eval/assess-*.jsonl):
// ExpectLevel is nil for a text that is not about work.
type AssessCase struct {
	ID          string  `json:"id"`
	Description string  `json:"description"`
	ExpectLevel *string `json:"expect_level"`
	Title       string  `json:"title,omitempty"`
}

// IsAssessSet reports whether the file at path holds assessment cases
// (descriptions) rather than questions: its first case has a description.
func IsAssessSet(path string) (bool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return false, err
	}
	for _, line := range bytes.Split(b, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var probe map[string]json.RawMessage
		if err := json.Unmarshal(line, &probe); err != nil {
			return false, nil // Load reports it
		}
		_, ok := probe["description"]
		return ok, nil
	}
	return false, nil
}

// LoadAssessFile reads an assessment set.
func LoadAssessFile(path string) ([]AssessCase, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []AssessCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var c AssessCase
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		if c.ID == "" || strings.TrimSpace(c.Description) == "" {
			return nil, fmt.Errorf("%s:%d: a case needs an id and a description", path, n)
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no cases", path)
	}
	return out, nil
}

// AssessResult is one description's outcome: the level the assessment gave
// ("" for none) and how many rungs it is from the expected one (0 exact;
// math.Inf(1) when one of them is none and the other is not).
type AssessResult struct {
	Case AssessCase
	Got  string
	Off  float64
	Err  error
}

// AssessReport is the outcome of an assessment set.
type AssessReport struct {
	Results []AssessResult
	// Exact, OneOff and Far count the cases on the expected level, one rung
	// (or less) from it, and further or wrong about whether there is one.
	Exact, OneOff, Far int
}

// RunAssess places every description with a and scores it on the ladder m.
func RunAssess(a *assess.Assessor, m *ladder.Model, cases []AssessCase) AssessReport {
	var rep AssessReport
	for _, c := range cases {
		res := AssessResult{Case: c}
		r, err := a.Assess(c.Description, c.Title)
		if err != nil {
			res.Err, res.Off = err, math.Inf(1)
		} else {
			if r.Level != nil {
				res.Got = r.Level.ID
			}
			want := ""
			if c.ExpectLevel != nil {
				want = *c.ExpectLevel
			}
			switch {
			case res.Got == want:
			case res.Got == "" || want == "":
				res.Off = math.Inf(1)
			default:
				res.Off = math.Abs(m.Position(res.Got) - m.Position(want))
			}
		}
		switch {
		case res.Off == 0:
			rep.Exact++
		case res.Off <= 1:
			rep.OneOff++
		default:
			rep.Far++
		}
		rep.Results = append(rep.Results, res)
	}
	return rep
}

// ExactRate is the share of exact cases, 0 for an empty report.
func (r AssessReport) ExactRate() float64 {
	if len(r.Results) == 0 {
		return 0
	}
	return float64(r.Exact) / float64(len(r.Results))
}
