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

// functionWords are English words WordNet leaves out (pronouns,
// determiners, prepositions, conjunctions, auxiliaries, and contractions
// typed without their apostrophe): correction must know them, or "whom"
// would become "who" and "youre" "your".
var functionWords = strings.Fields(`
a about above across after again against all almost along also although am among an and another any
anybody anyone anything anywhere are around as at be because been before behind being below beneath
beside besides between beyond both but by can cannot could did do does doing done down during each
either else enough every everybody everyone everything everywhere few for from further had has have
having he her here hers herself him himself his how however i if in inside into is it its itself just
less many me might mine more most much must my myself neither no nobody none nor not nothing now
nowhere of off on once one only onto or other others otherwise our ours ourselves out outside over own
per since so some somebody someone something somewhere such than that the their theirs them themselves
then there therefore these they this those though through throughout thus till to too toward towards
under unless until unto up upon us very via was we were what whatever when whenever where wherever
whether which whichever while who whoever whole whom whose why will with within without would yet you
your yours yourself yourselves shall should may must ought
aint arent cant couldnt didnt doesnt dont hadnt hasnt havent hed hes id ill im isnt itll ive lets
mightnt mustnt neednt shant shed shes shouldnt thats theres theyd theyll theyre theyve wasnt wed well
were weve whats wheres whos wont wouldnt youd youll youre youve`)
