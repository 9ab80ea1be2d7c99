// Package answer writes the coach's reply to a question from the sections
// retrieval picked: offline by extracting the article's own lines, or through
// an LLM told to answer from those sections only, falling back to the offline
// answer when the LLM fails.
//
// It has no HTTP in it; transports call Service.
package answer

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/ladder/coach/internal/errs"
	"github.com/ladder/coach/internal/llm"
	"github.com/ladder/coach/internal/retrieve"
	"github.com/ladder/coach/internal/sections"
)

// Limits on a chat request.
const (
	MaxMessageChars = 4000
	MaxHistoryTurns = 50
	// MaxCitations is retrieval's own cap: a reply cites what was found.
	MaxCitations = retrieve.MaxHits
)

// Modes of a reply.
const (
	ModeOffline = "offline"
	ModeLLM     = "llm"
)

// Turn is one earlier message of the conversation.
type Turn = retrieve.Turn

// Request is a question and the conversation before it.
type Request struct {
	Message string `json:"message"`
	History []Turn `json:"history"`
}

// Citation is a section the answer draws on: its verbatim text, the lines
// the answer quotes (Items) and retrieval's score, always set in a reply.
type Citation = sections.Citation

// Reply is the coach's answer.
type Reply struct {
	Answer    string     `json:"answer"`
	Citations []Citation `json:"citations"`
	// Suggestions are two or three follow-up questions; empty for a
	// refusal, one after small talk.
	Suggestions []string `json:"suggestions"`
	Mode        string   `json:"mode"`
	Degraded    bool     `json:"degraded"`
	// Scope is what the article can do for the question: "in", "nearby"
	// (the citations are the closest it says), "out" or "smalltalk".
	Scope string `json:"scope"`
}

// ScopeOf is the scope of a retrieval result.
func ScopeOf(res retrieve.Result) string {
	switch {
	case res.Scope == retrieve.ScopeSmalltalk:
		return retrieve.ScopeSmalltalk
	case res.OutOfScope || len(res.Hits) == 0:
		return retrieve.ScopeOut
	case res.Scope != "":
		return res.Scope
	}
	return retrieve.ScopeIn
}

// Retriever finds the sections for a question.
type Retriever interface {
	Retrieve(ctx context.Context, question string, history []Turn) (retrieve.Result, error)
}

// Completer is an LLM chat endpoint.
type Completer interface {
	// Complete returns the model's whole reply.
	Complete(ctx context.Context, msgs []llm.Message) (string, error)
	// Stream calls onDelta with each piece of the reply as it arrives.
	Stream(ctx context.Context, msgs []llm.Message, onDelta func(string) error) error
}

// Validate checks a request against the limits; the error is an *errs.Error
// with code Invalid.
func (r Request) Validate() error {
	if strings.TrimSpace(r.Message) == "" {
		return errs.New(errs.Invalid, "message must not be empty")
	}
	// A message no longer in bytes than the limit is within it in characters.
	if len(r.Message) > MaxMessageChars {
		if n := utf8.RuneCountInString(r.Message); n > MaxMessageChars {
			return errs.New(errs.Invalid, "message is %d characters long; the limit is %d", n, MaxMessageChars)
		}
	}
	if len(r.History) > MaxHistoryTurns {
		return errs.New(errs.Invalid, "history has %d turns; the limit is %d", len(r.History), MaxHistoryTurns)
	}
	for i, t := range r.History {
		if t.Role != "user" && t.Role != "assistant" {
			return errs.New(errs.Invalid, "history[%d].role must be \"user\" or \"assistant\", not %q", i, t.Role)
		}
		if len(t.Content) > MaxMessageChars && utf8.RuneCountInString(t.Content) > MaxMessageChars {
			return errs.New(errs.Invalid, "history[%d].content is over %d characters", i, MaxMessageChars)
		}
	}
	return nil
}
