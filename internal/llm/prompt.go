package llm

import (
	"strings"
	"text/template"
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

// Render executes a prompt template. Prompt templates are fixed and their
// data plain values, so Execute cannot fail: a failure is a bug, and panics.
func Render(t *template.Template, data any) string {
	var b strings.Builder
	if err := t.Execute(&b, data); err != nil {
		panic(err)
	}
	return b.String()
}
