package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ladder/coach/internal/plan"
)

func TestPlanCommand(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout []string
		wantStderr string
	}{
		{"markdown", []string{"plan", "--current", "Associate PM", "--target", "Senior PM", "--weeks", "12"}, exitOK,
			[]string{"# Growth plan: Associate PM → Senior PM\n", "## Weeks 1-4: ", "## Weeks 9-12: ",
				"> **Timeline:** A first stage", "**Milestone:** By the end of week 4",
				"- [ ] **Practise:** Product Thinking — ", "Impact-Driven Prioritisation", "(section `mid/skills`)",
				"**Evidence to collect:**", "**Check-in questions:**", "**Notes:**", "## Sources\n"}, ""},
		{"flags after a value, with context", []string{"plan", "--target", "Director", "--current", "mid-level pm", "--context", "weak at stakeholder work", "--weeks=8"}, exitOK,
			[]string{"Mid-level PM → Director of Product", "Strategic Visioning", "Tailored to your context:", "**Focus:** **Practise:** Stakeholder Management"}, ""},
		{"IC target", []string{"plan", "--current", "Senior PM", "--target", "Staff PM", "--weeks", "6"}, exitOK,
			[]string{"IC track", "(section `ic/responsibilities`)"}, ""},
		{"default weeks", []string{"plan", "--current", "APM", "--target", "Founder"}, exitOK, []string{"in 12 weeks"}, ""},
		{"missing current", []string{"plan", "--target", "Senior PM"}, exitUsage, nil, "current must name"},
		{"unknown level", []string{"plan", "--current", "Wizard", "--target", "Senior PM"}, exitUsage, nil, "Senior PM, Director of Product"},
		{"target below", []string{"plan", "--current", "Senior PM", "--target", "APM"}, exitUsage, nil, "below the current level"},
		{"weeks below the floor of a multi-rung climb", []string{"plan", "--current", "APM", "--target", "CPO", "--weeks", "1"}, exitUsage, nil, "at least 16 weeks"},
		{"weeks out of range", []string{"plan", "--current", "APM", "--target", "Senior PM", "--weeks", "0"}, exitUsage, nil, "from 1 to 104"},
		{"weeks not a number", []string{"plan", "--current", "APM", "--target", "Senior PM", "--weeks", "ten"}, exitUsage, nil, "invalid value"},
		{"context too long", []string{"plan", "--current", "APM", "--target", "Senior PM", "--context", strings.Repeat("x", 1001)}, exitUsage, nil, "limit is 1000"},
		{"unquoted title", []string{"plan", "--current", "Associate", "PM", "--target", "Senior PM"}, exitUsage, nil, "quote titles"},
		{"help", []string{"plan", "--help"}, exitOK, nil, "-current"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, stdout, stderr := testProgram(nil)
			if code := p.run(tt.args); code != tt.wantCode {
				t.Fatalf("exit %d, want %d; stderr %s", code, tt.wantCode, stderr)
			}
			for _, w := range tt.wantStdout {
				if !strings.Contains(stdout.String(), w) {
					t.Errorf("stdout lacks %q:\n%s", w, stdout)
				}
			}
			if !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("stderr %q lacks %q", stderr, tt.wantStderr)
			}
		})
	}
}

// --json prints the API's reply object.
func TestPlanCommandJSON(t *testing.T) {
	p, stdout, stderr := testProgram(nil)
	if code := p.run([]string{"plan", "--json", "--current", "Mid-level PM", "--target", "Director of Product", "--weeks", "8"}); code != exitOK {
		t.Fatalf("exit %d; stderr %s", code, stderr)
	}
	var got plan.Plan
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, stdout)
	}
	if got.Current.ID != "mid" || got.Target.ID != "director" || got.Weeks != 8 || len(got.Phases) != 2 ||
		got.Phases[0].Weeks != "1-4" || got.Mode != plan.ModeOffline || !strings.Contains(got.Markdown, "Strategic Visioning") {
		t.Errorf("plan %+v", got)
	}
	for _, key := range []string{`"citation_id"`, `"citations"`, `"markdown"`, `"phases"`, `"action"`, `"milestone"`, `"evidence"`, `"checkins"`, `"timeline_note"`} {
		if !strings.Contains(stdout.String(), key) {
			t.Errorf("JSON lacks %s", key)
		}
	}
}
