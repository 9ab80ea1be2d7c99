package ladder

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
		if len(parts) == 1 {
			if end, ok := restAt(t, i, w); ok {
				return end, true
			}
			continue
		}
		// Within the sequence a word ends at the space before the next part.
		if end, ok := restAt(t, i, w+"="); ok && end < len(t) && t[end] == ' ' {
			if end, ok := seqAt(t, end+1, parts[1:]); ok {
				return end, true
			}
		}
	}
	return 0, false
}
