package assess

import (
	"slices"
	"strings"

	"github.com/ladder/coach/internal/embed"
	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/lazyre"
	"github.com/ladder/coach/internal/lexicon"
	"github.com/ladder/coach/internal/sections"
)

// folds puts people's everyday names for things in the article's words
// before terms are counted ("product managers" are the article's "PMs").
var folds = strings.NewReplacer(
	"product managers", "pms", "product manager", "pm", "product people", "pms",
	"engineers", "engineering", "developers", "engineering", "devs", "engineering", "dev team", "engineering",
	"designers", "design", "okrs", "goals", "kpis", "metrics", "kpi", "metrics",
	"exec team", "executive team", "execs", "executives", "c-suite", "executive leadership",
	"one-on-ones", "coach", "one-to-ones", "coach", "1:1s", "coach", "backlog", "tickets", "jira", "tickets",
	"specs", "documentation", "prds", "documentation", "prd", "documentation",
	"a/b tests", "validating ideas testing assumptions", "experiments", "testing assumptions",
	"cross-team", "across teams", "org-wide", "across the org", "company-wide", "company-wide bets",
	"priorities", "prioritize", "keep", "maintain", "look after", "own", "in charge of", "own",
	"talk to users", "user research", "talk to customers", "user research", "customer interviews", "user research",
	"user interviews", "user research", "interview users", "user research", "interview customers", "user research",
	"usability tests", "user research", "riskiest", "high-risk", "most ambiguous", "high-ambiguity",
	"hardest", "complex", "gnarliest", "complex", "thorniest", "complex",
	"reporting to me", "managed by me", "report to me", "managed by me", "recruiting", "hiring", "recruited", "hired", "recruit", "hire",
)

// terms are the stemmed, synonym-folded terms the matcher compares.
func terms(s string) []string {
	return embed.Terms(folds.Replace(strings.ToLower(s)))
}

// item is one line of the article a description can be matched with.
type item struct {
	section string // section id
	level   string
	facet   string
	lvl     int    // index of level in the Assessor's levels
	line    string // verbatim
	// parts are the line's sentences: a long line is matched sentence by
	// sentence so its length does not make it match everything.
	parts []probe
}

// matchFacets are the facets whose lines describe what a person at a level
// does and is trusted with.
var matchFacets = []string{ladder.Overview, ladder.Changes, ladder.Responsibilities, ladder.Success}

// skipItem is true for lines that say what a level is not about: matching
// them would count "I own the roadmap" for the first rung.
func skipItem(line string) bool {
	l := strings.ToLower(strings.ReplaceAll(line, "’", "'"))
	return strings.HasPrefix(l, "you're not expected") || strings.HasPrefix(l, "note:")
}

var sentenceEnd = lazyre.New(`[.?!]\s+`)

func (a *Assessor) newItem(s sections.Section, line string) item {
	it := item{section: s.ID, level: s.Level, facet: s.Facet, line: line}
	for _, sent := range sentenceEnd.Split(strings.ToLower(line), -1) {
		if p := a.rawProbe(sent, true); p.weight > 0 {
			it.parts = append(it.parts, p)
		}
	}
	return it
}

// probe is a text ready to be compared: a clause or a sentence of the article.
type probe struct {
	// nz are the indexes of the embedding's non-zero values, ascending,
	// and vals those values: the cosine of two probes sums over the
	// indexes they share, to the same last bit as over whole vectors, and
	// an article line's sentence keeps a few hundred bytes instead of a
	// vector of embed.Dims values.
	nz   []int32
	vals []float32
	// ids are the probe's distinct terms that some article line uses, as
	// indexes into the Assessor's term dictionary, ascending, and idf
	// their weights: only they can be shared with a line.
	ids    []int32
	idf    []float64
	weight float64 // the sum of its terms' idf
	// words are the distinct terms, in order, while the dictionary is
	// being built (article lines only).
	words []string
}

// newProbe makes a probe of a clause; its ids come from the dictionary.
func (a *Assessor) newProbe(s string) probe {
	p := a.rawProbe(s, false)
	for _, t := range p.words {
		if id, ok := a.dict[t]; ok {
			p.ids = append(p.ids, id)
		}
	}
	p.words = nil
	p.sortIDs(a)
	return p
}

// rawProbe is a probe without its dictionary ids, of an article line's
// sentence (line true) or of a clause.
func (a *Assessor) rawProbe(s string, line bool) probe {
	s = strings.ToLower(s)
	if !a.model.IsArticle() {
		s = a.widen(s)
	}
	// The terms are terms(s): those of f unless widening added capitals.
	f := folds.Replace(s)
	tf := f
	if l := strings.ToLower(s); l != s {
		tf = folds.Replace(l)
	}
	var p probe
	ts := embed.Terms(f)
	p.nz, p.vals = a.emb.EmbedTermsSparse(ts, nil, nil)
	if line {
		// Kept for the life of the Assessor: no spare capacity.
		p.nz, p.vals = slices.Clip(p.nz), slices.Clip(p.vals)
	}
	if tf != f {
		ts = embed.Terms(tf)
	}
	for _, t := range ts {
		if !slices.Contains(p.words, t) {
			p.words = append(p.words, t)
			p.weight += a.emb.IDF(t)
		}
	}
	return p
}

// sortIDs sorts the probe's ids and sets their weights.
func (p *probe) sortIDs(a *Assessor) {
	slices.Sort(p.ids)
	p.idf = make([]float64, len(p.ids))
	for k, id := range p.ids {
		p.idf[k] = a.emb.IDF(a.terms[id])
	}
}

// index builds the term dictionary of the article lines and skills, and
// the items that use each term.
func (a *Assessor) index() {
	a.dict = map[string]int32{}
	add := func(parts []probe) {
		for k := range parts {
			p := &parts[k]
			for _, t := range p.words {
				id, ok := a.dict[t]
				if !ok {
					id = int32(len(a.terms))
					a.dict[t] = id
					a.terms = append(a.terms, t)
					a.postings = append(a.postings, nil)
				}
				p.ids = append(p.ids, id)
			}
			p.words = nil
			p.sortIDs(a)
		}
	}
	a.levelIdx = map[string]int{}
	for i := range a.items {
		it := &a.items[i]
		add(it.parts)
		for _, p := range it.parts {
			for _, id := range p.ids {
				if ps := a.postings[id]; len(ps) == 0 || ps[len(ps)-1] != int32(i) {
					a.postings[id] = append(ps, int32(i))
				}
			}
		}
		l, ok := a.levelIdx[it.level]
		if !ok {
			l = len(a.levels)
			a.levelIdx[it.level] = l
			a.levels = append(a.levels, it.level)
			a.firstItem = append(a.firstItem, i)
		}
		it.lvl = l
	}
	for _, sks := range a.skills {
		for i := range sks {
			add(sks[i].parts)
		}
	}
}

// widen adds to a clause, for a ladder file, the file's words that its
// other words stand for (lexicon.Related: "pick" brings "choose"), as the
// chat's retrieval does: a file has no signals to read everyday words.
func (a *Assessor) widen(s string) string {
	var add []string
	for _, w := range strings.FieldsFunc(s, func(c rune) bool { return !(c >= 'a' && c <= 'z' || c == '-') }) {
		if len(w) < 4 || a.vocab[embed.Stem(w)] {
			continue
		}
		n := 0
		for _, r := range lexicon.Related(w) {
			if n < 2 && a.vocab[embed.Stem(r)] {
				add = append(add, r)
				n++
			}
		}
	}
	if len(add) == 0 {
		return s
	}
	return s + " " + strings.Join(add, " ")
}

// sim is how well a clause matches an article line, 0..1: for the line's
// best sentence, the cosine of their local embeddings blended with the
// share of the clause's weighted terms that the sentence uses (so a short
// clause fully inside a longer sentence still scores).
func (a *Assessor) sim(p probe, it *item) float64 {
	best := 0.0
	for k := range it.parts {
		best = max(best, a.simProbe(&p, &it.parts[k]))
	}
	return best
}

func (a *Assessor) simProbe(p, q *probe) float64 {
	if p.weight == 0 || q.weight == 0 {
		return 0
	}
	var shared float64
	for i, j := 0, 0; i < len(p.ids) && j < len(q.ids); {
		switch {
		case p.ids[i] < q.ids[j]:
			i++
		case p.ids[i] > q.ids[j]:
			j++
		default:
			shared += p.idf[i]
			i++
			j++
		}
	}
	if shared == 0 {
		return 0
	}
	cos := max(0, cosine(p, q))
	recall := shared / p.weight
	return cosShare*cos + recallShare*recall*min(1, shared/recallFull)
}

// The blend of simProbe.
const (
	cosShare    = 0.55 // weight of the embeddings' cosine
	recallShare = 0.45 // weight of the share of the clause's terms used
	recallFull  = 3.0  // shared term weight (IDF) at which recall counts fully
)

// cosine is embed.Cosine of the probes' vectors (unit length), summed over
// the indexes where both are not zero, in increasing order, as over the
// whole vectors: adding a zero product changes no sum.
func cosine(p, q *probe) float64 {
	var s float64
	for i, j := 0, 0; i < len(p.nz) && j < len(q.nz); {
		a, b := p.nz[i], q.nz[j]
		if a == b {
			s += float64(p.vals[i]) * float64(q.vals[j])
		}
		if a <= b {
			i++
		}
		if b <= a {
			j++
		}
	}
	return s
}
