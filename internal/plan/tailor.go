package plan

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/ladder/coach/internal/embed"
	"github.com/ladder/coach/internal/sections"
)

// Words that say how a clause of the context feels about what it names.
var (
	strongWords = wordSet("strong", "stronger", "strength", "strengths", "good", "great", "solid", "confident",
		"comfortable", "excellent", "excel", "excels", "expert", "experienced", "skilled", "proficient", "mastered",
		"fluent", "natural", "brilliant", "capable", "shines", "shine")
	weakWords = wordSet("weak", "weaker", "weakness", "weaknesses", "struggle", "struggles", "struggling", "poor",
		"bad", "lack", "lacks", "lacking", "gap", "gaps", "improve", "improving", "unfamiliar", "inexperienced",
		"new", "learn", "learning", "develop", "developing", "grow", "growing", "needs", "less",
		"not", "no", "never", "hardly", "isnt", "arent", "doesnt", "dont", "cant", "cannot", "little", "limited")
	// fillerWords name no skill or duty: they never match an item.
	fillerWords = wordSet("work", "working", "stuff", "thing", "things", "area", "areas", "skill", "skills", "side",
		"pm", "pms", "product", "products", "manager", "role", "job", "team", "teams", "very", "quite", "bit", "somewhat",
		"rather", "pretty", "mentee", "mentor", "she", "he", "they", "their", "her", "his", "wants", "want", "would", "like",
		"company", "companies", "year", "years", "month", "months", "week", "weeks", "level", "levels", "career",
		"stage", "better", "more", "most", "get", "getting", "make", "making", "help", "start", "even", "often", "look")
)

func wordSet(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// clauseSep cuts the context into clauses: "fintech, strong at delivery and
// weak at stakeholder work" has three.
var clauseSep = regexp.MustCompile(`(?i)[,;.!?\n()]+|\s+(?:and|but|while|although|though|yet|whereas)\s+`)

// clause is one part of the context and the stems it names.
type clause struct {
	text    string
	lighter bool // the mentee is already strong at it
	terms   []string
	matched int
}

// commonShare is the share of the article's sections a stem may appear in
// and still pick items out; commoner stems ("product", "team") match
// everything and so tell nothing.
const commonShare = 0.45

// tailor marks the items the context matches, Focus or Lighter, moves them
// first or last in their phase (keeping the article's order otherwise) and
// returns the sentence that says so; "" without a context.
func tailor(set *sections.Set, phases []Phase, context string) string {
	context = strings.TrimSpace(context)
	if context == "" {
		return ""
	}
	clauses := parseContext(set, context)
	var focus, lighter []Item
	for pi := range phases {
		its := phases[pi].Items
		for i := range its {
			it := &its[i]
			f, l := 0, 0
			terms := embed.Terms(it.Text + " " + it.Skill)
			for ci := range clauses {
				c := &clauses[ci]
				if !anyMatch(c.terms, terms) {
					continue
				}
				c.matched++
				if c.lighter {
					l++
				} else {
					f++
				}
			}
			switch {
			case f > l:
				it.Emphasis = Focus
				focus = append(focus, *it)
			case l > f:
				it.Emphasis = Lighter
				lighter = append(lighter, *it)
			}
		}
		sort.SliceStable(its, func(a, b int) bool { return rank(its[a]) < rank(its[b]) })
	}
	return tailoringNote(clauses, focus, lighter)
}

func rank(it Item) int {
	switch it.Emphasis {
	case Focus:
		return 0
	case Lighter:
		return 2
	}
	return 1
}

// parseContext cuts the context into clauses, reads each one's polarity and
// keeps the stems that can pick items: not filler, not polarity words, not
// common across the article.
func parseContext(set *sections.Set, context string) []clause {
	df := docFreq(set)
	limit := int(commonShare * float64(len(set.All())))
	var out []clause
	for _, part := range clauseSep.Split(context, -1) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		c := clause{text: part}
		strong, weak := false, false
		var kept []string
		for _, tok := range embed.Tokens(part) {
			switch {
			case strongWords[tok]:
				strong = true
				continue
			case weakWords[tok]:
				weak = true
				continue
			case fillerWords[tok]:
				continue
			}
			kept = append(kept, tok)
		}
		c.lighter = strong && !weak
		for _, t := range embed.Terms(strings.Join(kept, " ")) {
			if len(t) >= 3 && df[t] <= limit && !contains(c.terms, t) {
				c.terms = append(c.terms, t)
			}
		}
		out = append(out, c)
	}
	return out
}

// docFreq counts the sections each stem appears in.
func docFreq(set *sections.Set) map[string]int {
	df := map[string]int{}
	for _, s := range set.All() {
		seen := map[string]bool{}
		for _, t := range embed.Terms(s.Text) {
			if !seen[t] {
				seen[t] = true
				df[t]++
			}
		}
	}
	return df
}

// anyMatch is true when a context stem meets an item stem: equal, or one a
// prefix of the other of at least five letters ("strateg" and "strategi",
// "deliv" and "deliveri").
func anyMatch(ctx, item []string) bool {
	for _, a := range ctx {
		for _, b := range item {
			if a == b {
				return true
			}
			short, long := a, b
			if len(short) > len(long) {
				short, long = long, short
			}
			if len(short) >= 5 && strings.HasPrefix(long, short) {
				return true
			}
		}
	}
	return false
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// tailoringNote says in one paragraph what the context changed.
func tailoringNote(clauses []clause, focus, lighter []Item) string {
	var b strings.Builder
	b.WriteString("Tailored to your context: ")
	if len(focus) == 0 && len(lighter) == 0 {
		b.WriteString("nothing in it matched an item of this plan, so the items keep the article's order.")
		return b.String()
	}
	var parts []string
	if len(focus) > 0 {
		parts = append(parts, fmt.Sprintf("%s that match what to work on (%s) come first in their phase, marked Focus%s",
			count(len(focus)), quoted(clauses, false), skillList(focus)))
	}
	if len(lighter) > 0 {
		parts = append(parts, fmt.Sprintf("%s on what the mentee is already strong at (%s) come last in their phase, marked Lighter touch%s",
			count(len(lighter)), quoted(clauses, true), skillList(lighter)))
	}
	b.WriteString(strings.Join(parts, "; ") + ".")
	var unmatched []string
	for _, c := range clauses {
		if c.matched == 0 {
			unmatched = append(unmatched, fmt.Sprintf("%q", c.text))
		}
	}
	if len(unmatched) > 0 {
		fmt.Fprintf(&b, " %s matched no item of the article, so it changes nothing.", strings.Join(unmatched, ", "))
	}
	return b.String()
}

func count(n int) string {
	if n == 1 {
		return "1 item"
	}
	return fmt.Sprintf("%d items", n)
}

// quoted lists the matching clauses of one polarity, quoted.
func quoted(clauses []clause, lighter bool) string {
	var out []string
	for _, c := range clauses {
		if c.lighter == lighter && c.matched > 0 {
			out = append(out, fmt.Sprintf("%q", c.text))
		}
	}
	return strings.Join(out, ", ")
}

// skillList names the skills among items: ", among them the skills A and B".
func skillList(items []Item) string {
	var names []string
	for _, it := range items {
		if it.Skill != "" {
			names = append(names, it.Skill)
		}
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return ", among them the skill " + names[0]
	}
	return ", among them the skills " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
