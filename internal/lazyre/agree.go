package lazyre

import (
	"fmt"
	"reflect"
)

// Disagreements runs every expression made so far on each text, with its
// prefilter and as the bare regexp, and describes each result where the
// two differ: the prefilter is an optimisation only, and the packages with
// many expressions check that on their eval texts.
func Disagreements(texts []string) []string {
	var out []string
	differ := func(r *Regexp, s, what string, got, want any) {
		if !reflect.DeepEqual(got, want) {
			out = append(out, fmt.Sprintf("expression %s on %q: %s %v; regexp says %v", r.expr, s, what, got, want))
		}
	}
	for _, r := range All() {
		re := r.Regexp()
		for _, s := range texts {
			differ(r, s, "matches", r.MatchString(s), re.MatchString(s))
			loc := re.FindStringIndex(s)
			differ(r, s, "at", r.FindStringIndex(s), loc)
			start := -1
			if loc != nil {
				start = loc[0]
			}
			differ(r, s, "starts at", r.FindStringStart(s), start)
			differ(r, s, "all at", r.FindAllStringIndex(s, -1), re.FindAllStringIndex(s, -1))
			differ(r, s, "submatch", r.FindStringSubmatch(s), re.FindStringSubmatch(s))
		}
	}
	return out
}
