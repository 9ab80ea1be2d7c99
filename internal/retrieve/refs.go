package retrieve

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/ladder/coach/internal/embed"
	"github.com/ladder/coach/internal/ladder"
)

// Item kinds the previous answer can list.
const (
	itemLevel    = "level"
	itemRole     = "role"
	itemSkill    = "skill"
	itemAdjacent = "adjacent"
)

// listed is one thing a turn of the conversation named, where it named it.
type listed struct {
	kind string
	id   string // level id, role id, or the section id of a skill
	name string // a skill's name: several share a section
	pos  int
	weak bool // a bare "PM", which may be people rather than a rung
}

// pointer is a question's reference to an item of the previous answer:
// "the third one", "the last skill on that list", "the first option".
type pointer struct {
	n    int    // 1-based; -1 is the last
	noun string // the noun after the ordinal: "skill", "level", "one"...
	// listed: the question says the coach listed it ("the second one you
	// listed"), so the list is the coach's last, even an answer or two back.
	listed bool
	// earlier: the list is one before the coach's last answer ("option 4
	// from your list earlier").
	earlier bool
}

// pointerIn finds an ordinal after a determiner ("the third", "that very
// last") followed, within three words, by an item noun, or an ordinal that
// points alone ("number 5").
func pointerIn(q string) (pointer, bool) {
	words := clauseWords(q)
	for i := range words {
		for _, o := range ladder.Talk.Numbered {
			if wordsAt(words, i, o.Word) {
				return pointer{n: o.N, noun: "one"}, true
			}
		}
		if !determined(words, i) {
			continue
		}
		for _, o := range ladder.Talk.Ordinals {
			if !wordsAt(words, i, o.Word) {
				continue
			}
			for j := i + 1; j < len(words) && j <= i+4; j++ {
				rest := " " + strings.Join(words[j:min(len(words), j+3)], " ") + " "
				if startsWithAny(rest, ladder.Talk.ItemNouns) {
					// The noun in the singular: "those two levels" points at a level.
					return pointer{n: o.N, noun: strings.TrimSuffix(words[j], "s")}, true
				}
			}
			if o.Word == "latter" || o.Word == "former" || i+len(strings.Fields(o.Word)) == len(words) {
				// "the latter", or an ordinal that ends the question ("tell
				// me more about the first")
				return pointer{n: o.N, noun: "one"}, true
			}
		}
	}
	return pointer{}, false
}

// numberedEntry is entry n (1-based; -1 the last) of the numbered list in the
// coach's last answer that has one ("1) ... 2) ..."), or "".
func numberedEntry(history []Turn, n int) string {
	for i := len(history) - 1; i >= 0; i-- {
		if history[i].Role != "assistant" {
			continue
		}
		if entries := numbered(history[i].Content); len(entries) >= 2 {
			switch {
			case n == -1:
				return entries[len(entries)-1]
			case n >= 1 && n <= len(entries):
				return entries[n-1]
			}
			return ""
		}
	}
	return ""
}

// numbered splits a text at its list numbers, "1)", "(1)" or "1." after a
// space or at the start, counting up from 1: the entries, or nil.
func numbered(text string) []string {
	var out []string
	next, start := 1, -1
	for i := 0; i+1 < len(text); i++ {
		d := strconv.Itoa(next)
		if !strings.HasPrefix(text[i:], d) || i+len(d) >= len(text) || !strings.ContainsRune(").", rune(text[i+len(d)])) ||
			i > 0 && !strings.ContainsRune(" \n(", rune(text[i-1])) {
			continue
		}
		if start >= 0 {
			out = append(out, strings.TrimSpace(text[start:i]))
		}
		start, next = i+len(d)+1, next+1
		i = start - 1
	}
	if start >= 0 {
		out = append(out, strings.TrimSpace(text[start:]))
	}
	return out
}

// wordsAt reports whether the words from i on start with phrase's words.
func wordsAt(words []string, i int, phrase string) bool {
	for _, p := range strings.Fields(phrase) {
		if i >= len(words) || words[i] != p {
			return false
		}
		i++
	}
	return true
}

// determined: the word at i comes after a determiner, or after a determiner
// and an intensifier ("the very last").
func determined(words []string, i int) bool {
	return i > 0 && determiners[words[i-1]] ||
		i > 1 && slices.Contains(ladder.Talk.Intensifiers, words[i-1]) && determiners[words[i-2]]
}

// determiners come before an ordinal that points: "the third", "that last".
var determiners = map[string]bool{"the": true, "that": true, "this": true, "your": true, "my": true, "those": true}

// items lists what a turn named, in order, each thing once.
func (r *Retriever) items(text string) []listed {
	t := normalize(text)
	var out []listed
	for _, m := range r.lad.FindLevels(t) {
		out = append(out, listed{kind: itemLevel, id: m.ID, pos: m.Pos, weak: !m.Strong})
	}
	pad := " " + t + " "
	for _, role := range r.lad.Roles() {
		if at := ladder.Phrases(role.Words).Index(pad); at >= 0 {
			out = append(out, listed{kind: itemRole, id: role.ID, pos: at - 1})
		}
		if at := strings.Index(t, strings.ToLower(role.Name)); at >= 0 {
			out = append(out, listed{kind: itemRole, id: role.ID, pos: at})
		}
	}
	var segs []segment
	for _, sk := range r.skills {
		at := strings.Index(t, sk.name)
		if at < 0 && len(sk.terms) >= 2 {
			// Named in other forms of its words ("building influence",
			// "board readiness" after "and" for "&"): its terms in a row
			// in one part of a list.
			if segs == nil {
				segs = listSegments(t)
			}
			at = termsIn(segs, sk.terms)
		}
		if at >= 0 {
			out = append(out, listed{kind: itemSkill, id: sk.section, name: sk.name, pos: at})
		}
	}
	if at := adjacentWords.Index(pad); at >= 0 {
		out = append(out, listed{kind: itemAdjacent, id: "adjacent", pos: at - 1})
	}
	// The managing route named by its word stands for its first rung.
	if managing := r.lad.Managing(); len(managing) > 0 {
		if at := ladder.Talk.ManagementTrack.Index(pad); at >= 0 {
			out = append(out, listed{kind: itemLevel, id: managing[0], pos: at - 1})
		}
	}
	slices.SortStableFunc(out, func(a, b listed) int { return cmp.Compare(a.pos, b.pos) })
	seen := map[string]bool{}
	kept := out[:0]
	for _, it := range out {
		key := it.kind + "/" + it.id
		if it.kind == itemSkill {
			key += "/" + strconv.Itoa(it.pos)
		}
		if !seen[key] {
			seen[key] = true
			kept = append(kept, it)
		}
	}
	return kept
}

// segment is one part of a list in a text: its terms and where it starts.
type segment struct {
	terms []string
	pos   int
}

// listSegments cuts a text at list separators (commas, semicolons, colons,
// line breaks, numbered markers) and reads each part's terms.
func listSegments(t string) []segment {
	segs := []segment{}
	start := 0
	for i := 0; i <= len(t); i++ {
		if i < len(t) && !strings.ContainsRune(",;:\n()", rune(t[i])) {
			continue
		}
		if part := t[start:i]; strings.TrimSpace(part) != "" {
			segs = append(segs, segment{terms: embed.Terms(part), pos: start})
		}
		start = i + 1
	}
	return segs
}

// termsIn is where the first segment holding terms in a row starts, or -1.
func termsIn(segs []segment, terms []string) int {
	if len(terms) == 0 {
		return -1
	}
	for _, sg := range segs {
		for i := 0; i+len(terms) <= len(sg.terms); i++ {
			if slices.Equal(sg.terms[i:i+len(terms)], terms) {
				return sg.pos
			}
		}
	}
	return -1
}

var adjacentWords = ladder.Phrases{"adjacent role", "adjacent roles", "product-adjacent", "lateral", "other roles", "leave product", "move out of product"}

// other resolves "the other one": of the two things a user turn set side
// by side (levels other than the asker's own, roles, skills), the one the
// user turns after it did not take up; failing that, of two things an
// answer offered, the one the user did not take up by name or by place
// (an ordinal pointing at one of them), or the coach's replies since did
// not speak of.
func (r *Retriever) other(history []Turn) (listed, bool) {
	for i := len(history) - 1; i >= 0; i-- {
		if history[i].Role != "user" {
			continue
		}
		two := r.alternatives(history[i].Content)
		if len(two) != 2 {
			continue
		}
		if it, ok := r.notTakenUp(two, history[i+1:], false); ok {
			return it, true
		}
		// Nobody took one up by name since: the one the coach's replies
		// since have not spoken of, when they spoke of one alone.
		if it, ok := r.notAnswered(two, history[i+1:]); ok {
			return it, true
		}
		break // the two things an answer offered, below
	}
	for i := len(history) - 1; i >= 0; i-- {
		if history[i].Role != "assistant" {
			continue
		}
		if two := r.offered(history[i].Content); len(two) == 2 {
			if it, ok := r.notTakenUp(two, history[i+1:], true); ok {
				return it, true
			}
			return r.notAnswered(two, history[i+1:])
		}
	}
	return listed{}, false
}

// offered are the things an answer offered: the first thing each entry of a
// two-entry numbered list names ("1. the management route: Director, then
// VP. 2. the IC route..."), else the things it names.
func (r *Retriever) offered(text string) []listed {
	if entries := numbered(text); len(entries) == 2 {
		var two []listed
		for _, e := range entries {
			// An entry's "as a Director" is no level of the asker's.
			its := slices.DeleteFunc(r.items(e), func(it listed) bool { return it.weak })
			if len(its) > 0 && !slices.ContainsFunc(two, its[0].same) {
				two = append(two, its[0])
			}
		}
		if len(two) == 2 {
			return two
		}
	}
	return r.alternatives(text)
}

// notTakenUp is the one of two things the user turns after them did not
// take up: by naming it, or, when byPlace, by pointing at it.
func (r *Retriever) notTakenUp(two []listed, after []Turn, byPlace bool) (listed, bool) {
	for _, t := range after {
		if t.Role != "user" {
			continue
		}
		for _, it := range r.items(t.Content) {
			switch {
			case it.same(two[0]):
				return two[1], true
			case it.same(two[1]):
				return two[0], true
			}
		}
		if p, ok := pointerIn(normalize(t.Content)); ok && byPlace {
			switch p.n {
			case 1:
				return two[1], true
			case 2, -1:
				return two[0], true
			}
		}
	}
	return listed{}, false
}

// notAnswered is the one of two things that the replies after them did not
// speak of, when they spoke of exactly one.
func (r *Retriever) notAnswered(two []listed, after []Turn) (listed, bool) {
	spoken := [2]bool{}
	for _, t := range after {
		if t.Role != "assistant" {
			continue
		}
		for _, it := range r.items(t.Content) {
			for k := range two {
				spoken[k] = spoken[k] || it.same(two[k])
			}
		}
	}
	switch spoken {
	case [2]bool{true, false}:
		return two[1], true
	case [2]bool{false, true}:
		return two[0], true
	}
	return listed{}, false
}

// alternatives are the things a turn names, each once, less the asker's
// own level.
func (r *Retriever) alternatives(text string) []listed {
	own := statedLevel(r.lad, normalize(text))
	var out []listed
	adjacent := false
	for _, it := range r.items(text) {
		if it.kind == itemLevel && (it.id == own || it.weak) || slices.ContainsFunc(out, it.same) {
			continue // "for PMs with commercial instincts" offers no rung
		}
		// Roles named after the adjacent roles are examples of them, no
		// alternative of their own.
		adjacent = adjacent || it.kind == itemAdjacent
		if adjacent && it.kind == itemRole {
			continue
		}
		out = append(out, it)
	}
	return out
}

// same reports whether two items name the same thing.
func (it listed) same(o listed) bool { return it.kind == o.kind && it.id == o.id && it.name == o.name }

// pointed resolves a pointer against the conversation: the last assistant
// turn first, then the last user turn. Skills are picked among skills when
// the noun says so; levels among levels; otherwise among everything named.
func (r *Retriever) pointed(p pointer, history []Turn, own string) (listed, bool) {
	var all strings.Builder
	for _, t := range history {
		all.WriteString(t.Content)
		all.WriteString(" \n ")
	}
	whole := Turn{Role: "conversation", Content: all.String()}
	for _, role := range []string{"assistant", "conversation"} {
		turns := append(history[:len(history):len(history)], whole)
		skip := p.earlier && role == "assistant" // the last answer is not the list
		for i := len(turns) - 1; i >= 0; i-- {
			if turns[i].Role != role {
				continue
			}
			if skip {
				skip = false
				continue
			}
			var pick []listed
			for _, it := range r.items(turns[i].Content) {
				if it.kind == itemLevel && it.id == own {
					continue // the asker's own level is not an option offered
				}
				if kindFits(p.noun, it.kind) {
					pick = append(pick, it)
				}
			}
			if roles := kindOnly(pick, itemRole); len(roles) >= 2 {
				pick = roles // a list of roles: "the adjacent roles" before it is its heading
			}
			if hasSkills(pick) && !strings.HasPrefix(p.noun, "skill") && p.noun != "level" && p.noun != "rung" {
				// A list of skills: "the third one" is the third skill.
				var sk []listed
				for _, it := range pick {
					if it.kind == itemSkill {
						sk = append(sk, it)
					}
				}
				if len(sk) >= 2 {
					pick = sk
				}
			}
			switch {
			case len(pick) < 2 && role == "assistant" && p.listed:
				// One thing named is no list ("any of those catch your
				// eye?"): the list the coach gave is in an answer before it.
				continue
			case len(pick) < 2 && role == "assistant":
				// One thing named is no list: the pointer is to the conversation.
			case len(pick) == 0:
				// Nothing of the kind was named: the pointer points at nothing.
			case p.n == -1:
				return pick[len(pick)-1], true
			case p.n >= 1 && p.n <= len(pick):
				return pick[p.n-1], true
			}
			break
		}
	}
	return listed{}, false
}

// kindOnly are the items of one kind.
func kindOnly(xs []listed, kind string) []listed {
	var out []listed
	for _, x := range xs {
		if x.kind == kind {
			out = append(out, x)
		}
	}
	return out
}

func hasSkills(xs []listed) bool {
	for _, x := range xs {
		if x.kind == itemSkill {
			return true
		}
	}
	return false
}

func kindFits(noun, kind string) bool {
	switch {
	case strings.HasPrefix(noun, "skill"):
		return kind == itemSkill
	case noun == "level" || noun == "rung" || noun == "step":
		return kind == itemLevel
	case noun == "role":
		return kind == itemRole || kind == itemLevel
	}
	return true
}

// pointing is true when q points at an item of the conversation, by
// ordinal or by what it is about.
func pointing(q string) bool {
	_, byOrdinal := pointerIn(q)
	_, byAbout := aboutIn(q)
	return byOrdinal || byAbout
}

// aboutIn finds an item named by what it is about: "the one about talking
// to execs", "that skill around hiring". It returns the words it is about.
func aboutIn(q string) (string, bool) {
	words := clauseWords(q)
	for i := 1; i+2 < len(words); i++ {
		if !determiners[words[i-1]] && !told[words[i-1]] || !ladder.Talk.ItemNouns.In(" "+words[i]+" ") {
			continue
		}
		j := i + 1
		if j+2 < len(words) && (words[j] == "you" || words[j] == "that" && words[j+1] == "you") {
			// "the skill you said about...", "the one that you mentioned around..."
			if words[j] == "that" {
				j++
			}
			if !told[words[j+1]] {
				continue
			}
			j += 2
		}
		if j+1 > len(words)-1 || !ladder.Talk.About.In(" "+words[j]+" ") {
			continue
		}
		return strings.Join(words[j+1:min(len(words), j+7)], " "), true
	}
	return namedInPart(words)
}

// namedInPart finds an item named by a part of its name between a
// determiner and a noun for items: "the org design one", "that
// mentorship skill". The words are the item's, none a word that points
// by place ("the other one", "the last one") or says nothing.
func namedInPart(words []string) (string, bool) {
	for i := 1; i < len(words); i++ {
		if !determiners[words[i-1]] {
			continue
		}
		for j := i + 1; j < len(words) && j <= i+3; j++ {
			if !partNouns[words[j]] {
				continue
			}
			part := words[i:j]
			if slices.ContainsFunc(part, func(w string) bool { return embed.IsStop(w) || ladder.Talk.NotItemWords.In(" "+w+" ") }) {
				break
			}
			return strings.Join(part, " "), true
		}
	}
	return "", false
}

// partNouns end an item named in part.
var partNouns = map[string]bool{"one": true, "skill": true, "point": true, "bit": true, "part": true, "thing": true}

// told are verbs of the coach's earlier answer before an item: "you
// mentioned one about...".
var told = map[string]bool{"mentioned": true, "listed": true, "said": true, "named": true, "gave": true}

// described resolves an item named by what it is about against the last
// answer that listed things (then the whole conversation): the skill or
// role whose words share the most terms with it, a term matching another
// when one begins with the other ("execs", "executive").
func (r *Retriever) described(about string, history []Turn) (listed, bool) {
	return r.describedBy(r.wanted(about), history)
}

// wanted are the terms of about and their related words.
func (r *Retriever) wanted(about string) []string {
	return embed.Terms(about + " " + strings.Join(r.related(about), " "))
}

// describedBy is described by the terms want, never one of except.
func (r *Retriever) describedBy(want []string, history []Turn, except ...listed) (listed, bool) {
	if len(want) == 0 {
		return listed{}, false
	}
	for i := len(history) - 1; i >= 0; i-- {
		if history[i].Role != "assistant" {
			continue
		}
		best, bestScore := listed{}, 0
		for _, it := range r.items(history[i].Content) {
			if slices.ContainsFunc(except, it.same) {
				continue
			}
			if score := overlap(want, r.itemTerms(it)); score > bestScore {
				best, bestScore = it, score
			}
		}
		if bestScore > 0 {
			return best, true
		}
	}
	return listed{}, false
}

// skillNamedInPart is the one skill of the ladder whose name shares the
// most terms with about, named in part though no answer listed it (a skill
// asked for, "the hiring thing you mentioned"); none when two skills share
// as many.
func (r *Retriever) skillNamedInPart(about string) (listed, bool) {
	want := embed.Terms(about)
	best, bestScore, tie := -1, 0.0, false
	for k, sk := range r.skills {
		switch score := r.rareOverlap(want, sk.terms); {
		case score > bestScore:
			best, bestScore, tie = k, score, false
		case score == bestScore && score > 0 && r.skills[best].name != sk.name:
			tie = true
		}
	}
	if best < 0 || tie {
		return listed{}, false
	}
	sk := r.skills[best]
	return listed{kind: itemSkill, id: sk.section, name: sk.name}, true
}

// itemTerms are the words of a listed item: a skill's whole line, a role's
// name and words.
func (r *Retriever) itemTerms(it listed) []string {
	switch it.kind {
	case itemSkill:
		var out []string
		for _, sk := range r.skills {
			if sk.section == it.id {
				out = append(out, sk.line...)
			}
		}
		return out
	case itemRole:
		if role, ok := r.lad.LookupRole(it.id); ok {
			return embed.Terms(role.Name + " " + strings.Join(role.Words, " "))
		}
	}
	return nil
}

// rareOverlap scores the terms of have found in want, each by how few skill
// names hold it: "board" names one skill, "product" several.
func (r *Retriever) rareOverlap(want, have []string) float64 {
	score := 0.0
	for _, t := range have {
		if slices.Contains(want, t) {
			score += 1 / float64(max(1, r.namesWith(t)))
		}
	}
	return score
}

// namesWith counts the distinct skill names that hold term t.
func (r *Retriever) namesWith(t string) int {
	ks := r.skillsWith[t]
	n := 0
	for i, k := range ks {
		if !slices.ContainsFunc(ks[:i], func(j int) bool { return r.skills[j].name == r.skills[k].name }) {
			n++
		}
	}
	return n
}

// overlap counts the terms of want that match one of have.
func overlap(want, have []string) int {
	n := 0
	for _, w := range want {
		for _, h := range have {
			if w == h || len(w) >= 4 && len(h) >= 4 && (strings.HasPrefix(h, w) || strings.HasPrefix(w, h)) {
				n++
				break
			}
		}
	}
	return n
}

// liked is what the asker's turns tell they like: their clauses less those
// that turn something down ("I hate selling", "not ops").
func liked(turns []Turn) string {
	var b strings.Builder
	for _, t := range turns {
		for _, c := range clausesOf(t.Content) {
			if !turnsDown(c) {
				b.WriteString(c)
				b.WriteString(" ")
			}
		}
	}
	return b.String()
}

// turnsDown: a clause that rejects or dislikes.
func turnsDown(c string) bool {
	pad := " " + normalize(c) + " "
	return ladder.Talk.Rejects.In(pad) || ladder.Talk.Dislike.In(pad)
}

// clausesOf cuts t at clause punctuation and line breaks.
func clausesOf(t string) []string {
	return strings.FieldsFunc(t, func(r rune) bool { return strings.ContainsRune(",.;:!?\n", r) })
}

// turnedDown are the things the asker's turns turned down: named in a
// clause that turns down ("not the partnerships stuff"), or asked about
// ("what about founding?") and turned down in the asker's next turn
// ("nah, not for me").
func (r *Retriever) turnedDown(history []Turn) []listed {
	var out []listed
	var asked []listed // the things the asker's last turn asked about
	for _, h := range history {
		if h.Role != "user" {
			continue
		}
		named, down := 0, false
		for _, c := range clausesOf(h.Content) {
			its := r.items(c)
			named += len(its)
			if turnsDown(c) {
				out, down = append(out, its...), true
			}
		}
		if named == 0 && down {
			out = append(out, asked...)
		}
		asked = nil
		if strings.Contains(h.Content, "?") {
			asked = r.items(h.Content)
		}
	}
	return out
}

// fitting is the thing that fits what the asker told of themselves ("which
// of those fits me?"), never one they turned down: the listed item nearest
// what they like; else the one thing their liking names; else the one thing
// the coach's answers offered that they did not turn down.
func (r *Retriever) fitting(q string, history []Turn) (listed, bool) {
	asker := []Turn{{Role: "user", Content: q}}
	for _, h := range history {
		if tells(h) {
			asker = append(asker, h)
		}
	}
	down := r.turnedDown(append(slices.Clone(history), Turn{Role: "user", Content: q}))
	like := liked(asker)
	// The words of the ladder's names ("product", "manager") tell nothing
	// the asker likes.
	want := slices.DeleteFunc(r.wanted(like), func(t string) bool { return r.nameTerms[t] })
	if it, ok := r.describedBy(want, history, down...); ok {
		return it, true
	}
	if it, ok := r.onlyOne(r.items(like), down); ok {
		return it, true
	}
	var offered []listed
	for _, h := range history {
		if h.Role == "assistant" {
			offered = append(offered, r.items(h.Content)...)
		}
	}
	return r.onlyOne(offered, down)
}

// onlyOne is the one thing of its (no rung of the asker's own, no bare
// "PM") that is not among down, when there is exactly one.
func (r *Retriever) onlyOne(its, down []listed) (listed, bool) {
	var out []listed
	for _, it := range its {
		if it.weak || slices.ContainsFunc(down, it.same) || slices.ContainsFunc(out, it.same) {
			continue
		}
		out = append(out, it)
	}
	if len(out) != 1 {
		return listed{}, false
	}
	return out[0], true
}
