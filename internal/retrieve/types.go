package retrieve

import (
	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/sections"
)

// Turn is one earlier message of the conversation.
type Turn struct {
	Role    string `json:"role"` // user or assistant
	Content string `json:"content"`
}

// Hit is a retrieved section and its final score (higher is better).
type Hit struct {
	Section sections.Section
	Score   float64
}

// Result is what retrieval found for a question.
type Result struct {
	Intent Intent
	// Hits are ordered best first; empty when OutOfScope.
	Hits []Hit
	// OutOfScope is true when the question is not about the PM career ladder
	// (or tries to change the coach's instructions).
	OutOfScope bool
	// Ladder is the ladder the question was read against (nil: the
	// article's), for the answer's names and wording.
	Ladder *ladder.Model `json:"-"`
	// Scope is what the article can do for the question: ScopeIn,
	// ScopeNearby (the hits are the closest it says), ScopeOut or
	// ScopeSmalltalk.
	Scope string
}
