package embed

import (
	"slices"
	"strings"
	"testing"
)

// tokensByBuilder is Tokens as first written, one rune at a time into a
// builder: the reference the slicing version must agree with.
func tokensByBuilder(text string) []string {
	text = strings.ToLower(text)
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			if t := strings.Trim(b.String(), "&'"); t != "" {
				out = append(out, t)
			}
			b.Reset()
		}
	}
	for _, r := range text {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '&':
			b.WriteRune(r)
		case r == '\'' || r == '’':
		case r >= 0xC0 && r < 0x250:
			b.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	return out
}

func TestTokensAgree(t *testing.T) {
	for _, s := range []string{
		"", "  ", "Don't stop", "the PM's role", "pms' roadmaps", "R&D and P&L", "&& & &x&", "'quoted' words",
		"naïve café résumé", "a''b", "it’s the senior PM’s job", "C++ / C# devs", "x-ray, 3rd-party; 100%",
		"Ünïcode ŁÓDŹ 日本語 mixed", "'", "’’", "end'",
	} {
		if got, want := Tokens(s), tokensByBuilder(s); !slices.Equal(got, want) {
			t.Errorf("Tokens(%q) = %q; want %q", s, got, want)
		}
	}
}
