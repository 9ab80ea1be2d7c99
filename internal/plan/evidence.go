package plan

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// spreadEvidence deals the evidence lines out to the phases in order: each
// phase gets at least one, and a line is repeated only when there are fewer
// lines than phases. It returns the lines dealt, in order.
func spreadEvidence(phases []Phase, evidence []ref) []ref {
	var dealt []ref
	m, n := len(evidence), len(phases)
	for i := range phases {
		phases[i].Evidence = []string{}
		if m == 0 {
			continue
		}
		lo, hi := i*m/n, (i+1)*m/n
		if hi <= lo {
			hi = lo + 1
		}
		for _, e := range evidence[lo:min(hi, m)] {
			phases[i].Evidence = append(phases[i].Evidence, fmt.Sprintf("“%s” (%s)", e.line, e.id))
			dealt = append(dealt, e)
		}
	}
	return dealt
}

// maxQuote bounds how much of a line a check-in question quotes.
const maxQuote = 90

// checkins writes each phase's questions for the mentor: what the mentee
// tried for the phase's first action (a Focus one when the context named
// one), what they can show for its first evidence, and what stands between
// them and its milestone.
func checkins(phases []Phase, target string) {
	for i := range phases {
		ph := &phases[i]
		qs := []string{}
		if len(ph.Items) > 0 {
			it := ph.Items[0]
			what := it.Skill
			if what == "" {
				what = "“" + clip(it.Text) + "”"
			}
			switch it.Kind {
			case AskFor:
				if it.Skill == "" {
					qs = append(qs, "Whom did you talk to or shadow since we last met, and what did you learn that you can try at your level?")
					break
				}
				qs = append(qs, fmt.Sprintf("Whom did you ask about %s, and what did you learn that you can try at your level?", what))
			case Stretch:
				qs = append(qs, fmt.Sprintf("What piece of work did you and your manager agree on for %s, and how did it go?", what))
			default:
				qs = append(qs, fmt.Sprintf("Where did you practise %s since we last met, and what would you do differently next time?", what))
			}
		}
		if len(ph.Evidence) > 0 {
			qs = append(qs, fmt.Sprintf("What can you show me so far for %s?", evidenceQuote(ph.Evidence[0])))
		}
		if i == len(phases)-1 {
			qs = append(qs, fmt.Sprintf("Looking back over the plan, what has moved you closest to %s, and what should the next plan focus on?", target))
		} else {
			qs = append(qs, "Which action of this phase is hardest to find room for, and what help do you need from me or your manager?")
		}
		ph.Checkins = qs
	}
}

// evidenceQuote is an evidence string's quoted line, clipped: “…”.
func evidenceQuote(e string) string {
	q := e
	if i := strings.LastIndex(e, "” ("); i > 0 {
		q = strings.TrimPrefix(e[:i], "“")
	}
	return "“" + clip(q) + "”"
}

// clip shortens s to about maxQuote characters at a word boundary.
func clip(s string) string {
	s = oneLine(s)
	if utf8.RuneCountInString(s) <= maxQuote {
		return strings.TrimRight(s, ".")
	}
	r := []rune(s)[:maxQuote]
	t := string(r)
	if i := strings.LastIndex(t, " "); i > 0 {
		t = t[:i]
	}
	return strings.TrimRight(t, ",;:.") + "…"
}
