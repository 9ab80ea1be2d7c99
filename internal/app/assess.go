package app

import (
	"github.com/ladder/coach/internal/assess"
	"github.com/ladder/coach/internal/sections"
)

// Assessor builds the self-assessment and level comparison over the
// article's sections. It needs no index and no LLM, so a server can assess
// before the index is built, and the level, evidence and gaps stay the
// article's own lines.
func Assessor(set *sections.Set) *assess.Assessor {
	return assess.New(set)
}

// AssessorFor is Assessor over a corpus's sections and ladder.
func AssessorFor(c *Corpus) *assess.Assessor {
	return assess.NewFor(c.Sections, c.Ladder)
}
