package plan

import (
	_ "embed"
	"strings"
	"sync"

	"github.com/ladder/coach/internal/embed"
)

//go:embed facets.txt
var facetsTxt string

// facet is a general topic and the stems of its words.
type facet struct {
	name  string
	terms []string
}

// facets are the topics of facets.txt.
var facets = sync.OnceValue(func() []facet {
	var out []facet
	for _, e := range entries("facets.txt", facetsTxt) {
		name, ws := e[0], e[1]
		f := facet{name: strings.TrimSpace(name)}
		seen := map[string]bool{}
		for _, t := range embed.Terms(ws) {
			if !seen[t] {
				seen[t] = true
				f.terms = append(f.terms, t)
			}
		}
		out = append(out, f)
	}
	return out
})

// entries are the "name: words" lines of a data file (file its name, txt
// its text), without blank lines and # comments; a line without a colon
// is a bug in the embedded file, and panics.
func entries(file, txt string) [][2]string {
	var out [][2]string
	for _, line := range strings.Split(txt, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, ws, ok := strings.Cut(line, ":")
		if !ok {
			panic("plan: " + file + ": a line without a colon: " + line)
		}
		out = append(out, [2]string{name, ws})
	}
	return out
}

// facetSize is the number of stems of each topic.
var facetSize = sync.OnceValue(func() map[string]int {
	m := map[string]int{}
	for _, f := range facets() {
		m[f.name] = len(f.terms)
	}
	return m
})

// facetsOf lists the topics any of the heard words or phrases names.
func facetsOf(heard, phrases []string) []facet {
	stems := map[string]bool{}
	for _, h := range append(append([]string{}, heard...), phrases...) {
		for _, t := range embed.Terms(h) {
			stems[t] = true
		}
	}
	var out []facet
	for _, f := range facets() {
		for _, t := range f.terms {
			if stems[t] {
				out = append(out, f)
				break
			}
		}
	}
	return out
}
