package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.md")
	if err := os.WriteFile(bad, []byte("---\nlevels:\n  - id: a\n    name: A\n---\n# T\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout []string
		wantStderr string
	}{
		{"minimal example", []string{"check", "../../examples/ladders/minimal.md"}, exitOK,
			[]string{"The Minimal Support Engineering Ladder", "Levels, lowest first (4):", "support-architect",
				"branches from senior-support-engineer", "the growth facet", "adjacent roles: Solutions Engineering", "Sections: 10", "OK"}, ""},
		{"bad file", []string{"check", bad}, exitFail, nil, bad + `:3: level "a" has no section`},
		{"missing file", []string{"check", "nowhere.md"}, exitFail, nil, "nowhere.md"},
		{"no file", []string{"check"}, exitUsage, nil, "check needs one ladder file"},
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
				t.Errorf("stderr lacks %q:\n%s", tt.wantStderr, stderr)
			}
		})
	}
}

// --ladder and COACH_LADDER ground the commands in a ladder file; a bad file
// stops them with FILE:LINE.
func TestLadderFlag(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.md")
	if err := os.WriteFile(bad, []byte("---\nlevels: [\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	const ds = "../../examples/ladders/data-science.md"
	tests := []struct {
		name       string
		env        map[string]string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{"ask on a file", nil, []string{"ask", "--ladder", ds, "Can I move into data engineering?"}, exitOK, "(adjacent/data-engineering)", ""},
		{"ask with COACH_LADDER", map[string]string{"COACH_LADDER": ds}, []string{"ask", "What does a staff data scientist do?"}, exitOK, "(staff/", ""},
		{"ask with a bad file", nil, []string{"ask", "--ladder", bad, "hi"}, exitFail, "", bad + ":2: the front matter does not parse"},
		{"compare with a bad file", map[string]string{"COACH_LADDER": bad}, []string{"compare", "a", "b"}, exitFail, "", bad + ":2:"},
		{"ask on the article", nil, []string{"ask", "What skills does a Senior PM need?"}, exitOK, "(senior/", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, stdout, stderr := testProgram(tt.env)
			if code := p.run(tt.args); code != tt.wantCode {
				t.Fatalf("exit %d, want %d; stderr %s", code, tt.wantCode, stderr)
			}
			if !strings.Contains(stdout.String(), tt.wantStdout) || !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("stdout %q\nstderr %q", stdout, stderr)
			}
		})
	}
}
