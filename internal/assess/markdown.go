package assess

import (
	"fmt"
	"strings"

	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/mdtext"
)

// notWorkSummary asks for a description of work when there is none.
const notWorkSummary = "This does not read as a description of your work, so I cannot place it on the ladder. " +
	"Describe what you do at work in a few sentences: what you own, who you work with or lead, " +
	"what you decide on your own, and how your success is judged."

// summary is the assessment in two or three plain sentences, including
// what the stated title says against the evidence.
func (a *Assessor) summary(r Result, title string, tl ladder.Level, known, generic bool) string {
	var b strings.Builder
	l, _ := a.model.ByID(r.Level.ID)
	switch {
	case a.model.IsArticle() && l.ID == ladder.IC:
		b.WriteString("What you describe fits the individual-contributor track (Principal or Staff PM): deep expertise and influence across teams without managing people.")
	case !a.model.IsArticle():
		fmt.Fprintf(&b, "What you describe fits the %s level.", l.Name)
	default:
		fmt.Fprintf(&b, "What you describe fits the %s level (“%s” in the article).", l.Name, l.Title)
	}
	title = strings.TrimSpace(title)
	switch {
	case title == "":
	case !known:
		fmt.Fprintf(&b, " “%s” is not a title on this ladder, so the estimate rests on your description alone.", title)
	case titleAgrees(r.Level.ID, tl, generic && a.model.IsArticle()):
		fmt.Fprintf(&b, " That agrees with the title you gave, “%s”.", title)
	default:
		if strings.EqualFold(title, tl.Name) {
			fmt.Fprintf(&b, " Your title is “%s”,", title)
		} else {
			fmt.Fprintf(&b, " Your title, “%s”, is %s on the ladder,", title, tl.Name)
		}
		fmt.Fprintf(&b, " but what you describe matches %s more closely: titles differ between companies, and the ladder places you by what you do and are trusted with.", l.Name)
	}
	if r.Next != nil {
		fmt.Fprintf(&b, " The next rung is %s.", r.Next.Name)
	}
	return b.String()
}

// titleAgrees reports whether a stated title fits the estimated level. A
// bare "Product Manager" fits the first two rungs, which the article names
// with it.
func titleAgrees(id string, tl ladder.Level, generic bool) bool {
	if generic {
		return id == ladder.Associate || id == ladder.Mid
	}
	return tl.ID == id
}

// markdown writes the assessment for a person to read.
func markdown(r Result, a *Assessor, title string, tl ladder.Level, known, generic bool) string {
	var b strings.Builder
	if r.Level == nil {
		b.WriteString("## I could not place this on the ladder\n\n")
		b.WriteString(notWorkSummary)
		if t := strings.TrimSpace(title); t != "" && known {
			fmt.Fprintf(&b, "\n\nA title alone (“%s”) does not place you: the ladder's levels are about what you do and are trusted with.", mdtext.Escape(t))
		}
		b.WriteString("\n\nFor example: “I run the signup funnel, choose what ships from user research and numbers, and share activation figures with stakeholders.”\n")
		return b.String()
	}
	fmt.Fprintf(&b, "## Your level: %s\n\n", r.Level.Name)
	// The summary again, with the title as Markdown text: r.Summary is plain.
	fmt.Fprintf(&b, "%s\n\nConfidence: %.2f (from 0 to 1).\n", a.summary(r, mdtext.Escape(title), tl, known, generic), r.Confidence)
	if len(r.Evidence) > 0 {
		fmt.Fprintf(&b, "\n### What you describe, in %s's words\n\n", a.source())
		for _, ev := range r.Evidence {
			fmt.Fprintf(&b, "- “%s” matches: *%s* (`%s`)\n", mdtext.Escape(ev.Quote), strings.TrimSpace(ev.Item), ev.SectionID)
		}
	}
	var next, skills []Gap
	for _, g := range r.Gaps {
		if strings.HasSuffix(g.SectionID, "/"+ladder.Skills) {
			skills = append(skills, g)
		} else {
			next = append(next, g)
		}
	}
	if len(next) > 0 {
		if r.Next != nil {
			fmt.Fprintf(&b, "\n### What %s %s is expected to do that your description does not show yet\n\n", an(r.Next.Name), r.Next.Name)
		} else {
			b.WriteString("\n### What the track expects that your description does not show yet\n\n")
		}
		for _, g := range next {
			fmt.Fprintf(&b, "- %s (`%s`)\n", strings.TrimSpace(g.Item), g.SectionID)
		}
	}
	if len(skills) > 0 {
		if r.Level.ID == ladder.VP && a.model.IsArticle() {
			fmt.Fprintf(&b, "\n### Skills the article says to develop to scale as %s %s\n\n", an(r.Level.Name), r.Level.Name)
		} else {
			fmt.Fprintf(&b, "\n### Skills %s says to develop as %s %s\n\n", a.source(), an(r.Level.Name), r.Level.Name)
		}
		for _, g := range skills {
			fmt.Fprintf(&b, "- %s (`%s`)\n", strings.TrimSpace(g.Item), g.SectionID)
		}
	}
	return b.String()
}

// an is the indefinite article for a level name.
func an(name string) string {
	if name != "" && strings.ContainsRune("AEIOU", rune(name[0])) {
		return "an"
	}
	return "a"
}

// source is how the assessment names what it quotes.
func (a *Assessor) source() string {
	if a.model.IsArticle() {
		return "the article"
	}
	return "the ladder"
}
