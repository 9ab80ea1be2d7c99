package embed

import (
	"slices"
	"strings"
	"testing"

	article "github.com/ladder/coach/corpus"
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

// termsOneByOne is Terms as first written, a token's stop lists, synonyms
// and stem looked up in turn: the reference the remembered version must
// agree with.
func termsOneByOne(text string) []string {
	var out []string
	for _, tok := range tokens(foldPhrases(strings.ToLower(text))) {
		if IsStop(tok) {
			continue
		}
		if s, ok := synonyms[tok]; ok {
			for _, w := range strings.Fields(s) {
				out = append(out, Stem(w))
			}
			continue
		}
		out = append(out, Stem(tok))
	}
	return out
}

func TestTermsAgree(t *testing.T) {
	texts := append(strings.Split(article.Article, "\n"), "", "The boss's KPIs and OKRs", "bizdev bizdev duties",
		"Day to day, deal with it", strings.Repeat("x", 40)+" "+strings.Repeat("prioritisation", 3), "the and of")
	for range 2 { // remembered the second time
		for _, s := range texts {
			if got, want := Terms(s), termsOneByOne(s); !slices.Equal(got, want) {
				t.Fatalf("Terms(%q) = %q; want %q", s, got, want)
			}
		}
	}
}
