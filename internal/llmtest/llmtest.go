// Package llmtest serves a fake OpenAI-compatible chat completion endpoint
// for tests: it answers plain and streamed completions with pieces of text,
// paced or failing as a test asks, and records every request it gets, so a
// test can check what the coach sent an LLM and whether it called one at all.
//
// It is imported by tests only; it knows nothing about the coach.
package llmtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// Message is one chat message the fake received.
type Message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// Options say how the fake answers.
type Options struct {
	// Pieces are the reply, streamed one by one or joined when not streamed.
	Pieces []string
	// Reply, when set, computes the pieces from the request's messages
	// instead (an upstream that echoes its system prompt, for example).
	Reply func(msgs []Message) []string
	// Delay is the pause before each streamed piece, and before a plain
	// reply.
	Delay time.Duration
	// Status, when not 0 or 200, is answered with an OpenAI error body
	// instead of a completion.
	Status int
}

// Upstream is a running fake endpoint.
type Upstream struct {
	// URL is the base URL to give the coach as OPENAI_BASE_URL (…/v1).
	URL string

	opts Options
	mu   sync.Mutex
	reqs [][]Message
}

// Start serves the fake until the end of the test.
func Start(t testing.TB, o Options) *Upstream {
	t.Helper()
	u := &Upstream{opts: o}
	srv := httptest.NewServer(http.HandlerFunc(u.serve))
	t.Cleanup(srv.Close)
	u.URL = srv.URL + "/v1"
	return u
}

// Calls is how many chat completions the fake was asked for.
func (u *Upstream) Calls() int {
	u.mu.Lock()
	defer u.mu.Unlock()
	return len(u.reqs)
}

// Requests are the messages of every request, in order.
func (u *Upstream) Requests() [][]Message {
	u.mu.Lock()
	defer u.mu.Unlock()
	return append([][]Message(nil), u.reqs...)
}

func (u *Upstream) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
		http.Error(w, `{"error":{"message":"not found"}}`, http.StatusNotFound)
		return
	}
	var req struct {
		Model    string    `json:"model"`
		Messages []Message `json:"messages"`
		Stream   bool      `json:"stream"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, `{"error":{"message":"bad request"}}`, http.StatusBadRequest)
		return
	}
	u.mu.Lock()
	u.reqs = append(u.reqs, req.Messages)
	u.mu.Unlock()

	if s := u.opts.Status; s != 0 && s != http.StatusOK {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(s)
		fmt.Fprintf(w, `{"error":{"message":"upstream failure %d","type":"server_error"}}`, s)
		return
	}
	pieces := u.opts.Pieces
	if u.opts.Reply != nil {
		pieces = u.opts.Reply(req.Messages)
	}
	if !req.Stream {
		if !sleep(r, u.opts.Delay) {
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{
			"id": "chatcmpl-fake", "object": "chat.completion", "model": req.Model,
			"choices": []map[string]any{{"index": 0, "finish_reason": "stop",
				"message": map[string]string{"role": "assistant", "content": strings.Join(pieces, "")}}},
		})
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	f, _ := w.(http.Flusher)
	for _, p := range pieces {
		if !sleep(r, u.opts.Delay) {
			return
		}
		b, _ := json.Marshal(p)
		fmt.Fprintf(w, "data: {\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"model\":%q,\"choices\":[{\"index\":0,\"delta\":{\"content\":%s}}]}\n\n", req.Model, b)
		if f != nil {
			f.Flush()
		}
	}
	fmt.Fprint(w, "data: [DONE]\n\n")
}

// sleep waits d unless the client leaves first; it reports whether to go on.
func sleep(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	select {
	case <-time.After(d):
		return true
	case <-r.Context().Done():
		return false
	}
}

// SystemPrompt returns the content of the first system message, or "".
func SystemPrompt(msgs []Message) string {
	for _, m := range msgs {
		if m.Role == "system" {
			return m.Content
		}
	}
	return ""
}
