package spell

import "slices"

// MaxDistance is how far a word of n letters may be from its correction:
// none for 3 letters or fewer (too many short words are a letter apart), 1
// for 4 to 7, 2 for 8 or more.
func MaxDistance(n int) int {
	switch {
	case n <= 3:
		return 0
	case n <= 7:
		return 1
	}
	return 2
}

// Speller corrects words against a vocabulary. It finds candidates through
// a deletion index (the symmetric-delete idea of SymSpell): every string made
// by deleting up to two letters from a vocabulary word is hashed, and a
// word's own deletions are looked up in it, so a correction costs a few dozen
// look-ups instead of a scan of the vocabulary. It is safe for concurrent
// use and allocates nothing per call.
type Speller struct {
	words []string // the vocabulary, preferred first
	// known holds the vocabulary and the further words that are never
	// corrected: one look-up tells whether a word is either.
	known map[string]bool
	// The deletion index: one entry a distinct deletion of a word, its hash
	// in hashes and the word's index in of, grouped in buckets by the
	// hash's top bits (shift is 64 less their number), bucket b's entries
	// at starts[b]:starts[b+1], a few each: twelve bytes a deletion and no
	// empty slots, for an index that stays in memory as long as the
	// Speller.
	starts []int32
	hashes []uint64
	of     []int32
	shift  uint
	// filter has a bit set for every hash in the index: most deletions of
	// a word no vocabulary word is near miss here, in a bit set small
	// enough to stay in the cache, before they would miss in the index.
	filter []uint64
}

const filterBits = 21

func (s *Speller) mayHave(h uint64) bool {
	b := h >> (64 - filterBits)
	return s.filter[b/64]&(1<<(b%64)) != 0
}

// New indexes the vocabulary. words are the correction targets, the ones to
// prefer first (a tie between two words at the same distance goes to the
// earlier); known are further words that are never corrected and never
// proposed. Both are lower-case; words with other bytes than a-z and '-'
// are left out of the index.
func New(words, known []string) *Speller {
	s := &Speller{
		known:  make(map[string]bool, len(words)+len(known)),
		filter: make([]uint64, (1<<filterBits)/64),
	}
	for _, w := range words {
		if s.known[w] {
			continue
		}
		s.known[w] = true
		s.words = append(s.words, w)
	}
	for _, w := range known {
		s.known[w] = true
	}
	s.index()
	return s
}

// deletion is one entry of the index while it is built.
type deletion struct {
	hash uint64
	word int32
}

// index builds the deletion index of s.words and its filter.
func (s *Speller) index() {
	// A vocabulary word of n letters can meet inputs up to n+2 letters
	// long; it needs the deletions those inputs' distance allows.
	depth := func(w string) int { return MaxDistance(len(w) + 2) }
	size := 0
	for _, w := range s.words {
		n := len(w)
		size += 1 + n
		if depth(w) == 2 {
			size += n * (n - 1) / 2
		}
	}
	dels := make([]deletion, 0, size)
	for i, w := range s.words {
		if !plain(w) || len(w) < 2 {
			continue
		}
		eachDeletion(w, depth(w), func(h uint64) {
			b := h >> (64 - filterBits)
			s.filter[b/64] |= 1 << (b % 64)
			dels = append(dels, deletion{h, int32(i)})
		})
	}
	// About four entries a bucket.
	bits := uint(1)
	for 1<<(bits+2) < len(dels) {
		bits++
	}
	s.shift = 64 - bits
	// Place the entries by bucket, keeping their order (a counting sort):
	// a word's deletions stay together within a bucket.
	s.starts = make([]int32, 1<<bits+1)
	for _, d := range dels {
		s.starts[d.hash>>s.shift+1]++
	}
	for b := range 1 << bits {
		s.starts[b+1] += s.starts[b]
	}
	hashes, of := make([]uint64, len(dels)), make([]int32, len(dels))
	next := slices.Clone(s.starts[:1<<bits])
	for _, d := range dels {
		k := &next[d.hash>>s.shift]
		hashes[*k], of[*k] = d.hash, d.word
		*k++
	}
	// Keep each word's deletion once ("mm" in "communication" gives the
	// same string twice).
	n := int32(0)
	for b := range 1 << bits {
		start, end := n, s.starts[b+1]
		for k := s.starts[b]; k < end; k++ {
			if !holds(hashes[start:n], of[start:n], hashes[k], of[k]) {
				hashes[n], of[n] = hashes[k], of[k]
				n++
			}
		}
		s.starts[b] = start
	}
	s.starts[1<<bits] = n
	s.hashes, s.of = slices.Clone(hashes[:n]), slices.Clone(of[:n])
}

// holds reports whether the entries of a bucket placed so far, word's
// last, hold word's deletion h.
func holds(hashes []uint64, of []int32, h uint64, word int32) bool {
	for j := len(of) - 1; j >= 0 && of[j] == word; j-- {
		if hashes[j] == h {
			return true
		}
	}
	return false
}

// Words returns the vocabulary, preferred first. The slice is shared: do
// not modify it.
func (s *Speller) Words() []string { return s.words }

// Known reports whether word, or a base form of it made by undoing a
// regular inflection, is in the vocabulary or the known words.
func (s *Speller) Known(word string) bool {
	if s.has(word) {
		return true
	}
	it := NewBases(word)
	for b, _, ok := it.Next(); ok; b, _, ok = it.Next() {
		if s.known[string(b)] {
			return true
		}
	}
	return false
}

func (s *Speller) has(w string) bool {
	return s.known[w]
}

// Nearest returns the vocabulary word closest to word within
// MaxDistance(len(word)), other than word itself, and its distance; ties go
// to the preferred word. ok is false when there is none.
func (s *Speller) Nearest(word string) (best string, dist int, ok bool) {
	n := len(word)
	max := MaxDistance(n)
	if max == 0 || !plain(word) {
		return "", 0, false
	}
	bi, bd := int32(-1), max+1
	eachDeletion(word, max, func(h uint64) {
		if !s.mayHave(h) {
			return
		}
		b := h >> s.shift
		for k := s.starts[b]; k < s.starts[b+1]; k++ {
			if s.hashes[k] != h {
				continue
			}
			i := s.of[k]
			if bi >= 0 && (i == bi || (bd == 1 && i > bi)) {
				continue // no better candidate possible
			}
			w := s.words[i]
			if w == word {
				continue
			}
			d := Distance(word, w, max)
			if d < bd || (d == bd && d <= max && i < bi) {
				bi, bd = i, d
			}
		}
	})
	if bi < 0 {
		return "", 0, false
	}
	return s.words[bi], bd, true
}

// Correct returns the correction of a lower-case word and true, or the word
// and false when it needs none: it is 3 letters or fewer, it is known
// (Known), nothing is near enough, or it is made of known words (Compound).
func (s *Speller) Correct(word string) (string, bool) {
	// A word longer than any English one is no typo of one: leaving it alone
	// keeps the cost linear (its deletions would be quadratic in its length).
	if len(word) <= 3 || len(word) > MaxWordLen || s.Known(word) {
		return word, false
	}
	best, _, ok := s.Nearest(word)
	if !ok || s.Compound(word) {
		return word, false
	}
	return best, true
}

// prefixes are the word-forming prefixes Compound accepts before a known
// word: "deprioritize", "cofounder", "reskill".
var prefixes = []string{"anti", "co", "counter", "cross", "de", "dis", "inter", "mis", "multi", "non",
	"over", "post", "pre", "re", "self", "sub", "super", "un", "under", "up"}

// Compound reports whether word is a known word after a prefix
// ("deprioritize"), a known word made a verb with -ize or -ise
// ("strategize"), or two known words of 4 letters or more run together
// ("userbase", "teammate"; with shorter parts too many typos would pass,
// "prodcut" being "prod" and "cut"): words English makes freely, which no word list
// holds and correction must not break. Known words here are the
// vocabulary's and the known words, the second part with its inflection
// undone ("teammates").
func (s *Speller) Compound(word string) bool {
	for _, p := range prefixes {
		if len(word) >= len(p)+4 && word[:len(p)] == p && s.Known(word[len(p):]) {
			return true
		}
	}
	for i := 4; i+4 <= len(word); i++ {
		if s.has(word[:i]) && s.Known(word[i:]) {
			return true
		}
	}
	// A verb made with -ize or -ise ("strategize" from "strategy",
	// "productize"), inflected or not.
	for _, suf := range izeSuffixes {
		if len(word) <= len(suf)+3 || len(word) > maxWord || !hasSuffix(word, suf) {
			continue
		}
		var buf [maxWord + 1]byte
		n := copy(buf[:], word[:len(word)-len(suf)])
		for _, end := range []string{"", "e", "y"} {
			m := n + copy(buf[n:], end)
			if s.has(string(buf[:m])) {
				return true
			}
		}
		break
	}
	return false
}

// izeSuffixes make verbs and their nouns of other words, longest first.
var izeSuffixes = []string{"izations", "isations", "ization", "isation", "izing", "ising", "izes", "ises", "ized", "ised", "ize", "ise"}

// MaxWordLen is the longest word Correct looks at.
const MaxWordLen = 30

// eachDeletion calls fn with the hash of w and of every string made by
// deleting up to max (at most 2) of its bytes. Hashes are FNV-1a over the
// bytes kept, computed without building the strings.
func eachDeletion(w string, max int, fn func(uint64)) {
	n := len(w)
	fn(hashSkip(w, -1, -1))
	if max >= 1 {
		for i := 0; i < n; i++ {
			if i > 0 && w[i] == w[i-1] {
				continue // deleting either of a double letter gives the same string
			}
			fn(hashSkip(w, i, -1))
		}
	}
	if max >= 2 {
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				fn(hashSkip(w, i, j))
			}
		}
	}
}

func hashSkip(w string, i, j int) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for k := 0; k < len(w); k++ {
		if k == i || k == j {
			continue
		}
		h ^= uint64(w[k])
		h *= prime
	}
	return h
}

// plain reports whether w is made of a-z and '-' only.
func plain(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; (c < 'a' || c > 'z') && c != '-' {
			return false
		}
	}
	return true
}
