package retrieve

import (
	"bufio"
	"encoding/json"
	"os"
	"reflect"
	"regexp/syntax"
	"strings"
	"testing"
)

func TestPrefixes(t *testing.T) {
	tests := []struct {
		expr string
		want string // literals joined by "|", or "-" for none
	}{
		{`\b(?:foo|bar)`, "foo|bar"},
		{`\bsucce(?:ed|ss)`, "succeed|success"},
		{`\b(?:how long|how many)`, "how long|how many"},
		{`\b(?:c\+\+|c#)`, "c++|c#"},
		{`\bwhat (?:does|do) x`, "what do"},
		{`\bdon'?t want`, "don'|dont want"},
		{`\b(?:a)?b`, "a|b"},
		{`\b.{0,3}x`, "-"},
		{`\b\w+ing`, "-"},
		{`\bpracti[cs]e`, "practice|practise"},
		{`(?:x|)y`, "-"},
	}
	for _, tt := range tests {
		re, err := syntax.Parse(tt.expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		lits, ok := prefixes(re.Simplify())
		got := "-"
		if ok {
			got = strings.Join(lits, "|")
		}
		if got != tt.want {
			t.Errorf("prefixes(%q) = %q; want %q", tt.expr, got, tt.want)
		}
	}
}

// The prefilter is an optimisation only: on every question of the eval sets
// (and their history) each pattern matches exactly as its regexp does.
func TestPrefilterAgrees(t *testing.T) {
	if testing.Short() {
		t.Skip("every pattern on every eval question: the full run")
	}
	t.Parallel()
	var texts []string
	for _, f := range []string{"../../eval/public.jsonl", "../../eval/dev.jsonl", "../../eval/holdout.jsonl", "../../eval/holdout3.jsonl", "../../eval/holdout4.jsonl", "../../eval/holdout5.jsonl", "../../eval/holdout6.jsonl", "../../eval/holdout7.jsonl"} {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			var c struct {
				Q       string
				History []Turn
			}
			if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
				t.Fatal(err)
			}
			texts = append(texts, normalize(c.Q))
			for _, h := range c.History {
				texts = append(texts, normalize(h.Content))
			}
		}
		fh.Close()
	}
	if len(allPatterns) < 10 || len(texts) < 100 {
		t.Fatalf("%d patterns, %d texts", len(allPatterns), len(texts))
	}
	filtered := 0
	for _, lazy := range allPatterns {
		p := lazy.get()
		if p.lits != nil {
			filtered++
		}
		for _, s := range texts {
			if got, want := p.MatchString(s), p.re.MatchString(s); got != want {
				t.Errorf("pattern %s on %q: %v; regexp says %v", p.re, s, got, want)
			}
			if got, want := p.FindStringIndex(s), p.re.FindStringIndex(s); !reflect.DeepEqual(got, want) {
				t.Errorf("pattern %s on %q: at %v; regexp says %v", p.re, s, got, want)
			}
		}
	}
	t.Logf("%d of %d patterns have a prefilter", filtered, len(allPatterns))
}

func TestSplitAlternation(t *testing.T) {
	tests := []struct {
		expr, pre, post string
		branches        []string
		ok              bool
	}{
		{`\b(?:a|b(?:c|d)|[|(]e)\b`, `\b`, `\b`, []string{"a", "b(?:c|d)", "[|(]e"}, true},
		{`\b(?:x)`, `\b`, ``, []string{"x"}, true},
		{`a|b`, "", "", nil, false},
		{`\b(?:a|b)(?:c|d)`, "", "", nil, false},
		{`\b(?:a\)|b)`, `\b`, ``, []string{`a\)`, "b"}, true},
	}
	for _, tt := range tests {
		pre, br, post, ok := splitAlternation(tt.expr)
		if ok != tt.ok || pre != tt.pre || post != tt.post || strings.Join(br, "\x00") != strings.Join(tt.branches, "\x00") {
			t.Errorf("splitAlternation(%q) = %q %q %q %v", tt.expr, pre, br, post, ok)
		}
	}
}
