package retrieve

import (
	"slices"
	"strings"
	"sync"

	"github.com/ladder/coach/internal/ladder"
)

// Who a level named in a question stands for. Decided from the words around
// the title (a possessive before it, a verb of speech after it, a verb whose
// object it is, a rejection whose clause it sits in), never from a whole
// phrase of the question.
type mentionKind int

const (
	kindAsked    mentionKind = iota // the level the question is about
	kindOther                       // another person's title: "my VP says"
	kindObject                      // people the asker works on: "mentor junior PMs"
	kindRejected                    // set aside by a rejection before it
	kindHoped                       // not reached yet: "solid but not yet senior"
	kindBeyond                      // the rung above it: "past the associate stage"
	kindUnder                       // the rung below it: "the level right below director"
)

// copulaOther is true for "our skip-level was a VP": a possessive and a
// person open the clause and a copula says what that person is.
func copulaOther(words []string) bool {
	// The person is the whole next word: "skip-level" is a person, "level" is not.
	for j := 0; j+2 < len(words); j++ {
		if !ladder.Talk.Others.In(" "+words[j]+" ") || slices.Contains(ladder.Talk.OwnWords, words[j+1]) {
			continue
		}
		// "two of our new hires are": a possessive, a person, a copula.
		for _, w := range words[j+2:] {
			if w == "is" || w == "was" || w == "'s" || w == "are" || w == "were" {
				return true
			}
		}
	}
	return false
}

// skipBefore are words that may sit between a possessive or a verb and the
// title it governs: "my new VP", "mentor two junior PMs".
var skipBefore = map[string]bool{
	"a": true, "an": true, "the": true, "my": true, "our": true, "their": true, "his": true, "her": true, "your": true,
	"other": true, "new": true, "more": true, "and": true, "or": true, "several": true, "some": true, "few": true,
	"two": true, "three": true, "four": true, "five": true, "six": true, "current": true, "old": true, "former": true,
	"skip-level": true, "skip": true, "level": true, "direct": true, "own": true, "company's": true, "of": true,
	"mid-level": true, "mid": true, "junior": true, "senior": true, "associate": true, "lead": true, "pm": true, "pms": true,
	"product": true, "managers": true, "manager": true, "team": true, "teams": true, "to": true,
	"small": true, "big": true, "large": true, "couple": true, "handful": true, "pair": true, "bunch": true, "literally": true, "actually": true, "now": true, "be": true, "become": true, "becoming": true,
}

// firstWords are the first n words of t.
func firstWords(t string, n int) string {
	ws := strings.Fields(t)
	return strings.Join(ws[:min(n, len(ws))], " ")
}

// kindOf says who the level named at m stands for in q (normalised).
func kindOf(q string, m ladder.Mention) mentionKind {
	pos := min(max(m.Pos, 0), len(q))
	if host, ok := appositive(q, pos); ok {
		// "my manager (a senior PM)": the title says who the person before
		// the bracket is.
		for _, w := range host[max(0, len(host)-4):] {
			if ladder.Talk.Others.In(" " + w + " ") {
				return kindOther
			}
		}
	}
	clause := clauseBefore(q[:pos])
	words := strings.Fields(clause)
	// The words right before the title, skipping determiners and adjectives.
	k := len(words)
	for k > 0 && (skipBefore[words[k-1]] || isNumber(words[k-1])) {
		k--
	}
	head := " " + strings.Join(words[:k], " ") + " "
	lead := " " + strings.Join(words[k:], " ") + " "
	after := " " + afterMention(q, m) + " "
	yet := ladder.Talk.NotYet.In(" " + firstWords(after, 3) + " ") // "not at director level yet"
	switch {
	case rejectedIn(words) && !yet:
		return kindRejected
	case ladder.Talk.Beyond.Suffix(withoutArticles(words)):
		return kindBeyond
	case ladder.Talk.Under.Suffix(withoutArticles(words)) && !ladder.Talk.Equivalence.In(" "+q+" "):
		return kindUnder // not "is staff a step below director?", which weighs the two
	case copulaOther(words):
		return kindOther
	case startsWithAny(" "+wordsAfter(q, m, 5)+" ", ladder.Talk.ToMe): // "... rolls up to me"
		return kindObject
	case notYetIn(words) || yet && rejectedIn(words):
		return kindHoped
	case ladder.Talk.WorkVerbs.Suffix(head) && !strings.Contains(lead, " be ") && !strings.Contains(lead, " become"),
		verbSkipped(words, k):
		return kindObject
	case ladder.Talk.Others.Suffix(" "+strings.Join(words, " ")+" ") || possessed(words):
		if startsWithAny(after, ladder.Talk.OwnWords) || possessor(words) == "my" && ownWordWithin(q[pos:], 4) {
			return kindAsked // "my senior PM role", "my first PM job"
		}
		return kindOther
	case ladder.Talk.Towards.Suffix(head) || ladder.Talk.Towards.Suffix(withoutArticles(words)):
		return kindOther
	case startsWithAny(after, ladder.Talk.SpeechVerbs) && !statedBefore(words):
		return kindOther
	case dislikedAfter(strings.Fields(wordsAfter(q, m, 7))):
		return kindRejected // "the director track doesn't appeal to me"
	}
	return kindAsked
}

// othersAsked are the other people's levels a question with no level of its
// own is about: one that refers to a third person ("what is she responsible
// for?"), or asks about the person outright ("what does my director do
// all day?"). A question about the asker ("my VP wants me to...") has none.
func othersAsked(lad *ladder.Model, q string) []ladder.Mention {
	ask := asking(q)
	third := ladder.Talk.ThirdPerson.In(" "+ask+" ") && !ladder.Talk.FirstObject.In(" "+ask+" ")
	if !third && ladder.Talk.FirstPersonWords.In(" "+ask+" ") {
		return nil
	}
	from := strings.LastIndex(q, ask)
	var out []ladder.Mention
	for _, km := range levelsOf(lad, q) {
		m, k := km.Mention, km.kind
		if m.Strong && (third && (k == kindOther || k == kindObject) || k == kindOther && from >= 0 && m.Pos >= from && m.Pos < from+len(ask)) {
			out = append(out, m)
		}
	}
	return out
}

// facetOfThird reports whether a facet t asks is asked of one third
// person: "for her" follows a facet cue ("which skills matter for her"),
// or the last pronoun before it, in its clause, is "she" or "he" rather
// than the asker's ("how do I tell she is judged well?"). A cue
// the asker follows as its object is asked of the asker ("is she offloading
// work on me?").
func facetOfThird(t string) bool {
	for _, at := range cueStarts(t) {
		if at < 0 {
			continue
		}
		if third, ok := pronounAfter(strings.Fields(t[at:])); ok {
			if third {
				return true
			}
			continue
		}
		if lastPronounThird(strings.Fields(clauseBefore(t[:at]))) {
			return true
		}
	}
	return false
}

// lastPronounThird: of the pronouns in words, the last is one person's
// other than the asker's.
func lastPronounThird(words []string) bool {
	for i := len(words) - 1; i >= 0; i-- {
		w := " " + strings.Trim(words[i], ",;:?!.") + " "
		switch {
		case ladder.Talk.TheyPronouns.In(w):
			return true
		case ladder.Talk.FirstPersonWords.In(w):
			return false
		}
	}
	return false
}

// pronounAfter reads the first words of a cue for whom it is asked of: a
// third person ("for her") or the asker ("work on me"); ok is false when
// they say neither.
func pronounAfter(words []string) (third, ok bool) {
	for i := 1; i < min(len(words), 6); i++ {
		if !ladder.Talk.ObjectOf.In(" " + words[i-1] + " ") {
			continue
		}
		switch w := " " + strings.Trim(words[i], ",;:?!.") + " "; {
		case ladder.Talk.AskerObject.In(w):
			return false, true
		case ladder.Talk.TheyPronouns.In(w):
			return true, true
		}
	}
	return false, false
}

// mentionsOf are the levels text names that stand for one of kinds:
// kindOther for other people's titles, kindObject too for the people the
// asker works on.
func mentionsOf(lad *ladder.Model, text string, kinds ...mentionKind) []ladder.Mention {
	var out []ladder.Mention
	for _, m := range levelsOf(lad, text) {
		if m.Strong && slices.Contains(kinds, m.kind) {
			out = append(out, m.Mention)
		}
	}
	return out
}

// withoutArticles joins words less the articles and possessives at their end:
// "i report to a" is "i report to".
func withoutArticles(words []string) string {
	k := len(words)
	for k > 0 && articles[words[k-1]] {
		k--
	}
	return " " + strings.Join(words[:k], " ") + " "
}

var articles = map[string]bool{"a": true, "an": true, "the": true, "my": true, "our": true, "their": true, "his": true, "her": true}

// clauseBefore is the part of before that belongs to the title's clause.
func clauseBefore(before string) string {
	if i := strings.LastIndexAny(before, ",.;:?!()"); i >= 0 {
		before = before[i+1:]
	}
	t := " " + before + " "
	if cut := lastBreakEnd(t); cut >= 0 {
		t = t[cut:]
	}
	return strings.TrimSpace(t)
}

// lastBreakEnd is the offset of the space after the last clause break
// (ladder.Talk.ClauseBreaks) standing as whole words in t, or -1. From the
// end, each word is looked up among the breaks' last words.
func lastBreakEnd(t string) int {
	byLast := breaksByLast()
	for p := len(t) - 1; p > 0; p-- {
		if t[p] != ' ' {
			continue
		}
		start := strings.LastIndexByte(t[:p], ' ') + 1
		for _, w := range byLast[t[start:p]] {
			if p >= len(w)+1 && t[p-len(w)-1:p] == " "+w {
				return p
			}
		}
	}
	return -1
}

// breaksByLast lists the clause breaks by their last word.
var breaksByLast = sync.OnceValue(func() map[string][]string {
	out := map[string][]string{}
	for _, w := range ladder.Talk.ClauseBreaks {
		last := w[strings.LastIndexByte(w, ' ')+1:]
		out[last] = append(out[last], w)
	}
	return out
})

// appositive returns the words of the clause before the bracket a title
// at pos stands in, when it stands in one: "me (a director)".
func appositive(q string, pos int) ([]string, bool) {
	i := strings.LastIndexByte(q[:pos], '(')
	if i < 0 || strings.ContainsRune(q[i:pos], ')') {
		// Or after a comma and an article: "my first report, an associate PM".
		i = strings.LastIndexByte(q[:pos], ',')
		if i < 0 {
			return nil, false
		}
		if a := strings.TrimSpace(q[i+1 : pos]); a != "a" && a != "an" {
			return nil, false
		}
	}
	host := strings.Fields(clauseBefore(q[:i]))
	return host, len(host) > 0
}

// ownAppositive is the level standing in a bracket after the asker: "wants
// me (director of product) to".
func ownAppositive(lad *ladder.Model, q string) string {
	for _, m := range lad.FindLevels(q) {
		host, ok := appositive(q, max(m.Pos, 0))
		if ok && m.Strong && ladder.Talk.FirstPersonWords.In(" "+host[len(host)-1]+" ") {
			return m.ID
		}
	}
	return ""
}

// possessor is the possessive that governs the title, as possessed finds
// it, or "".
func possessor(words []string) string {
	for i := len(words) - 1; i >= 0 && len(words)-i <= 3; i-- {
		if ladder.Talk.Others.In(" " + words[i] + " ") {
			return words[i]
		}
		if !skipBefore[words[i]] {
			return ""
		}
	}
	return ""
}

// ownWordWithin is true when one of the first n words of t is a word for
// one's own position ("role", "job").
func ownWordWithin(t string, n int) bool {
	ws := strings.Fields(t)
	for _, w := range ws[:min(n, len(ws))] {
		if slices.Contains(ladder.Talk.OwnWords, strings.Trim(w, ",.;:?!")) {
			return true
		}
	}
	return false
}

// possessed is true when a possessive governs the title: "my VP", "my new
// skip-level director".
func possessed(words []string) bool {
	for i := len(words) - 1; i >= 0 && len(words)-i <= 3; i-- {
		w := words[i]
		if ladder.Talk.Others.In(" " + w + " ") {
			return true
		}
		if !skipBefore[w] {
			return false
		}
	}
	return false
}

// rejectedIn is true when a rejection opens the clause within six words of
// the title: a refusal of becoming an executive, or of being a director.
func rejectedIn(words []string) bool {
	// A list of titles ("a director or a VP") counts as one: the window
	// reaches back past the titles and joins before this one.
	from := max(0, len(words)-7)
	for k := len(words) - 1; k >= from && k > len(words)-12; k-- {
		if joins[words[k]] {
			from = max(0, k-7)
		}
	}
	tail := ladder.Talk.NotEnough.Blank(" " + strings.Join(words[from:], " ") + " ")
	return ladder.Talk.Rejects.In(tail) && !ladder.Talk.NotYet.In(tail) && !ladder.Talk.Doubt.In(tail)
}

// rejectsManaging is true when a rejection reaches a word of managing
// people within five words: a rejection, then a word of managing.
func rejectsManaging(q string) bool {
	if !containsAny(q, managingEnds()) {
		return false // no word of q can end a phrase of managing
	}
	words := strings.Fields(q)
	for i := range words {
		head := " " + strings.TrimRight(strings.Join(words[max(0, i-4):i+1], " "), ",.;:?!") + " "
		if !ladder.Talk.Managing.Suffix(head) && !ladder.Talk.Managing.In(" "+words[i]+" ") {
			continue
		}
		if rejectedIn(words[max(0, i-6):i]) || dislikedAfter(words[i+1:]) {
			return true
		}
	}
	return false
}

// dislikedAfter is true when the clause that follows says it is disliked:
// "leading a team of people would drain me".
func dislikedAfter(words []string) bool {
	n := 0
	for n < len(words) && n < 6 && !strings.ContainsAny(words[n], ",.;:?!") {
		n++
	}
	if n < len(words) && n < 6 {
		n++ // the word that ends the clause
	}
	return ladder.Talk.Dislike.In(" " + strings.Trim(strings.Join(words[:n], " "), ",.;:?!") + " ")
}

// notYetIn is true when the title is one not reached yet: "not yet senior".
func notYetIn(words []string) bool {
	from := max(0, len(words)-4)
	tail := " " + strings.Join(words[from:], " ") + " "
	return ladder.Talk.NotYet.In(tail)
}

// beyondLevel is the rung above the first level text names after "past"
// or "beyond".
func beyondLevel(lad *ladder.Model, text string) string {
	for _, m := range levelsOf(lad, text) {
		if m.Strong && m.kind == kindBeyond {
			if n, ok := lad.Next(m.ID); ok {
				return n.ID
			}
		}
	}
	return ""
}

// hopedLevel is the first level text says the asker has not reached yet.
func hopedLevel(lad *ladder.Model, text string) string {
	for _, m := range levelsOf(lad, text) {
		if m.Strong && m.kind == kindHoped {
			return m.ID
		}
	}
	return ""
}

// statedBefore is true for "I'm a director who says...": the asker's own.
func statedBefore(words []string) bool {
	t := " " + strings.Join(words, " ") + " "
	return strings.Contains(t, " i'm ") || strings.Contains(t, " i am ") || strings.Contains(t, " as a ") || strings.Contains(t, " im ")
}

// afterMention is the few words after the title.
func afterMention(q string, m ladder.Mention) string { return wordsAfter(q, m, 3) }

// wordsAfter are the first n words after the title at m.
func wordsAfter(q string, m ladder.Mention, n int) string {
	rest := q[min(max(m.Pos, 0), len(q)):]
	// Skip the title itself: up to the first word that is not part of a level name.
	ws := strings.Fields(rest)
	i := 0
	// "two leads and a senior PM work for me": a list of titles is one subject.
	for i < len(ws) && i < 6 && (titleWord(ws[i]) || joins[ws[i]] && i+1 < len(ws) && titleWord(ws[i+1])) {
		i++
	}
	return strings.Join(ws[i:min(len(ws), i+n)], " ")
}

var joins = map[string]bool{"and": true, "or": true, "&": true, "nor": true}

var titleWords = map[string]bool{
	"vp": true, "cpo": true, "director": true, "of": true, "product": true, "pm": true, "pms": true, "manager": true,
	"managers": true, "senior": true, "junior": true, "associate": true, "mid-level": true, "mid": true, "level": true,
	"head": true, "group": true, "chief": true, "officer": true, "staff": true, "principal": true, "lead": true,
	"gpm": true, "apm": true, "sr": true, "sr.": true, "vice": true, "president": true, "management": true,
}

func titleWord(w string) bool {
	w = strings.Trim(w, ",.?!;:'\"")
	return titleWords[w] || titleWords[strings.TrimSuffix(w, "s")] // "directors", "vps"
}

func startsWithAny(t string, ps ladder.Phrases) bool {
	t = strings.TrimSpace(t)
	for _, p := range ps {
		if t == p || strings.HasPrefix(t, p) && len(t) > len(p) && strings.IndexByte(" ,.;:?!'", t[len(p)]) >= 0 {
			return true
		}
	}
	return false
}

func isNumber(w string) bool {
	if w == "" {
		return false
	}
	for _, c := range w {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// verbSkipped is true for "I lead a big team of X": the skipped words open with
// a verb of working on people ("lead" is also an adjective of titles) right
// after "i" or "we".
func verbSkipped(words []string, k int) bool {
	return k > 0 && k < len(words) && (words[k-1] == "i" || words[k-1] == "we") &&
		ladder.Talk.WorkVerbs.In(" "+words[k]+" ")
}

// managingEnds are the last words of the phrases of managing, less any
// "*" or "=" mark: a phrase found in a text ends in a word that holds one.
var managingEnds = sync.OnceValue(func() []string { return lastWords(ladder.Talk.Managing) })

// lastWords are the phrases' last words, cut at their first mark; nil when
// one of them is a mark alone, which any word can end.
func lastWords(ps ladder.Phrases) []string {
	var out []string
	for _, p := range ps {
		w := p[strings.LastIndexByte(p, ' ')+1:]
		if i := strings.IndexAny(w, "*="); i >= 0 {
			w = w[:i]
		}
		if w == "" {
			return nil
		}
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

func containsAny(s string, subs []string) bool {
	if subs == nil {
		return true
	}
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
