// Package llm talks to an OpenAI-compatible chat completion endpoint
// (OpenAI, Ollama, vLLM...) through go-openai, and offers a remote embedding
// function built on the same settings.
//
// It knows nothing about the article, retrieval or prompts: callers hand it
// messages and get text back.
package llm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/ladder/coach/internal/config"
)

// DefaultTimeout bounds one call when no timeout is given: the coach's
// COACH_LLM_TIMEOUT default, written once, in config.
const DefaultTimeout = config.DefaultLLMTimeout

// emptyMessagesLimit is how many consecutive non-data lines a stream may
// carry; some servers send many keep-alive comments while the model thinks,
// and go-openai's default of 300 would fail those streams.
const emptyMessagesLimit = 100_000

// Message is one chat message sent to the model.
type Message struct {
	Role    string // system, user or assistant
	Content string
}

// Config holds the settings of an OpenAI-compatible endpoint.
type Config struct {
	// BaseURL is the API root, e.g. http://localhost:11434/v1 for Ollama;
	// empty means OpenAI's.
	BaseURL string
	// APIKey is sent as a bearer token; empty sends no Authorization header.
	APIKey string
	// Model is the chat model name.
	Model string
	// Timeout bounds one call (default DefaultTimeout).
	Timeout time.Duration
	// MaxReplyBytes bounds what is read of a reply (default
	// DefaultMaxReplyBytes): a plain reply's body may be 8 times it plus
	// 64 KiB (JSON escapes), a stream's 256 times (a chunk's JSON around
	// each piece); past that the call fails rather than fill the memory.
	MaxReplyBytes int
}

// DefaultMaxReplyBytes is Config.MaxReplyBytes when it is zero.
const DefaultMaxReplyBytes = 32 << 10

// ErrReplyTooLarge is the error of a reply whose body went past the bound
// Config.MaxReplyBytes sets.
var ErrReplyTooLarge = errors.New("llm: the reply is too large")

func (c Config) timeout() time.Duration {
	if c.Timeout <= 0 {
		return DefaultTimeout
	}
	return c.Timeout
}

// openaiClient builds a go-openai client for cfg.
func openaiClient(cfg Config) *openai.Client {
	oc := openai.DefaultConfig(cfg.APIKey)
	if u := strings.TrimSpace(cfg.BaseURL); u != "" {
		oc.BaseURL = strings.TrimRight(u, "/")
	}
	maxReply := int64(cfg.MaxReplyBytes)
	if maxReply <= 0 {
		maxReply = DefaultMaxReplyBytes
	}
	hc := newHTTPClient()
	hc.Transport = limitedTransport{next: hc.Transport, plain: 8*maxReply + 64<<10, stream: 256 * maxReply}
	oc.HTTPClient = hc
	oc.EmptyMessagesLimit = emptyMessagesLimit
	return openai.NewClientWithConfig(oc)
}

// newHTTPClient returns a client with bounded connection setup. It has no
// overall Timeout because that would cut long streams; every call carries a
// context deadline instead.
func newHTTPClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DialContext = (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	t.TLSHandshakeTimeout = 5 * time.Second
	t.IdleConnTimeout = 90 * time.Second
	t.MaxIdleConnsPerHost = 16
	t.ExpectContinueTimeout = time.Second
	return &http.Client{Transport: t}
}

// limitedTransport bounds the bodies of replies, so a server that answers
// megabytes cannot fill the coach's memory: plain replies to plain bytes,
// event streams to stream bytes.
type limitedTransport struct {
	next          http.RoundTripper
	plain, stream int64
}

func (t limitedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(r)
	if err != nil || resp.Body == nil {
		return resp, err
	}
	n := t.plain
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		n = t.stream
	}
	if resp.ContentLength > n {
		resp.Body.Close()
		return nil, fmt.Errorf("%w: %d bytes, over %d", ErrReplyTooLarge, resp.ContentLength, n)
	}
	resp.Body = &limitedBody{ReadCloser: resp.Body, left: n}
	return resp, nil
}

// limitedBody fails with ErrReplyTooLarge once more than left bytes come.
type limitedBody struct {
	io.ReadCloser
	left int64
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		return 0, ErrReplyTooLarge
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.ReadCloser.Read(p)
	b.left -= int64(n)
	return n, err
}

// Client is a chat completion client. It implements answer.Completer and is
// safe for concurrent use.
type Client struct {
	c       *openai.Client
	model   string
	timeout time.Duration
}

// New returns a client for the endpoint cfg describes.
func New(cfg Config) *Client {
	return &Client{c: openaiClient(cfg), model: cfg.Model, timeout: cfg.timeout()}
}

func (c *Client) request(msgs []Message) openai.ChatCompletionRequest {
	req := openai.ChatCompletionRequest{Model: c.model, Messages: make([]openai.ChatCompletionMessage, len(msgs))}
	for i, m := range msgs {
		req.Messages[i] = openai.ChatCompletionMessage{Role: m.Role, Content: m.Content}
	}
	return req
}

// Complete returns the model's whole reply. The call ends by the client's
// timeout or ctx's deadline, whichever comes first.
func (c *Client) Complete(ctx context.Context, msgs []Message) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	resp, err := c.c.CreateChatCompletion(ctx, c.request(msgs))
	if err != nil {
		return "", fmt.Errorf("llm: chat completion: %w", err)
	}
	if len(resp.Choices) == 0 {
		return "", errors.New("llm: chat completion: reply has no choices")
	}
	return resp.Choices[0].Message.Content, nil
}

// Stream calls onDelta with each piece of the reply as it arrives, and stops
// with onDelta's error if it returns one. The call ends by the client's
// timeout or ctx's deadline, whichever comes first; pieces already delivered
// stay delivered.
func (c *Client) Stream(ctx context.Context, msgs []Message, onDelta func(string) error) error {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	stream, err := c.c.CreateChatCompletionStream(ctx, c.request(msgs))
	if err != nil {
		return fmt.Errorf("llm: chat stream: %w", err)
	}
	defer stream.Close()
	for {
		chunk, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("llm: chat stream: %w", err)
		}
		// The usage chunk, and some servers' first chunk, carry no choices.
		if len(chunk.Choices) == 0 || chunk.Choices[0].Delta.Content == "" {
			continue
		}
		if err := onDelta(chunk.Choices[0].Delta.Content); err != nil {
			return err
		}
	}
}
