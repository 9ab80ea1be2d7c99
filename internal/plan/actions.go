package plan

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ladder/coach/internal/embed"
	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/sections"
)

// Prefixes of the three action templates, in the coach's words. An LLM may
// reword what follows them, never them.
const (
	practisePrefix = "Practise: "
	stretchPrefix  = "Stretch assignment: "
	askPrefix      = "Ask for: "
)

// prefixOf is the template prefix of a kind.
func prefixOf(kind string) string {
	switch kind {
	case Stretch:
		return stretchPrefix
	case AskFor:
		return askPrefix
	}
	return practisePrefix
}

// kindFor is the kind of action for work that sits reach rungs above the
// mentee: their own rung's work is practised, the next rung's is a stretch
// assignment agreed with their manager, and anything higher is asked for
// (time with someone who does it, a chance to shadow it): a mentee cannot
// take it on yet.
func kindFor(reach int) string {
	switch {
	case reach <= 0:
		return Practise
	case reach == 1:
		return Stretch
	}
	return AskFor
}

// subjectWords open a line that describes a role or an outcome ("You're
// trusted to…", "These roles are…", "IC PMs often operate…") rather than
// saying what to do. They are closed-class words of English, not of the
// article: a duty line opens with its verb.
var subjectWords = wordSet("you", "your", "youre", "yours", "the", "this", "these", "that", "those", "it", "its",
	"there", "here", "ic", "pm", "pms", "not", "instead", "in", "at", "if", "many", "some", "most", "success",
	"note", "as", "so", "even", "whether", "whatever", "a", "an", "every", "each", "our", "my", "we", "i",
	"they", "their", "people", "others", "other", "product", "choosing")

// maxDutyChars is the longest line read as one duty; longer ones are
// paragraphs that describe.
const maxDutyChars = 240

// isStatement reports whether a line describes a role or an outcome (it
// becomes evidence or a milestone) rather than naming work to do.
func isStatement(line string) bool {
	t := strings.TrimSpace(line)
	if t == "" || utf8.RuneCountInString(t) > maxDutyChars {
		return true
	}
	toks := embed.Tokens(t)
	return len(toks) == 0 || subjectWords[toks[0]]
}

// Templates of the actions, by kind; an item takes them in turn (its
// position in its stage picks one), so a phase does not say the same thing
// six times. %[1]s is the skill's name or the level's, %[2]s the article's
// words lowered (a skill's first sentence, or a duty's line), %[3]s the
// level that does the work, with its article.
var (
	skillTemplates = map[string][]string{
		Practise: {
			practisePrefix + "%[1]s — %[2]s, in the work you own today.",
			practisePrefix + "%[1]s — in one piece of your current work this phase, try this and note what changed: %[2]s.",
		},
		Stretch: {
			stretchPrefix + "%[1]s — agree with your manager on one piece of your current work to try this on, then review it together: %[2]s.",
			stretchPrefix + "%[1]s — ask your manager for one piece of work a level above yours to try this on, and review how it went: %[2]s.",
		},
		AskFor: {
			askPrefix + "an hour with %[3]s who is good at %[1]s, to learn how they do it (%[2]s) and one small way to start where you are.",
			askPrefix + "feedback from %[3]s on one piece of your work, through the lens of %[1]s: %[2]s.",
		},
	}
	dutyTemplates = map[string][]string{
		Practise: {
			practisePrefix + "%[2]s, in the work you own today.",
		},
		Stretch: {
			stretchPrefix + "with your manager, take on one bounded piece of this %[1]s responsibility (one project, one feature or one person) and review it together: %[2]s.",
			stretchPrefix + "draft how you would handle this %[1]s responsibility for one real case, and go through the draft with your manager: %[2]s.",
			stretchPrefix + "with your manager's backing, run a small version of this %[1]s responsibility for a few weeks, then look back together at what worked: %[2]s.",
		},
		AskFor: {
			askPrefix + "the chance to shadow %[3]s on this responsibility, then debrief with them: %[2]s.",
			askPrefix + "a seat in a meeting where %[3]s does this, and ten minutes afterwards to ask why they chose as they did: %[2]s.",
			askPrefix + "one real example from %[3]s (a document, a decision, a plan) of this responsibility, and compare it with what you would have done: %[2]s.",
		},
	}
)

// pick is the i-th template of kind, in turn.
func pick(ts map[string][]string, kind string, i int) string {
	list := ts[kind]
	return list[i%len(list)]
}

// skillAction words a named skill as an action of kind, for a mentee who
// would practise it at level (the level whose skills section names it); i
// is the item's position in its stage.
func skillAction(kind string, sk sections.Skill, level ladder.Level, i int) string {
	first := firstSentence(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(sk.Line), sk.Name)))
	first = strings.TrimSpace(strings.TrimLeft(first, ": "))
	return fmt.Sprintf(pick(skillTemplates, kind, i), sk.Name, lowerFirst(first), withArticle(levelWord(level)))
}

// dutyAction words a responsibility of level as an action of kind: a
// bounded piece of it agreed with the manager, or a chance to see it done;
// i is the item's position in its stage.
func dutyAction(kind, line string, level ladder.Level, i int) string {
	d := lowerFirst(strings.TrimRight(strings.TrimSpace(line), ". "))
	return fmt.Sprintf(pick(dutyTemplates, kind, i), levelWord(level), d, withArticle(levelWord(level)))
}

// roleActions are the two actions that explore a move to an adjacent role:
// a conversation with someone in it, and a piece of work close to it.
func roleActions(role ladder.Role) (ask, stretch string) {
	return askPrefix + "a conversation with someone who has made this move (the article's “" + role.Name +
			"”) about what the work is like day to day and which of your strengths it draws on.",
		stretchPrefix + "with your manager, take on one piece of work in your current job that is close to that role (the article's “" + role.Name +
			"”), and review with your mentor how it felt."
}

// levelWord names a level for action wording: "Director of Product", "IC PM
// (Principal/Staff PM)".
func levelWord(l ladder.Level) string {
	if l.ID == ladder.IC {
		return "Principal or Staff PM"
	}
	return l.Name
}

// firstSentence is s up to its first full stop, without it.
func firstSentence(s string) string {
	s = strings.TrimSpace(s)
	for i, r := range s {
		if (r == '.' || r == '?' || r == '!') && (i+1 == len(s) || s[i+1] == ' ') {
			return s[:i]
		}
	}
	return strings.TrimRight(s, ".")
}

// sentences splits a line into its sentences, each with its full stop.
func sentences(s string) []string {
	var out []string
	start := 0
	for i, r := range s {
		if (r == '.' || r == '?' || r == '!') && (i+1 == len(s) || s[i+1] == ' ') {
			if t := strings.TrimSpace(s[start : i+1]); t != "" {
				out = append(out, t)
			}
			start = i + 1
		}
	}
	if t := strings.TrimSpace(s[start:]); t != "" {
		out = append(out, t)
	}
	return out
}

// lowerFirst lowers the first letter of a sentence unless the first word is
// an acronym ("PMs", "API").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	if r2, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(r2) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}
