package main

import (
	"fmt"
	"log/slog"
	"strings"

	"github.com/ladder/coach/internal/app"
	"github.com/ladder/coach/internal/assess"
	"github.com/ladder/coach/internal/evalset"
)

// eval scores a question set: each failing case, then a last line
// "N passed, M failed". It fails when the pass rate is under --min.
func (p *program) eval(args []string) int {
	fs := p.newFlags("eval")
	minRate := fs.Float64("min", 0, "the lowest pass rate, 0 to 1, that exits 0")
	ladderFile := fs.String("ladder", "", ladderUsage)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return flagError(err)
	}
	if len(pos) != 1 {
		return p.usageError("eval needs one question set file, such as: coach eval eval/public.jsonl --min 0.9")
	}
	if *minRate < 0 || *minRate > 1 {
		return p.usageError("--min is %v; it must be between 0 and 1", *minRate)
	}
	if ok, err := evalset.IsAssessSet(pos[0]); err != nil {
		return p.fail(err)
	} else if ok {
		return p.evalAssess(pos[0], *ladderFile, *minRate)
	}
	cases, err := evalset.LoadFile(pos[0])
	if err != nil {
		return p.fail(err)
	}
	cfg, err := p.configLadder(*ladderFile)
	if err != nil {
		return p.fail(err)
	}
	slog.SetDefault(p.logger(cfg, slog.LevelWarn))
	a, err := app.Build(p.ctx, app.Options{Config: cfg})
	if err != nil {
		return p.fail(err)
	}
	rep := evalset.Run(p.ctx, a, cases)
	for _, res := range rep.Failures() {
		printFailure(p, res)
	}
	note := ""
	if fc, ok := evalset.FirstContactOf(pos[0]); ok {
		note = " (" + fc.String() + ")"
	}
	fmt.Fprintf(p.stdout, "%d passed, %d failed%s\n", rep.Passed, rep.Failed, note)
	if rep.PassRate() < *minRate {
		return exitFail
	}
	return exitOK
}

// evalAssess scores an assessment set (descriptions and the level each
// should get): each description placed off its level, then a last line
// "N exact, M one rung off, K further (of T)". It fails when the exact rate
// is under minRate.
func (p *program) evalAssess(path, ladderFile string, minRate float64) int {
	cases, err := evalset.LoadAssessFile(path)
	if err != nil {
		return p.fail(err)
	}
	corp, err := app.LoadCorpus(p.ladderOnly(ladderFile))
	if err != nil {
		return p.fail(err)
	}
	rep := evalset.RunAssess(assess.NewFor(corp.Sections, corp.Ladder), corp.Ladder, cases)
	for _, r := range rep.Results {
		if r.Off == 0 {
			continue
		}
		want := "none"
		if r.Case.ExpectLevel != nil {
			want = *r.Case.ExpectLevel
		}
		got := r.Got
		if got == "" {
			got = "none"
		}
		if r.Err != nil {
			got = "error: " + r.Err.Error()
		}
		off := "one rung off"
		if r.Off > 1 {
			off = "more than one rung off"
		}
		fmt.Fprintf(p.stdout, "FAIL %s: got %s, expected %s (%s)\n  %s\n\n", r.Case.ID, got, want, off, r.Case.Description)
	}
	note := ""
	if fc, ok := evalset.FirstContactOf(path); ok {
		note = " (" + fc.String() + ")"
	}
	fmt.Fprintf(p.stdout, "%d exact, %d one rung off, %d further (of %d)%s\n", rep.Exact, rep.OneOff, rep.Far, len(rep.Results), note)
	if rep.ExactRate() < minRate {
		return exitFail
	}
	return exitOK
}

func printFailure(p *program, res evalset.Result) {
	w := p.stdout
	fmt.Fprintf(w, "FAIL %s: %s\n", res.Case.ID, res.Case.Question)
	if len(res.Case.History) > 0 {
		fmt.Fprintf(w, "  after %d turns of history\n", len(res.Case.History))
	}
	fmt.Fprintf(w, "  expected: %s\n", res.Case.Expect)
	for _, r := range res.Reasons {
		fmt.Fprintf(w, "  why: %s\n", r)
	}
	top := res.Reply.Citations
	if len(top) > evalset.TopCitations {
		top = top[:evalset.TopCitations]
	}
	if len(top) == 0 {
		fmt.Fprintln(w, "  top citations: none")
	} else {
		parts := make([]string, len(top))
		for i, c := range top {
			parts[i] = fmt.Sprintf("%d. %s (%s)", i+1, c.ID, c.Title)
		}
		fmt.Fprintf(w, "  top citations: %s\n", strings.Join(parts, "; "))
	}
	fmt.Fprintln(w)
}
