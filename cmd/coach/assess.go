package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/ladder/coach/internal/app"
	"github.com/ladder/coach/internal/assess"
	"github.com/ladder/coach/internal/errs"
)

// assess places a description of someone's work on the ladder and prints
// the assessment as Markdown; with --json, exactly the reply object POST
// /api/assess returns. A description the assessment rejects (empty, too
// long) is a usage error.
func (p *program) assess(args []string) int {
	fs := p.newFlags("assess")
	title := fs.String("title", "", "the person's current title, such as \"Senior PM\" (optional)")
	asJSON := fs.Bool("json", false, "print the API's reply object as JSON")
	ladderFile := fs.String("ladder", "", ladderUsage)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return flagError(err)
	}
	description := strings.TrimSpace(strings.Join(pos, " "))
	if description == "" {
		return p.usageError("assess needs a description of your work, such as: coach assess \"I run the onboarding flow, its roadmap and its metrics...\"")
	}
	corp, err := app.LoadCorpus(p.ladderOnly(*ladderFile))
	if err != nil {
		return p.fail(err)
	}
	r, err := assess.NewFor(corp.Sections, corp.Ladder).Assess(description, *title)
	if err != nil {
		if errs.Code(err) == errs.Invalid {
			return p.usageError("assess: %s", errs.Message(err))
		}
		return p.fail(err)
	}
	if *asJSON {
		return p.printJSON(r)
	}
	fmt.Fprint(p.stdout, r.Markdown)
	return exitOK
}

// compare prints two levels side by side, facet by facet, as Markdown;
// with --json, exactly the reply object GET /api/compare returns.
func (p *program) compare(args []string) int {
	fs := p.newFlags("compare")
	asJSON := fs.Bool("json", false, "print the API's reply object as JSON")
	ladderFile := fs.String("ladder", "", ladderUsage)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return flagError(err)
	}
	if len(pos) != 2 {
		return p.usageError("compare needs two levels, such as: coach compare \"Senior PM\" director (quote titles with spaces)")
	}
	corp, err := app.LoadCorpus(p.ladderOnly(*ladderFile))
	if err != nil {
		return p.fail(err)
	}
	c, err := assess.NewFor(corp.Sections, corp.Ladder).Compare(pos[0], pos[1])
	if err != nil {
		if errs.Code(err) == errs.Invalid {
			return p.usageError("compare: %s", errs.Message(err))
		}
		return p.fail(err)
	}
	if *asJSON {
		return p.printJSON(c)
	}
	fmt.Fprint(p.stdout, c.Markdown())
	return exitOK
}

// printJSON writes v as one JSON object on stdout.
func (p *program) printJSON(v any) int {
	if err := json.NewEncoder(p.stdout).Encode(v); err != nil {
		return p.fail(err)
	}
	return exitOK
}
