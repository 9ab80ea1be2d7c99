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
