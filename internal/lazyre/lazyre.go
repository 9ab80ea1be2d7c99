// Package lazyre holds regular expressions compiled on first use: a
// package's tables of them then cost nothing when the binary starts
// (`coach help` included), and each is compiled once, safely from any
// goroutine. Each carries a literal prefilter (prefilter.go): a text that
// holds none of the literals every match starts with is not searched.
// It knows nothing else.
package lazyre

import (
	"regexp"
	"sync"
)

// Regexp is a regexp.Regexp compiled on its first use. An expression that
// does not compile panics then, as regexp.MustCompile would at start; each
// package's tests compile theirs (All).
type Regexp struct {
	expr string
	get  func() *compiled // sync.OnceValue
}

var (
	mu  sync.Mutex
	all []*Regexp
)

// New returns the expression expr, to be compiled on first use.
func New(expr string) *Regexp {
	r := &Regexp{expr: expr, get: sync.OnceValue(func() *compiled { return compile(expr) })}
	mu.Lock()
	all = append(all, r)
	mu.Unlock()
	return r
}

// All lists every expression made so far, for tests that compile them.
func All() []*Regexp {
	mu.Lock()
	defer mu.Unlock()
	return append([]*Regexp(nil), all...)
}

// Regexp is the compiled expression, without the prefilter.
func (r *Regexp) Regexp() *regexp.Regexp { return r.get().re }

// Filtered reports whether the expression has a prefilter.
func (r *Regexp) Filtered() bool {
	c := r.get()
	return c.lits != nil || c.need != nil || c.alts != nil
}

// String is the expression's source text.
func (r *Regexp) String() string { return r.expr }

// may reports whether s can hold a match.
func (r *Regexp) may(s string) (*regexp.Regexp, bool) {
	c := r.get()
	if !c.may(s) {
		return c.re, false
	}
	if c.alts == nil {
		return c.re, true
	}
	// A split expression can match only where one of its branches can.
	can := false
	c.eachBranch(s, func(a *compiled, h *heads) bool {
		can = a.mayWith(s, h)
		return can
	})
	return c.re, can
}

func (r *Regexp) MatchString(s string) bool      { return r.get().MatchString(s) }
func (r *Regexp) FindStringIndex(s string) []int { return r.get().FindStringIndex(s) }

// FindStringStart is where the leftmost match starts, or -1.
func (r *Regexp) FindStringStart(s string) int { return r.get().start(s) }

func (r *Regexp) FindString(s string) string {
	if re, ok := r.may(s); ok {
		return re.FindString(s)
	}
	return ""
}

func (r *Regexp) FindStringSubmatch(s string) []string {
	if re, ok := r.may(s); ok {
		return re.FindStringSubmatch(s)
	}
	return nil
}

func (r *Regexp) FindStringSubmatchIndex(s string) []int {
	if re, ok := r.may(s); ok {
		return re.FindStringSubmatchIndex(s)
	}
	return nil
}

func (r *Regexp) FindAllString(s string, n int) []string {
	if re, ok := r.may(s); ok {
		return re.FindAllString(s, n)
	}
	return nil
}

func (r *Regexp) FindAllStringIndex(s string, n int) [][]int {
	if _, ok := r.may(s); ok {
		return r.get().findAll(s, n)
	}
	return nil
}

func (r *Regexp) FindAllStringSubmatch(s string, n int) [][]string {
	if re, ok := r.may(s); ok {
		return re.FindAllStringSubmatch(s, n)
	}
	return nil
}

func (r *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if re, ok := r.may(s); ok {
		return re.FindAllStringSubmatchIndex(s, n)
	}
	return nil
}

func (r *Regexp) ReplaceAllString(src, repl string) string {
	if re, ok := r.may(src); ok {
		return re.ReplaceAllString(src, repl)
	}
	return src
}

func (r *Regexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	if re, ok := r.may(src); ok {
		return re.ReplaceAllStringFunc(src, repl)
	}
	return src
}

func (r *Regexp) Split(s string, n int) []string { return r.get().re.Split(s, n) }
