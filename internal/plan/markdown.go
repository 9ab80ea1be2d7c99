package plan

import (
	"fmt"
	"strings"
)

// Markdown renders a plan: a title, what it covers, the context and how it
// tailored the plan, one heading a phase with a "- [ ]" checklist whose
// items name their section, and the sources.
func Markdown(p Plan, context string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Growth plan: %s → %s\n\n", p.Current.Name, p.Target.Name)
	fmt.Fprintf(&b, "From **%s** to **%s** in %s, in %s. Every item comes from the PM career ladder article and names its section; the sources are listed at the end.\n\n",
		p.Current.Name, p.Target.Name, plural(p.Weeks, "week"), plural(len(p.Phases), "phase"))
	if c := oneLine(context); c != "" {
		fmt.Fprintf(&b, "> Context: %s\n\n", c)
	}
	if p.Tailoring != "" {
		b.WriteString(p.Tailoring + "\n\n")
	}
	if p.Mode == ModeLLM {
		b.WriteString("A language model tailored the wording to the context; each item still cites the section it comes from.\n\n")
	}
	for _, ph := range p.Phases {
		fmt.Fprintf(&b, "## %s: %s\n\n", weeksLabel(ph.Weeks), ph.Title)
		for _, it := range ph.Items {
			b.WriteString("- [ ] ")
			switch it.Emphasis {
			case Focus:
				b.WriteString("**Focus:** ")
			case Lighter:
				b.WriteString("*Lighter touch:* ")
			}
			text := oneLine(it.Text)
			if it.Skill != "" && strings.HasPrefix(text, it.Skill) {
				text = "**" + it.Skill + "**" + strings.TrimPrefix(text, it.Skill)
			}
			fmt.Fprintf(&b, "%s (section `%s`)\n", text, it.CitationID)
		}
		b.WriteString("\n")
	}
	b.WriteString("## Sources\n\n")
	for i, c := range p.Citations {
		fmt.Fprintf(&b, "%d. %s (`%s`)\n", i+1, c.Title, c.ID)
	}
	return b.String()
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
