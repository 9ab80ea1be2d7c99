// Package retrieve understands a question about the ladder (levels, titles,
// facets, transitions, the conversation so far) and ranks the article's
// sections for it, combining that understanding with vector similarity.
//
// It knows the ladder model and the sections; it knows nothing about HTTP or
// how the answer is written.
package retrieve

import (
	"context"
	"strings"

	"github.com/ladder/coach/internal/embed"
	"github.com/ladder/coach/internal/index"
	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/memo"
	"github.com/ladder/coach/internal/sections"
)

// MaxHits is how many sections a result holds at most.
const MaxHits = 5

// simWeight scales vector similarity against the intent boosts.
var simWeight = 2.5

// Retriever ranks sections for questions. Safe for concurrent use.
type Retriever struct {
	set    *sections.Set
	idx    *index.Index
	vocab  map[string]bool
	skills []namedSkill
	// skillsWith lists, for each term of a skill's name, the skills whose
	// names hold it (a skill once per time it holds the term).
	skillsWith map[string][]int
	// simAt[i] is where section i (in set order) is in the index's order.
	simAt []int
	// caveats are the sections that hold the article's caveats about a role
	// ("not all would enjoy what the job entails").
	caveats map[string]bool
	// covered are the nearby subjects the sections speak to themselves
	// (ladder.Nearby.Covered), by id.
	covered map[string]bool
	placer  Placer
	// lad is the ladder the sections belong to: the article's unless
	// WithLadder says otherwise.
	lad *ladder.Model
	// ladWords are the words of a loaded ladder's title, level and role
	// names: like strong, each places a question in the domain.
	ladWords map[string]bool
	// quotes finds the line of the sections a quoted phrase echoes.
	quotes quoteIndex
	// at finds a section's place in set from its level and facet.
	at sectionFinder
	// rel remembers relatedTo's answers, word by word.
	rel *memo.Memo[string, []string]
	// nameTerms are lad's levelNameTerms, built with the ladder.
	nameTerms map[string]bool
}

// WithLadder makes the retriever read questions against the ladder m, the
// one its sections come from. It returns r.
func (r *Retriever) WithLadder(m *ladder.Model) *Retriever {
	r.lad = m
	r.nameTerms = r.levelNameTerms()
	r.ladWords = map[string]bool{}
	if !m.IsArticle() {
		// A loaded ladder's names are words of its domain, as "pm" and
		// "product" are of the article's.
		var names []string
		names = append(names, m.Title())
		for _, l := range m.Levels() {
			names = append(names, l.Name)
			names = append(names, l.Aliases...)
		}
		for _, ro := range m.Roles() {
			names = append(names, ro.Name)
		}
		for _, t := range embed.Terms(strings.Join(names, " ")) {
			if len(t) >= 3 {
				r.ladWords[t] = true
			}
		}
	}
	return r
}

// WithPlacer makes the retriever place askers who describe their work
// without naming their level. It returns r.
func (r *Retriever) WithPlacer(p Placer) *Retriever {
	r.placer = p
	return r
}

type namedSkill struct {
	section string
	at      int    // the section's place in the set
	name    string // lower case, as the article writes it
	terms   []string
	line    []string // the terms of the whole line: name and description
}

// Placer places a person on the ladder from a description of their work: the
// same engine as the self-assessment. Level is "" when the text says too
// little; why quotes the words that decided it.
type Placer interface {
	Place(description string) (level, why string)
}

// New returns a retriever over the sections and their index.
func New(set *sections.Set, idx *index.Index) *Retriever {
	r := &Retriever{lad: ladder.Default(), set: set, idx: idx, vocab: map[string]bool{}, caveats: map[string]bool{}, covered: map[string]bool{},
		rel: memo.New[string, []string](maxRelated)}
	at := map[string]int{}
	for i, id := range idx.IDs() {
		at[id] = i
	}
	for _, s := range set.All() {
		i, ok := at[s.ID]
		if !ok {
			i = -1 // not indexed: no similarity
		}
		r.simAt = append(r.simAt, i)
	}
	for i, s := range set.All() {
		if ladder.Cues.CaveatText.In(strings.ToLower(s.Text)) {
			r.caveats[s.ID] = true
		}
		for _, n := range ladder.NearbySubjects {
			if n.Covered.In(" " + normalize(s.Text) + " ") {
				r.covered[n.ID] = true
			}
		}
		for _, t := range embed.Terms(s.Text) {
			r.vocab[t] = true
		}
		for _, sk := range s.Skills() {
			r.skills = append(r.skills, namedSkill{section: s.ID, at: i, name: normalize(sk.Name), terms: embed.Terms(sk.Name), line: embed.Terms(sk.Line)})
		}
	}
	var lines []quoteLine
	for _, s := range set.All() {
		for _, l := range s.Lines {
			if ts := embed.Terms(l); len(ts) > 0 {
				lines = append(lines, quoteLine{section: s.ID, terms: ts})
			}
		}
	}
	r.quotes = newQuoteIndex(lines)
	r.at = newSectionFinder(set)
	r.nameTerms = r.levelNameTerms()
	r.skillsWith = map[string][]int{}
	for k, sk := range r.skills {
		for _, t := range sk.terms {
			r.skillsWith[t] = append(r.skillsWith[t], k)
		}
	}
	return r
}

// Understand returns the intent of a question without ranking sections.
func (r *Retriever) Understand(question string, history []Turn) Intent {
	return r.understand(correct(question), history)
}

// understand reads a question already corrected.
func (r *Retriever) understand(question string, history []Turn) Intent {
	q := normalize(question)
	if smalltalk(q) {
		return Intent{Scope: ScopeSmalltalk}
	}
	read := toldTurns(q, history)
	in := understand(r.lad, question, q, read, inScope, r.termCounts, r.knownWord)
	if in.Refusal != "" && !r.placedInScope(&in, question, q) {
		in.Scope = ScopeOut
		return in
	}
	r.refine(&in, question, q, history)
	return in
}

// placedInScope: a question refused only for using few of the article's
// words is in scope after all when it describes work the self-assessment's
// engine places on the ladder (the everyday words of the job are not the
// article's: standups, tickets, QA).
func (r *Retriever) placedInScope(in *Intent, question, q string) bool {
	if !in.fewTerms {
		return false
	}
	in.Refusal = ""
	if r.place(in, question, q); in.Placed == "" {
		in.Refusal = RefuseOffTopic
		return false
	}
	return true
}

// pointsBack: the question points back at what the asker told of
// themselves earlier ("given what I told you", "someone like me").
func pointsBack(q string, history []Turn) bool {
	return len(history) > 0 && ladder.Talk.ToldBack.In(" "+q+" ")
}

// tells: a user turn that asks nothing tells of the asker.
func tells(h Turn) bool { return h.Role == "user" && !strings.Contains(h.Content, "?") }

// toldBefore is what the asker told of themselves earlier, when the
// question points back at it: the user's turns that tell. Otherwise "".
func toldBefore(q string, history []Turn) string {
	if !pointsBack(q, history) {
		return ""
	}
	var b strings.Builder
	for _, h := range history {
		if tells(h) {
			b.WriteString(" ")
			b.WriteString(h.Content)
		}
	}
	return b.String()
}

// toldTurns is the conversation the question is read against: when it
// points back at what the asker told of themselves, and picks nothing from
// a list, only the user's turns that told it and the replies to them, so
// that what they said of themselves, not the last thing asked about,
// carries over.
func toldTurns(q string, history []Turn) []Turn {
	if !pointsBack(q, history) || ladder.Talk.Choose.In(" "+q+" ") {
		return history
	}
	var out []Turn
	for i, h := range history {
		if tells(h) {
			out = append(out, h)
			if i+1 < len(history) && history[i+1].Role == "assistant" {
				out = append(out, history[i+1])
			}
		}
	}
	if len(out) == 0 {
		return history // nothing told: the talk as it is
	}
	return out
}

// strong are words that place a question in the coach's domain on their own.
var strong = map[string]bool{}

func init() {
	for _, w := range []string{"pm", "pms", "product", "career", "ladder", "promotion", "promoted", "skill", "skills", "mentor",
		"roadmap", "stakeholder", "stakeholders", "manager", "managers", "management", "managing", "leadership", "leader", "job", "role",
		"level", "title", "strategy", "prioritisation", "prioritization", "discovery", "influence", "executive",
		"growth", "grow", "ceo", "founder", "startup", "ic", "contributor", "vision", "metrics", "outcomes", "org", "organisation", "organization"} {
		strong[embed.Stem(w)] = true
	}
}

// termCounts counts the question's terms, those the article uses, and
// whether one of them is a strong domain word.
func (r *Retriever) termCounts(q string) (n, known int, isStrong bool) {
	for _, t := range embed.Terms(q) {
		n++
		if r.vocab[t] {
			known++
		}
		if strong[t] || r.ladWords[t] {
			isStrong = true
		}
	}
	return n, known, isStrong
}

// knownWord reports whether the sections use the word w.
func (r *Retriever) knownWord(w string) bool {
	ts := embed.Terms(w)
	return len(ts) == 1 && r.vocab[ts[0]]
}

func inScope(n, known int, isStrong bool) bool {
	if isStrong {
		return true
	}
	// Most words the article's, and more than one of them unless that is
	// all the question says ("Do I need to code?").
	return n > 0 && float64(known)/float64(n) > knownShare && (known >= 2 || known == n)
}

// Retrieve ranks the sections for question in the light of history.
func (r *Retriever) Retrieve(ctx context.Context, question string, history []Turn) (Result, error) {
	question = correct(question)
	return r.rank(ctx, question, history, r.understand(question, history))
}

// interleave reorders the ranking so the two compared levels' sections
// alternate at its head (a, b, a, b...), each level's in its own order: the
// first citations then show both sides.
func interleave(order []int, all []sections.Section, a, b string) {
	var as, bs, rest []int
	for _, i := range order {
		switch all[i].Level {
		case a:
			as = append(as, i)
		case b:
			bs = append(bs, i)
		default:
			rest = append(rest, i)
		}
	}
	// Keep the first-ranked level first.
	if len(bs) > 0 && (len(as) == 0 || indexOf(order, bs[0]) < indexOf(order, as[0])) {
		as, bs = bs, as
	}
	k := 0
	for len(as) > 0 || len(bs) > 0 {
		if len(as) > 0 {
			order[k], as = as[0], as[1:]
			k++
		}
		if len(bs) > 0 {
			order[k], bs = bs[0], bs[1:]
			k++
		}
	}
	copy(order[k:], rest)
}

func indexOf(xs []int, x int) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return -1
}

// cut is how many of the ranked sections stand close enough to the best one.
func cut(order []int, scores []float64) int {
	if len(order) == 0 {
		return 0
	}
	top := scores[order[0]]
	n := 0
	for n < len(order) && n < MaxHits && (n < 3 || scores[order[n]] >= closeShare*top) {
		n++
	}
	return n
}

// queryText is what gets embedded: the question, plus the words of a
// follow-up's level so "there" finds the right sections.
func (r *Retriever) queryText(q string, history []Turn, in Intent) string {
	if !r.lad.IsArticle() && len(in.Levels) > 0 && len(in.Facets) > 0 {
		// On a ladder file a level's lead text repeats its name: with the
		// level read and a facet asked, the words left say which section.
		q = r.withoutNameWords(q, in)
	}
	rel := r.related(q)
	told := toldBefore(normalize(q), history)
	if !in.FromHistory && len(rel) == 0 && told == "" {
		return q
	}
	var b strings.Builder
	b.WriteString(q)
	b.WriteString(told) // the words the asker described themselves in
	for _, w := range rel {
		b.WriteString(" ")
		b.WriteString(w)
	}
	if !in.FromHistory {
		return b.String()
	}
	for _, id := range in.Levels {
		if l, ok := r.lad.ByID(id); ok {
			b.WriteString(" ")
			b.WriteString(l.Title)
		}
	}
	return b.String()
}

// Boost sizes: what the question asks outweighs raw word overlap.
const (
	bPrimary   = 1.0  // the section that answers the question
	bSecondary = 0.5  // a section that helps
	bLevel     = 0.25 // any other section of a level asked about
	bSkillName = 0.8  // the question names a skill the section holds

	bStepSkills   = bPrimary + 0.3   // a step's skills, listed at the rung below the target
	bStepChanges  = bSecondary + 0.1 // what changes at the step's target
	bTopic        = bPrimary + 0.4   // the part of the article a topic asks for
	bTopicBeside  = bSecondary + 0.3 // the timeline beside a level's facet asked with it
	bICOverview   = bPrimary + 0.2   // the IC track's overview when the track is asked
	bEquivalence  = bPrimary + 0.4   // where the article weighs the IC track against a rung
	bNamingBoth   = bPrimary + 0.6   // a ladder file's line naming both levels weighed
	bRole         = bPrimary + 0.5   // an adjacent role named
	bAdjacentAll  = bPrimary + 0.3   // the adjacent roles' overview when none is named
	bAdjacentSide = bSecondary + 0.2 // the adjacent roles' overview beside a named role
	bPointed      = bPrimary + 0.5   // an item of the previous answer pointed at
	bQuote        = bSecondary + 0.3 // the section whose line a quoted phrase echoes

	compareChanges   = 0.05 // "what changes" above the overview when two levels are compared
	fileCompareScope = 0.3  // on a ladder file, the scope further above its lead paragraph
	compareFacet     = 0.15 // the facet asked of two levels above its neighbours
	secondFacet      = 0.7  // a facet asked after the first
	historyScale     = 0.5  // a level carried from the conversation beside a topic
	otherLevelScale  = 0.6  // a level named after the first, outside a comparison
	icSkillsChanges  = 0.8  // the IC track's "what changes" when its skills are asked
	facetEverywhere  = 0.15 // a facet asked with no level, at every level
	skillWhole       = 0.99 // a skill's name is all in the question
	skillSome        = 0.5  // half a skill's name is in the question
	skillSomeWeight  = 0.3  // what half a skill's name is worth, per share

	knownShare = 0.5 // a question naming nothing is in scope past this share of the article's words
	closeShare = 0.6 // a section past the third is cited within this share of the best score

	explicitFacet = 1.0   // a facet the question names
	impliedFacet  = 0.5   // a facet the question implies
	earlierFacet  = 0.001 // among equal facets, the one named first wins by this much
)

// facetNeighbours are the sections that answer a facet in part, with the
// share of the facet's boost they get: responsibilities and what changes
// describe the same job; the overview sums up both.
var facetNeighbours = map[string][]struct {
	facet string
	share float64
}{
	ladder.Responsibilities: {{ladder.Changes, 0.8}, {ladder.Overview, 0.5}},
	ladder.Changes:          {{ladder.Overview, 0.9}, {ladder.Responsibilities, 0.5}},
	ladder.Overview:         {{ladder.Changes, 0.8}, {ladder.Responsibilities, 0.7}},
	ladder.Success:          {{ladder.Overview, 0.2}},
}

// defaultFacets ranks a level's sections when the question names no facet.
var defaultFacets = map[string]float64{
	ladder.Overview: 0.5, ladder.Changes: 0.45, ladder.Responsibilities: 0.45, ladder.Success: 0.35, ladder.Skills: 0.35,
}

// namingBoth lists the sections of which a line names two of the levels
// (by name or alias).
func (r *Retriever) namingBoth(levels []string) []string {
	if len(levels) < 2 {
		return nil
	}
	var out []string
	for _, sec := range r.set.All() {
		for _, line := range sec.Lines {
			named := map[string]bool{}
			for _, m := range r.lad.FindLevels(line) {
				named[m.ID] = true
			}
			n := 0
			for _, l := range levels {
				if named[l] {
					n++
				}
			}
			if n >= 2 {
				out = append(out, sec.ID)
				break
			}
		}
	}
	return out
}

// onICTrack reports whether one of the levels is on the IC track (a
// ladder file's track can have several levels: "principal" is on it).
func (r *Retriever) onICTrack(levels []string) bool {
	t := r.lad.Track(r.lad.IC())
	for _, l := range levels {
		if t != "" && r.lad.Track(l) == t {
			return true
		}
	}
	return false
}

// withoutNameWords blanks in q the words of the names of the levels in
// in.Levels, Current and Target.
func (r *Retriever) withoutNameWords(q string, in Intent) string {
	drop := map[string]bool{}
	for _, id := range append([]string{in.Current, in.Target}, in.Levels...) {
		if l, ok := r.lad.ByID(id); ok {
			for _, w := range strings.Fields(strings.ToLower(l.Name)) {
				drop[w] = true
			}
		}
	}
	ws := strings.Fields(q)
	kept := ws[:0]
	for _, w := range ws {
		if !drop[strings.Trim(strings.ToLower(w), ",.?!;:'\"")] {
			kept = append(kept, w)
		}
	}
	return strings.Join(kept, " ")
}

// withoutLevelNames drops from terms those of the names of the levels in
// in.Levels, Current and Target.
func (r *Retriever) withoutLevelNames(terms []string, in Intent) []string {
	drop := map[string]bool{}
	for _, id := range append([]string{in.Current, in.Target}, in.Levels...) {
		if l, ok := r.lad.ByID(id); ok {
			for _, t := range embed.Terms(l.Name) {
				drop[t] = true
			}
		}
	}
	if len(drop) == 0 {
		return terms
	}
	var out []string
	for _, t := range terms {
		if !drop[t] {
			out = append(out, t)
		}
	}
	return out
}

// asksSkills is true when skills are among the strongest facets asked.
func (in Intent) asksSkills() bool {
	return len(in.Facets) > 0 && in.Facets[0].Facet == ladder.Skills
}
