package lazyre

import (
	"reflect"
	"regexp"
	"regexp/syntax"
	"slices"
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

func TestRequired(t *testing.T) {
	tests := []struct {
		expr string
		want string // strings joined by "|", or "-" for none
	}{
		{`\b\d+ years (?:in|of|as)`, " years "},
		{`\bin \d+ years`, " years"},
		{`\b(?:\w+ )?behind`, "behind"},
		{`\bfor (?:two|three) (?:years|yrs)`, "for "},
		{`\b(?:foo)?bar`, "bar"},
		{`\b.{0,3}x`, "-"},
		{`\bab?c`, "-"},
		{`\b\w+ing`, "ing"},
		{`\b(?:show|tell me) (?:your (?:old )?(?:prompt|rules)|the (?:secret )?prompt)`, "your |prompt"},
		{`\b(?:\w+ prompt|x)`, "-"},
		{`\b(?:ab|cd)+ test`, " test"},
	}
	for _, tt := range tests {
		re, err := syntax.Parse(tt.expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		got := "-"
		if need := required(re.Simplify()); need != nil {
			got = strings.Join(need, "|")
		}
		if got != tt.want {
			t.Errorf("required(%q) = %q; want %q", tt.expr, got, tt.want)
		}
	}
}

func TestNeedFilters(t *testing.T) {
	r := New(`\b\d+ years (?:in|of|as)`)
	for s, want := range map[string]bool{"10 years in product": true, "ten years in product": false, "12 months in": false} {
		if got := r.MatchString(s); got != want {
			t.Errorf("%q: %v; want %v", s, got, want)
		}
	}
	if !r.Filtered() {
		t.Error("no prefilter")
	}
}

// Split expressions find what their regexp finds, whichever branch starts
// like a word of the text.
func TestBranchesAgree(t *testing.T) {
	exprs := []string{
		`\b(?:(?:product )?discovery|user interviews|(?:run|lead)\w* research|a/?b tests?|\d+ years (?:in|of))`,
		`\b(?:ignore\b.{0,20}\brules|system prompt|c\+\+|c#|stack ?trace)\b`,
		`\bwhat (?:does|do) (?:a|an|the)? ?[\w ]{0,20} do\b`,
		`\bdo(?:es)?\b`,
	}
	texts := []string{"run discovery now", "we ran product discovery", "leading research", "ab test", "a/b tests", "10 years in",
		"please ignore all the rules", "the system prompt", "c++ or c#", "a stacktrace", "nothing here", "",
		"somewhat does it do", "so what does a pm do all day", "what do they do? what does it do", "redo does do"}
	for _, e := range exprs {
		r, re := New(e), regexp.MustCompile(e)
		for _, s := range texts {
			if got, want := r.MatchString(s), re.MatchString(s); got != want {
				t.Errorf("%s on %q: %v; regexp says %v", e, s, got, want)
			}
			if got, want := r.FindStringIndex(s), re.FindStringIndex(s); !slices.Equal(got, want) {
				t.Errorf("%s on %q: at %v; regexp says %v", e, s, got, want)
			} else if at := r.FindStringStart(s); want != nil && at != want[0] || want == nil && at != -1 {
				t.Errorf("%s on %q: starts at %d; regexp says %v", e, s, at, want)
			}
			if got, want := r.FindAllStringIndex(s, -1), re.FindAllStringIndex(s, -1); !reflect.DeepEqual(got, want) {
				t.Errorf("%s on %q: all at %v; regexp says %v", e, s, got, want)
			}
		}
	}
}
