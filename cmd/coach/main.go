// Command coach is the PM career coach: an HTTP server and a command line
// over the same grounded answers.
//
// Every command but check takes --ladder FILE (or COACH_LADDER): a ladder
// file to coach on instead of the embedded article.
//
//	coach serve [--addr HOST:PORT]
//	coach ask [--json] "question"
//	coach eval FILE.jsonl [--min 0.9]
//	coach plan --current LEVEL --target LEVEL [--weeks 12] [--context TEXT] [--json]
//	coach assess [--title T] [--json] "description"
//	coach compare A B [--json]
//	coach check FILE.md
//
// It only wires: configuration, logging and the parts built by internal/app,
// carried over HTTP by internal/server or printed to the terminal.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/joho/godotenv"

	"github.com/ladder/coach/internal/config"
)

// Exit codes.
const (
	exitOK    = 0
	exitFail  = 1 // the command ran and failed, or an eval scored under --min
	exitUsage = 2 // bad arguments
)

const usage = `coach: a PM career coach grounded in one article.

Usage:
  coach serve [--addr HOST:PORT]     serve the HTTP API and page (default 127.0.0.1:8080)
  coach ask [--json] "question"      answer one question and list its sources
  coach eval FILE.jsonl [--min 0.9]  score a question set (or an assessment set: exact placements);
                                     exit 1 under the minimum pass rate
  coach plan --current "Associate PM" --target "Senior PM" [--weeks 12] [--context "..."] [--json]
                                     print a growth plan as Markdown (or the API's JSON)
  coach assess [--title T] [--json] "description of your work"
                                     estimate your level from what you do, with evidence and gaps
  coach compare A B [--json]         two levels side by side: what changes, responsibilities,
                                     success, skills (any title or alias: APM, "Group PM", "Staff PM")
  coach check FILE.md                validate a ladder file and print its levels, facets, parts
                                     and section count
  coach help                         show this help

serve, ask, eval, plan, assess and compare take --ladder FILE.md (or COACH_LADDER) to coach on
a ladder file instead of the embedded article.

Settings come from the environment and from .env when present (see .env.example).
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run runs the coach with the process's environment and .env.
func run(args []string, stdout, stderr io.Writer) int {
	p := &program{stdout: stdout, stderr: stderr, getenv: os.Getenv, dotenv: true, ctx: context.Background()}
	return p.run(args)
}

// program is one run of the command, with its outside world injected so
// tests can run it without the process's environment.
type program struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	// dotenv loads .env into the process environment before reading settings.
	dotenv bool
	// ctx ends serve when cancelled, as a signal does.
	ctx context.Context
	// onListen, when set, is told the address serve listens on.
	onListen func(addr string)
}

// subcommands are the commands by name.
var subcommands = map[string]func(*program, []string) int{
	"serve": (*program).serve, "ask": (*program).ask, "eval": (*program).eval, "plan": (*program).plan,
	"assess": (*program).assess, "compare": (*program).compare, "check": (*program).check,
}

func (p *program) run(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(p.stderr, usage)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	if run, ok := subcommands[cmd]; ok {
		return run(p, rest)
	}
	switch cmd {
	case "help", "-h", "-help", "--help":
		fmt.Fprint(p.stdout, usage)
		return exitOK
	}
	fmt.Fprintf(p.stderr, "coach: unknown command %q\n\n%s", cmd, usage)
	return exitUsage
}

// config loads .env (real environment variables win) and the settings.
func (p *program) config() (config.Config, error) {
	if p.dotenv {
		// godotenv.Load never overrides a variable that is already set.
		if err := godotenv.Load(); err != nil && !errors.Is(err, os.ErrNotExist) {
			return config.Config{}, fmt.Errorf("read .env: %w", err)
		}
	}
	return config.Load(p.getenv)
}

// ladderUsage is the help of every subcommand's --ladder flag.
const ladderUsage = "a ladder file (Markdown with YAML front matter) instead of the embedded article (default $COACH_LADDER)"

// configLadder is config with --ladder, when given, over COACH_LADDER.
func (p *program) configLadder(ladderFlag string) (config.Config, error) {
	cfg, err := p.config()
	if err != nil {
		return cfg, err
	}
	if ladderFlag != "" {
		cfg.Ladder = ladderFlag
	}
	return cfg, nil
}

// ladderOnly is the ladder setting alone, for the commands that need no
// other setting (assess, compare): --ladder, else COACH_LADDER from the
// environment or .env.
func (p *program) ladderOnly(ladderFlag string) config.Config {
	cfg := config.Default()
	cfg.Ladder = ladderFlag
	if cfg.Ladder == "" {
		if p.dotenv {
			_ = godotenv.Load() // a broken .env is reported by the commands that read it all
		}
		cfg.Ladder = p.getenv(config.EnvLadder)
	}
	return cfg
}

// logger writes records of level and above to stderr in the configured format.
func (p *program) logger(cfg config.Config, level slog.Level) *slog.Logger {
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == config.LogJSON {
		return slog.New(slog.NewJSONHandler(p.stderr, opts))
	}
	return slog.New(slog.NewTextHandler(p.stderr, opts))
}

// fail prints err and returns the failure exit code.
func (p *program) fail(err error) int {
	fmt.Fprintf(p.stderr, "coach: %v\n", err)
	return exitFail
}

// parseArgs parses flags that may come before or after the positional
// arguments ("eval FILE --min 0.9") and returns the positional ones.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// newFlags returns a flag set that reports errors to stderr with the usage.
func (p *program) newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("coach "+name, flag.ContinueOnError)
	fs.SetOutput(p.stderr)
	return fs
}

// usageError prints a usage problem and returns the usage exit code.
func (p *program) usageError(format string, args ...any) int {
	fmt.Fprintf(p.stderr, "coach: "+format+"\n\n%s", append(args, usage)...)
	return exitUsage
}

// flagError maps a flag parsing error to an exit code: help is not an error.
func flagError(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	return exitUsage
}
