package openaiapi

// The conversation as text: an answer's sources are appended to the
// assistant's message, and cut from the assistant turns a client sends
// back, so the history reads as it does on /api/chat.

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/ladder/coach/internal/answer"
)

// sourcesHeader starts the sources list appended to an answer.
const sourcesHeader = "\n\nSources:\n"

// sourceLine matches one line of the sources list.
var sourceLine = regexp.MustCompile(`^\[\d+\] .*\(\S+\)$`)

// SourcesText lists the citations as "[n] Title (id)" lines under a
// "Sources:" header, or is empty when there are none.
func SourcesText(cites []answer.Citation) string {
	return numberedSources(cites, cites)
}

// numberedSources lists the cited sections as SourcesText does, each with
// its number in all, the list the text's [n] markers count in. (A streamed
// LLM answer cites some of the sections sent first and keeps their
// numbers.)
func numberedSources(all, cited []answer.Citation) string {
	if len(cited) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(sourcesHeader)
	for i, c := range cited {
		n := i + 1
		for j, a := range all {
			if a.ID == c.ID {
				n = j + 1
				break
			}
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "[%d] %s (%s)", n, c.Title, c.ID)
	}
	return b.String()
}

// stripSources cuts the sources list SourcesText appended from an earlier
// answer; other text is left as it is.
func stripSources(s string) string {
	i := strings.LastIndex(s, sourcesHeader)
	if i < 0 {
		return s
	}
	for _, line := range strings.Split(strings.TrimRight(s[i+len(sourcesHeader):], "\n"), "\n") {
		if !sourceLine.MatchString(line) {
			return s
		}
	}
	return s[:i]
}

// CompletionContent is the assistant message of a reply: the answer, then
// its sources.
func CompletionContent(r answer.Reply) string {
	return r.Answer + SourcesText(r.Citations)
}
