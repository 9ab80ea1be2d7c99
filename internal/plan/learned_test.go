package plan

import (
	"math"
	"slices"
	"testing"
)

// The committed table loads, knows every skill of the article and only
// them, and its shares are a distribution over the candidates, or nothing
// for skills it does not know (a ladder file's).
func TestLearnedModel(t *testing.T) {
	m := learned()
	skills := articleSkills()
	for _, s := range skills {
		if _, ok := m.def[s]; !ok {
			t.Errorf("learned.tsv has no row for the article's skill %q", s)
		}
	}
	if len(m.def) != len(skills) {
		t.Errorf("learned.tsv knows %d skills, the article has %d", len(m.def), len(skills))
	}
	tests := []struct {
		name  string
		cands []string
		feats map[string]float64
		want  bool // shares given
	}{
		{"article skills, a known stem", []string{"Product Thinking", "Technical Curiosity"}, map[string]float64{"engin": 1}, true},
		{"article skills, no known stem", []string{"Product Thinking", "Technical Curiosity"}, map[string]float64{"zzzq": 1}, false},
		{"a ladder file's skill", []string{"Product Thinking", "Experiment Design"}, map[string]float64{"engin": 1}, false},
		{"no candidates", nil, map[string]float64{"engin": 1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sh := m.shares(tt.cands, tt.feats)
			if (sh != nil) != tt.want {
				t.Fatalf("shares %v, want given: %v", sh, tt.want)
			}
			sum := 0.0
			for _, x := range sh {
				sum += x
			}
			if tt.want && math.Abs(sum-1) > 1e-9 {
				t.Errorf("shares %v sum to %g", sh, sum)
			}
		})
	}
	if _, err := parseLearned("stem\tskill\n"); err == nil {
		t.Error("a row without a weight parsed")
	}
	if _, err := parseLearned("stem\tskill\tmany\n"); err == nil {
		t.Error("a weight that is no number parsed")
	}
}

// The learned reading changes which skill comes first, and turned off the
// profiles' reading comes back.
func TestLearnedChangesRanking(t *testing.T) {
	tests := []struct {
		current, target, context string
		off, on                  string // the first skill without and with the model
	}{
		{"Senior PM", "Director of Product", "shy in meetings", "Executive Communication", "Cross-Org Influence Without Ownership"},
	}
	for _, tt := range tests {
		first := func() string {
			s := mustPlan(t, Request{Current: tt.current, Target: tt.target, Weeks: 12, Context: tt.context}).ContextSkills()
			if len(s) == 0 {
				return ""
			}
			return s[0]
		}
		if got := first(); got != tt.on {
			t.Errorf("%q with the model: first %q, want %q", tt.context, got, tt.on)
		}
		old := learnedWeight
		learnedWeight = 0
		got := first()
		learnedWeight = old
		if got != tt.off {
			t.Errorf("%q without the model: first %q, want %q", tt.context, got, tt.off)
		}
	}
}

// A ladder file's skills are not in the learned table: its plans read
// contexts exactly as they do without the model.
func TestLearnedLeavesLadderFiles(t *testing.T) {
	set, m := dsLadder(t)
	tests := []struct{ current, target, context string }{
		{"junior", "Senior Data Scientist", "shy in meetings, never asks why a model is built"},
		{"Data Scientist", "staff", "great with numbers but struggles to say no"},
		{"senior", "data engineering", "weak at pipelines and data quality"},
	}
	for _, tt := range tests {
		req := Request{Current: tt.current, Target: tt.target, Weeks: 12, Context: tt.context}
		with, err := OfflineFor(set, m, req)
		if err != nil {
			t.Fatalf("%+v: %v", req, err)
		}
		old := learnedWeight
		learnedWeight = 0
		without, err := OfflineFor(set, m, req)
		learnedWeight = old
		if err != nil {
			t.Fatalf("%+v: %v", req, err)
		}
		if !slices.Equal(with.ContextSkills(), without.ContextSkills()) || with.Tailoring != without.Tailoring {
			t.Errorf("%+v: with the model %v %q, without %v %q", req, with.ContextSkills(), with.Tailoring, without.ContextSkills(), without.Tailoring)
		}
		if len(with.ContextSkills()) == 0 {
			t.Errorf("%+v: the context matched nothing: the test says nothing", req)
		}
	}
}
