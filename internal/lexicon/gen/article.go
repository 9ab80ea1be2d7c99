package main

import (
	"regexp"
	"strings"

	"github.com/kljensen/snowball/english"
)

var tokenRE = regexp.MustCompile(`[a-z][a-z0-9]*(?:['-][a-z0-9]+)*`)

// tokens splits text into lower-case words; a possessive 's is dropped and a
// hyphenated word is given whole and then as its parts.
func tokens(text string) []string {
	text = strings.ToLower(strings.NewReplacer("’", "'", "‘", "'").Replace(text))
	var out []string
	for _, t := range tokenRE.FindAllString(text, -1) {
		t = strings.TrimSuffix(t, "'s")
		out = append(out, t)
		if strings.Contains(t, "-") {
			out = append(out, strings.Split(t, "-")...)
		}
	}
	return out
}

// extraStop are words beyond Snowball's English stop list that say nothing
// about the ladder's topics: modal and light verbs, quantifiers, fillers.
var extraStop = map[string]bool{
	"would": true, "could": true, "should": true, "can": true, "may": true, "might": true, "must": true,
	"also": true, "just": true, "even": true, "often": true, "sometimes": true, "usually": true,
	"really": true, "much": true, "many": true, "more": true, "most": true, "less": true, "every": true,
	"etc": true, "like": true, "one": true, "two": true, "three": true, "get": true, "let": true,
	"still": true, "yet": true, "way": true, "thing": true, "things": true, "lot": true, "lots": true,
	"either": true, "instead": true, "around": true, "across": true, "within": true, "without": true,
	"toward": true, "towards": true, "beyond": true, "upon": true, "whether": true, "though": true,
	"already": true, "always": true, "never": true, "ever": true, "here": true, "there": true, "now": true,
}

func isStop(w string) bool {
	return extraStop[w] || english.IsStopWord(w) || strings.ContainsRune(w, '\'')
}
