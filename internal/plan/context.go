package plan

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/ladder/coach/internal/embed"
	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/lexicon"
	"github.com/ladder/coach/internal/sections"
)

// Words is the lexical resource the context is read through: everyday words
// to the article's words, and spelling. The plans read contexts through
// internal/lexicon (WordNet-derived); tests may swap it with SetWords.
type Words struct {
	// Related returns the article's words a word or a short collocation
	// can stand for, strongest first.
	Related func(word string) []string
	// Correct returns the word a misspelling stands for, or word itself.
	Correct func(word string) string
}

// words is the lexical resource every plan reads contexts through.
var words = Words{
	Related: lexicon.Related,
	Correct: func(w string) string {
		if c, ok := lexicon.Correct(w); ok {
			return c
		}
		return w
	},
}

// SetWords sets the lexical resource contexts are read through and returns
// the one it replaces. Call it before building plans, not concurrently.
func SetWords(w Words) Words {
	old := words
	words = w
	return old
}

// Weights of a context's words: as written, corrected, and through the
// lexicon. A skill's name counts more than its description.
const (
	weightWritten = 1.0
	weightRelated = 0.6
	// weightFacet is for the words of a general topic the context names:
	// "meetings" brings in the words of communication.
	weightFacet = 0.7
	weightName  = 2.0
	weightDesc  = 1.0
	// weightEcho is for the words of the article's other lines that name
	// a skill's key words ("Mentor mid-level and junior PMs…" for
	// Mentorship): the article saying what the skill is about elsewhere.
	weightEcho = 0.5
)

// query is a clause's terms (stems) and how much each counts; a term that
// came only from a topic (facet) carries the topic's name, and a topic adds
// at most its best term to a score, so a topic's many words cannot
// outweigh a word the context wrote.
type query map[string]qterm

type qterm struct {
	w     float64
	facet string
}

func (q query) add(term string, w float64) {
	q.addFrom(term, w, "")
}

func (q query) addFrom(term string, w float64, facet string) {
	if len(term) < 2 {
		return
	}
	if old, ok := q[term]; !ok || w > old.w {
		q[term] = qterm{w, facet}
	}
}

// readWords turns the words of a clause into a query: each word's stems as
// written, its spelling corrected, every word the lexicon relates to it,
// and the words of the general topics (facets) any of those name. phrases
// are the clause's runs of two and three words, which the lexicon may know
// as collocations ("speak up").
func readWords(ws, phrases []string) query {
	q := query{}
	var heard []string // every form read, for the facets
	for _, w := range ws {
		forms := []string{w}
		if words.Correct != nil {
			if c := words.Correct(w); c != "" && c != w {
				forms = append(forms, c)
			}
		}
		forms = append(forms, compoundParts(w)...)
		for i, f := range forms {
			heard = append(heard, f)
			for _, t := range embed.Terms(f) {
				q.add(t, weightWritten)
			}
			if words.Related == nil {
				continue
			}
			for _, r := range words.Related(f) {
				heard = append(heard, r)
				for _, t := range embed.Terms(r) {
					q.add(t, weightRelated*(1-0.1*float64(i)))
				}
			}
		}
	}
	if words.Related != nil {
		for _, ph := range phrases {
			for _, r := range words.Related(ph) {
				heard = append(heard, r)
				for _, t := range embed.Terms(r) {
					q.add(t, weightRelated)
				}
			}
		}
	}
	for _, f := range facetsOf(heard, phrases) {
		for _, t := range f.terms {
			q.addFrom(t, weightFacet, f.name)
		}
	}
	return q
}

// minPart is the shortest part of a compound word worth reading.
const minPart = 3

// known is the lexicon's vocabulary, for splitting compounds.
var known = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, w := range lexicon.Vocabulary() {
		m[w] = true
	}
	return m
})

// compoundParts splits a word the lexicon knows nothing of into two words
// it knows ("storyteller": "story", "teller"; "underperformers": "under",
// "performers"), the most even split first; none when it knows the word or
// no split works.
func compoundParts(w string) []string {
	if words.Related == nil || len(w) < 2*minPart+1 || known()[w] || len(words.Related(w)) > 0 {
		return nil
	}
	ok := func(x string) bool {
		if known()[x] || len(words.Related(x)) > 0 {
			return true
		}
		// an agent or a plural of a known word: "performers", "tellers"
		return baseOf(x) != x
	}
	var best []string
	bestMin := 0
	for i := minPart; i <= len(w)-minPart; i++ {
		a, b := w[:i], w[i:]
		if !ok(a) || !ok(b) {
			continue
		}
		if m := min(len(a), len(b)); m > bestMin {
			best, bestMin = []string{a, b, baseOf(b)}, m
		}
	}
	return best
}

// baseOf is a word without an agent or plural ending when that leaves a
// known word: "performers" is "perform".
func baseOf(x string) string {
	for _, suf := range []string{"ers", "er", "ors", "or", "s"} {
		if base := strings.TrimSuffix(x, suf); base != x && len(base) >= minPart && known()[base] {
			return base
		}
	}
	return x
}

// doc is what a context is matched against: a skill's name and description,
// or a duty's line, as stems with their weight.
type doc map[string]float64

func newDoc(name, text string) doc {
	d := doc{}
	for _, t := range embed.Terms(text) {
		d[t] = max(d[t], weightDesc)
	}
	for _, t := range embed.Terms(name) {
		d[t] = weightName
	}
	return d
}

// termWeight is how strongly a query term meets a document: equal stems,
// or one a prefix of the other of five letters or more ("strateg" and
// "strategi").
func (d doc) termWeight(t string) float64 {
	if w, ok := d[t]; ok {
		return w
	}
	if len(t) < 5 {
		return 0
	}
	best := 0.0
	for s, w := range d {
		short, long := s, t
		if len(short) > len(long) {
			short, long = long, short
		}
		if len(short) >= 5 && strings.HasPrefix(long, short) {
			best = max(best, w*0.8)
		}
	}
	return best
}

// score is how well q matches d, each term weighed by its rarity among the
// article's skills.
//
// A topic's words count together, as how much of the topic the document
// covers: their parts (a name weighing no more than a description) summed
// and divided by the square root of the topic's size, so one word of a
// large topic counts little and a document that speaks of the topic
// throughout counts more.
func (v *vocab) score(q query, d doc) float64 {
	s := 0.0
	topic := map[string]float64{}
	for t, qt := range q {
		m := d.termWeight(t)
		if m == 0 {
			continue
		}
		if qt.facet == "" {
			s += qt.w * m * v.idf(t)
		} else {
			topic[qt.facet] += qt.w * min(m, weightDesc) * v.idf(t)
		}
	}
	for name, p := range topic {
		s += p / math.Sqrt(float64(facetSize()[name]))
	}
	return s
}

// vocab is the article's skills as documents, with the rarity of each stem
// among them and across the article's sections.
type vocab struct {
	skills []skillDoc
	// emb is the local embedder fitted on the article's lines, as
	// internal/assess fits it: a skill's whole line is its vector.
	emb   *embed.Local
	df    map[string]int // skills a stem appears in
	secDF map[string]int // sections a stem appears in
	nSecs int
	// profiles are the skills sections' profiles (profilesOf), by id
	profiles sync.Map
}

type skillDoc struct {
	skill sections.Skill
	id    string // the skills section
	level ladder.Level
	doc   doc
	vec   []float32 // the skill's whole line (name and description), embedded
}

func (v *vocab) idf(t string) float64 {
	n := v.df[t]
	if n == 0 {
		// a stem of no skill name or description: it can still meet a
		// duty's line, weighed as the rarest.
		n = 1
	}
	return math.Log(1 + float64(len(v.skills))/float64(n))
}

// common is true for stems in most of the article's sections ("product",
// "team"): they match everything and so tell nothing.
func (v *vocab) common(t string) bool {
	return float64(v.secDF[t]) > commonShare*float64(v.nSecs)
}

var vocabs sync.Map // *sections.Set -> *vocab

// vocabOf builds (once per set) the skills' documents and the stems' rarity.
func vocabOf(set *sections.Set) *vocab {
	if v, ok := vocabs.Load(set); ok {
		return v.(*vocab)
	}
	v := &vocab{df: map[string]int{}, secDF: map[string]int{}, nSecs: len(set.All())}
	var lines []string
	for _, s := range set.All() {
		lines = append(lines, s.Lines...)
	}
	v.emb = embed.Fit(lines)
	for _, s := range set.All() {
		seen := map[string]bool{}
		for _, t := range embed.Terms(s.Text) {
			if !seen[t] {
				seen[t] = true
				v.secDF[t]++
			}
		}
		if s.Facet != ladder.Skills {
			continue
		}
		level, _ := ladder.ByID(s.Level)
		for _, k := range s.Skills() {
			d := newDoc(k.Name, strings.TrimPrefix(k.Line, k.Name))
			v.skills = append(v.skills, skillDoc{skill: k, id: s.ID, level: level, doc: d, vec: v.emb.Embed(k.Line)})
		}
	}
	for i := range v.skills {
		v.echo(set, &v.skills[i])
		for t := range v.skills[i].doc {
			v.df[t]++
		}
	}
	actual, _ := vocabs.LoadOrStore(set, v)
	return actual.(*vocab)
}

// maxEchoSections bounds how many sections a skill name's stem may appear
// in and still be its key: "think" is everywhere, "mentor" is not.
const maxEchoSections = 5

// echo adds to a skill's document the words of the article's other lines
// that hold the rarest stem of the skill's name, if it is rare enough.
func (v *vocab) echo(set *sections.Set, sd *skillDoc) {
	var keys []string
	best := maxEchoSections + 1
	for _, t := range embed.Terms(sd.skill.Name) {
		n := v.secDF[t]
		switch {
		case len(t) < 4 || n > best:
		case n < best:
			keys, best = []string{t}, n
		default:
			keys = append(keys, t)
		}
	}
	if len(keys) == 0 {
		return
	}
	for _, s := range set.All() {
		for _, l := range s.Lines {
			if strings.TrimSpace(l) == strings.TrimSpace(sd.skill.Line) || strings.HasSuffix(strings.TrimSpace(l), ":") {
				continue
			}
			terms := embed.Terms(l)
			hit := false
			for _, k := range keys {
				hit = hit || slices.Contains(terms, k)
			}
			if !hit {
				continue
			}
			for _, t := range terms {
				if _, ok := sd.doc[t]; !ok && !v.common(t) {
					sd.doc[t] = weightEcho
				}
			}
		}
	}
}

// skillVec is the embedded line of the item's skill, or nil for a duty.
func (v *vocab) skillVec(it Item) []float32 {
	if it.Skill == "" {
		return nil
	}
	for _, sd := range v.skills {
		if sd.skill.Name == it.Skill {
			return sd.vec
		}
	}
	return nil
}

// docOf is what an item is matched against: its skill's document (with the
// article's echoes), or its own line.
func (v *vocab) docOf(it Item) doc {
	if it.Skill != "" {
		for _, sd := range v.skills {
			if sd.skill.Name == it.Skill {
				return sd.doc
			}
		}
	}
	return newDoc(it.Skill, it.Text)
}

// skillMatch is a skill of the article and how well a text matches it.
type skillMatch struct {
	skill sections.Skill
	id    string
	level ladder.Level
	score float64
}

// skillsLike ranks the article's skills by how well text (in the article's
// own words, such as an adjacent role's description) matches them, best
// first, at most k, in article order among equals.
func skillsLike(set *sections.Set, text string, k int) []skillMatch {
	v := vocabOf(set)
	q := query{}
	for _, t := range embed.Terms(text) {
		if !v.common(t) {
			q.add(t, weightWritten)
		}
	}
	var out []skillMatch
	for _, sd := range v.skills {
		if s := v.score(q, sd.doc); s > 0 {
			out = append(out, skillMatch{skill: sd.skill, id: sd.id, level: sd.level, score: s})
		}
	}
	slices.SortStableFunc(out, func(a, b skillMatch) int { return cmp.Compare(b.score, a.score) })
	return out[:min(k, len(out))]
}
