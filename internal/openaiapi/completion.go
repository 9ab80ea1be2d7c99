package openaiapi

import (
	"crypto/rand"
	"unicode/utf8"

	"github.com/ladder/coach/internal/answer"
)

// estimateTokens estimates the tokens of s at about four characters a token.
func estimateTokens(s string) int {
	return (utf8.RuneCountInString(s) + 3) / 4
}

// EstimateUsage estimates a completion's tokens: each message of the request
// costs its text and a few tokens of framing, as OpenAI counts them.
func EstimateUsage(msgs []Message, content string) CompletionUsage {
	prompt := 3
	for _, m := range msgs {
		prompt += 4 + estimateTokens(m.Content)
	}
	completion := estimateTokens(content)
	return CompletionUsage{PromptTokens: prompt, CompletionTokens: completion, TotalTokens: prompt + completion}
}

// NewCompletionID returns a fresh "chatcmpl-..." id.
func NewCompletionID() string {
	return "chatcmpl-" + rand.Text()
}

// NewCompletion builds the reply without streaming.
func NewCompletion(id string, created int64, model string, r answer.Reply, usage CompletionUsage) ChatCompletion {
	cites := r.Citations
	if cites == nil {
		cites = []answer.Citation{}
	}
	return ChatCompletion{
		ID: id, Object: "chat.completion", Created: created, Model: model,
		Choices: []CompletionChoice{{
			Message:      CompletionMessage{Role: roleAssistant, Content: CompletionContent(r)},
			FinishReason: finishStop,
		}},
		Usage:       usage,
		Citations:   cites,
		Scope:       r.Scope,
		Suggestions: orEmpty(r.Suggestions),
	}
}

func orEmpty(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}
