package openaiapi

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ladder/coach/internal/answer"
)

func TestEstimateUsage(t *testing.T) {
	for s, want := range map[string]int{"": 0, "a": 1, "abcd": 1, "abcde": 2, "éééé": 1, strings.Repeat("x", 400): 100} {
		if got := estimateTokens(s); got != want {
			t.Errorf("estimateTokens(%q) = %d, want %d", s, got, want)
		}
	}
	u := EstimateUsage([]Message{{"system", "abcd"}, {"user", "abcdefgh"}}, strings.Repeat("x", 40))
	if u != (CompletionUsage{PromptTokens: 3 + 4 + 1 + 4 + 2, CompletionTokens: 10, TotalTokens: 24}) {
		t.Errorf("usage = %+v", u)
	}
}

func TestNewCompletion(t *testing.T) {
	r := answer.Reply{Answer: "Refused.", Mode: answer.ModeOffline, Scope: "out"}
	c := NewCompletion("chatcmpl-x", 42, "coach", r, CompletionUsage{1, 2, 3})
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"chatcmpl-x","object":"chat.completion","created":42,"model":"coach","choices":[{"index":0,"message":{"role":"assistant","content":"Refused."},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3},"citations":[],"suggestions":[],"scope":"out"}`
	if string(b) != want {
		t.Errorf("completion = %s\nwant %s", b, want)
	}
	if id := NewCompletionID(); !strings.HasPrefix(id, "chatcmpl-") || len(id) < 20 || id == NewCompletionID() {
		t.Errorf("NewCompletionID() = %q", id)
	}
}
