package answer

import (
	"errors"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/llm"
)

// The LLM's answer is checked for the coach's own instructions before it
// reaches the reader: retrieval refuses the injections it recognizes, but a
// model talked into repeating its prompt by words no pattern knows must
// still not hand it out. An answer that repeats leakWords consecutive words
// of the instructions is dropped for the offline answer.

// errPromptLeak is the failure of an LLM answer that repeats the coach's
// instructions.
var errPromptLeak = errors.New("the model's reply repeats the coach's instructions")

// leakWords is how many consecutive words of the instructions make a leak:
// enough that an answer which happens to share a phrase with them ("the
// product manager career ladder") is not one.
const leakWords = 10

// instructionWords are the words of the prompt's instructions (the system
// message without its sections, and the wrapping of the user's words), one
// list a text, normalized by guardWords.
var instructionWords = sync.OnceValue(func() [][]string {
	// The article's words: the rules are the same for every ladder.
	who := promptWords(ladder.Default())
	system := llm.Render(llmSystemTmpl, struct {
		Who, About, Source, Covers string
		Sections                   []llmSection
		Fence                      string
	}{who.who, who.about, who.source, who.covers, []llmSection{{N: 1}}, "```"})
	if i := strings.Index(system, "The sections:"); i >= 0 {
		system = system[:i+len("The sections:")]
	}
	var kept []string
	for _, line := range strings.Split(system, "\n") {
		// The rule on what the coach covers is meant to be repeated to the
		// reader, in the model's words or in these.
		if !strings.Contains(line, "do not cover the question") {
			kept = append(kept, line)
		}
	}
	return [][]string{
		guardWords(strings.Join(kept, "\n")),
		guardWords(llmFenced(llmQuestionTmpl, "")),
		guardWords(llmFenced(llmHistoryTmpl, "")),
	}
})

// instructionRuns holds every run of 1 to leakWords consecutive words of
// the instructions, each as its words joined by spaces: those of leakWords
// words are leaks, the shorter ones what may begin one.
var instructionRuns = sync.OnceValue(func() map[int]map[string]bool {
	runs := map[int]map[string]bool{}
	for n := 1; n <= leakWords; n++ {
		runs[n] = map[string]bool{}
		for _, w := range instructionWords() {
			for i := 0; i+n <= len(w); i++ {
				runs[n][strings.Join(w[i:i+n], " ")] = true
			}
		}
	}
	return runs
})

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// guardWords splits text into lower-case words of letters and digits, every
// number written as "#" (the prompt's section count varies).
func guardWords(text string) []string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !isWordRune(r) })
	for i, w := range words {
		if strings.IndexFunc(w, unicode.IsDigit) >= 0 {
			words[i] = "#"
		}
	}
	return words
}

// leaksInstructions reports whether words hold leakWords consecutive words
// of the instructions.
func leaksInstructions(words []string) bool {
	for i := 0; i+leakWords <= len(words); i++ {
		if instructionRuns()[leakWords][strings.Join(words[i:i+leakWords], " ")] {
			return true
		}
	}
	return false
}

// LeaksInstructions reports whether text repeats the coach's instructions to
// the LLM: leakWords or more consecutive words of them.
func LeaksInstructions(text string) bool {
	return leaksInstructions(guardWords(text))
}

// maxInstructionWord is the longest word of the instructions: an unfinished
// word longer than it cannot be one, so it is not held back for more.
var maxInstructionWord = sync.OnceValue(func() int {
	n := 0
	for _, ws := range instructionWords() {
		for _, w := range ws {
			n = max(n, len(w))
		}
	}
	return n
})

// maxGuardHold bounds the text held back as the possible beginning of a
// leak: leakWords-1 words and what separates them, unless the separators
// are long, when the words go out.
const maxGuardHold = 512

// leakGuard checks a streamed answer for the instructions as it arrives.
// It holds back what may be the beginning of a leak: an unfinished last
// word, and the finished words before it that run on as the instructions
// do. Other text goes out at once.
type leakGuard struct {
	tail    []string // the last words given out, up to leakWords-1
	pending string   // text not given out yet
}

// write takes the next piece of text and returns what is now safe to give
// out, or leak true when the text so far repeats the instructions.
func (g *leakGuard) write(p string) (out string, leak bool) {
	g.pending += p
	spans := wordSpans(g.pending)
	words := make([]string, 0, len(g.tail)+len(spans))
	words = append(words, g.tail...)
	for _, s := range spans {
		words = append(words, s.word)
	}
	finished := len(spans)
	if r, _ := utf8.DecodeLastRuneInString(g.pending); isWordRune(r) && len(g.pending)-spans[len(spans)-1].start <= maxInstructionWord() {
		finished-- // the last word may go on in the next piece
	}
	end := len(g.tail) + finished
	if leaksInstructions(words[:end]) {
		return "", true
	}
	hold := len(spans) - finished
	for n := min(leakWords-1, finished); n > 0; n-- {
		if instructionRuns()[n][strings.Join(words[end-n:end], " ")] {
			hold += n
			break
		}
	}
	keep := len(spans) - hold
	cut := len(g.pending)
	if keep < len(spans) {
		cut = spans[keep].start
	}
	if len(g.pending)-cut > maxGuardHold && keep < finished {
		// Words of the instructions far apart: not held any longer, so what
		// is held, and the work on each piece, stays small.
		keep = finished
		cut = len(g.pending)
		if keep < len(spans) {
			cut = spans[keep].start
		}
	}
	out, g.pending = g.pending[:cut], g.pending[cut:]
	given := words[:len(g.tail)+keep]
	g.tail = append([]string(nil), given[max(0, len(given)-(leakWords-1)):]...)
	return out, false
}

// flush returns the text held back at the end of the answer, or leak true
// when it completes a leak.
func (g *leakGuard) flush() (out string, leak bool) {
	words := append(append([]string(nil), g.tail...), guardWords(g.pending)...)
	if leaksInstructions(words) {
		return "", true
	}
	out, g.pending = g.pending, ""
	return out, false
}

type wordSpan struct {
	start int
	word  string
}

// wordSpans lists the words of s as guardWords makes them, with where each
// starts in s.
func wordSpans(s string) []wordSpan {
	var out []wordSpan
	start := -1
	for i, r := range s {
		in := isWordRune(r)
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			out = append(out, wordSpan{start, guardWords(s[start:i])[0]})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, wordSpan{start, guardWords(s[start:])[0]})
	}
	return out
}
