package main

import (
	"slices"
	"testing"
)

func TestTokens(t *testing.T) {
	got := tokens("Cross-functional PMs’ roadmap: the team's “north star”, it’s 2x.")
	want := []string{"cross-functional", "cross", "functional", "pms", "roadmap", "the", "team", "north", "star", "it", "x"}
	if !slices.Equal(got, want) {
		t.Errorf("tokens = %q, want %q", got, want)
	}
}

func TestInflections(t *testing.T) {
	tests := []struct {
		lemma string
		pos   byte
		has   []string
	}{
		{"company", 'n', []string{"companies"}},
		{"box", 'n', []string{"boxes"}},
		{"plan", 'v', []string{"planned", "planning", "plans"}},
		{"manage", 'v', []string{"managed", "managing"}},
		{"study", 'v', []string{"studied", "studies"}},
		{"wide", 'a', []string{"wider", "widest"}},
		{"happy", 'a', []string{"happier"}},
	}
	for _, tt := range tests {
		got := inflections(tt.lemma, tt.pos)
		for _, w := range tt.has {
			if !slices.Contains(got, w) {
				t.Errorf("inflections(%q, %c) = %v, want %q among them", tt.lemma, tt.pos, got, w)
			}
		}
	}
}

func TestPlainPhrase(t *testing.T) {
	for w, want := range map[string]bool{
		"find out": true, "take for granted": true, "a b c d": false,
		"trade-off": true, "-x": false, "pm2": false, "o'clock": false, "": false,
	} {
		if got := plainPhrase(w); got != want {
			t.Errorf("plainPhrase(%q) = %v, want %v", w, got, want)
		}
	}
}

func TestCleanLemma(t *testing.T) {
	for in, want := range map[string]string{"Chief_Executive_Officer": "chief executive officer", "galore(ip)": "galore", "boss": "boss"} {
		if got := cleanLemma(in); got != want {
			t.Errorf("cleanLemma(%q) = %q, want %q", in, got, want)
		}
	}
}
