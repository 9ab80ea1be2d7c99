package embed

import (
	"strings"

	"github.com/kljensen/snowball/english"

	"github.com/ladder/coach/internal/memo"
)

// phrasePairs are the phrases folded before tokenizing, each followed by
// its replacement, so a question's wording meets the article's ("day to
// day" duties are its core responsibilities).
var phrasePairs = []string{
	"day-to-day", "responsibilities",
	"day to day", "responsibilities",
	"apm", "associate pm",
	"gpm", "group pm",
	"sr.", "senior",
	"1:1", "one-on-one",
	"p&l", "p&l statements",
	"start-up", "startup",
	"deal with", "handle",
	"dealing with", "handling",
}

var phrases = strings.NewReplacer(phrasePairs...)

// foldPhrases replaces the phrases of a lower-case text. Most texts hold
// none, and looking for each is cheaper than the replacer's pass.
func foldPhrases(lower string) string {
	for i := 0; i < len(phrasePairs); i += 2 {
		if strings.Contains(lower, phrasePairs[i]) {
			return phrases.Replace(lower)
		}
	}
	return lower
}

// synonyms maps a word to the article's word for the same thing.
var synonyms = map[string]string{
	"duties": "responsibilities", "duty": "responsibilities", "responsible": "responsibilities",
	"succeed": "success", "succeeding": "success", "successful": "success", "succeeds": "success",
	"evaluated": "success", "evaluate": "success", "criteria": "success", "signals": "success", "kpi": "metrics", "kpis": "metrics",
	"competencies": "skills", "competency": "skills", "capabilities": "skills", "abilities": "skills", "skillset": "skills",
	"promotion": "grow", "promoted": "grow", "promote": "grow", "advance": "grow", "advancement": "grow",
	"mentee": "mentor", "mentees": "mentor", "mentoring": "mentor", "mentorship": "mentor", "mentors": "mentor", "coaching": "coach",
	"boss": "manager", "mgr": "manager", "okrs": "goals", "okr": "goals", "objectives": "goals",
	"sr": "senior", "jr": "junior", "startups": "startup",
	"ceos": "ceo", "founding": "founder", "cofounder": "founder",
	"bizdev": "business development",
	"centre": "center", "behaviours": "behaviors", "behaviour": "behavior",
	"judge": "judged",
}

// stopwords beyond Snowball's English list: words that carry no meaning in
// a question to the coach.
var stopwords = map[string]bool{
	"would": true, "could": true, "should": true, "can": true, "may": true, "might": true, "must": true,
	"get": true, "getting": true, "got": true, "like": true, "really": true, "also": true, "just": true,
	"tell": true, "please": true, "thanks": true, "thank": true, "hi": true, "hello": true, "hey": true,
	"want": true, "wants": true, "need": true, "needs": true, "one": true, "s": true, "re": true, "ll": true, "ve": true, "d": true, "m": true, "t": true,
	"etc": true, "e": true, "g": true, "ie": true, "eg": true, "let": true, "lets": true, "us": true, "go": true,
	"much": true, "many": true, "well": true, "good": true, "best": true, "kind": true, "thing": true, "things": true,
	"dont": true, "doesnt": true, "im": true, "youre": true, "ive": true, "whats": true, "isnt": true, "youll": true, "id": true,
	// Chat fillers: a laugh or an aside carries no subject.
	"lol": true, "lmao": true, "haha": true, "hahaha": true, "tbh": true, "ngl": true, "btw": true, "pls": true, "plz": true,
	"idk": true, "imo": true, "imho": true, "omg": true, "fwiw": true, "tho": true, "kinda": true, "sorta": true,
	"gonna": true, "wanna": true, "gotta": true, "yeah": true, "yep": true, "ok": true, "okay": true, "hmm": true, "um": true, "uh": true,
}

// IsStop reports whether a lower-case token is a stop word.
func IsStop(tok string) bool {
	return stopwords[tok] || english.IsStopWord(tok)
}

// Terms turns text into the stemmed, synonym-folded terms the embedder and
// the retriever count: stop words dropped, British spellings made American.
func Terms(text string) []string {
	lower := foldPhrases(strings.ToLower(text))
	// About a token every six bytes, most of them one term; the tokens go
	// straight to their terms, with no slice of their own.
	out := make([]string, 0, len(lower)/6+1)
	eachToken(lower, func(tok string) { out = append(out, tokenTerms(tok)...) })
	return out
}

// tokenTerms is what Terms makes of one token: nothing for a stop word,
// the stems of a synonym's words, or its stem. It is remembered, as stems
// are: one look-up a token instead of the stop lists', the synonyms' and
// the stems'. The slice is shared: callers must not modify it.
func tokenTerms(tok string) []string {
	if len(tok) > 32 {
		return termsOfToken(tok)
	}
	return tokenMemo.Get(tok, termsOfToken)
}

func termsOfToken(tok string) []string {
	if IsStop(tok) {
		return nil
	}
	if s, ok := synonyms[tok]; ok {
		var out []string
		for _, w := range strings.Fields(s) {
			out = append(out, Stem(w))
		}
		return out
	}
	return []string{Stem(tok)}
}

var tokenMemo = memo.New[string, []string](maxStems) // token -> its terms

// Stem folds spelling and returns the Porter2 stem of a lower-case word.
// Stems are remembered: the same few thousand words come back in every
// question, and stemming was a tenth of a retrieval.
func Stem(w string) string {
	if len(w) > 32 {
		return stem(w)
	}
	return stems.Get(w, stem)
}

func stem(w string) string { return english.Stem(americanize(w), false) }

// maxStems bounds the stem cache, so odd input cannot grow it for ever.
const maxStems = 50000

var stems = memo.New[string, string](maxStems) // word -> stem

func americanize(w string) string {
	for _, p := range [][2]string{
		{"isations", "izations"}, {"isation", "ization"}, {"isational", "izational"},
		{"ising", "izing"}, {"ised", "ized"}, {"ises", "izes"}, {"ise", "ize"},
		{"isational", "izational"},
		{"yse", "yze"}, {"ysing", "yzing"}, {"our", "or"},
	} {
		if strings.HasSuffix(w, p[0]) && len(w) > len(p[0])+2 {
			return strings.TrimSuffix(w, p[0]) + p[1]
		}
	}
	return w
}
