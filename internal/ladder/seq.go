package ladder

import "slices"

// Seq is a phrase made of parts in a row, one space apart: a phrase of each
// part, in order. A part that holds "" may be left out (list "" last: the
// words are tried first). Seq{{"one", "level"}, {"just", ""}, {"above"}}
// finds "one above", "level just above".
type Seq []Phrases

// In reports whether the sequence stands in t.
func (s Seq) In(t string) bool {
	at, _ := s.Find(t)
	return at >= 0
}

// Find returns where the sequence first stands in t and where it ends, or
// -1, -1. At that offset, the phrases listed first decide the end.
func (s Seq) Find(t string) (int, int) {
	if !s.mayStart(headsOf(t)) {
		return -1, -1
	}
	for i := 0; i < len(t); i++ {
		if i > 0 && isWordByte(t[i-1]) {
			continue
		}
		if end, ok := seqAt(t, i, s); ok {
			return i, end
		}
	}
	return -1, -1
}

// mayStart reports whether a word of the text (its heads) starts like a
// phrase the sequence can open with: one of the first part's, or, past the
// parts that may be left out, of the next part's.
func (s Seq) mayStart(h *heads) bool {
	for _, part := range s {
		for _, w := range part {
			if w != "" && h.may(w) {
				return true
			}
		}
		if !slices.Contains(part, "") {
			return false
		}
	}
	return true // every part may be left out
}

// seqAt matches parts at t[i:]: the end, and whether they matched.
func seqAt(t string, i int, parts []Phrases) (int, bool) {
	if len(parts) == 0 {
		return i, true
	}
	for _, w := range parts[0] {
		if w == "" {
			if end, ok := seqAt(t, i, parts[1:]); ok {
				return end, true
			}
			continue
		}
		if w[0] != '*' && w[0] != '=' && (i >= len(t) || w[0] != t[i]) {
			continue // no phrase starting otherwise stands here
		}
		if len(parts) == 1 {
			if end, ok := restAt(t, i, w); ok {
				return end, true
			}
			continue
		}
		// Within the sequence a word ends at the space before the next part.
		if end, ok := restEnd(t, i, w, true); ok && end < len(t) && t[end] == ' ' {
			if end, ok := seqAt(t, end+1, parts[1:]); ok {
				return end, true
			}
		}
		if optional(parts[1:]) {
			if end, ok := restAt(t, i, w); ok {
				return end, true // the parts after it left out
			}
		}
	}
	return 0, false
}

// optional reports whether every part may be left out.
func optional(parts []Phrases) bool {
	for _, p := range parts {
		if !slices.Contains(p, "") {
			return false
		}
	}
	return true
}

// Seqs are alternatives: the one found first in a text counts, and of those
// found at one offset the one listed first.
type Seqs []Seq

// In reports whether one of the sequences stands in t.
func (ss Seqs) In(t string) bool {
	for _, s := range ss {
		if s.In(t) {
			return true
		}
	}
	return false
}

// Find returns where the first sequence found in t starts and ends, or -1, -1.
func (ss Seqs) Find(t string) (int, int) {
	best, end := -1, -1
	for _, s := range ss {
		if at, e := s.Find(t); at >= 0 && (best < 0 || at < best) {
			best, end = at, e
		}
	}
	return best, end
}
