// Package openaiapi is the OpenAI wire format of the coach's /v1 API: its
// types, the reading of a chat completion request into the coach's
// answer.Request, the conversation's sources text, the reply and the
// chunks of a streamed reply, and OpenAI's error body. It knows nothing of
// gin or of HTTP handlers: the server carries its values in and out.
package openaiapi

import (
	"github.com/ladder/coach/internal/answer"
)

// DefaultModelID is the model name /v1 serves when Deps.ModelID is empty.
const DefaultModelID = "coach"

const (
	// ModelCreated is the fixed "created" time of the coach's model,
	// 2026-01-01T00:00:00Z: the model does not change between starts.
	ModelCreated = 1767225600
	modelOwner   = "coach"

	finishStop = "stop"
)

// Model is one model of GET /v1/models.
type Model struct {
	ID      string `json:"id"`
	Object  string `json:"object"`
	Created int64  `json:"created"`
	OwnedBy string `json:"owned_by"`
}

// ModelList is the body of GET /v1/models.
type ModelList struct {
	Object string  `json:"object"`
	Data   []Model `json:"data"`
}

// ModelInfo is the coach's one model.
func ModelInfo(id string) Model {
	return Model{ID: id, Object: "model", Created: ModelCreated, OwnedBy: modelOwner}
}

// Message roles.
const (
	roleSystem    = "system"
	roleDeveloper = "developer" // OpenAI's newer name for system
	roleUser      = "user"
	roleAssistant = "assistant"
)

// ChatCompletion is the body of a POST /v1/chat/completions reply without
// streaming. Citations is the coach's addition: the same objects as
// /api/chat's, for clients that want more than the sources in the text.
type ChatCompletion struct {
	ID        string             `json:"id"`
	Object    string             `json:"object"`
	Created   int64              `json:"created"`
	Model     string             `json:"model"`
	Choices   []CompletionChoice `json:"choices"`
	Usage     CompletionUsage    `json:"usage"`
	Citations []answer.Citation  `json:"citations"`
	// Suggestions and Scope are the coach's additions too: as /api/chat's.
	Suggestions []string `json:"suggestions"`
	Scope       string   `json:"scope"`
}

// CompletionChoice is the one choice of a ChatCompletion.
type CompletionChoice struct {
	Index        int               `json:"index"`
	Message      CompletionMessage `json:"message"`
	FinishReason string            `json:"finish_reason"`
}

// CompletionMessage is the assistant's message in a CompletionChoice.
type CompletionMessage struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// CompletionUsage counts tokens. The coach has no tokenizer: the counts are
// estimates, about four characters a token.
type CompletionUsage struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
}

// ChatCompletionChunk is one server-sent event of a streamed reply. The
// chunk with the finish reason also carries the citations (the list the
// text's [n] markers count in; [] when there are none); other chunks have
// no citations field.
type ChatCompletionChunk struct {
	ID        string            `json:"id"`
	Object    string            `json:"object"`
	Created   int64             `json:"created"`
	Model     string            `json:"model"`
	Choices   []ChunkChoice     `json:"choices"`
	Usage     *CompletionUsage  `json:"usage,omitempty"`
	Citations []answer.Citation `json:"citations,omitzero"`
	// Suggestions and Scope come with the citations, on the chunk with the
	// finish reason.
	Suggestions []string `json:"suggestions,omitzero"`
	Scope       string   `json:"scope,omitempty"`
}

// ChunkChoice is the one choice of a ChatCompletionChunk.
type ChunkChoice struct {
	Index        int        `json:"index"`
	Delta        ChunkDelta `json:"delta"`
	FinishReason *string    `json:"finish_reason"`
}

// ChunkDelta is what a chunk adds to the message: the role in the first
// chunk, then content.
type ChunkDelta struct {
	Role    string  `json:"role,omitempty"`
	Content *string `json:"content,omitempty"`
}
