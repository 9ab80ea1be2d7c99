package app

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ladder/coach/internal/config"
	"github.com/ladder/coach/internal/plan"
)

func TestPlanner(t *testing.T) {
	core, err := New(Options{Config: config.Default()})
	if err != nil {
		t.Fatal(err)
	}
	offline := core.Planner
	if offline.LLM != nil {
		t.Error("no LLM is configured, yet the planner has one")
	}
	p, err := offline.Build(context.Background(), plan.Request{Current: "APM", Target: "Senior PM", Weeks: 8})
	if err != nil || p.Mode != plan.ModeOffline || len(p.Phases) != 2 {
		t.Errorf("offline plan: %v, mode %q, %d phases", err, p.Mode, len(p.Phases))
	}
	cfg := config.Default()
	cfg.APIKey = "sk-test"
	withLLM, err := New(Options{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	if withLLM.Planner.LLM == nil || withLLM.Planner.LLM != withLLM.llm {
		t.Error("an API key is set, yet the planner has not the coach's one LLM client")
	}
}

// The planner talks to an OpenAI-compatible endpoint through the real
// client: the model rewrites item 1's action, every item keeps its source
// line and citation, and a failing endpoint gives the offline plan marked
// degraded.
func TestPlannerWithEndpoint(t *testing.T) {
	var fail atomic.Bool
	var gotPrompt string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/chat/completions" || r.Header.Get("Authorization") != "Bearer sk-test" {
			http.Error(w, "unexpected "+r.URL.Path, http.StatusBadRequest)
			return
		}
		if fail.Load() {
			http.Error(w, `{"error":{"message":"overloaded"}}`, http.StatusServiceUnavailable)
			return
		}
		var body struct {
			Messages []struct{ Content string } `json:"messages"`
		}
		_ = json.NewDecoder(r.Body).Decode(&body)
		if len(body.Messages) > 1 {
			gotPrompt = body.Messages[1].Content
		}
		content := `{"items":[{"n":1,"text":"Practise: Product Thinking — in your fintech team, link each task to user value."}]}`
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"id":"x","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":%q},"finish_reason":"stop"}]}`, content)
	}))
	defer srv.Close()

	cfg := config.Default()
	cfg.BaseURL, cfg.APIKey, cfg.Model, cfg.LLMTimeout = srv.URL+"/v1", "sk-test", "m", 5*time.Second
	core, err := New(Options{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	req := plan.Request{Current: "Associate PM", Target: "Senior PM", Weeks: 12, Context: "fintech"}
	p, err := core.Planner.Build(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	first := p.Phases[0].Items[0]
	if p.Mode != plan.ModeLLM || p.Degraded || first.Action != "Practise: Product Thinking — in your fintech team, link each task to user value." ||
		!strings.HasPrefix(first.Text, "Product Thinking: Start linking") || first.CitationID != "associate/skills" {
		t.Errorf("mode %q degraded %v, first item %+v", p.Mode, p.Degraded, first)
	}
	if !strings.Contains(gotPrompt, "fintech") || !strings.Contains(gotPrompt, "1. Practise: Product Thinking") {
		t.Errorf("prompt lacks the context or the items:\n%s", gotPrompt)
	}

	fail.Store(true)
	p, err = core.Planner.Build(context.Background(), req)
	if err != nil || p.Mode != plan.ModeOffline || !p.Degraded || !strings.HasPrefix(p.Phases[0].Items[0].Text, "Product Thinking: Start linking") {
		t.Errorf("failing endpoint: err %v, mode %q, degraded %v", err, p.Mode, p.Degraded)
	}
}
