package main

import (
	"fmt"
	"strings"

	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/ladderfile"
)

// check validates a ladder file and prints what the coach reads from it:
// its levels, facets, parts and section count. A bad file prints every
// problem as FILE:LINE: message and exits 1.
func (p *program) check(args []string) int {
	fs := p.newFlags("check")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return flagError(err)
	}
	if len(pos) != 1 {
		return p.usageError("check needs one ladder file, such as: coach check examples/ladders/minimal.md")
	}
	l, err := ladderfile.Load(pos[0])
	if err != nil {
		fmt.Fprintln(p.stderr, err)
		fmt.Fprintf(p.stderr, "coach: %s is not a valid ladder\n", pos[0])
		return exitFail
	}
	printLadder(p, l)
	return exitOK
}

func printLadder(p *program, l *ladderfile.Ladder) {
	w := p.stdout
	fmt.Fprintf(w, "%s (%s)\n\n", l.Title, l.Path)
	fmt.Fprintf(w, "Levels, lowest first (%d):\n", len(l.Levels))
	rung := map[string]int{}
	for _, lv := range l.Levels {
		rung[lv.Track]++
		track := "main ladder"
		if lv.Track != "" {
			track = lv.Track + " track"
		}
		fmt.Fprintf(w, "  %-24s %s: %s, rung %d", lv.ID, lv.Name, track, rung[lv.Track])
		if lv.From != "" {
			fmt.Fprintf(w, ", branches from %s", lv.From)
		}
		if len(lv.Aliases) > 0 {
			fmt.Fprintf(w, "; also called %s", strings.Join(lv.Aliases, ", "))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "\nFacets (%d):\n", len(l.Facets))
	for _, f := range l.Facets {
		n := 0
		for _, s := range l.Sections {
			if s.Kind == ladderfile.KindLevel && s.Facet == f.ID {
				n++
			}
		}
		fmt.Fprintf(w, "  %-24s \"%s\", in %d of %d levels", f.ID, f.Heading, n, len(l.Levels))
		if f.ID == l.Growth {
			fmt.Fprintf(w, "; the growth facet (skills for the next level), from the %s", l.GrowthFrom)
		} else if id := ladder.FileFacetID(l, f.ID); id != f.ID {
			fmt.Fprintf(w, "; served as %q, the article's %s, from the heading", id, strings.ToLower(ladder.FacetName(id)))
		}
		fmt.Fprintln(w)
	}
	if l.Growth == "" {
		fmt.Fprintln(w, "  no growth facet: no heading says it is about the next level (set \"growth: true\" on one)")
	}
	fmt.Fprintf(w, "\nParts (%d):\n", len(l.Parts))
	for _, pt := range l.Parts {
		role := ""
		switch pt.ID {
		case l.Adjacent:
			role = "; adjacent roles, from the " + l.AdjacentFrom
		case l.Timeline:
			role = "; timeline, from the " + l.TimelineFrom
		}
		fmt.Fprintf(w, "  %-24s \"%s\"%s\n", pt.ID, pt.Heading, role)
	}
	if len(l.Roles) > 0 {
		names := make([]string, len(l.Roles))
		for i, r := range l.Roles {
			names[i] = r.Name
		}
		fmt.Fprintf(w, "  adjacent roles: %s\n", strings.Join(names, "; "))
	}
	fmt.Fprintf(w, "\nSections: %d\n", len(l.Sections))
	for _, warn := range l.Warnings {
		fmt.Fprintf(w, "warning: %s\n", warn)
	}
	fmt.Fprintln(w, "OK")
}
