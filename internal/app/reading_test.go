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

// TestLLMOnALadderFile: with a ladder file and the LLM on, the reader's
// prompt and the answer's are the file's (its title, its level ids, never
// product management), the LLM's reading of a file level is taken (its checks are the file's), and the
// streamed answer cites the file's sections.
func TestLLMOnALadderFile(t *testing.T) {
	const readingReply = `{"levels":[{"id":"principal","role":"about"}],"facet":"success","transition":false,"scope":"in","nearby":""}`
	isReading := func(msgs []llmtest.Message) bool {
		return strings.Contains(llmtest.SystemPrompt(msgs), `"levels":[{"id":"<level id>"`)
	}
	u := llmtest.Start(t, llmtest.Options{Reply: func(msgs []llmtest.Message) []string {
		if isReading(msgs) {
			return []string{readingReply}
		}
		return []string{"Success at that level ", "looks like this [1]."}
	}})
	cfg := config.Default()
	cfg.BaseURL, cfg.Ladder = u.URL, "../../examples/ladders/ux-design.md"
	a, err := Build(context.Background(), Options{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	var pieces int
	var done answer.Done
	err = a.ChatStream(context.Background(), answer.Request{Message: "and what does success look like at the very top of the hands-on path?",
		History: []answer.Turn{{Role: "user", Content: "Tell me about the Staff Product Designer."}}}, func(e answer.Event) error {
		switch v := e.Data.(type) {
		case answer.Done:
			done = v
		case answer.Delta:
			pieces++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	reqs := u.Requests()
	if len(reqs) != 2 || !isReading(reqs[0]) {
		t.Fatalf("%d calls, the first a reading: %v", len(reqs), len(reqs) > 0 && isReading(reqs[0]))
	}
	for i, sys := range []string{llmtest.SystemPrompt(reqs[0]), llmtest.SystemPrompt(reqs[1])} {
		if !strings.Contains(sys, "The UX Design Career Ladder") || strings.Contains(strings.ToLower(sys), "product manager career") || strings.Contains(sys, "for product managers") {
			t.Errorf("prompt %d is not the file's:\n%s", i, sys)
		}
	}
	if pieces < 2 || done.Mode != answer.ModeLLM || done.Degraded || len(done.Citations) == 0 || done.Citations[0].Level != "principal" {
		t.Errorf("done %+v", done)
	}
}
