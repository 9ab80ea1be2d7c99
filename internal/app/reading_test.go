package app

import (
	"context"
	"strings"
	"testing"

	"github.com/ladder/coach/internal/answer"
	"github.com/ladder/coach/internal/config"
	"github.com/ladder/coach/internal/llmtest"
)

// TestLLMReading: with the LLM configured the question is read by it first
// (COACH_LLM_READ on, the default), and its reading decides the citations;
// off, the LLM only writes the answer.
func TestLLMReading(t *testing.T) {
	const readingReply = `{"levels":[{"id":"vp","role":"other"},{"id":"senior","role":"self"}],"facet":"skills","transition":false,"scope":"in","nearby":""}`
	isReading := func(msgs []llmtest.Message) bool {
		return strings.Contains(llmtest.SystemPrompt(msgs), `"levels":[{"id":"<level id>"`)
	}
	tests := []struct {
		name      string
		read      bool
		calls     int
		wantLevel string // of the first citation
	}{
		{name: "on", read: true, calls: 2, wantLevel: "senior"},
		{name: "off", read: false, calls: 1, wantLevel: "vp"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := llmtest.Start(t, llmtest.Options{Reply: func(msgs []llmtest.Message) []string {
				if isReading(msgs) {
					return []string{readingReply}
				}
				return []string{"Work on the skills of your level [1]."}
			}})
			cfg := config.Default()
			cfg.BaseURL, cfg.LLMRead = u.URL, tt.read
			a, err := Build(context.Background(), Options{Config: cfg})
			if err != nil {
				t.Fatal(err)
			}
			r, err := a.Chat(context.Background(), answer.Request{
				Message: "we hired a vp last month and I want to impress her, any tips on roadmaps?",
				History: []answer.Turn{{Role: "user", Content: "I'm a senior PM at a fintech."}, {Role: "assistant", Content: "Glad to help."}},
			})
			if err != nil {
				t.Fatal(err)
			}
			if u.Calls() != tt.calls {
				t.Fatalf("%d calls to the LLM, want %d", u.Calls(), tt.calls)
			}
			if got := isReading(u.Requests()[0]); got != tt.read {
				t.Errorf("first call is a reading: %v, want %v", got, tt.read)
			}
			if len(r.Citations) == 0 || r.Citations[0].Level != tt.wantLevel {
				t.Errorf("citations %+v, want %s first", r.Citations, tt.wantLevel)
			}
		})
	}
}
