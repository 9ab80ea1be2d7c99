package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ladder/coach/internal/assess"
)

func TestAssessCommand(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout []string
		wantStderr string
	}{
		{"markdown", []string{"assess", "I manage a team of five product managers and spend much of my time hiring and coaching."},
			exitOK, []string{"## Your level: Director of Product", "director/changes", "VP of Product/CPO"}, ""},
		{"words joined", []string{"assess", "I", "write", "user", "stories", "and", "manage", "our", "sprint", "board."},
			exitOK, []string{"## Your level: Associate PM"}, ""},
		{"title after the text", []string{"assess", "I write user stories and manage our sprint board under my manager's guidance.", "--title", "Senior PM"},
			exitOK, []string{"Your title is “Senior PM”", "matches Associate PM more closely"}, ""},
		{"not about work", []string{"assess", "I love dogs and hiking."}, exitOK, []string{"Describe what you do at work"}, ""},
		{"no description", []string{"assess"}, exitUsage, nil, "assess needs a description"},
		{"blank description", []string{"assess", "  "}, exitUsage, nil, "assess needs a description"},
		{"too long", []string{"assess", strings.Repeat("x", 4001)}, exitUsage, nil, "limit is 4000"},
		{"unknown flag", []string{"assess", "--yaml", "I own checkout."}, exitUsage, nil, "flag provided but not defined"},
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

// --json prints exactly the API's reply object.
func TestAssessJSON(t *testing.T) {
	p, stdout, stderr := testProgram(nil)
	if code := p.run([]string{"assess", "--json", "--title", "PM", "I run the onboarding flow and its roadmap, and report on activation metrics to stakeholders."}); code != exitOK {
		t.Fatalf("exit %d; stderr %s", code, stderr)
	}
	var r assess.Result
	dec := json.NewDecoder(strings.NewReader(stdout.String()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		t.Fatalf("stdout %q: %v", stdout, err)
	}
	if r.Level == nil || r.Level.ID != "mid" || len(r.Evidence) == 0 || r.Markdown == "" {
		t.Errorf("result %+v", r)
	}
	for _, key := range []string{`"level":{"id":"mid"`, `"confidence":`, `"evidence":[`, `"gaps":[`, `"next":{"id":"senior"`, `"markdown":`} {
		if !strings.Contains(stdout.String(), key) {
			t.Errorf("stdout lacks %s", key)
		}
	}
}

func TestCompareCommand(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout []string
		wantStderr string
	}{
		{"markdown", []string{"compare", "Senior PM", "director"}, exitOK,
			[]string{"## Senior PM and Director of Product, side by side", "### What changes", "### Skills to develop", "(`director/changes`)", "- You manage PMs and are responsible for their growth and performance."}, ""},
		{"IC with a missing facet", []string{"compare", "principal pm", "APM"}, exitOK,
			[]string{"(`ic/changes`)", "**Associate PM**: the article has no “what changes” section"}, ""},
		{"json", []string{"compare", "--json", "gpm", "cpo"}, exitOK, []string{`{"a":{"id":"director","name":"Director of Product"},"b":{"id":"vp"`, `"facets":[{"facet":"changes"`}, ""},
		{"unknown level", []string{"compare", "wizard", "senior"}, exitUsage, nil, `"wizard" is not a level on the ladder; the levels are: Associate PM`},
		{"one level", []string{"compare", "senior"}, exitUsage, nil, "compare needs two levels"},
		{"three words", []string{"compare", "senior", "pm", "director"}, exitUsage, nil, "quote titles with spaces"},
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
