package retrieve

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ladder/coach/internal/embed"
	"github.com/ladder/coach/internal/ladder"
)

// namedPeople are the people the asker named with a level ("Ines, a
// senior PM", "my cousin Tariq is a director now"): each name, in lower
// case, with the first level named in the few words after it, before the
// next name. A name is a capitalised word that is no title, no word of the
// ladder's text and no word of conversation (ladder.Talk.NotNames).
func namedPeople(lad *ladder.Model, history []Turn, known func(string) bool) map[string]string {
	var out map[string]string
	for _, t := range history {
		if t.Role != "user" {
			continue
		}
		words := nameWords(t.Content)
		for i, w := range words {
			key, from := strings.ToLower(w), i+1 // who, and where the words about them start
			switch {
			case isName(lad, w, known):
			case relationAt(words, i):
				key, from = relationKey(words[i+1]), i+2
			default:
				continue
			}
			id := levelTold(lad, words[from:min(len(words), from+nameReach)], known)
			if id == "" && key == strings.ToLower(w) {
				id = titleBefore(lad, t.Content, w)
			}
			if id != "" {
				if out == nil {
					out = map[string]string{}
				}
				out[key] = id
			}
		}
	}
	return out
}

// levelTold is the level the words about a person name, before the next
// person they name: the one they were promoted to, else the first.
func levelTold(lad *ladder.Model, words []string, known func(string) bool) string {
	for j := range words {
		if isName(lad, words[j], known) || relationAt(words, j) {
			words = words[:j]
			break
		}
	}
	said := normalize(strings.Join(words, " "))
	if id := promotedTo(lad, said); id != "" {
		return id // promoted from one rung to another: the rung now
	}
	for _, m := range lad.FindLevels(said) {
		if m.Strong {
			return m.ID
		}
	}
	return ""
}

// titleBefore is the level of a title set right before a name in text ("the
// new CPO, Dana, starts soon", "our director Ana"): in the few words
// before the name's first place, in its sentence, with no word of the
// asker's own ("I'm a senior PM, Ana...").
func titleBefore(lad *ladder.Model, text, name string) string {
	at := strings.Index(text, name)
	if at < 0 {
		return ""
	}
	before := text[:at]
	if end := strings.LastIndexAny(before, ".?!;:"); end >= 0 {
		before = before[end+1:]
	}
	ws := strings.Fields(before)
	said := normalize(strings.Join(ws[max(0, len(ws)-titleReach):], " "))
	if said == "" || ladder.Talk.FirstPersonWords.In(" "+said+" ") {
		return ""
	}
	id := ""
	for _, m := range lad.FindLevels(said) {
		if m.Strong {
			id = m.ID
		}
	}
	return id
}

// titleReach is how many words before a name may be its title.
const titleReach = 5

// relationAt reports whether words[i:] open with "my" or "our" and a
// relation ("my boss").
func relationAt(words []string, i int) bool {
	if i+1 >= len(words) {
		return false
	}
	w := strings.ToLower(words[i])
	return (w == "my" || w == "our") && ladder.Talk.Relations.In(" "+strings.ToLower(words[i+1])+" ")
}

// relationKey is the key of namedPeople for a relation: apart from names.
func relationKey(rel string) string { return "my " + strings.ToLower(rel) }

// nameReach is how many words after a name may say the person's level.
const nameReach = 8

// isName reports whether w, as typed, can be a person's name.
func isName(lad *ladder.Model, w string, known func(string) bool) bool {
	r, size := utf8.DecodeRuneInString(w)
	if len(w) < 2 || !unicode.IsUpper(r) || strings.ToLower(w[size:]) != w[size:] {
		return false // not capitalised, or all capitals: "PM", "CPO"
	}
	l := strings.ToLower(w)
	return !embed.IsStop(l) && !ladder.Talk.NotNames.In(" "+l+" ") && (known == nil || !known(l)) && len(lad.FindLevels(l)) == 0
}

// personNamed is the level of a person the question names as the asker
// named them before, or "": by name; by relation ("my boss") only when
// the question speaks of a third person too ("what should she..."), for
// "my boss says I should..." asks of the asker.
func personNamed(names map[string]string, question string, third bool) string {
	if len(names) == 0 {
		return ""
	}
	words := nameWords(question)
	for i, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			if id, ok := names[strings.ToLower(w)]; ok {
				return id
			}
		}
		if third && relationAt(words, i) {
			if id, ok := names[relationKey(words[i+1])]; ok {
				return id
			}
		}
	}
	return ""
}

// boundPeople are the people the user's turns spoke of by a pronoun of one
// gender: a turn that names one person who has a level and speaks of "he"
// or "she" binds that pronoun's gender to them ("Tom wants more. What
// should he work on?"). Keys are "he" and "she"; values lower-case names.
func boundPeople(lad *ladder.Model, history []Turn, names map[string]string, known func(string) bool) map[string]string {
	var out map[string]string
	for _, t := range history {
		if t.Role != "user" {
			continue
		}
		named := ""
		for _, w := range nameWords(t.Content) {
			l := strings.ToLower(w)
			if _, ok := names[l]; ok && isName(lad, w, known) {
				if named != "" && named != l {
					named = "-" // two people: no pronoun is bound
					break
				}
				named = l
			}
		}
		if named == "" || named == "-" {
			continue
		}
		pad := " " + normalize(t.Content) + " "
		for _, g := range []struct {
			key   string
			words ladder.Phrases
		}{{"he", ladder.Talk.He}, {"she", ladder.Talk.She}} {
			if g.words.In(pad) {
				if out == nil {
					out = map[string]string{}
				}
				out[g.key] = named
			}
		}
	}
	return out
}

// pronounPerson is the level of the person the question's pronoun stands
// for: the one that pronoun's gender was bound to, or, of two people told
// of, the one the other gender was bound to is not.
func pronounPerson(names, bound map[string]string, q string) string {
	pad := " " + q + " "
	for _, g := range []struct{ key, other string }{{"she", "he"}, {"he", "she"}} {
		words := ladder.Talk.She
		if g.key == "he" {
			words = ladder.Talk.He
		}
		if !words.In(pad) {
			continue
		}
		if name, ok := bound[g.key]; ok {
			return names[name]
		}
		if name, ok := bound[g.other]; ok && len(names) == 2 {
			for n, id := range names {
				if n != name {
					return id
				}
			}
		}
	}
	return ""
}

// toldAbout is what the user's turns said of a person the question names
// (a name typed capitalised before, in any case now): the words after
// each mention of them, to the end of the sentence; "" when the question
// names no such person.
func toldAbout(lad *ladder.Model, history []Turn, question string, known func(string) bool) string {
	asked := map[string]bool{}
	for _, w := range nameWords(question) {
		if l := strings.ToLower(w); !embed.IsStop(l) {
			asked[l] = true
		}
	}
	var b strings.Builder
	told := false // the person was named; a pronoun then speaks of them
	for _, t := range history {
		if t.Role != "user" {
			continue
		}
		for _, sentence := range strings.FieldsFunc(t.Content, func(r rune) bool { return strings.ContainsRune(".!?;", r) }) {
			words := strings.Fields(sentence)
			named, other := -1, false
			for i, w := range words {
				w = strings.Trim(w, ",:()\"'")
				switch {
				case asked[strings.ToLower(w)] && isName(lad, w, known):
					named = i
				case isName(lad, w, known):
					other = true
				}
				if named >= 0 {
					break
				}
			}
			switch {
			case named >= 0:
				told = true
				b.WriteString(strings.Join(words[named+1:], " "))
				b.WriteString(". ")
			case other:
				told = false // someone else is spoken of now
			case told && ladder.Talk.ThirdPerson.In(" "+normalize(sentence)+" "):
				b.WriteString(sentence)
				b.WriteString(". ")
			}
		}
	}
	return b.String()
}

// onlyName is the one name the user's turns give, or "" when they give none
// or several.
func onlyName(lad *ladder.Model, history []Turn, known func(string) bool) string {
	name := ""
	for _, t := range history {
		if t.Role != "user" {
			continue
		}
		for _, w := range nameWords(t.Content) {
			if isName(lad, w, known) {
				if name != "" && !strings.EqualFold(name, w) {
					return ""
				}
				name = w
			}
		}
	}
	return name
}

// onlyPerson is the level of the one person the asker told of, or "".
func onlyPerson(names map[string]string) string {
	if len(names) == 1 {
		for _, id := range names {
			return id
		}
	}
	return ""
}

// nameWords are the words of a text as typed, letters and hyphens, with
// their case kept for telling names apart: "I'm" gives "I" and "m".
func nameWords(t string) []string {
	return strings.FieldsFunc(t, func(r rune) bool { return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-') })
}
