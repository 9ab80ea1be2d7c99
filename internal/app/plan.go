package app

import (
	"github.com/ladder/coach/internal/config"
	"github.com/ladder/coach/internal/llm"
	"github.com/ladder/coach/internal/plan"
	"github.com/ladder/coach/internal/sections"
)

// Planner builds the growth-plan service over the article's sections, with
// the LLM when cfg configures one. It needs no index, so a server can plan
// before the index is built.
func Planner(cfg config.Config, set *sections.Set) *plan.Service {
	svc := &plan.Service{Sections: set, Timeout: cfg.LLMTimeout}
	if cfg.LLMEnabled() {
		svc.LLM = llm.New(llmConfig(cfg))
	}
	return svc
}

// PlannerFor is Planner over a corpus's sections.
func PlannerFor(cfg config.Config, c *Corpus) *plan.Service {
	svc := Planner(cfg, c.Sections)
	svc.Ladder = c.Ladder
	return svc
}
