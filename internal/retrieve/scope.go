package retrieve

import (
	"strings"
	"sync"

	"github.com/ladder/coach/internal/ladder"
)

// Scopes of a reply: what the article can do for the question.
const (
	ScopeIn        = "in"        // the article answers it
	ScopeNearby    = "nearby"    // next to the article; the citations are the closest it says
	ScopeOut       = "out"       // refused, no citations
	ScopeSmalltalk = "smalltalk" // a greeting or thanks
)

// smalltalk reports whether the whole message is a greeting, thanks or an
// acknowledgement: every word of it belongs to a smalltalk phrase or filler.
func smalltalk(q string) bool {
	t := " " + strings.Map(func(r rune) rune {
		if strings.ContainsRune(",.!?;:()-\"*~", r) || r > 0x2000 {
			return ' '
		}
		return r
	}, q) + " "
	t = strings.Join(strings.Fields(t), " ")
	if t == "" || len(t) > 80 {
		return false
	}
	for w := range strings.FieldsSeq(t) {
		if !smalltalkWords()[w] {
			return false // a word no greeting or filler phrase holds stays
		}
	}
	t = " " + t + " "
	found := false
	for li, list := range []ladder.Phrases{ladder.Talk.Smalltalk, ladder.Talk.Filler} {
		// Longest phrases first would be tidier; whole-word removal in table
		// order is enough for messages this short.
		for _, p := range list {
			for {
				i := strings.Index(t, " "+p+" ")
				if i < 0 {
					break
				}
				t = t[:i] + " " + t[i+len(p)+1:]
				found = found || li == 0
			}
		}
	}
	return found && strings.TrimSpace(t) == ""
}

// asking is the part of q that asks: its sentences with a question mark, or
// its last sentence when none has one.
func asking(q string) string {
	var asks []string
	start := 0
	var last string
	for i := 0; i < len(q); i++ {
		c := q[i]
		if c == '?' || c == '.' || c == '!' || c == '\n' {
			if i+1 < len(q) && strings.IndexByte("?!.", q[i+1]) >= 0 {
				continue // "?!", "!?", "...": one end
			}
			s := strings.TrimSpace(q[start : i+1])
			if s != "" {
				last = s
				if strings.Contains(s, "?") {
					asks = append(asks, s)
				}
			}
			start = i + 1
		}
	}
	if s := strings.TrimSpace(q[start:]); s != "" {
		last = s
		if len(asks) == 0 {
			return s
		}
	}
	if len(asks) == 0 {
		return last
	}
	return strings.Join(asks, " ")
}

// nearbySubject is the subject next to the article that the asking part of
// q is about, if any.
func nearbySubject(q string) (ladder.Nearby, bool) {
	t := " " + asking(q) + " "
	if !anyNearbyWord().In(t) {
		return ladder.Nearby{}, false // most questions: one pass over the words, not one a subject
	}
	for _, n := range ladder.NearbySubjects {
		if !n.Words.In(t) {
			continue
		}
		if n.Unless.In(t) && !onlyUnless(t, n) {
			continue
		}
		return n, true
	}
	return ladder.Nearby{}, false
}

// onlyUnless is true when a subject word appears outside its Unless phrases
// too ("user interviews and a PM interview").
func onlyUnless(t string, n ladder.Nearby) bool {
	return n.Words.In(n.Unless.Blank(t))
}

// smalltalkWords are the words of the greeting and filler phrases: a
// message with any other word is not small talk.
var smalltalkWords = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, list := range []ladder.Phrases{ladder.Talk.Smalltalk, ladder.Talk.Filler} {
		for _, p := range list {
			for w := range strings.FieldsSeq(p) {
				out[w] = true
			}
		}
	}
	return out
})

// anyNearbyWord is every nearby subject's words in one table.
var anyNearbyWord = sync.OnceValue(func() ladder.PhraseTable {
	var all ladder.Phrases
	for _, n := range ladder.NearbySubjects {
		all = append(all, n.Words...)
	}
	return ladder.NewPhraseTable(all)
})
