package plan

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
)

// contextCase is one line of a context set: a mentee's route, a context in
// everyday words, and the skills it should reach.
type contextCase struct {
	ID      string   `json:"id"`
	From    string   `json:"from"`
	To      string   `json:"to"`
	Context string   `json:"context"`
	Expect  []string `json:"expect"`
}

// contextSetEnv names a context set to score instead of the dev set.
const contextSetEnv = "COACH_PLAN_CONTEXT_SET"

// minContextScore is the share of cases whose top-matched skill must be
// among the expected ones.
const minContextScore = 0.85

func loadContextSet(t *testing.T, path string) []contextCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []contextCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var c contextCase
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		if c.From == "" || c.To == "" || c.Context == "" || len(c.Expect) == 0 {
			t.Fatalf("%s:%d: a case needs from, to, context and expect", path, n)
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestContextSet scores a set of contexts: a case passes when the skill the
// context matches best is one it expects. It reads eval/plan-context-dev.jsonl,
// or the file COACH_PLAN_CONTEXT_SET names, and needs 85 % to pass.
func TestContextSet(t *testing.T) {
	path := os.Getenv(contextSetEnv)
	if path == "" {
		path = "../../eval/plan-context-dev.jsonl"
	}
	cases := loadContextSet(t, path)
	passed := 0
	for _, c := range cases {
		top, err := topSkill(c)
		if err != nil {
			t.Errorf("%s: %v", c.ID, err)
			continue
		}
		if contains(c.Expect, top) {
			passed++
			continue
		}
		t.Logf("miss %s: top skill %q, expected one of %q", c.ID, top, c.Expect)
	}
	score := float64(passed) / float64(len(cases))
	t.Logf("%s: %d of %d first contact (%.0f%%)", path, passed, len(cases), 100*score)
	if score < minContextScore {
		t.Errorf("%d of %d contexts reach an expected skill: under %.0f%%", passed, len(cases), 100*minContextScore)
	}
}

// topSkill builds the case's plan and returns the skill its context matched
// best, or "" when it matched none.
func topSkill(c contextCase) (string, error) {
	var last error
	// The shortest length above every floor: a plan climbs four rungs at most.
	for _, weeks := range []int{12, 4 * FloorWeeksPerRung} {
		p, err := Offline(article, Request{Current: c.From, Target: c.To, Weeks: weeks, Context: c.Context})
		if err != nil {
			last = err
			continue
		}
		if s := p.ContextSkills(); len(s) > 0 {
			return s[0], nil
		}
		return "", nil
	}
	return "", fmt.Errorf("no plan: %v", last)
}
