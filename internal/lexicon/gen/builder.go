package main

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/ladder/coach/internal/lexicon/spell"
)

// The rules that keep the table precise, each an explicit number. WordNet's
// antonym pointers are never followed, so no word reaches its opposite.
const (
	// maxTargetSenses: a target word with more senses than this in all
	// parts of speech together says too little for a link to it to mean
	// anything; it is no target. The line falls between the light verbs
	// (go 35, get 37, turn 38, take 44, set 45, make 51, run 57) and the
	// article's drive (34), work (34) and lead (31).
	maxTargetSenses = 34
	// targetRank: only a target's commonest senses in each part of speech
	// are followed ("lead" the verb as guiding and heading, not its 9th
	// sense); of a target with more than broadSenses senses ("come",
	// "develop", "support"), only its first sense in each part of speech,
	// and only its synonyms and derived forms, not its kinds or similar
	// words.
	targetRank  = 3
	broadSenses = 20
	// sourceRank, sourceShare: a word stands for a target only through one
	// of its own commonest senses: when WordNet's corpus tagged the word at
	// least minTagged times, that sense must be at least sourceShare of its
	// uses in all parts of speech ("soldier" the verb is not, so it does not
	// reach "serve"); otherwise it must be among its first sourceRank senses
	// in its part of speech.
	sourceRank  = 2
	sourceShare = 0.15
	// targetShare: the same for the article's word, more leniently.
	targetShare = 0.10
	minTagged   = 5
	// maxHyponyms: a hyponym (a more specific word: "boss" for "supervisor")
	// stands for its hypernym only when the hypernym has at most this many
	// direct hyponyms; "person", with hundreds, would pull in every trade.
	maxHyponyms = 12
	// maxHypernymFan: a hypernym (a more general word) stands for the target
	// only when it has at most this many direct hyponyms, so it mostly
	// means the target.
	maxHypernymFan = 3
	// maxTargets caps the targets of one word.
	maxTargets = 6
	// minTarget: a target has at least this many letters.
	minTarget = 3
)

// kind is how a word reaches a target, strongest first; a word's targets
// are ordered by it.
type kind int

const (
	kindBase     kind = iota // the word is the target or an inflection of it
	kindSyn                  // same synset
	kindDeriv                // derivationally related form or pertainym
	kindSimilar              // adjective similar-to and also-see
	kindHypo                 // the word is a direct hyponym of the target
	kindHyper                // the word is a direct hypernym of the target
	kindDerivSyn             // a synonym of a derivationally related form
)

var kindName = []string{"base", "synonym", "derived", "similar", "hyponym", "hypernym", "derived-synonym"}

type link struct {
	kind kind
	via  string // how, for -explain
}

type builder struct {
	wn      *wordnet
	counts  map[string]int      // article word -> occurrences
	lemmas  map[string][]string // article word -> its WordNet lemmas (or itself)
	target  map[string]string   // lemma -> the article word it stands for
	dropped map[string]string   // lemma -> why it is no target
	links   map[string]map[string]link
	rev     map[int][]revPtr
	// articleLemma holds every lemma of an article word, targets or not.
	articleLemma map[string]bool
	table        map[string][]string // the written table: key -> targets, the key's own first
	english      []string            // words correction leaves alone
	vocab        []string            // the correction vocabulary, best first
}

type revPtr struct {
	from int
	p    pointer
}

func newBuilder(wn *wordnet, article string) *builder {
	b := &builder{
		wn:           wn,
		counts:       map[string]int{},
		lemmas:       map[string][]string{},
		target:       map[string]string{},
		dropped:      map[string]string{},
		links:        map[string]map[string]link{},
		rev:          map[int][]revPtr{},
		articleLemma: map[string]bool{},
	}
	for _, t := range tokens(article) {
		b.counts[t]++
	}
	for from, ss := range wn.synsets {
		for _, p := range ss.ptrs {
			b.rev[p.to] = append(b.rev[p.to], revPtr{from, p})
		}
	}
	return b
}

// baseForms returns the WordNet lemmas w is an inflection of (w itself when
// it is a lemma), irregular forms first; POS-checked like WordNet's morphy.
func (b *builder) baseForms(w string) []string {
	var out []string
	if b.wn.isLemma(w) {
		out = append(out, w)
	}
	for _, x := range b.wn.exc[w] {
		if b.wn.isLemma(x) {
			out = appendNew(out, x)
		}
	}
	_, own := b.wn.share(w, 0)
	it := spell.NewBases(w)
	for base, pos, ok := it.Next(); ok; base, pos, ok = it.Next() {
		s := string(base)
		m := b.wn.senses[s]
		if (pos&spell.Noun != 0 && len(m['n']) > 0) || (pos&spell.Verb != 0 && len(m['v']) > 0) ||
			(pos&spell.Adj != 0 && len(m['a']) > 0) {
			// A word that is a lemma itself is taken as an inflection only
			// of a commoner word: "years" of "year", "leading" of "lead",
			// but "founder" is no comparative of the adjective "found".
			if len(out) > 0 && out[0] == w && b.tagged(s, pos) <= own {
				continue
			}
			out = appendNew(out, s)
		}
	}
	return out
}

// commoner reports whether one of bases was tagged more often than w.
func (b *builder) commoner(bases []string, w string) bool {
	const all = spell.Noun | spell.Verb | spell.Adj
	for _, x := range bases {
		if b.tagged(x, all) > b.tagged(w, all) {
			return true
		}
	}
	return false
}

// tagged is how often WordNet's corpus tagged w in the parts of speech pos.
func (b *builder) tagged(w string, pos int) int {
	n := 0
	for p, c := range b.wn.tags[w] {
		if (p == 'n' && pos&spell.Noun != 0) || (p == 'v' && pos&spell.Verb != 0) || (p == 'a' && pos&spell.Adj != 0) {
			for _, x := range c {
				n += x
			}
		}
	}
	return n
}

func (b *builder) build() {
	b.chooseTargets()
	for lemma, t := range b.target {
		if b.wn.isLemma(lemma) {
			b.relate(lemma, t)
		}
	}
	b.makeTable()
	b.makeVocabulary()
}

// chooseTargets finds the article's content words and the lemma each stands
// for. A lemma's target is the lemma itself when the article writes it,
// otherwise its commonest form in the article.
func (b *builder) chooseTargets() {
	for _, w := range sortedKeys(b.counts) {
		if isStop(w) || !plainWord(w) {
			continue
		}
		ls := b.baseForms(w)
		if len(ls) > 1 && ls[0] == w && b.commoner(ls[1:], w) {
			// Running text uses an inflection of a commoner word as that
			// word: the article's "works", "helping" and "cutting" are
			// verbs, not the factory, the portion of food or the slip of a
			// plant.
			ls = ls[1:]
		}
		if len(ls) == 0 {
			ls = []string{w} // not in WordNet ("roadmap"): still a target for its inflections
		}
		b.lemmas[w] = ls
		for _, l := range ls {
			b.articleLemma[l] = true
		}
	}
	for _, w := range sortedKeys(b.lemmas) {
		for _, l := range b.lemmas[w] {
			if why := b.noTarget(l); why != "" {
				b.dropped[l] = why
				continue
			}
			cur, ok := b.target[l]
			switch {
			case !ok:
				b.target[l] = w
			case cur == l:
			case w == l || b.counts[w] > b.counts[cur]:
				b.target[l] = w
			}
		}
	}
}

// noTarget says why a lemma of an article word is no target ("" when it is).
func (b *builder) noTarget(l string) string {
	switch {
	case isStop(l):
		return "stop word"
	case len(l) < minTarget:
		return "too short"
	case b.wn.senseCount(l) > maxTargetSenses:
		return fmt.Sprintf("%d senses", b.wn.senseCount(l))
	case b.onlyCapitalised(l):
		return "a name or abbreviation in WordNet; the article's own abbreviations are the ladder's"
	}
	return ""
}

// onlyCapitalised reports whether WordNet writes l with a capital in every
// synset it is in ("PM" the prime minister, "VP").
func (b *builder) onlyCapitalised(l string) bool {
	any := false
	for _, ids := range b.wn.senses[l] {
		for _, id := range ids {
			ss := &b.wn.synsets[id]
			for i, w := range ss.words {
				if w == l {
					if !ss.caps[i] {
						return false
					}
					any = true
				}
			}
		}
	}
	return any
}

// relate records the words that can stand for the article's lemma l.
func (b *builder) relate(l, t string) {
	maxRank, broad := targetRank, false
	if b.wn.senseCount(l) > broadSenses {
		maxRank, broad = 1, true
	}
	for _, pos := range poses {
		for r, id := range b.wn.senses[l][pos] {
			if r >= maxRank {
				break
			}
			if !b.inDomain(id) || !b.common(l, id, targetRank, targetShare) || b.capitalisedIn(l, id) {
				continue
			}
			ss := &b.wn.synsets[id]
			sense := fmt.Sprintf("%s#%c%d", l, pos, r+1)
			li := indexOf(ss.words, l) + 1
			for _, w := range ss.words {
				b.add(w, t, id, kindSyn, "synonym of "+sense)
			}
			for _, p := range ss.ptrs {
				switch {
				case (p.sym == "+" || p.sym == `\`) && p.src == li:
					b.derived(l, t, sense, p)
				case broad:
					// a broad word's kinds and similar words drift from it
				case (p.sym == "&" || p.sym == "^") && pos == 'a':
					// Adjectives only: verb groups and a verb's also-see
					// join senses loosely ("communicate" and "put").
					for _, w := range b.wn.synsets[p.to].words {
						b.add(w, t, p.to, kindSimilar, "similar to "+sense)
					}
				case p.sym == "~" && (pos == 'n' || pos == 'v') && b.fan(id) <= maxHyponyms:
					for _, w := range b.wn.synsets[p.to].words {
						b.add(w, t, p.to, kindHypo, "kind of "+sense)
					}
				case p.sym == "@" && (pos == 'n' || pos == 'v') && b.fan(p.to) <= maxHypernymFan:
					for _, w := range b.wn.synsets[p.to].words {
						b.add(w, t, p.to, kindHyper, "more general than "+sense)
					}
				}
			}
			// Pertainyms point from the adjective ("numerical") to the noun.
			for _, rp := range b.rev[id] {
				if rp.p.sym == `\` && rp.p.dst == li && rp.p.src > 0 {
					w := b.wn.synsets[rp.from].words[rp.p.src-1]
					b.add(w, t, rp.from, kindDeriv, "pertains to "+sense)
				}
			}
		}
	}
}

// derived follows a word-to-word pointer from l to a derived form: the
// form, then its synonyms in that sense.
func (b *builder) derived(l, t, sense string, p pointer) {
	ss := &b.wn.synsets[p.to]
	if p.dst < 1 || p.dst > len(ss.words) {
		return
	}
	x := ss.words[p.dst-1]
	b.add(x, t, p.to, kindDeriv, "derived from "+sense)
	if !b.common(x, p.to, sourceRank, sourceShare) {
		return // a rare sense of x: its synonyms mean something else
	}
	for _, w := range ss.words {
		// Only a collocation reaches a target through a synonym of a
		// derived form: phrasal verbs ("figure out", "find out") meet the
		// article's nouns only that way, while a single word that does
		// mostly has another sense ("animal", a synonym of "creature",
		// derived from "create").
		if w != x && strings.Contains(w, " ") {
			b.add(w, t, p.to, kindDerivSyn, "synonym of "+x+", derived from "+sense)
		}
	}
}

// common reports whether synset id is one of w's common senses (see
// sourceShare).
func (b *builder) common(w string, id, maxRank int, minShare float64) bool {
	r := b.wn.rank(w, id)
	if r == 0 || r > maxRank {
		return false
	}
	share, total := b.wn.share(w, id)
	if total < minTagged {
		return true
	}
	return share >= minShare
}

// capitalisedIn reports whether synset id has l only as a name or an
// abbreviation ("ADD" the disorder for "add").
func (b *builder) capitalisedIn(l string, id int) bool {
	ss := &b.wn.synsets[id]
	i := indexOf(ss.words, l)
	return i >= 0 && ss.caps[i]
}

// fan is the number of direct hyponyms of a synset.
func (b *builder) fan(id int) int {
	n := 0
	for _, p := range b.wn.synsets[id].ptrs {
		if p.sym == "~" || p.sym == "~i" {
			n++
		}
	}
	return n
}

// add records that w, in synset id, can stand for target t.
func (b *builder) add(w, t string, id int, k kind, via string) {
	if w == t || isStop(w) || !plainPhrase(w) || len(w) < 3 {
		return
	}
	if !b.inDomain(id) {
		return
	}
	ss := &b.wn.synsets[id]
	if i := indexOf(ss.words, w); i >= 0 && ss.caps[i] {
		return // a name
	}
	if !b.common(w, id, sourceRank, sourceShare) {
		return
	}
	m := b.links[w]
	if m == nil {
		m = map[string]link{}
		b.links[w] = m
	}
	if old, ok := m[t]; !ok || k < old.kind {
		m[t] = link{k, via}
	}
}

// ordered returns the targets of w's links, strongest first.
func (b *builder) ordered(w string) []string {
	m := b.links[w]
	ts := sortedKeys(m)
	sort.SliceStable(ts, func(i, j int) bool {
		ki, kj := m[ts[i]].kind, m[ts[j]].kind
		if ki != kj {
			return ki < kj
		}
		return b.counts[ts[i]] > b.counts[ts[j]]
	})
	return ts
}

// own returns the targets w is an inflection of (w itself first when it is
// one).
func (b *builder) own(w string) []string {
	var out []string
	if b.isTarget(w) {
		out = append(out, w)
	}
	if t, ok := b.target[w]; ok {
		out = appendNew(out, t)
	}
	for _, l := range b.baseForms(w) {
		if t, ok := b.target[l]; ok {
			out = appendNew(out, t)
		}
	}
	return out
}

// isTarget reports whether w is the article word some lemma stands for.
func (b *builder) isTarget(w string) bool {
	for _, l := range b.lemmas[w] {
		if b.target[l] == w {
			return true
		}
	}
	return false
}

// inDomain reports whether a synset may be followed: a sense that WordNet
// files under a topic (";c": sports, medicine, law) is followed only when
// the article uses a word of that topic's synset, so "manager" the sports
// coach stays out of a product-management table.
func (b *builder) inDomain(id int) bool {
	for _, p := range b.wn.synsets[id].ptrs {
		if p.sym != ";c" {
			continue
		}
		found := false
		for _, w := range b.wn.synsets[p.to].words {
			if b.articleLemma[w] {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// makeTable gives every key its targets: those it is an inflection of, then
// its links, then the links of the lemmas it is an inflection of.
func (b *builder) makeTable() {
	keys := map[string]bool{}
	for w := range b.lemmas {
		keys[w] = true
	}
	for l := range b.target {
		keys[l] = true
	}
	for w := range b.links {
		keys[w] = true
	}
	for form := range b.wn.exc {
		if plainWord(form) {
			keys[form] = true
		}
	}
	b.table = map[string][]string{}
	for k := range keys {
		list := b.own(k)
		list = appendAll(list, b.ordered(k))
		for _, l := range b.baseForms(k) {
			if l != k {
				list = appendAll(list, b.ordered(l))
			}
		}
		if len(list) > maxTargets {
			list = list[:maxTargets]
		}
		if len(list) > 0 {
			b.table[k] = list
		}
	}
}

// explain prints what a word reaches and what reaches it.
func (b *builder) explain(w io.Writer, word string) {
	fmt.Fprintf(w, "%q: article count %d, lemmas %v, base forms %v\n", word, b.counts[word], b.lemmas[word], b.baseForms(word))
	if t, ok := b.target[word]; ok {
		fmt.Fprintf(w, "  target of lemma %q: %q\n", word, t)
	}
	if why, ok := b.dropped[word]; ok {
		fmt.Fprintf(w, "  no target: %s\n", why)
	}
	fmt.Fprintf(w, "  table: %v\n", b.table[word])
	for _, t := range b.ordered(word) {
		l := b.links[word][t]
		fmt.Fprintf(w, "  -> %-16s %-15s %s\n", t, kindName[l.kind], l.via)
	}
	var from []string
	for src, m := range b.links {
		if _, ok := m[word]; ok {
			from = append(from, src)
		}
	}
	slices.Sort(from)
	for _, src := range from {
		l := b.links[src][word]
		fmt.Fprintf(w, "  <- %-24s %-15s %s\n", src, kindName[l.kind], l.via)
	}
	for _, l := range b.lemmas[word] {
		for pos, ids := range b.wn.senses[l] {
			for r, id := range ids {
				fmt.Fprintf(w, "  %s#%c%d %v: %s\n", l, pos, r+1, b.wn.synsets[id].words, b.wn.synsets[id].gloss)
			}
		}
	}
}

// plainWord: lower-case letters, with inner hyphens.
func plainWord(w string) bool {
	if w == "" || w[0] == '-' || w[len(w)-1] == '-' {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if (c < 'a' || c > 'z') && c != '-' {
			return false
		}
	}
	return true
}

// plainPhrase: one to three plain words.
func plainPhrase(w string) bool {
	f := strings.Split(w, " ")
	if len(f) > 3 {
		return false
	}
	for _, x := range f {
		if !plainWord(x) {
			return false
		}
	}
	return true
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

func appendAll(list, more []string) []string {
	for _, s := range more {
		list = appendNew(list, s)
	}
	return list
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

// listKind prints every link of one kind.
func (b *builder) listKind(w io.Writer, k kind) {
	for _, src := range sortedKeys(b.links) {
		for t, l := range b.links[src] {
			if l.kind == k {
				fmt.Fprintf(w, "%s -> %s (%s)\n", src, t, l.via)
			}
		}
	}
}

// listTargets prints each target lemma with its number of senses, its
// tagged uses and the article word it stands for.
func (b *builder) listTargets(w io.Writer) {
	for _, l := range sortedKeys(b.target) {
		_, tot := b.wn.share(l, 0)
		fmt.Fprintf(w, "%d\t%d\t%s\t%s\n", b.wn.senseCount(l), tot, l, b.target[l])
	}
}
