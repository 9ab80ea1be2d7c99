package openaiapi

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ladder/coach/internal/answer"
	"github.com/ladder/coach/internal/sections"
)

// chunkJSON renders chunks one a line, for comparing whole streams.
func chunkJSON(t *testing.T, chunks []ChatCompletionChunk) string {
	t.Helper()
	var b strings.Builder
	for _, c := range chunks {
		j, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(j)
		b.WriteByte('\n')
	}
	return b.String()
}

func TestStream(t *testing.T) {
	cites := []answer.Citation{{View: sections.View{ID: "a/x", Title: "A"}, Score: sections.Scored(0)}, {View: sections.View{ID: "b/y", Title: "B"}, Score: sections.Scored(0)}}
	tr := NewStream("chatcmpl-1", 7, "coach", []Message{{"user", "abcd"}}, true)
	var got []ChatCompletionChunk
	for _, ev := range []answer.Event{
		{Name: answer.EventCitations, Data: cites},
		{Name: answer.EventDelta, Data: answer.Delta{Text: "Grow [2]. "}},
		{Name: answer.EventDelta, Data: answer.Delta{Text: ""}},
		{Name: answer.EventDelta, Data: answer.Delta{Text: "More"}},
		{Name: answer.EventError, Data: answer.StreamError{Message: "Stopped."}},
		{Name: answer.EventDone, Data: answer.Done{Mode: answer.ModeLLM, Degraded: true, Citations: []answer.Citation{{View: sections.View{ID: "b/y", Title: "B"}, Items: []int{0}, Score: sections.Scored(0)}}, Suggestions: []string{"Next?"}, Scope: "in"}},
	} {
		got = append(got, tr.Translate(ev)...)
	}
	got = append(got, tr.Finish()...) // nothing more after done
	const head = `{"id":"chatcmpl-1","object":"chat.completion.chunk","created":7,"model":"coach","choices":[`
	want := head + `{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}
` + head + `{"index":0,"delta":{"content":"Grow [2]. "},"finish_reason":null}]}
` + head + `{"index":0,"delta":{"content":"More"},"finish_reason":null}]}
` + head + `{"index":0,"delta":{"content":"\n\nStopped."},"finish_reason":null}]}
` + head + `{"index":0,"delta":{"content":"\n\nSources:\n[2] B (b/y)"},"finish_reason":null}]}
` + head + `{"index":0,"delta":{},"finish_reason":"stop"}],"citations":[{"id":"a/x","title":"A","level":"","facet":"","text":"","items":[],"score":0},{"id":"b/y","title":"B","level":"","facet":"","text":"","items":[0],"score":0}],"suggestions":["Next?"],"scope":"in"}
` + head + `],"usage":{"prompt_tokens":8,"completion_tokens":12,"total_tokens":20}}
`
	if g := chunkJSON(t, got); g != want {
		t.Errorf("chunks:\n%s\nwant:\n%s", g, want)
	}

	// A stream that ends without its done event is still finished; an
	// out-of-scope answer has no sources and an empty citations list.
	tr = NewStream("chatcmpl-1", 7, "coach", nil, false)
	got = tr.Translate(answer.Event{Name: answer.EventCitations, Data: []answer.Citation{}})
	got = append(got, tr.Translate(answer.Event{Name: answer.EventDelta, Data: answer.Delta{Text: "I can only help with the ladder."}})...)
	got = append(got, tr.Finish()...)
	want = head + `{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}
` + head + `{"index":0,"delta":{"content":"I can only help with the ladder."},"finish_reason":null}]}
` + head + `{"index":0,"delta":{},"finish_reason":"stop"}],"citations":[],"suggestions":[]}
`
	if g := chunkJSON(t, got); g != want {
		t.Errorf("chunks:\n%s\nwant:\n%s", g, want)
	}
}
