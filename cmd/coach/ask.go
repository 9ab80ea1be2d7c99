package main

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"

	"github.com/ladder/coach/internal/answer"
	"github.com/ladder/coach/internal/app"
)

// ask answers one question: the answer, then its numbered sources; with
// --json, exactly the reply object POST /api/chat returns.
func (p *program) ask(args []string) int {
	fs := p.newFlags("ask")
	asJSON := fs.Bool("json", false, "print the API's reply object as JSON")
	ladderFile := fs.String("ladder", "", ladderUsage)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return flagError(err)
	}
	question := strings.TrimSpace(strings.Join(pos, " "))
	if question == "" {
		return p.usageError("ask needs a question, such as: coach ask \"Which skills lead to the Director rung?\"")
	}
	cfg, err := p.configLadder(*ladderFile)
	if err != nil {
		return p.fail(err)
	}
	slog.SetDefault(p.logger(cfg, slog.LevelWarn)) // keep the terminal for the answer
	ctx := p.ctx
	a, err := app.Build(ctx, app.Options{Config: cfg})
	if err != nil {
		return p.fail(err)
	}
	reply, err := a.Chat(ctx, answer.Request{Message: question})
	if err != nil {
		return p.fail(err)
	}
	if reply.Citations == nil {
		reply.Citations = []answer.Citation{} // as the API sends it
	}
	if *asJSON {
		enc := json.NewEncoder(p.stdout)
		if err := enc.Encode(reply); err != nil {
			return p.fail(err)
		}
		return exitOK
	}
	printReply(p, reply)
	return exitOK
}

func printReply(p *program, r answer.Reply) {
	fmt.Fprintln(p.stdout, strings.TrimSpace(r.Answer))
	if r.Degraded {
		fmt.Fprintln(p.stdout, "\n(The language model did not answer; this is the offline answer.)")
	}
	if len(r.Citations) > 0 {
		fmt.Fprintln(p.stdout, "\nSources:")
		for i, c := range r.Citations {
			fmt.Fprintf(p.stdout, "[%d] %s (%s)\n", i+1, c.Title, c.ID)
		}
	}
	if len(r.Suggestions) > 0 {
		fmt.Fprintln(p.stdout, "\nYou could ask next:")
		for _, s := range r.Suggestions {
			fmt.Fprintf(p.stdout, "- %s\n", s)
		}
	}
}
