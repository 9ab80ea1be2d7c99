package lazyre

import (
	"regexp"
	"testing"
)

func TestLazy(t *testing.T) {
	r := New(`\b(\w+)@(\w+)\b`)
	if r.String() != `\b(\w+)@(\w+)\b` {
		t.Errorf("String = %q", r.String())
	}
	tests := []struct {
		in   string
		want bool
	}{{"mail me@host now", true}, {"no address", false}}
	for _, tt := range tests {
		if got := r.MatchString(tt.in); got != tt.want {
			t.Errorf("MatchString(%q) = %v", tt.in, got)
		}
	}
	if got := r.FindStringSubmatch("x a@b"); len(got) != 3 || got[2] != "b" {
		t.Errorf("FindStringSubmatch = %q", got)
	}
	if r.Regexp() != r.Regexp() {
		t.Error("compiled twice")
	}
	found := false
	for _, a := range All() {
		found = found || a == r
	}
	if !found {
		t.Error("All misses a made expression")
	}
}

func TestPanicsOnFirstUse(t *testing.T) {
	r := New(`(`) // made without a panic
	defer func() {
		if recover() == nil {
			t.Error("a bad expression did not panic on use")
		}
	}()
	r.MatchString("x")
}

// CheckAll is what a package's test does with its expressions.
func TestAllCompile(t *testing.T) {
	for _, r := range All() {
		if r.expr == `(` {
			continue // TestPanicsOnFirstUse's
		}
		if _, err := regexp.Compile(r.expr); err != nil {
			t.Errorf("%s: %v", r.expr, err)
		}
	}
}
