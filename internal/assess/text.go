package assess

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ladder/coach/internal/lazyre"
)

// text is a description lowered and straightened for matching, with a map
// back to the person's own words so quotes stay theirs.
type text struct {
	orig string
	norm string
	// at[i] is the offset in orig of the rune that gave norm's byte i;
	// at[len(norm)] is len(orig).
	at []int
}

func newText(s string) text {
	var b strings.Builder
	at := make([]int, 0, len(s)+1)
	for i, r := range s {
		var rep string
		switch r {
		case '’', '‘', '`':
			rep = "'"
		case '“', '”':
			rep = "\""
		case '–', '—', '‑', '•':
			rep = "-"
		case '\t', '\r':
			rep = " "
		case '\u00a0':
			rep = " "
		default:
			rep = string(unicode.ToLower(r))
			if r == utf8.RuneError {
				rep = " "
			}
		}
		for range len(rep) {
			at = append(at, i)
		}
		b.WriteString(rep)
	}
	at = append(at, len(s))
	return text{orig: s, norm: b.String(), at: at}
}

// quote returns the person's words for norm[a:b], trimmed.
func (t text) quote(a, b int) string {
	return strings.TrimSpace(t.orig[t.at[a]:t.at[b]])
}

// span is a stretch of norm[start:end]: a sentence or a clause. A clause
// also knows its sentence.
type span struct {
	start, end int
	sent       *span
}

// clauses splits the description into the stretches a person uses for one
// statement each: sentences, then their comma, colon and dash parts. A part
// too short to say anything on its own ("marketing" in "align engineering,
// marketing and legal") stays with the part before it.
func (t text) clauses() []span {
	var out []span
	for _, sent := range t.sentences() {
		sent := sent
		parts := t.splitClause(sent)
		var merged []span
		for _, p := range parts {
			if len(merged) > 0 && contentWords(t.norm[p.start:p.end]) < 2 {
				merged[len(merged)-1].end = p.end
				continue
			}
			merged = append(merged, p)
		}
		// A short first part ("Today," "In short:") joins the next one.
		if len(merged) > 1 && contentWords(t.norm[merged[0].start:merged[0].end]) < 2 {
			merged[1].start = merged[0].start
			merged = merged[1:]
		}
		for _, m := range merged {
			m = t.trim(m)
			if m.end > m.start {
				m.sent = &sent
				out = append(out, m)
			}
		}
	}
	return out
}

// sentences cuts at . ! ? ; and line breaks (a dot inside a word, as in
// "e.g." or "v2.1", does not end a sentence).
func (t text) sentences() []span {
	var out []span
	s := t.norm
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		end := false
		switch c {
		case '\n', '!', '?', ';':
			end = true
		case '.':
			end = i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\n' || s[i+1] == '"' || s[i+1] == ')'
			if end && i >= 2 && (strings.HasSuffix(s[:i], "e.g") || strings.HasSuffix(s[:i], "i.e") || strings.HasSuffix(s[:i], " vs")) {
				end = false
			}
		}
		if end {
			if i > start {
				out = append(out, span{start: start, end: i})
			}
			start = i + 1
		}
	}
	if start < len(s) {
		out = append(out, span{start: start, end: len(s)})
	}
	return out
}

var clauseBreaks = []string{",", ":", " - ", " but ", " while ", " whereas ", " although ", " though ", " (", ")"}

// andVerb is " and " followed by a verb the person does, which starts a
// new statement ("mentor two PMs and present the plan"); " and " between
// nouns ("design and engineering") does not.
var andVerb = lazyre.New(`^ and (?:i |i'm |i've |also |then |now )?(?:align|balance|bring|build|champion|choose|coach|collaborate|communicate|conduct|coordinate|decide|define|deliver|design|drive|explain|guide|handle|help|hire|influence|keep|lead|make|manage|mentor|own|partner|plan|present|prioriti[sz]e|report|represent|review|run|set|shape|ship|spend|support|sync|take|track|translate|turn|work|write|advise|act|answer|join|sit|make|fix|spot|challenge|create|grow|oversee|track|update)s? `)

func (t text) splitClause(sp span) []span {
	var out []span
	s := t.norm
	start := sp.start
	for i := sp.start; i < sp.end; i++ {
		if s[i] == ' ' && andVerb.MatchString(s[i:sp.end]) {
			if i > start {
				out = append(out, span{start: start, end: i})
			}
			start = i + len(" and ")
			continue
		}
		for _, br := range clauseBreaks {
			if strings.HasPrefix(s[i:sp.end], br) {
				// Keep "1,000" and "3,5" whole.
				if br == "," && i > 0 && i+1 < len(s) && isDigit(s[i-1]) && isDigit(s[i+1]) {
					continue
				}
				if i > start {
					out = append(out, span{start: start, end: i})
				}
				start = i + len(br)
				i = start - 1
				break
			}
		}
	}
	if start < sp.end {
		out = append(out, span{start: start, end: sp.end})
	}
	return out
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// leading words that join a clause to the one before it and say nothing.
var joiners = []string{"and ", "or ", "but ", "so ", "then ", "also ", "plus ", "as well as ", "and also ", "while ", "which "}

// trim drops spaces, quotes and joining words at the edges of a clause.
func (t text) trim(sp span) span {
	s := t.norm
	for {
		changed := false
		for sp.start < sp.end && strings.ContainsRune(" \"'-*()", rune(s[sp.start])) {
			sp.start++
			changed = true
		}
		for sp.end > sp.start && strings.ContainsRune(" \"'-*(),.", rune(s[sp.end-1])) {
			sp.end--
			changed = true
		}
		for _, j := range joiners {
			if strings.HasPrefix(s[sp.start:sp.end], j) {
				sp.start += len(j)
				changed = true
			}
		}
		if !changed {
			return sp
		}
	}
}

// contentWords counts the words of s that are not stop words.
func contentWords(s string) int {
	return len(terms(s))
}
