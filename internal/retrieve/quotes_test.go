package retrieve

import (
	"slices"
	"testing"
)

func TestQuotesIn(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{`She says I'm "too in the weeds". Don't worry.`, []string{"too in the weeds"}},
		{"my boss said 'ship faster' and 'talk to users'", []string{"ship faster", "talk to users"}},
		{"I don't know what she's after", nil},
		{"he said ‘own the outcome’", []string{"own the outcome"}},
	}
	for _, tt := range tests {
		if got := quotesIn(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("quotesIn(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// A quote in the article's words finds its line's section; one that names
// only a level, or shares too little, finds none.
func TestQuoteEchoed(t *testing.T) {
	r := newTestRetriever(t)
	names := r.levelNameTerms()
	level := func(s string) bool { return names[s] }
	tests := []struct {
		quote, want string
	}{
		{"stop owning tasks and start owning problems", "mid/changes"},
		{"not operating at senior level", ""},
		{"be better", ""},
	}
	for _, tt := range tests {
		if got := r.quotes.echoed(tt.quote, level); got != tt.want {
			t.Errorf("echoed(%q) = %q, want %q", tt.quote, got, tt.want)
		}
	}
	in := r.Understand("My review says I'm 'not operating at senior level'. What is the bar?", nil)
	if slices.Contains(in.Rejected, "senior") {
		t.Errorf("feedback read as the asker's refusal: rejected %v", in.Rejected)
	}
}
