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
	for _, line := range strings.Split(facetsTxt, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, ws, ok := strings.Cut(line, ":")
		if !ok {
			panic("plan: facets.txt: a line without a colon: " + line)
		}
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
