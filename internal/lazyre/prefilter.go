package lazyre

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync/atomic"
)

// The prefilter: most texts hold none of an expression's leading literals,
// and strings.Contains is far cheaper than running the regexp. An
// expression of the form \b(?:a|b|...) is also split into its branches,
// each with its own prefilter, so one or two small regexps run instead of
// a big one. It never changes a result (TestPrefilterAgrees in the
// packages that hold many expressions checks it on the eval questions).

// compiled is an expression ready to run: the regexp and its prefilter, the
// literals one of which every match must start with. Most questions hold
// none of a pattern's literals, and strings.Contains is far cheaper than
// running the regexp.
type compiled struct {
	re *regexp.Regexp
	// lits is nil when the pattern has no such literal set.
	lits []string
	// keys[i] is the word-start key of lits[i], or -1: when the pattern
	// starts with \b and the literal with a word character, a match starts
	// a word, so a question without that word start cannot match.
	keys []int
	// bare is the expression less its leading \b, when every match starts
	// with a word character: regexp skips ahead to its literal prefix, which
	// it cannot do past a \b; find checks the boundary itself.
	bare *regexp.Regexp
	// need, when set, are strings one of which every match holds
	// somewhere: a text with none of them cannot match.
	need []string
	// byHead lists the branches by the word-start keys of their
	// literals; anyHead the branches without such keys.
	byHead  keyed
	anyHead []int
	// alts are the branches of a pattern written as \b(?:a|b|...)\b, each
	// with its own prefilter: a question usually holds the literals of none
	// or one of them, so one or two small regexps run instead of a big one.
	alts []*compiled
}

// compile builds the regexp and prefilter of expr, and its branches'.
func compile(expr string) *compiled {
	p := newPattern(expr)
	if pre, branches, post, ok := splitAlternation(expr); ok && len(branches) > 1 {
		byHead := map[int][]int{}
		defer func() { p.byHead = newKeyed(byHead) }()
		for i, b := range branches {
			a := newPattern(pre + "(?:" + b + ")" + post)
			p.alts = append(p.alts, a)
			if a.lits == nil || slices.Contains(a.keys, -1) {
				p.anyHead = append(p.anyHead, i)
				continue
			}
			keys := slices.Clone(a.keys)
			slices.Sort(keys)
			for _, k := range slices.Compact(keys) {
				byHead[k] = append(byHead[k], i)
			}
		}
	}
	return p
}

// eachBranch calls visit with the branches that may match s, each once:
// those that cannot be told by a word start, then those whose literals
// start like a word of s (the text's heads met with the branches'); with
// the heads of s, for the branch's own prefilter. It stops when visit
// returns true.
func (p *compiled) eachBranch(s string, visit func(*compiled, *heads) bool) {
	h := headsOf(s)
	var seen [4]uint64 // branch indexes, for up to 256 branches
	try := func(i int) bool {
		if i >= 256 {
			return visit(p.alts[i], h)
		}
		if seen[i>>6]&(1<<(i&63)) != 0 {
			return false
		}
		seen[i>>6] |= 1 << (i & 63)
		return visit(p.alts[i], h)
	}
	for _, i := range p.anyHead {
		if try(i) {
			return
		}
	}
	p.byHead.each(h, try)
}

func newPattern(expr string) *compiled {
	p := &compiled{re: regexp.MustCompile(expr)}
	defer func() {
		if strings.HasPrefix(expr, `\b`) && p.lits != nil && !slices.ContainsFunc(p.lits, func(l string) bool { return l == "" || !IsWordChar(l[0]) }) {
			if bare, err := regexp.Compile(expr[2:]); err == nil {
				if prefix, _ := bare.LiteralPrefix(); prefix != "" {
					p.bare = bare
				}
			}
		}
	}()
	defer func() {
		wordStart := strings.HasPrefix(expr, `\b`)
		for _, l := range p.lits {
			k := -1
			if wordStart && len(l) >= 2 && IsWordChar(l[0]) {
				k = headKey(l[0], l[1])
			}
			p.keys = append(p.keys, k)
		}
	}()
	if tree, err := syntax.Parse(expr, syntax.Perl); err == nil {
		tree = tree.Simplify()
		if lits, ok := prefixes(tree); ok {
			p.lits = lits
		}
		p.need = required(tree)
	}
	return p
}

// required returns strings one of which every match of re holds somewhere
// (not only at its start): the most selective part of a sequence that
// always matches one of a few whole strings ("years" in "\d+ years"), or,
// for alternatives that each hold such strings, all of theirs ("prompt" or
// "rules" in "your (?:prompt|rules)|the prompt"). Nil when there is none of
// at least minNeed bytes.
func required(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min > 0 {
			return required(re.Sub[0])
		}
		return nil
	case syntax.OpAlternate:
		if e, ok := exact(re); ok && shortest(e) >= minNeed {
			return e
		}
		var all []string
		for _, sub := range re.Sub {
			e := required(sub)
			if e == nil {
				return nil
			}
			all = append(all, e...)
		}
		if len(all) > maxNeed {
			return nil
		}
		return all
	}
	if re.Op != syntax.OpConcat {
		if e, ok := exact(re); ok && shortest(e) >= minNeed {
			return e
		}
		return nil
	}
	var best []string
	for _, sub := range re.Sub {
		if e := required(sub); e != nil && (best == nil || shortest(e) > shortest(best)) {
			best = e
		}
	}
	return best
}

// minNeed is the shortest required string worth a search of the text;
// maxNeed the most strings worth searching for.
const (
	minNeed = 3
	maxNeed = 16
)

func shortest(ss []string) int {
	n := -1
	for _, s := range ss {
		if n < 0 || len(s) < n {
			n = len(s)
		}
	}
	return n
}

// may reports whether s can match: false only when it holds none of the
// literals a match starts with, or none of the strings a match holds.
func (p *compiled) may(s string) bool {
	if p.lits == nil {
		return p.need == nil || containsAny(s, p.need)
	}
	return p.mayWith(s, headsOf(s))
}

// mayWith is may, with the heads of s already read.
func (p *compiled) mayWith(s string, h *heads) bool {
	if p.lits != nil && !p.startsIn(s, h) {
		return false
	}
	// Required strings are checked after the starts: the word heads rule
	// most texts out without a search.
	return p.need == nil || containsAny(s, p.need)
}

// startsIn reports whether s holds one of the literals a match starts with.
func (p *compiled) startsIn(s string, h *heads) bool {
	for i, l := range p.lits {
		if k := p.keys[i]; k >= 0 && h.bits[k>>6]&(1<<(k&63)) == 0 {
			continue // no word of s starts with the literal's first two bytes
		}
		if strings.Contains(s, l) {
			return true
		}
	}
	return false
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// heads is the set of a text's word starts, as hashed first-two-byte keys.
type heads struct {
	s    string
	bits [headWords]uint64
}

// headSlots remember the heads of the texts last asked about: one question
// is read by dozens of patterns, a few texts of it in turn (and by more than
// one request at a time). A text's heads are kept in one of two slots side
// by side, picked by its tag (textTag), the newer first; headTags hold each
// slot's tag, so a slot of another text is passed over without reading its
// heads.
var (
	headSlots [32]atomic.Pointer[heads]
	headTags  [32]atomic.Uint64
)

func headsOf(s string) *heads {
	tag := textTag(s)
	pair := uint32(tag*0x9e3779b97f4a7c15>>32) & uint32(len(headSlots)-2)
	for j := pair; j < pair+2; j++ {
		if headTags[j].Load() == tag {
			if h := headSlots[j].Load(); h != nil && h.s == s {
				return h
			}
		}
	}
	h := &heads{s: s}
	for i := 0; i+1 < len(s); i++ {
		if IsWordChar(s[i]) && (i == 0 || !IsWordChar(s[i-1])) {
			k := headKey(s[i], s[i+1])
			h.bits[k>>6] |= 1 << (k & 63)
		}
	}
	// The pair's newer heads become its older; these, the newer.
	headSlots[pair+1].Store(headSlots[pair].Load())
	headTags[pair+1].Store(headTags[pair].Load())
	headSlots[pair].Store(h)
	headTags[pair].Store(tag)
	return h
}

// textTag is a tag of s, its length and a few of its bytes: texts with
// different tags differ; texts with the same tag are compared.
func textTag(s string) uint64 {
	if s == "" {
		return 0
	}
	n := len(s)
	return uint64(n)<<32 | uint64(s[0])<<24 | uint64(s[n/3])<<16 | uint64(s[n*2/3])<<8 | uint64(s[n-1])
}

// headKey hashes two bytes into 0..headWords*64-1.
func headKey(a, b byte) int { return (int(a)*131 + int(b)) & (headWords*64 - 1) }

// headWords is the size of a heads set in 64-bit words: small, as one is
// made for each new text read.
const headWords = 16

// IsWordChar reports whether c is a word character as \b has it (ASCII
// letters, digits and the underscore).
func IsWordChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// MatchString reports whether s holds a match.
func (p *compiled) MatchString(s string) bool {
	if p.alts != nil {
		found := false
		p.eachBranch(s, func(a *compiled, h *heads) bool {
			found = a.mayWith(s, h) && a.find(s) != nil
			return found
		})
		return found
	}
	return p.may(s) && p.find(s) != nil
}

// FindStringIndex returns the leftmost match. For a split pattern the start
// is the leftmost of its branches' (and so the whole regexp's) starts.
// start is the offset of the leftmost match, or -1: FindStringIndex
// without the end, which a split expression finds by a second search.
func (p *compiled) start(s string) int {
	if p.alts == nil {
		if loc := p.FindStringIndex(s); loc != nil {
			return loc[0]
		}
		return -1
	}
	best := -1
	p.eachBranch(s, func(a *compiled, h *heads) bool {
		if !a.mayWith(s, h) {
			return false
		}
		if loc := a.find(s); loc != nil && (best < 0 || loc[0] < best) {
			best = loc[0]
		}
		return false
	})
	return best
}

func (p *compiled) FindStringIndex(s string) []int {
	if p.alts != nil {
		var best []int
		p.eachBranch(s, func(a *compiled, h *heads) bool {
			if !a.mayWith(s, h) {
				return false
			}
			if loc := a.find(s); loc != nil && (best == nil || loc[0] < best[0]) {
				best = loc
			}
			return false
		})
		if best == nil {
			return nil
		}
		// The end is the whole regexp's own (leftmost-first) choice at that
		// start; \b agrees at a start where a branch matched.
		loc := p.re.FindStringIndex(s[best[0]:])
		if loc == nil || loc[0] != 0 {
			return best
		}
		return []int{best[0], best[0] + loc[1]}
	}
	if !p.may(s) {
		return nil
	}
	return p.find(s)
}

// prefixes returns literals one of which starts every match of re; ok is
// false when there is no such set (a match may start with any character, or
// be empty).
func prefixes(re *syntax.Regexp) (lits []string, ok bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		return []string{string(re.Rune)}, true
	case syntax.OpCapture, syntax.OpPlus:
		return prefixes(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min == 0 {
			return nil, false
		}
		return prefixes(re.Sub[0])
	case syntax.OpAlternate:
		var out []string
		for _, s := range re.Sub {
			l, ok := prefixes(s)
			if !ok {
				return nil, false
			}
			out = append(out, l...)
		}
		return out, true
	case syntax.OpConcat:
		return seqPrefixes(re.Sub)
	case syntax.OpCharClass:
		// A small class such as [cs] or [- ]: each of its characters.
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			if hi-lo > 3 || len(out) > 8 {
				return nil, false
			}
			for r := lo; r <= hi; r++ {
				out = append(out, string(r))
			}
		}
		return out, len(out) > 0
	}
	return nil, false
}

func seqPrefixes(subs []*syntax.Regexp) ([]string, bool) {
	if len(subs) == 0 {
		return nil, false
	}
	first := subs[0]
	switch first.Op {
	case syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpBeginLine, syntax.OpEndLine,
		syntax.OpBeginText, syntax.OpEndText, syntax.OpEmptyMatch:
		return seqPrefixes(subs[1:])
	case syntax.OpQuest, syntax.OpStar:
		a, ok := prefixes(first.Sub[0])
		if !ok {
			return nil, false
		}
		b, ok := seqPrefixes(subs[1:])
		if !ok {
			return nil, false
		}
		return append(a, b...), true
	case syntax.OpCapture:
		// A group that may match empty cannot be told apart here: be safe.
		if l, ok := prefixes(first); ok && !canBeEmpty(first) {
			return l, true
		}
		return nil, false
	}
	if canBeEmpty(first) {
		return nil, false
	}
	// A first element that always matches one of a few whole strings ("c"
	// then "++" or "#") joins the literals of what follows: longer literals
	// filter far better than a lone "c".
	if head, ok := exact(first); ok {
		if tail, ok := seqPrefixes(subs[1:]); ok && len(head)*len(tail) <= 32 {
			out := make([]string, 0, len(head)*len(tail))
			for _, h := range head {
				for _, t := range tail {
					out = append(out, h+t)
				}
			}
			return out, true
		}
		return head, true
	}
	return prefixes(first)
}

// exact returns the whole strings re can match, when they are few and it
// matches nothing else.
func exact(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		return []string{string(re.Rune)}, true
	case syntax.OpCapture:
		return exact(re.Sub[0])
	case syntax.OpAlternate:
		var out []string
		for _, s := range re.Sub {
			e, ok := exact(s)
			if !ok {
				return nil, false
			}
			out = append(out, e...)
		}
		return out, len(out) <= 32
	case syntax.OpConcat:
		out := []string{""}
		for _, s := range re.Sub {
			e, ok := exact(s)
			if !ok {
				return nil, false
			}
			var next []string
			for _, a := range out {
				for _, b := range e {
					next = append(next, a+b)
				}
			}
			if len(next) > 32 {
				return nil, false
			}
			out = next
		}
		return out, true
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1]-re.Rune[i] > 3 {
				return nil, false
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				out = append(out, string(r))
			}
		}
		return out, len(out) > 0 && len(out) <= 8
	}
	return nil, false
}

func canBeEmpty(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpQuest, syntax.OpStar, syntax.OpEmptyMatch, syntax.OpWordBoundary, syntax.OpNoWordBoundary,
		syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText:
		return true
	case syntax.OpRepeat:
		return re.Min == 0 || canBeEmpty(re.Sub[0])
	case syntax.OpCapture, syntax.OpPlus:
		return canBeEmpty(re.Sub[0])
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			if canBeEmpty(s) {
				return true
			}
		}
		return false
	case syntax.OpConcat:
		for _, s := range re.Sub {
			if !canBeEmpty(s) {
				return false
			}
		}
		return true
	}
	return false
}

// splitAlternation splits an expression of the form pre(?:a|b|...)post, where
// pre and post hold no alternation, into its branches.
func splitAlternation(expr string) (pre string, branches []string, post string, ok bool) {
	open := strings.Index(expr, "(?:")
	if open < 0 || strings.ContainsAny(expr[:open], "|()[") {
		return "", nil, "", false
	}
	depth, start := 0, open+3
	inClass := false
	for i := open; i < len(expr); i++ {
		c := expr[i]
		switch {
		case c == '\\':
			i++
		case inClass:
			if c == ']' {
				inClass = false
			}
		case c == '[':
			inClass = true
		case c == '(':
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				branches = append(branches, expr[start:i])
				post = expr[i+1:]
				if strings.ContainsAny(post, "|()[") {
					return "", nil, "", false
				}
				return expr[:open], branches, post, true
			}
		case c == '|' && depth == 1:
			branches = append(branches, expr[start:i])
			start = i + 1
		}
	}
	return "", nil, "", false
}

// find is p.re.FindStringIndex(s), through bare when p has it.
func (p *compiled) find(s string) []int {
	if p.bare == nil {
		return p.re.FindStringIndex(s)
	}
	return p.findFrom(s, 0)
}

// findFrom is the leftmost match at or after from, found with bare: the
// leftmost match of bare that starts a word is the leftmost match of p, and
// it ends where p's match there ends.
func (p *compiled) findFrom(s string, from int) []int {
	for from <= len(s) {
		loc := p.bare.FindStringIndex(s[from:])
		if loc == nil {
			return nil
		}
		at := from + loc[0]
		if at == 0 || !IsWordChar(s[at-1]) {
			return []int{at, from + loc[1]}
		}
		from = at + 1
	}
	return nil
}

// findAll is p.re.FindAllStringIndex(s, n): successive matches, each
// searched from the end of the one before (a match of bare is never empty).
func (p *compiled) findAll(s string, n int) [][]int {
	if p.bare == nil {
		return p.re.FindAllStringIndex(s, n)
	}
	var out [][]int
	for from := 0; n < 0 || len(out) < n; {
		loc := p.findFrom(s, from)
		if loc == nil {
			break
		}
		out = append(out, loc)
		from = max(loc[1], loc[0]+1)
	}
	return out
}
