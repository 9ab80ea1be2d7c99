package llm

import (
	"strings"
	"sync"
	"text/template"
	"unicode"
)

// Fence returns a code fence longer than any run of backticks in texts, so
// no text put inside it can close it early: prompts fence what users and
// the article wrote as data.
func Fence(texts ...string) string {
	longest := 0
	for _, t := range texts {
		run := 0
		for _, r := range t {
			if r == '`' {
				run++
				longest = max(longest, run)
			} else {
				run = 0
			}
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}

// Template is a prompt template parsed on first use, so that prompts cost
// nothing when the binary starts.
type Template struct {
	get func() *template.Template // sync.OnceValue
}

// NewTemplate is the template named name with the text text; a text that
// does not parse panics on first use, as template.Must would at start.
func NewTemplate(name, text string) *Template {
	return &Template{get: sync.OnceValue(func() *template.Template {
		return template.Must(template.New(name).Parse(text))
	})}
}

// Render executes a prompt template. Prompt templates are fixed and their
// data plain values, so Execute cannot fail: a failure is a bug, and panics.
func Render(t *Template, data any) string {
	var b strings.Builder
	if err := t.get().Execute(&b, data); err != nil {
		panic(err)
	}
	return b.String()
}

// Echo finds a prompt's own instructions repeated in a model's reply: runs
// of n consecutive words (lower-case letters and digits) of the
// instructions. Build it once with NewEcho; it is safe for concurrent use.
type Echo struct {
	n    int
	runs map[string]bool
}

// NewEcho indexes every run of n consecutive words of the instructions.
func NewEcho(n int, instructions ...string) *Echo {
	e := &Echo{n: n, runs: map[string]bool{}}
	for _, text := range instructions {
		w := echoWords(text)
		for i := 0; i+n <= len(w); i++ {
			e.runs[strings.Join(w[i:i+n], " ")] = true
		}
	}
	return e
}

// In reports whether text repeats n consecutive words of the instructions.
// It is linear in text.
func (e *Echo) In(text string) bool {
	w := echoWords(text)
	for i := 0; i+e.n <= len(w); i++ {
		if e.runs[strings.Join(w[i:i+e.n], " ")] {
			return true
		}
	}
	return false
}

func echoWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}
