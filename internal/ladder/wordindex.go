package ladder

import (
	"math/bits"
	"reflect"
	"slices"
	"strings"
)

// wordIndex finds which phrases of a fixed list may stand in a text by the
// phrase's first word: a text is then searched for the few phrases that start
// with one of its words, not for every phrase of the list. Its keys (first
// words, and starts of words that may go on) are in the shared keyDict,
// where a text's words are looked up once for all indexes, each key with
// the indexes that hold it and where their phrases of it are.
type wordIndex struct {
	id uint32 // its number in the dictionary
	ks []int  // the phrases of each key, key after key, ascending
	// always are the phrases that do not start with a word.
	always []int
	// marks are where each phrase's first mark is (markAt, -1: none), or
	// for a phrase that is one word and no mark, minus its length less one
	// (below -1): it is found where the text's word is the phrase, or the
	// phrase and a plural s, and told from its length alone.
	marks []int32
}

func newWordIndex(phrases []string) *wordIndex {
	x := &wordIndex{}
	lists := map[dictKey][]int{}
	var order []dictKey // the keys in the order met
	for i, p := range phrases {
		w := firstWord(p)
		if w == p && w != "" {
			x.marks = append(x.marks, int32(-1-len(w)))
		} else {
			x.marks = append(x.marks, int32(markAt(p)))
		}
		if w == "" {
			x.always = append(x.always, i)
			continue
		}
		key := dictKey{w: w, on: strings.HasPrefix(p[len(w):], "*")}
		if lists[key] == nil {
			order = append(order, key)
		}
		lists[key] = append(lists[key], i)
	}
	spans := make([][2]uint32, len(order))
	for i, key := range order {
		spans[i] = [2]uint32{uint32(len(x.ks)), uint32(len(x.ks) + len(lists[key]))}
		x.ks = append(x.ks, lists[key]...)
	}
	x.id = register(order, spans)
	return x
}

// of returns the phrases of key id of d, none when x does not hold it.
func (x *wordIndex) of(d *keyDict, id uint32) []int {
	if x.id >= bitIndexes {
		return x.inList(d.usesOf(id))
	}
	b := &d.useBits[id]
	w, bit := b[x.id>>6], uint64(1)<<(x.id&63)
	if w&bit == 0 {
		return nil
	}
	r := uint32(bits.OnesCount64(w & (bit - 1)))
	if x.id >= 64 {
		r += uint32(bits.OnesCount64(b[0]))
	}
	u := d.uses[d.useFrom[id]+r]
	return x.ks[u.from:u.to]
}

// inList returns x's phrases of the key whose uses are us.
func (x *wordIndex) inList(us []keyUse) []int {
	for _, u := range us {
		if u.index >= x.id {
			if u.index == x.id {
				return x.ks[u.from:u.to]
			}
			return nil
		}
	}
	return nil
}

// keyHash is the FNV-1a hash of w.
func keyHash(w string) uint32 {
	h := uint32(fnvBasis)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint32(w[i])) * fnvPrime
	}
	return h
}

const (
	fnvBasis = 2166136261
	fnvPrime = 16777619
)

func allHeads() (b [headWords]uint64) {
	for i := range b {
		b[i] = ^uint64(0)
	}
	return b
}

// firstWord is the run of word bytes p starts with.
func firstWord(p string) string {
	j := 0
	for j < len(p) && isWordByte(p[j]) {
		j++
	}
	return p[:j]
}

// candidates lists, in ascending order, the phrases whose first word is a
// word of t (lower case), or that word less a plural s, or a start of a word
// for a first word that may go on: every phrase phraseAt can find in t is
// among them.
func (x *wordIndex) candidates(t string) []int {
	out := slices.Clone(x.always)
	x.each(t, func(ks []int) bool {
		out = append(out, ks...)
		return false
	})
	slices.Sort(out)
	return slices.Compact(out)
}

// each calls visit with the phrases that start with each word of t (lower
// case), or with that word less a plural s, or with a start of it for a first
// word that may go on, word by word and unsorted, the phrases that start with
// no word first; it stops when visit returns true, and reports whether it did.
func (x *wordIndex) each(t string, visit func([]int) bool) bool {
	if len(x.always) > 0 && visit(x.always) {
		return true
	}
	stopped := false
	x.eachAt(t, func(_, _ int, ks []int) bool {
		stopped = visit(ks)
		return stopped
	})
	return stopped
}

// eachAt calls visit with the offset and end of each word of t (lower
// case) and the phrases that start with that word, with it less a plural s,
// or with a start of it for a first word that may go on, in the order each
// does; the phrases that start with no word are not visited. It stops when
// visit returns true. The words' key numbers are read from t's heads, once
// for all indexes.
func (x *wordIndex) eachAt(t string, visit func(at, end int, ks []int) bool) {
	lead := 0 // the spaces headsOf trims
	for lead < len(t) && t[lead] == ' ' {
		lead++
	}
	h := headsOf(t)
	hits := h.hits(x.id + 1)
	d := hits.d
	row, bit := min(x.id>>6, bitIndexes/64-1), uint64(1)<<(x.id&63)
	for _, kh := range hits.hits {
		if d.useBits[kh.id][row]&bit == 0 && x.id < bitIndexes {
			continue // x does not hold the key: of would say so
		}
		if ks := x.of(d, kh.id); len(ks) > 0 {
			tw := h.words[kh.word]
			if visit(lead+int(tw.at), lead+int(tw.end), ks) {
				return
			}
		}
	}
}

// PhraseTable is a large phrase table read in one pass over the text's words:
// only the phrases that start with one of its words are tried. It finds
// what its Phrases find.
type PhraseTable struct {
	Phrases Phrases
	x       *wordIndex
}

// NewPhraseTable indexes p by the phrases' first words.
func NewPhraseTable(p Phrases) PhraseTable { return PhraseTable{Phrases: p, x: newWordIndex(p)} }

// In reports whether one of the phrases is found in t.
func (l PhraseTable) In(t string) bool {
	found := false
	l.Each(t, func(int, int) bool {
		found = true
		return true
	})
	return found
}

// Index returns the offset of the first phrase found in t, or -1.
func (l PhraseTable) Index(t string) int {
	at, _ := l.Find(t)
	return at
}

// Find is Phrases.Find over the phrases t may hold: the text is read word by
// word, and at each word only the phrases that start with it are tried, so
// the first word that starts a phrase ends the search.
func (l PhraseTable) Find(t string) (int, int) {
	best, end, first := -1, -1, -1 // first: the listed place of the phrase found
	for _, k := range l.x.always {
		if at, e := phraseAt(t, l.Phrases[k], 0, len(t)); at >= 0 && (best < 0 || at < best) {
			best, end, first = at, e, k
		}
	}
	l.x.eachAt(t, func(at, wend int, ks []int) bool {
		if best >= 0 && at > best {
			return true
		}
		for _, k := range ks {
			if best == at && k > first {
				break // ks ascend: a phrase listed earlier was found here
			}
			if e, ok := l.x.match(t, at, wend, l.Phrases, k); ok {
				best, end, first = at, e, k
				break
			}
		}
		return false
	})
	return best, end
}

// Each calls visit with each phrase found in t, by its place in the table,
// and where it starts: word by word from the start of t, each phrase at each
// word that starts it (the phrases that start with no word first, at their
// first place). It stops when visit returns true.
func (l PhraseTable) Each(t string, visit func(k, at int) bool) {
	for _, k := range l.x.always {
		if at, _ := phraseAt(t, l.Phrases[k], 0, len(t)); at >= 0 && visit(k, at) {
			return
		}
	}
	l.x.eachAt(t, func(at, wend int, ks []int) bool {
		for _, k := range ks {
			if _, ok := l.x.match(t, at, wend, l.Phrases, k); ok && visit(k, at) {
				return true
			}
		}
		return false
	})
}

// places calls visit with each place of t where a search phrase by phrase
// finds a phrase of p that starts with a word, word by word: the phrase,
// where it starts and where its search goes on (Blank's and findWord's
// loops). A phrase's next search starts past its last place (an unmarked
// phrase's: at its end less the plural s; a marked one's: past its start
// and its end), so a place before that is none.
func (x *wordIndex) places(t string, p []string, visit func(k, at, end int)) {
	type resume struct{ k, from int }
	var buf [8]resume
	next := buf[:0]
	x.eachAt(t, func(at, wend int, ks []int) bool {
		for _, k := range ks {
			end, ok := x.match(t, at, wend, p, k)
			if !ok {
				continue
			}
			i := slices.IndexFunc(next, func(r resume) bool { return r.k == k })
			if i >= 0 && at < next[i].from {
				continue
			}
			if i < 0 {
				next, i = append(next, resume{k: k}), len(next)
			}
			if x.marks[k] < 0 {
				end = at + len(p[k])
				next[i].from = end
			} else {
				next[i].from = max(end, at+1)
			}
			visit(k, at, end)
		}
		return false
	})
}

// match matches phrase k of p, the index's phrases, at t[at:], the start
// of a word that ends at wend: the end, and whether it matched. A plain word
// is told by its length alone, as the index visits it only where the word
// is the phrase or the phrase and a plural s (for a phrase of two bytes or
// more, as wordAt has it).
func (x *wordIndex) match(t string, at, wend int, p []string, k int) (int, bool) {
	if m := x.marks[k]; m < -1 {
		n := int(-1 - m)
		return wend, n == wend-at || n >= 2 && n+1 == wend-at
	}
	return phraseHere(t, at, p[k], int(x.marks[k]))
}

// phraseHere matches phrase w, whose first mark is at star (markAt), at
// t[at:], a word start: the end, and whether it matched.
func phraseHere(t string, at int, w string, star int) (int, bool) {
	if star < 0 {
		if !strings.HasPrefix(t[at:], w) || !wordAt(t, at, at+len(w)) {
			return 0, false
		}
		end := at + len(w)
		if end < len(t) && isWordByte(t[end]) {
			end++ // the plural s
		}
		return end, true
	}
	if !strings.HasPrefix(t[at:], w[:star]) {
		return 0, false
	}
	return restAt(t, at+star, w[star:])
}

// indexFrom is the length from which a table of this package is searched
// through its first-word index: below it, looking for each phrase is
// cheaper than listing the text's words.
const indexFrom = 16

// tableIndexes are the first-word indexes of this package's long tables
// (Talk, Cues, FacetWords, NearbySubjects), keyed by the table's first
// element and built once at start; nothing is added later, so a table made
// at run time is searched phrase by phrase.
var tableIndexes = func() map[*string]sizedIndex {
	out := map[*string]sizedIndex{}
	for _, p := range longTables() {
		if len(p) >= indexFrom {
			out[&p[0]] = sizedIndex{newWordIndex(p), len(p)}
		}
	}
	return out
}()

type sizedIndex struct {
	*wordIndex
	n int // the table's length: a shorter slice of it is not the table
}

// longTables lists the package's phrase tables.
func longTables() []Phrases {
	var out []Phrases
	for _, v := range []any{Talk, Cues} {
		rv := reflect.ValueOf(v)
		for i := range rv.NumField() {
			if p, ok := rv.Field(i).Interface().(Phrases); ok {
				out = append(out, p)
			}
		}
	}
	for _, p := range FacetWords {
		out = append(out, p)
	}
	for _, n := range NearbySubjects {
		out = append(out, n.Words)
	}
	return out
}

// index is p's first-word index, when p is one of the package's long tables.
func (p Phrases) index() (*wordIndex, bool) {
	if len(p) < indexFrom {
		return nil, false
	}
	x, ok := tableIndexes[&p[0]]
	return x.wordIndex, ok && x.n == len(p)
}
