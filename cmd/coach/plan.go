package main

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/ladder/coach/internal/app"
	"github.com/ladder/coach/internal/errs"
	"github.com/ladder/coach/internal/plan"
)

// defaultPlanWeeks is the plan length when --weeks is not given: a quarter.
const defaultPlanWeeks = 12

// plan prints a growth plan as Markdown; with --json, exactly the reply
// object POST /api/plan returns. A request the plan rejects (an unknown
// level, a target not above the current level, weeks out of range) is a
// usage error.
func (p *program) plan(args []string) int {
	fs := p.newFlags("plan")
	current := fs.String("current", "", "the mentee's level, such as \"Associate PM\" (any title or alias)")
	target := fs.String("target", "", "where they want to go: a higher level, \"Staff PM\" or an adjacent role such as \"Product Marketing\"")
	weeks := fs.Int("weeks", defaultPlanWeeks, fmt.Sprintf("length of the plan in weeks, %d to %d", plan.MinWeeks, plan.MaxWeeks))
	context := fs.String("context", "", fmt.Sprintf("what is special about the mentee, up to %d characters", plan.MaxContextChars))
	asJSON := fs.Bool("json", false, "print the API's reply object as JSON")
	icsFile := fs.String("ics", "", "also write the check-ins as an iCalendar file (.ics, one event per check-in) to this path")
	startDay := fs.String("start", "", "the first day of the plan for --ics, YYYY-MM-DD (default today)")
	ladderFile := fs.String("ladder", "", ladderUsage)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return flagError(err)
	}
	if len(pos) > 0 {
		return p.usageError("plan takes flags only, got %q; quote titles with spaces: --current \"Associate PM\"", pos)
	}
	req := plan.Request{Current: *current, Target: *target, Weeks: *weeks, Context: *context}
	if err := req.Validate(); err != nil {
		return p.usageError("plan: %s", errs.Message(err))
	}
	start := time.Now()
	if *startDay != "" {
		if *icsFile == "" {
			return p.usageError("plan: --start is the first day of the --ics calendar; give --ics FILE too")
		}
		if start, err = time.Parse(time.DateOnly, *startDay); err != nil {
			return p.usageError("plan: --start must be a day as YYYY-MM-DD, such as 2026-01-05, not %q", *startDay)
		}
	}
	cfg, err := p.configLadder(*ladderFile)
	if err != nil {
		return p.fail(err)
	}
	slog.SetDefault(p.logger(cfg, slog.LevelWarn)) // keep the terminal for the plan
	c, err := app.New(app.Options{Config: cfg})
	if err != nil {
		return p.fail(err)
	}
	pl, err := c.Planner.Build(p.ctx, req)
	if err != nil {
		if errs.Code(err) == errs.Invalid {
			return p.usageError("plan: %s", errs.Message(err))
		}
		return p.fail(err)
	}
	if *icsFile != "" {
		if err := os.WriteFile(*icsFile, []byte(plan.ICS(pl, start, time.Now())), 0o644); err != nil {
			return p.fail(err)
		}
	}
	if *asJSON {
		if err := json.NewEncoder(p.stdout).Encode(pl); err != nil {
			return p.fail(err)
		}
		return exitOK
	}
	fmt.Fprint(p.stdout, pl.Markdown)
	if pl.Degraded {
		fmt.Fprintln(p.stdout, "\n(The language model did not answer; this is the offline plan.)")
	}
	return exitOK
}
