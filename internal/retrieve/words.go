package retrieve

import (
	"strings"
	"sync"

	"github.com/ladder/coach/internal/embed"
	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/lexicon"
)

// The lexicon reaches the article's words from a person's: typos are
// corrected against the known vocabulary before reading, and words the
// article never uses bring the article words WordNet says they stand for
// into the query that is embedded.

// speller corrects against the article's words and the ladder's own words
// (titles, aliases, roles, the words of conversation), built on first use.
var speller = sync.OnceValue(func() *lexicon.Speller {
	var domain []string
	add := func(phrases ...string) {
		for _, p := range phrases {
			domain = append(domain, strings.Fields(strings.ToLower(p))...)
		}
	}
	for _, l := range ladder.Levels() {
		add(l.Name)
		add(l.Aliases...)
	}
	for _, r := range ladder.Roles() {
		add(r.Name)
		add(r.Words...)
	}
	for _, n := range ladder.NearbySubjects {
		add(n.Words...)
		add(n.Unless...)
	}
	for _, p := range [][]string{ladder.Talk.Smalltalk, ladder.Talk.Review, ladder.Talk.Caveat, ladder.Talk.Placement, ladder.Talk.Rejects} {
		add(p...)
	}
	add(careerWords...)
	return lexicon.NewSpeller(domain...)
})

// careerWords are words of career talk the article does not write.
var careerWords = []string{"promoted", "promotion", "promotions", "career", "careers", "manager", "managers", "responsibilities",
	"skills", "interview", "salary", "mentor", "mentee", "roadmap", "stakeholder", "stakeholders",
	"kpi", "kpis", "okr", "okrs", "saas", "b2b", "b2c", "standup", "standups", "skillset", "skillsets", "backlog",
	"backlogs", "jira", "figma", "fintech", "healthtech", "edtech", "onboarding", "upskill", "promo", "promos"}

// correct returns q with each misspelt word of four letters or more
// replaced by the known word closest to it; case and punctuation are kept
// for the words left alone.
func correct(q string) string {
	var b strings.Builder
	changed := false
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := q[start:end]
		start = -1
		if len(w) < 4 || strings.ToLower(w) != w || strings.ContainsRune(w, '\'') {
			// Short words, words typed with capitals (names, acronyms:
			// "KPIs", "Jira") and contractions ("shouldn't") are left as typed.
			b.WriteString(w)
			return
		}
		if c, ok := speller().Correct(strings.ToLower(w)); ok {
			b.WriteString(c)
			changed = true
			return
		}
		b.WriteString(w)
	}
	for i := 0; i < len(q); i++ {
		c := q[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '\'' && start >= 0 && i+1 < len(q) && isLetter(q[i+1]|0x20) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
		b.WriteByte(c)
	}
	flush(len(q))
	if !changed {
		return q
	}
	return b.String()
}

// related lists the article's words that the question's other words stand
// for, at most two a word.
func (r *Retriever) related(q string) []string {
	var out []string
	q = strings.ToLower(q)
	for i := 0; i < len(q); {
		// A word is a run of a-z and '-'; every other byte parts words.
		j := i
		for j < len(q) && (q[j] >= 'a' && q[j] <= 'z' || q[j] == '-') {
			j++
		}
		if j-i >= 4 {
			out = append(out, r.relatedTo(q[i:j])...)
		}
		i = max(j, i+1)
	}
	return out
}

// relatedTo is what related takes of one word: nothing when the sections
// use it, else at most two of its related words. It is remembered: a
// question's words come back, and this was three look-ups a word (its
// stem, the vocabulary, the lexicon).
func (r *Retriever) relatedTo(w string) []string {
	if len(w) > 32 {
		return r.relatedOf(w)
	}
	return r.rel.Get(w, r.relatedOf)
}

func (r *Retriever) relatedOf(w string) []string {
	if r.vocab[embed.Stem(w)] {
		return nil
	}
	rel := lexicon.Related(w)
	return rel[:min(2, len(rel)):min(2, len(rel))]
}

// maxRelated bounds a retriever's memo of related words.
const maxRelated = 50000

// clauseWords are the words of t with its punctuation (,.!?;:() and double
// quotes) read as spaces.
func clauseWords(t string) []string {
	return strings.Fields(strings.Map(func(r rune) rune {
		if strings.ContainsRune(",.!?;:()\"", r) {
			return ' '
		}
		return r
	}, t))
}
