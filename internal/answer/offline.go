package answer

import (
	"fmt"
	"math"
	"strings"

	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/retrieve"
	"github.com/ladder/coach/internal/sections"
)

// ScopeMessage is the reply to a question the article does not cover.
const ScopeMessage = "I can only help with the product management career ladder, from the article I am grounded in: " +
	"the five levels (Associate PM, Mid-level PM, Senior PM, Director of Product/Group PM, VP of Product/CPO), " +
	"what each level changes, its core responsibilities, what success looks like, the skills to build for the next level, " +
	"the individual-contributor track (Principal/Staff PM), moves into adjacent roles, and how long growth takes. " +
	"Try, for example: \"What should I build to become a Senior PM?\""

// SmalltalkMessage answers a greeting or thanks: short, friendly, no
// citations, one question to try.
const SmalltalkMessage = "Happy to help! I coach on the product management career ladder: the levels, what each expects, " +
	"the skills for the next step and the paths beside the ladder. You could ask: \"What should I build to become a Senior PM?\""

// InjectionMessage is the reply to an attempt to change the coach's instructions.
const InjectionMessage = "I can't change how I work or share my instructions. " + ScopeMessage

// Citations turns retrieval hits into citations, best first.
func Citations(hits []retrieve.Hit) []Citation {
	out := make([]Citation, 0, min(len(hits), MaxCitations))
	for i, h := range hits {
		if i == MaxCitations {
			break
		}
		out = append(out, Citation{
			ID: h.Section.ID, Title: h.Section.Title, Level: h.Section.Level, Facet: h.Section.Facet,
			Text: h.Section.Text, Score: math.Round(h.Score*1000) / 1000,
		})
	}
	return out
}

// Offline writes the extractive answer: the article's own lines from the
// sections retrieval picked, introduced by what the question asked and
// cited as [n].
func Offline(res retrieve.Result) Reply {
	scope := ScopeOf(res)
	if scope == retrieve.ScopeSmalltalk {
		return Reply{Answer: SmalltalkMessage, Citations: []Citation{}, Mode: ModeOffline, Scope: scope}
	}
	if res.OutOfScope || len(res.Hits) == 0 {
		msg := ScopeMessage
		if res.Intent.Refusal == retrieve.RefuseInjection {
			msg = InjectionMessage
		}
		return Reply{Answer: msg, Citations: []Citation{}, Mode: ModeOffline, Scope: scope}
	}
	cites := Citations(res.Hits)
	var b strings.Builder
	in := res.Intent
	if scope == retrieve.ScopeNearby {
		fmt.Fprintf(&b, "The article does not cover %s. The closest thing it does say:\n\n", in.Nearby)
	}
	if in.Placed != "" {
		fmt.Fprintf(&b, "From what you describe (\"%s\"), you read as a %s.\n\n", in.PlacedWhy, levelName(in.Placed))
	}
	first := res.Hits[0].Section
	b.WriteString(lead(in, first))
	b.WriteString(" [1]:\n")
	writeItems(&b, first, 8)
	// Up to two more sections, briefly.
	shown := 1
	for i := 1; i < len(res.Hits) && shown < 3; i++ {
		s := res.Hits[i].Section
		items := s.Items()
		if len(items) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n%s [%d]:\n", follow(in, s), i+1)
		writeItems(&b, s, 3)
		shown++
	}
	return Reply{Answer: strings.TrimRight(b.String(), "\n"), Citations: cites, Mode: ModeOffline, Scope: scope}
}

// writeItems writes up to n of the section's lines as a list, verbatim; for
// a skills section, every skill.
func writeItems(b *strings.Builder, s sections.Section, n int) {
	if sk := s.Skills(); len(sk) > 0 {
		for _, k := range sk {
			// The skill's name in bold; the words stay the article's.
			fmt.Fprintf(b, "- **%s**%s\n", k.Name, strings.TrimPrefix(k.Line, k.Name))
		}
		return
	}
	items := s.Items()
	for i, it := range items {
		if i == n {
			break
		}
		fmt.Fprintf(b, "- %s\n", strings.TrimSpace(it))
	}
}

func levelName(id string) string {
	if l, ok := ladder.ByID(id); ok {
		return l.Name
	}
	return id
}

// lead introduces the best section in the words of the question.
func lead(in retrieve.Intent, s sections.Section) string {
	if in.Transition && in.Target != "" && s.Facet == ladder.Skills {
		if below, ok := ladder.Below(in.Target); ok && below.ID == s.Level {
			return fmt.Sprintf("To grow into %s role, the article lists the skills to build while you are at the %s stage",
				withArticle(levelName(in.Target)), below.Name)
		}
	}
	switch s.Level {
	case sections.Introduction, sections.Closing, sections.Adjacent:
		return fmt.Sprintf("The article covers this in \u201c%s\u201d", s.Title)
	case ladder.IC:
		return fmt.Sprintf("On the individual-contributor track (Principal PM, Staff PM, Product Architect), %s", facetPhrase(s.Facet))
	}
	return fmt.Sprintf("For %s, %s", withArticle(levelName(s.Level)), facetPhrase(s.Facet))
}

// withArticle puts "a" or "an" before a level's name.
func withArticle(name string) string {
	if name != "" && strings.ContainsRune("AEIOU", rune(name[0])) {
		return "an " + name
	}
	return "a " + name
}

// follow introduces a further section.
func follow(in retrieve.Intent, s sections.Section) string {
	switch s.Level {
	case sections.Introduction, sections.Closing, sections.Adjacent:
		return "See also \u201c" + s.Title + "\u201d"
	case ladder.IC:
		return "On the IC track, " + facetPhrase(s.Facet)
	}
	if in.Transition && in.Target == s.Level {
		return fmt.Sprintf("Once you are %s, %s", withArticle(levelName(s.Level)), facetPhrase(s.Facet))
	}
	return fmt.Sprintf("For %s, %s", withArticle(levelName(s.Level)), facetPhrase(s.Facet))
}

func facetPhrase(f string) string {
	switch f {
	case ladder.Changes:
		return "this is what changes"
	case ladder.Responsibilities:
		return "these are the core responsibilities"
	case ladder.Success:
		return "this is what success looks like"
	case ladder.Skills:
		return "these are the skills to start developing"
	}
	return "here is how the article describes the level"
}
