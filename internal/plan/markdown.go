package plan

import (
	"fmt"
	"strings"

	"github.com/ladder/coach/internal/mdtext"
)

// Markdown renders a plan: a title, what it covers, the timeline note, the
// context and how it tailored the plan, then a heading a phase with its
// milestone, a "- [ ]" checklist of actions each quoting its source line
// and section, the evidence to collect, the check-in questions and an empty
// "**Notes:**" line (the page fills it in), and the sources.
func Markdown(p Plan, context string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Growth plan: %s → %s\n\n", p.Current.Name, p.Target.Name)
	if p.TimelineNote != "" {
		fmt.Fprintf(&b, "> **Timeline:** %s\n\n", oneLine(p.TimelineNote))
	}
	fmt.Fprintf(&b, "From **%s** to **%s** in %s, in %s. Every action is one the mentee can take now, at their current level, and quotes the line of the PM career ladder article it comes from, with its section; the sources are listed at the end.\n\n",
		p.Current.Name, p.Target.Name, plural(p.Weeks, "week"), plural(len(p.Phases), "phase"))
	if c := oneLine(context); c != "" {
		fmt.Fprintf(&b, "> Context: %s\n\n", mdtext.Escape(c))
	}
	if p.Tailoring != "" {
		b.WriteString(mdtext.Escape(p.Tailoring) + "\n\n") // it quotes the context
	}
	if p.Mode == ModeLLM {
		b.WriteString("A language model tailored the actions' wording to the context; each still quotes and cites the line it comes from.\n\n")
	}
	for _, ph := range p.Phases {
		fmt.Fprintf(&b, "## %s: %s\n\n", weeksLabel(ph.Weeks), ph.Title)
		if ph.Milestone != "" {
			fmt.Fprintf(&b, "**Milestone:** %s\n\n", oneLine(ph.Milestone))
		}
		for _, it := range ph.Items {
			b.WriteString("- [ ] ")
			switch it.Emphasis {
			case Focus:
				b.WriteString("**Focus:** ")
			case Lighter:
				b.WriteString("*Lighter touch:* ")
			}
			b.WriteString(boldPrefix(oneLine(it.Action), p.Mode == ModeLLM) + "\n")
			fmt.Fprintf(&b, "  Source: “%s” (section `%s`)\n", oneLine(it.Text), it.CitationID)
		}
		b.WriteString("\n")
		if len(ph.Evidence) > 0 {
			b.WriteString("**Evidence to collect:**\n\n")
			for _, e := range ph.Evidence {
				fmt.Fprintf(&b, "- %s\n", oneLine(e))
			}
			b.WriteString("\n")
		}
		if len(ph.Checkins) > 0 {
			b.WriteString("**Check-in questions:**\n\n")
			for i, q := range ph.Checkins {
				fmt.Fprintf(&b, "%d. %s\n", i+1, oneLine(q))
			}
			b.WriteString("\n")
		}
		b.WriteString("**Notes:**\n\n")
	}
	b.WriteString("## Sources\n\n")
	for i, c := range p.Citations {
		fmt.Fprintf(&b, "%d. %s (`%s`)\n", i+1, c.Title, c.ID)
	}
	return b.String()
}

// boldPrefix bolds an action's template prefix: "**Practise:** …".
// A model's wording (llm true) is put in as text, escaped.
func boldPrefix(action string, llm bool) string {
	esc := func(s string) string { return s }
	if llm {
		esc = mdtext.Escape
	}
	for _, pre := range []string{practisePrefix, stretchPrefix, askPrefix} {
		if strings.HasPrefix(action, pre) {
			return "**" + strings.TrimSpace(pre) + "** " + esc(strings.TrimPrefix(action, pre))
		}
	}
	return esc(action)
}

// weeksLabel turns "1-4" into "Weeks 1-4" and "3-3" into "Week 3".
func weeksLabel(span string) string {
	lo, hi, ok := strings.Cut(span, "-")
	if ok && lo == hi {
		return "Week " + lo
	}
	return "Weeks " + span
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// oneLine folds runs of white space, newlines included, so a text cannot
// break the Markdown's structure.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
