package app

import (
	"context"
	"testing"

	"github.com/ladder/coach/internal/config"
	"github.com/ladder/coach/internal/plan"
)

func TestPlanner(t *testing.T) {
	set, err := Sections()
	if err != nil {
		t.Fatal(err)
	}
	offline := Planner(config.Config{}, set)
	if offline.LLM != nil {
		t.Error("no LLM is configured, yet the planner has one")
	}
	p, err := offline.Build(context.Background(), plan.Request{Current: "APM", Target: "Senior PM", Weeks: 8})
	if err != nil || p.Mode != plan.ModeOffline || len(p.Phases) != 2 {
		t.Errorf("offline plan: %v, mode %q, %d phases", err, p.Mode, len(p.Phases))
	}
	if Planner(config.Config{APIKey: "sk-test", Model: "m"}, set).LLM == nil {
		t.Error("an API key is set, yet the planner has no LLM")
	}
}
