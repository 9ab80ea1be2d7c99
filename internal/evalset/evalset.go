// Package evalset loads question sets in the eval/*.jsonl format and scores
// the coach's replies against them, by the rule in eval/README.md: every
// expected group must have one of its phrases inside one of the first three
// citations, and "refuse" passes when there are no citations.
//
// It sees the coach only through Chatter; it knows nothing about HTTP,
// retrieval or how answers are written.
package evalset

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/ladder/coach/internal/answer"
	"github.com/ladder/coach/internal/textnorm"
)

// TopCitations is how many of the first citations a phrase may be found in.
const TopCitations = 3

// Chatter answers a chat request, as the coach does.
type Chatter interface {
	Chat(ctx context.Context, req answer.Request) (answer.Reply, error)
}

// Case is one question of a set.
type Case struct {
	ID       string        `json:"id"`
	Question string        `json:"q"`
	History  []answer.Turn `json:"history,omitempty"`
	Expect   Expect        `json:"expect"`
}

// Expect is what a case's reply must cite: either nothing (Refuse) or, for
// each group, one of the group's phrases.
type Expect struct {
	Refuse bool
	Groups [][]string
}

// UnmarshalJSON reads "refuse" or a list of lists of phrases.
func (e *Expect) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		if s != "refuse" {
			return fmt.Errorf("expect is %q; the only string allowed is \"refuse\"", s)
		}
		*e = Expect{Refuse: true}
		return nil
	}
	var groups [][]string
	if err := json.Unmarshal(b, &groups); err != nil {
		return fmt.Errorf("expect must be \"refuse\" or a list of lists of phrases: %w", err)
	}
	*e = Expect{Groups: groups}
	return nil
}

// MarshalJSON writes the form UnmarshalJSON reads.
func (e Expect) MarshalJSON() ([]byte, error) {
	if e.Refuse {
		return json.Marshal("refuse")
	}
	return json.Marshal(e.Groups)
}

// String shows the expectation in a failure report.
func (e Expect) String() string {
	if e.Refuse {
		return "refuse (no citations)"
	}
	parts := make([]string, len(e.Groups))
	for i, g := range e.Groups {
		parts[i] = "one of " + quoteAll(g)
	}
	return strings.Join(parts, "; and ")
}

func quoteAll(phrases []string) string {
	q := make([]string, len(phrases))
	for i, p := range phrases {
		q[i] = fmt.Sprintf("%q", p)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// Load reads a JSONL question set: one case a line, blank lines skipped.
// Errors name the line.
func Load(r io.Reader) ([]Case, error) {
	var out []Case
	seen := map[string]int{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var c Case
		if err := json.Unmarshal(line, &c); err != nil {
			return nil, fmt.Errorf("evalset: line %d: %w", n, err)
		}
		if err := c.validate(); err != nil {
			return nil, fmt.Errorf("evalset: line %d: %w", n, err)
		}
		if prev, ok := seen[c.ID]; ok {
			return nil, fmt.Errorf("evalset: line %d: id %q already used on line %d", n, c.ID, prev)
		}
		seen[c.ID] = n
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("evalset: %w", err)
	}
	if len(out) == 0 {
		return nil, errors.New("evalset: no cases")
	}
	return out, nil
}

// LoadFile reads a JSONL question set from a file.
func LoadFile(path string) ([]Case, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cs, err := Load(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return cs, nil
}

func (c Case) validate() error {
	switch {
	case c.ID == "":
		return errors.New("case has no id")
	case strings.TrimSpace(c.Question) == "":
		return fmt.Errorf("case %s has no question (q)", c.ID)
	case !c.Expect.Refuse && len(c.Expect.Groups) == 0:
		return fmt.Errorf("case %s has no expect", c.ID)
	}
	for i, g := range c.Expect.Groups {
		if len(g) == 0 {
			return fmt.Errorf("case %s: expect group %d is empty", c.ID, i+1)
		}
		for _, p := range g {
			if textnorm.Fold(p) == "" {
				return fmt.Errorf("case %s: expect group %d has a blank phrase", c.ID, i+1)
			}
		}
	}
	return nil
}

// Score checks a reply against a case's expectation. It returns the reasons
// the reply fails; none means it passes.
func Score(c Case, r answer.Reply) []string {
	if c.Expect.Refuse {
		if len(r.Citations) == 0 || r.Scope == "nearby" || r.Scope == "out" {
			return nil
		}
		return []string{fmt.Sprintf("expected no citations or scope nearby/out (refuse), got scope %q and %d citations: %s", r.Scope, len(r.Citations), citationIDs(r.Citations))}
	}
	switch r.Scope {
	case "nearby", "out", "smalltalk":
		return []string{fmt.Sprintf("expected an answer from the article, got scope %q", r.Scope)}
	}
	if len(r.Citations) == 0 {
		return []string{"expected citations, got none"}
	}
	top := r.Citations
	if len(top) > TopCitations {
		top = top[:TopCitations]
	}
	texts := make([]string, len(top))
	for i, cit := range top {
		texts[i] = textnorm.Fold(cit.Text)
	}
	var reasons []string
	for i, g := range c.Expect.Groups {
		if !groupFound(g, texts) {
			reasons = append(reasons, fmt.Sprintf("group %d: none of %s is in the first %d citations", i+1, quoteAll(g), TopCitations))
		}
	}
	return reasons
}

func groupFound(group, texts []string) bool {
	for _, p := range group {
		np := textnorm.Fold(p)
		for _, t := range texts {
			if strings.Contains(t, np) {
				return true
			}
		}
	}
	return false
}

func citationIDs(cs []answer.Citation) string {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return strings.Join(ids, ", ")
}

// Result is one case's outcome.
type Result struct {
	Case  Case
	Reply answer.Reply
	// Err is the Chatter's error, if it failed.
	Err error
	// Reasons say why the case failed; empty when it passed.
	Reasons []string
}

// Pass reports whether the case passed.
func (r Result) Pass() bool { return r.Err == nil && len(r.Reasons) == 0 }

// Report is the outcome of a whole set.
type Report struct {
	Results []Result
	Passed  int
	Failed  int
}

// PassRate is the share of cases that passed, 0 for an empty report.
func (r Report) PassRate() float64 {
	total := r.Passed + r.Failed
	if total == 0 {
		return 0
	}
	return float64(r.Passed) / float64(total)
}

// Failures lists the failed results in set order.
func (r Report) Failures() []Result {
	var out []Result
	for _, res := range r.Results {
		if !res.Pass() {
			out = append(out, res)
		}
	}
	return out
}

// Run asks chatter every case, in order, and scores the replies. A case whose
// Chat call fails counts as failed. Run stops early when ctx is done; the
// cases not asked count as failed.
func Run(ctx context.Context, chatter Chatter, cases []Case) Report {
	rep := Report{Results: make([]Result, 0, len(cases))}
	for _, c := range cases {
		res := Result{Case: c}
		if err := ctx.Err(); err != nil {
			res.Err = err
			res.Reasons = []string{"not asked: " + err.Error()}
		} else {
			res.Reply, res.Err = chatter.Chat(ctx, answer.Request{Message: c.Question, History: c.History})
			if res.Err != nil {
				res.Reasons = []string{"chat failed: " + res.Err.Error()}
			} else {
				res.Reasons = Score(c, res.Reply)
			}
		}
		if res.Pass() {
			rep.Passed++
		} else {
			rep.Failed++
		}
		rep.Results = append(rep.Results, res)
	}
	return rep
}
