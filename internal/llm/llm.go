// Package llm talks to an OpenAI-compatible chat completion endpoint
// (OpenAI, Ollama, vLLM...) through go-openai.
package llm

// Message is one chat message sent to the model.
type Message struct {
	Role    string // system, user or assistant
	Content string
}
