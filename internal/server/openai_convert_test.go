package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/ladder/coach/internal/answer"
	"github.com/ladder/coach/internal/sections"
)

func TestParseCompletionRequest(t *testing.T) {
	tests := []struct {
		name string
		body string
		want completionRequest
	}{
		{"minimal", `{"messages":[{"role":"user","content":"hi"}]}`,
			completionRequest{Messages: []completionMessage{{"user", "hi"}}}},
		{"everything", `{"model":"coach","stream":true,"stream_options":{"include_usage":true},"temperature":0.2,"top_p":1,
			"max_tokens":100,"max_completion_tokens":null,"n":1,"user":"u1","tools":[],"seed":3,"stop":["x"],
			"messages":[{"role":"system","content":"Be brief."},{"role":"developer","content":"Really."},
			{"role":"user","content":[{"type":"text","text":"Tell me"},{"type":"text","text":"about seniors"}],"name":"ann"},
			{"role":"assistant","content":null,"refusal":null},{"role":"user","content":"and more"}]}`,
			completionRequest{Model: "coach", Stream: true, IncludeUsage: true, Messages: []completionMessage{
				{"system", "Be brief."}, {"developer", "Really."}, {"user", "Tell me\nabout seniors"}, {"assistant", ""}, {"user", "and more"}}}},
		{"nulls are absent", `{"model":null,"stream":null,"stream_options":null,"temperature":null,"messages":[{"role":"user"}]}`,
			completionRequest{Messages: []completionMessage{{"user", ""}}}},
	}
	for _, tt := range tests {
		got, e := parseCompletionRequest([]byte(tt.body))
		if e != nil {
			t.Errorf("%s: error %v", tt.name, e)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %+v\nwant %+v", tt.name, got, tt.want)
		}
	}
}

func TestParseCompletionRequestErrors(t *testing.T) {
	tests := []struct {
		body, param, code string
	}{
		{``, "", codeInvalidJSON},
		{`  `, "", codeInvalidJSON},
		{`null`, "", codeInvalidJSON},
		{`"hi"`, "", codeInvalidJSON},
		{`{"messages":`, "", codeInvalidJSON},
		{`{} x`, "", codeInvalidJSON},
		{`{}`, "messages", codeMissing},
		{`{"messages":null}`, "messages", codeMissing},
		{`{"messages":[]}`, "messages", codeEmptyArray},
		{`{"messages":{}}`, "messages", codeInvalidType},
		{`{"messages":[null]}`, "messages[0]", codeInvalidType},
		{`{"messages":[{"role":"user","content":"a"},3]}`, "messages[1]", codeInvalidType},
		{`{"messages":[{"content":"a"}]}`, "messages[0].role", codeMissing},
		{`{"messages":[{"role":true}]}`, "messages[0].role", codeInvalidType},
		{`{"messages":[{"role":"tool","content":"a"}]}`, "messages[0].role", codeInvalidValue},
		{`{"messages":[{"role":"function","content":"a"}]}`, "messages[0].role", codeInvalidValue},
		{`{"messages":[{"role":"User","content":"a"}]}`, "messages[0].role", codeInvalidValue},
		{`{"messages":[{"role":"user","content":{}}]}`, "messages[0].content", codeInvalidType},
		{`{"messages":[{"role":"user","content":["a"]}]}`, "messages[0].content[0]", codeInvalidType},
		{`{"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"x"}}]}]}`, "messages[0].content[0].type", codeInvalidValue},
		{`{"messages":[{"role":"user","content":[{"text":"a"}]}]}`, "messages[0].content[0].type", codeInvalidValue},
		{`{"messages":[{"role":"user","content":[{"type":"text","text":false}]}]}`, "messages[0].content[0].text", codeInvalidType},
		{`{"model":["coach"],"messages":[{"role":"user","content":"a"}]}`, "model", codeInvalidType},
		{`{"stream":1,"messages":[{"role":"user","content":"a"}]}`, "stream", codeInvalidType},
		{`{"stream_options":true,"messages":[{"role":"user","content":"a"}]}`, "stream_options", codeInvalidType},
		{`{"n":"2","messages":[{"role":"user","content":"a"}]}`, "n", codeInvalidType},
		{`{"user":7,"messages":[{"role":"user","content":"a"}]}`, "user", codeInvalidType},
		{`{"top_p":"x","messages":[{"role":"user","content":"a"}]}`, "top_p", codeInvalidType},
	}
	for _, tt := range tests {
		_, e := parseCompletionRequest([]byte(tt.body))
		if e == nil {
			t.Errorf("%s: no error", tt.body)
			continue
		}
		if e.Status != http.StatusBadRequest || e.Type != typeInvalidRequest || e.Param != tt.param || e.Code != tt.code || e.Message == "" {
			t.Errorf("%s: error %+v, want param %q code %q", tt.body, e, tt.param, tt.code)
		}
	}
	// The messages say what was expected and what came.
	_, e := parseCompletionRequest([]byte(`{"max_tokens":1.5,"messages":[{"role":"user","content":"a"}]}`))
	if e == nil || e.Message != "Invalid type for 'max_tokens': expected an integer, but got a decimal number instead." {
		t.Errorf("message = %v", e)
	}
}

func TestResolveModel(t *testing.T) {
	for _, tc := range []struct {
		requested, want string
		ok              bool
	}{{"", "coach", true}, {"coach", "coach", true}, {"Coach", "", false}, {"gpt-4o", "", false}} {
		got, e := resolveModel(tc.requested, "coach")
		if got != tc.want || (e == nil) != tc.ok {
			t.Errorf("resolveModel(%q) = %q, %v", tc.requested, got, e)
		}
		if e != nil && (e.Status != http.StatusNotFound || e.Code != codeModelNotFound || e.Param != "model" || !strings.Contains(e.Message, tc.requested)) {
			t.Errorf("resolveModel(%q) error = %+v", tc.requested, e)
		}
	}
}

func TestToAnswerRequest(t *testing.T) {
	msgs := []completionMessage{
		{"system", "You are a pirate."},
		{"user", "Tell me about the Senior PM level."},
		{"assistant", "Senior PMs own an area [1].\n\nSources:\n[1] Senior PM: overview (senior/overview)"},
		{"developer", "Ignore the article."},
		{"user", ""},
		{"user", "And what does success look like there?"},
		{"assistant", "Well,"}, // a prefix to continue: ignored
	}
	got, e := toAnswerRequest(msgs)
	if e != nil {
		t.Fatal(e)
	}
	want := answer.Request{Message: "And what does success look like there?", History: []answer.Turn{
		{Role: "user", Content: "Tell me about the Senior PM level."},
		{Role: "assistant", Content: "Senior PMs own an area [1]."},
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}

	// Only the last MaxHistoryTurns turns are kept.
	var long []completionMessage
	for i := range answer.MaxHistoryTurns + 7 {
		long = append(long, completionMessage{"user", fmt.Sprint("q", i)})
	}
	got, e = toAnswerRequest(long)
	if e != nil {
		t.Fatal(e)
	}
	last := answer.MaxHistoryTurns + 6
	if got.Message != fmt.Sprint("q", last) || len(got.History) != answer.MaxHistoryTurns ||
		got.History[0].Content != "q6" || got.History[len(got.History)-1].Content != fmt.Sprint("q", last-1) {
		t.Errorf("window: message %q, %d turns from %q", got.Message, len(got.History), got.History[0].Content)
	}

	for _, tc := range []struct {
		msgs  []completionMessage
		param string
		code  string
	}{
		{[]completionMessage{{"system", "x"}, {"assistant", "y"}}, "messages", codeNoUserMessage},
		{[]completionMessage{{"user", "q"}, {"user", " \n\t"}}, "messages[1].content", codeEmptyString},
		{[]completionMessage{{"user", strings.Repeat("x", answer.MaxMessageChars+1)}}, "messages[0].content", codeTooLong},
		{[]completionMessage{{"user", strings.Repeat("x", answer.MaxMessageChars+1)}, {"user", "q"}}, "messages[0].content", codeTooLong},
	} {
		_, e := toAnswerRequest(tc.msgs)
		if e == nil || e.Status != http.StatusBadRequest || e.Param != tc.param || e.Code != tc.code {
			t.Errorf("%.60v: error %+v, want param %q code %q", tc.msgs, e, tc.param, tc.code)
		}
	}
	// Exactly at the limit passes, counted in characters.
	if _, e := toAnswerRequest([]completionMessage{{"user", strings.Repeat("é", answer.MaxMessageChars)}}); e != nil {
		t.Errorf("a question of %d characters: %v", answer.MaxMessageChars, e)
	}
}

func TestSourcesText(t *testing.T) {
	cites := []answer.Citation{
		{View: sections.View{ID: "senior/success", Title: "Senior PM: What Success Looks Like"}},
		{View: sections.View{ID: "senior/overview", Title: "Senior PM: overview"}},
		{View: sections.View{ID: "mid/skills", Title: "Mid-level PM: Skills"}},
	}
	if got := sourcesText(nil); got != "" {
		t.Errorf("no citations: %q", got)
	}
	want := "\n\nSources:\n[1] Senior PM: What Success Looks Like (senior/success)\n[2] Senior PM: overview (senior/overview)\n[3] Mid-level PM: Skills (mid/skills)"
	if got := sourcesText(cites); got != want {
		t.Errorf("sourcesText = %q\nwant %q", got, want)
	}
	// A streamed LLM answer keeps the numbers of the list sent first.
	want = "\n\nSources:\n[3] Mid-level PM: Skills (mid/skills)\n[1] Senior PM: What Success Looks Like (senior/success)"
	if got := numberedSources(cites, []answer.Citation{cites[2], cites[0]}); got != want {
		t.Errorf("numberedSources = %q\nwant %q", got, want)
	}
	for in, want := range map[string]string{
		"Answer [1]." + sourcesText(cites):          "Answer [1].",
		"Answer [1]." + sourcesText(cites) + "\n":   "Answer [1].",
		"No sources here.":                          "No sources here.",
		"Text\n\nSources:\nmy own list, not a cite": "Text\n\nSources:\nmy own list, not a cite",
		"A" + sourcesText(cites) + "\nmore words":   "A" + sourcesText(cites) + "\nmore words",
	} {
		if got := stripSources(in); got != want {
			t.Errorf("stripSources(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEstimateUsage(t *testing.T) {
	for s, want := range map[string]int{"": 0, "a": 1, "abcd": 1, "abcde": 2, "éééé": 1, strings.Repeat("x", 400): 100} {
		if got := estimateTokens(s); got != want {
			t.Errorf("estimateTokens(%q) = %d, want %d", s, got, want)
		}
	}
	u := estimateUsage([]completionMessage{{"system", "abcd"}, {"user", "abcdefgh"}}, strings.Repeat("x", 40))
	if u != (CompletionUsage{PromptTokens: 3 + 4 + 1 + 4 + 2, CompletionTokens: 10, TotalTokens: 24}) {
		t.Errorf("usage = %+v", u)
	}
}

func TestNewCompletion(t *testing.T) {
	r := answer.Reply{Answer: "Refused.", Mode: answer.ModeOffline, Scope: "out"}
	c := newCompletion("chatcmpl-x", 42, "coach", r, CompletionUsage{1, 2, 3})
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"chatcmpl-x","object":"chat.completion","created":42,"model":"coach","choices":[{"index":0,"message":{"role":"assistant","content":"Refused."},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3},"citations":[],"suggestions":[],"scope":"out"}`
	if string(b) != want {
		t.Errorf("completion = %s\nwant %s", b, want)
	}
	if id := newCompletionID(); !strings.HasPrefix(id, "chatcmpl-") || len(id) < 20 || id == newCompletionID() {
		t.Errorf("newCompletionID() = %q", id)
	}
}

// openAIChunkJSON renders chunks one a line, for comparing whole streams.
func openAIChunkJSON(t *testing.T, chunks []ChatCompletionChunk) string {
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

func TestEventTranslator(t *testing.T) {
	cites := []answer.Citation{{View: sections.View{ID: "a/x", Title: "A"}, Score: sections.Scored(0)}, {View: sections.View{ID: "b/y", Title: "B"}, Score: sections.Scored(0)}}
	k := chunker{id: "chatcmpl-1", created: 7, model: "coach"}
	tr := &eventTranslator{k: k, msgs: []completionMessage{{"user", "abcd"}}, includeUsage: true}
	var got []ChatCompletionChunk
	for _, ev := range []answer.Event{
		{Name: answer.EventCitations, Data: cites},
		{Name: answer.EventDelta, Data: answer.Delta{Text: "Grow [2]. "}},
		{Name: answer.EventDelta, Data: answer.Delta{Text: ""}},
		{Name: answer.EventDelta, Data: answer.Delta{Text: "More"}},
		{Name: answer.EventError, Data: answer.StreamError{Message: "Stopped."}},
		{Name: answer.EventDone, Data: answer.Done{Mode: answer.ModeLLM, Degraded: true, Citations: []answer.Citation{{View: sections.View{ID: "b/y", Title: "B"}, Items: []int{0}, Score: sections.Scored(0)}}, Suggestions: []string{"Next?"}, Scope: "in"}},
	} {
		got = append(got, tr.translate(ev)...)
	}
	got = append(got, tr.finish(nil)...) // nothing more after done
	const head = `{"id":"chatcmpl-1","object":"chat.completion.chunk","created":7,"model":"coach","choices":[`
	want := head + `{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}
` + head + `{"index":0,"delta":{"content":"Grow [2]. "},"finish_reason":null}]}
` + head + `{"index":0,"delta":{"content":"More"},"finish_reason":null}]}
` + head + `{"index":0,"delta":{"content":"\n\nStopped."},"finish_reason":null}]}
` + head + `{"index":0,"delta":{"content":"\n\nSources:\n[2] B (b/y)"},"finish_reason":null}]}
` + head + `{"index":0,"delta":{},"finish_reason":"stop"}],"citations":[{"id":"a/x","title":"A","level":"","facet":"","text":"","items":[],"score":0},{"id":"b/y","title":"B","level":"","facet":"","text":"","items":[0],"score":0}],"suggestions":["Next?"],"scope":"in"}
` + head + `],"usage":{"prompt_tokens":8,"completion_tokens":12,"total_tokens":20}}
`
	if g := openAIChunkJSON(t, got); g != want {
		t.Errorf("chunks:\n%s\nwant:\n%s", g, want)
	}

	// A stream that ends without its done event is still finished; an
	// out-of-scope answer has no sources and an empty citations list.
	tr = &eventTranslator{k: k}
	got = tr.translate(answer.Event{Name: answer.EventCitations, Data: []answer.Citation{}})
	got = append(got, tr.translate(answer.Event{Name: answer.EventDelta, Data: answer.Delta{Text: "I can only help with the ladder."}})...)
	got = append(got, tr.finish(nil)...)
	want = head + `{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}
` + head + `{"index":0,"delta":{"content":"I can only help with the ladder."},"finish_reason":null}]}
` + head + `{"index":0,"delta":{},"finish_reason":"stop"}],"citations":[],"suggestions":[]}
`
	if g := openAIChunkJSON(t, got); g != want {
		t.Errorf("chunks:\n%s\nwant:\n%s", g, want)
	}
}

func TestOpenAIErrorBody(t *testing.T) {
	b, _ := json.Marshal(invalidf("messages[0].role", codeInvalidValue, "bad role").body())
	if string(b) != `{"error":{"message":"bad role","type":"invalid_request_error","param":"messages[0].role","code":"invalid_value"}}` {
		t.Errorf("body = %s", b)
	}
	b, _ = json.Marshal(openAIErrorFor(http.StatusInternalServerError, "internal error").body())
	if string(b) != `{"error":{"message":"internal error","type":"server_error","param":null,"code":null}}` {
		t.Errorf("body = %s", b)
	}
	// Ready for the API keys and rate limits to come: their statuses get OpenAI's codes.
	if openAIErrorFor(http.StatusUnauthorized, "no key").Code != "invalid_api_key" ||
		openAIErrorFor(http.StatusTooManyRequests, "slow down").Code != "rate_limit_exceeded" {
		t.Error("401 or 429 lacks OpenAI's code")
	}
	for path, want := range map[string]bool{"/v1": true, "/v1/": true, "/v1/models": true, "/v10": false, "/api/chat": false, "/": false} {
		if isOpenAIPath(path) != want {
			t.Errorf("isOpenAIPath(%q) = %v", path, !want)
		}
	}
}
