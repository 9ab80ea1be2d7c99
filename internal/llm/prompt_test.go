package llm

import (
	"strings"
	"testing"
)

func TestFence(t *testing.T) {
	tests := []struct {
		texts []string
		want  string
	}{
		{nil, "```"},
		{[]string{"no ticks"}, "```"},
		{[]string{"a `b` c"}, "```"},
		{[]string{"x ``` y", "````z"}, "`````"},
	}
	for _, tt := range tests {
		if got := Fence(tt.texts...); got != tt.want {
			t.Errorf("Fence(%q) = %q; want %q", tt.texts, got, tt.want)
		}
		for _, s := range tt.texts {
			if strings.Contains(s, Fence(tt.texts...)) {
				t.Errorf("%q holds its own fence", s)
			}
		}
	}
}

func TestRender(t *testing.T) {
	tmpl := NewTemplate("t", "Q: {{.}}")
	for _, q := range []string{"why?", "and again?"} { // parsed once, rendered twice
		if got := Render(tmpl, q); got != "Q: "+q {
			t.Errorf("Render = %q", got)
		}
	}
}
