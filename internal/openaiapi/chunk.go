package openaiapi

import (
	"strings"

	"github.com/ladder/coach/internal/answer"
)

// chunker builds the chunks of one streamed reply.
type chunker struct {
	id      string
	created int64
	model   string
}

func (k chunker) chunk(delta ChunkDelta, finish *string) ChatCompletionChunk {
	return ChatCompletionChunk{ID: k.id, Object: "chat.completion.chunk", Created: k.created, Model: k.model,
		Choices: []ChunkChoice{{Delta: delta, FinishReason: finish}}}
}

// role is the first chunk: the assistant role and empty content.
func (k chunker) role() ChatCompletionChunk {
	empty := ""
	return k.chunk(ChunkDelta{Role: roleAssistant, Content: &empty}, nil)
}

// content is a chunk of text.
func (k chunker) content(s string) ChatCompletionChunk {
	return k.chunk(ChunkDelta{Content: &s}, nil)
}

// finish is the chunk with the finish reason, and the citations.
func (k chunker) finish(cites []answer.Citation) ChatCompletionChunk {
	stop := finishStop
	c := k.chunk(ChunkDelta{}, &stop)
	c.Citations = cites
	return c
}

// usage is the extra last chunk stream_options.include_usage asks for: no
// choices, the usage.
func (k chunker) usage(u CompletionUsage) ChatCompletionChunk {
	return ChatCompletionChunk{ID: k.id, Object: "chat.completion.chunk", Created: k.created, Model: k.model,
		Choices: []ChunkChoice{}, Usage: &u}
}

// Stream turns the events of a streamed answer (answer.Event)
// into the chunks of an OpenAI stream: the role first, the answer's text as
// it comes, then the sources, the finish with the citations, and the usage
// when asked. It holds the state of one stream.
type Stream struct {
	k chunker
	// msgs are the request's messages, for the usage; includeUsage asks
	// for the usage chunk.
	msgs         []Message
	includeUsage bool

	started     bool
	finished    bool
	cites       []answer.Citation // the citations event's list: the text's [n] count in it
	scope       string            // the done event's scope
	suggestions []string          // the done event's suggestions
	content     strings.Builder   // every piece of content sent
}

// NewStream starts the chunks of one streamed reply: id, created and model
// are those of every chunk; msgs are the request's messages, for the usage
// chunk includeUsage asks for.
func NewStream(id string, created int64, model string, msgs []Message, includeUsage bool) *Stream {
	return &Stream{k: chunker{id: id, created: created, model: model}, msgs: msgs, includeUsage: includeUsage}
}

// Started reports whether a chunk has been made: the reply has begun.
func (t *Stream) Started() bool { return t.started }

// Translate returns the chunks for one event; the first event brings the
// role chunk before its own.
func (t *Stream) Translate(ev answer.Event) []ChatCompletionChunk {
	var out []ChatCompletionChunk
	if !t.started {
		t.started = true
		out = append(out, t.k.role())
	}
	switch d := ev.Data.(type) {
	case []answer.Citation:
		t.cites = d
	case answer.Delta:
		out = append(out, t.text(d.Text)...)
	case answer.StreamError:
		// The answer stopped part-way: say so in the text, as a chat UI
		// shows nothing else.
		out = append(out, t.text("\n\n"+d.Message)...)
	case answer.Done:
		t.scope, t.suggestions = d.Scope, d.Suggestions
		out = append(out, t.finish(d.Citations)...)
	}
	return out
}

// Finish returns the last chunks of a stream that ended without its done
// event (or nothing, after the done event): the sources, the finish and the
// usage when asked.
func (t *Stream) Finish() []ChatCompletionChunk { return t.finish(nil) }

// withItems is cites with the items done gave for the same sections: the
// citations event of an LLM answer goes out before its lines are known.
func withItems(cites, done []answer.Citation) []answer.Citation {
	out := make([]answer.Citation, len(cites))
	for i, c := range cites {
		for _, d := range done {
			if d.ID == c.ID && len(d.Items) > 0 {
				c.Items = d.Items
			}
		}
		out[i] = c
	}
	return out
}

func (t *Stream) text(s string) []ChatCompletionChunk {
	if s == "" {
		return nil
	}
	t.content.WriteString(s)
	return []ChatCompletionChunk{t.k.content(s)}
}

// finish returns the last chunks: the sources of the cited sections
// (nil: every section of the citations event), numbered as the text cites
// them, the finish, and the usage when asked. Later calls return nothing.
func (t *Stream) finish(cited []answer.Citation) []ChatCompletionChunk {
	if t.finished {
		return nil
	}
	t.finished = true
	var out []ChatCompletionChunk
	if !t.started {
		t.started = true
		out = append(out, t.k.role())
	}
	if cited == nil { // no done event: the text may cite any section sent
		cited = t.cites
	}
	if t.cites == nil {
		t.cites = cited
	}
	out = append(out, t.text(numberedSources(t.cites, cited))...)
	cites := t.cites
	if cites == nil {
		cites = []answer.Citation{}
	}
	fin := t.k.finish(withItems(cites, cited))
	fin.Scope, fin.Suggestions = t.scope, orEmpty(t.suggestions)
	out = append(out, fin)
	if t.includeUsage {
		out = append(out, t.k.usage(EstimateUsage(t.msgs, t.content.String())))
	}
	return out
}
