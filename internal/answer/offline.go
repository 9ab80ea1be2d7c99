package answer

import (
	"strings"

	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/retrieve"
)

// ScopeMessage is the reply to a question the article does not cover.
const ScopeMessage = "I can only help with the product management career ladder, from the article I am grounded in: " +
	"the five levels (Associate PM, Mid-level PM, Senior PM, Director of Product/Group PM, VP of Product/CPO), " +
	"what each level changes, its core responsibilities, what success looks like, the skills to build for the next level, " +
	"the individual-contributor track (Principal/Staff PM), moves into adjacent roles, and how long growth takes. " +
	"Try, for example: \"Which skills lead to the Senior PM rung?\""

// SmalltalkMessage answers a greeting or thanks: short, friendly, no
// citations, one question to try.
const SmalltalkMessage = "Happy to help! I coach on the product management career ladder: the levels, what each expects, " +
	"the skills for the next step and the paths beside the ladder. You could ask: \"Which skills lead to the Senior PM rung?\""

// InjectionMessage is the reply to an attempt to change the coach's instructions.
const InjectionMessage = "I can't change how I work or share my instructions. " + ScopeMessage

// Citations turns retrieval hits into citations, best first.
func Citations(hits []retrieve.Hit) []Citation {
	n := min(len(hits), MaxCitations)
	out := make([]Citation, 0, n)
	scores := make([]float64, n) // one allocation for every Score to point into
	for i, h := range hits[:n] {
		c := h.Section.Cite(nil)
		scores[i] = round3(h.Score)
		c.Score = &scores[i]
		out = append(out, c)
	}
	return out
}

func levelName(lad *ladder.Model, id string) string {
	if l, ok := lad.ByID(id); ok {
		return l.Name
	}
	return id
}

// withArticle puts "a" or "an" before a level's name.
func withArticle(name string) string {
	if name != "" && strings.ContainsRune("AEIOU", rune(name[0])) {
		return "an " + name
	}
	return "a " + name
}

// ladderOf is the ladder res was read against: the article's when unset.
func ladderOf(res retrieve.Result) *ladder.Model {
	if res.Ladder == nil {
		return ladder.Default()
	}
	return res.Ladder
}

// scopeMessage is ScopeMessage for lad: a ladder file's names what it covers.
func scopeMessage(lad *ladder.Model) string {
	if lad.IsArticle() {
		return ScopeMessage
	}
	return "I can only help with the career ladder “" + lad.Title() + "”, the ladder I am grounded in: " + Covers(lad) +
		". Try, for example: \"" + starter(lad) + "\""
}

// smalltalkMessage is SmalltalkMessage for lad.
func smalltalkMessage(lad *ladder.Model) string {
	if lad.IsArticle() {
		return SmalltalkMessage
	}
	return "Happy to help! I coach on the career ladder “" + lad.Title() + "”: the levels, what each expects, " +
		"the skills for the next step and the paths beside the ladder. You could ask: \"" + starter(lad) + "\""
}

// injectionMessage is InjectionMessage for lad.
func injectionMessage(lad *ladder.Model) string {
	if lad.IsArticle() {
		return InjectionMessage
	}
	return "I can't change how I work or share my instructions. " + scopeMessage(lad)
}

// starter is the question offered after small talk.
func starter(lad *ladder.Model) string {
	if lad.IsArticle() {
		return starterSuggestion
	}
	if st := lad.Starters(); len(st) > 0 {
		return st[0]
	}
	return "What are the levels of this ladder?"
}
