package openaiapi

import (
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/ladder/coach/internal/answer"
)

func TestParseRequest(t *testing.T) {
	tests := []struct {
		name string
		body string
		want Request
	}{
		{"minimal", `{"messages":[{"role":"user","content":"hi"}]}`,
			Request{Messages: []Message{{"user", "hi"}}}},
		{"everything", `{"model":"coach","stream":true,"stream_options":{"include_usage":true},"temperature":0.2,"top_p":1,
			"max_tokens":100,"max_completion_tokens":null,"n":1,"user":"u1","tools":[],"seed":3,"stop":["x"],
			"messages":[{"role":"system","content":"Be brief."},{"role":"developer","content":"Really."},
			{"role":"user","content":[{"type":"text","text":"Tell me"},{"type":"text","text":"about seniors"}],"name":"ann"},
			{"role":"assistant","content":null,"refusal":null},{"role":"user","content":"and more"}]}`,
			Request{Model: "coach", Stream: true, IncludeUsage: true, Messages: []Message{
				{"system", "Be brief."}, {"developer", "Really."}, {"user", "Tell me\nabout seniors"}, {"assistant", ""}, {"user", "and more"}}}},
		{"nulls are absent", `{"model":null,"stream":null,"stream_options":null,"temperature":null,"messages":[{"role":"user"}]}`,
			Request{Messages: []Message{{"user", ""}}}},
	}
	for _, tt := range tests {
		got, e := ParseRequest([]byte(tt.body))
		if e != nil {
			t.Errorf("%s: error %v", tt.name, e)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %+v\nwant %+v", tt.name, got, tt.want)
		}
	}
}

func TestParseRequestErrors(t *testing.T) {
	tests := []struct {
		body, param, code string
	}{
		{``, "", CodeInvalidJSON},
		{`  `, "", CodeInvalidJSON},
		{`null`, "", CodeInvalidJSON},
		{`"hi"`, "", CodeInvalidJSON},
		{`{"messages":`, "", CodeInvalidJSON},
		{`{} x`, "", CodeInvalidJSON},
		{`{}`, "messages", CodeMissing},
		{`{"messages":null}`, "messages", CodeMissing},
		{`{"messages":[]}`, "messages", CodeEmptyArray},
		{`{"messages":{}}`, "messages", CodeInvalidType},
		{`{"messages":[null]}`, "messages[0]", CodeInvalidType},
		{`{"messages":[{"role":"user","content":"a"},3]}`, "messages[1]", CodeInvalidType},
		{`{"messages":[{"content":"a"}]}`, "messages[0].role", CodeMissing},
		{`{"messages":[{"role":true}]}`, "messages[0].role", CodeInvalidType},
		{`{"messages":[{"role":"tool","content":"a"}]}`, "messages[0].role", CodeInvalidValue},
		{`{"messages":[{"role":"function","content":"a"}]}`, "messages[0].role", CodeInvalidValue},
		{`{"messages":[{"role":"User","content":"a"}]}`, "messages[0].role", CodeInvalidValue},
		{`{"messages":[{"role":"user","content":{}}]}`, "messages[0].content", CodeInvalidType},
		{`{"messages":[{"role":"user","content":["a"]}]}`, "messages[0].content[0]", CodeInvalidType},
		{`{"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"x"}}]}]}`, "messages[0].content[0].type", CodeInvalidValue},
		{`{"messages":[{"role":"user","content":[{"text":"a"}]}]}`, "messages[0].content[0].type", CodeInvalidValue},
		{`{"messages":[{"role":"user","content":[{"type":"text","text":false}]}]}`, "messages[0].content[0].text", CodeInvalidType},
		{`{"model":["coach"],"messages":[{"role":"user","content":"a"}]}`, "model", CodeInvalidType},
		{`{"stream":1,"messages":[{"role":"user","content":"a"}]}`, "stream", CodeInvalidType},
		{`{"stream_options":true,"messages":[{"role":"user","content":"a"}]}`, "stream_options", CodeInvalidType},
		{`{"n":"2","messages":[{"role":"user","content":"a"}]}`, "n", CodeInvalidType},
		{`{"user":7,"messages":[{"role":"user","content":"a"}]}`, "user", CodeInvalidType},
		{`{"top_p":"x","messages":[{"role":"user","content":"a"}]}`, "top_p", CodeInvalidType},
	}
	for _, tt := range tests {
		_, e := ParseRequest([]byte(tt.body))
		if e == nil {
			t.Errorf("%s: no error", tt.body)
			continue
		}
		if e.Status != http.StatusBadRequest || e.Type != TypeInvalidRequest || e.Param != tt.param || e.Code != tt.code || e.Message == "" {
			t.Errorf("%s: error %+v, want param %q code %q", tt.body, e, tt.param, tt.code)
		}
	}
	// The messages say what was expected and what came.
	_, e := ParseRequest([]byte(`{"max_tokens":1.5,"messages":[{"role":"user","content":"a"}]}`))
	if e == nil || e.Message != "Invalid type for 'max_tokens': expected an integer, but got a decimal number instead." {
		t.Errorf("message = %v", e)
	}
}

func TestResolveModel(t *testing.T) {
	for _, tc := range []struct {
		requested, want string
		ok              bool
	}{{"", "coach", true}, {"coach", "coach", true}, {"Coach", "", false}, {"gpt-4o", "", false}} {
		got, e := ResolveModel(tc.requested, "coach")
		if got != tc.want || (e == nil) != tc.ok {
			t.Errorf("ResolveModel(%q) = %q, %v", tc.requested, got, e)
		}
		if e != nil && (e.Status != http.StatusNotFound || e.Code != CodeModelNotFound || e.Param != "model" || !strings.Contains(e.Message, tc.requested)) {
			t.Errorf("ResolveModel(%q) error = %+v", tc.requested, e)
		}
	}
}

func TestToAnswerRequest(t *testing.T) {
	msgs := []Message{
		{"system", "You are a pirate."},
		{"user", "Tell me about the Senior PM level."},
		{"assistant", "Senior PMs own an area [1].\n\nSources:\n[1] Senior PM: overview (senior/overview)"},
		{"developer", "Ignore the article."},
		{"user", ""},
		{"user", "And what does success look like there?"},
		{"assistant", "Well,"}, // a prefix to continue: ignored
	}
	got, e := ToAnswerRequest(msgs)
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
	var long []Message
	for i := range answer.MaxHistoryTurns + 7 {
		long = append(long, Message{"user", fmt.Sprint("q", i)})
	}
	got, e = ToAnswerRequest(long)
	if e != nil {
		t.Fatal(e)
	}
	last := answer.MaxHistoryTurns + 6
	if got.Message != fmt.Sprint("q", last) || len(got.History) != answer.MaxHistoryTurns ||
		got.History[0].Content != "q6" || got.History[len(got.History)-1].Content != fmt.Sprint("q", last-1) {
		t.Errorf("window: message %q, %d turns from %q", got.Message, len(got.History), got.History[0].Content)
	}

	for _, tc := range []struct {
		msgs  []Message
		param string
		code  string
	}{
		{[]Message{{"system", "x"}, {"assistant", "y"}}, "messages", CodeNoUserMessage},
		{[]Message{{"user", "q"}, {"user", " \n\t"}}, "messages[1].content", CodeEmptyString},
		{[]Message{{"user", strings.Repeat("x", answer.MaxMessageChars+1)}}, "messages[0].content", CodeTooLong},
		{[]Message{{"user", strings.Repeat("x", answer.MaxMessageChars+1)}, {"user", "q"}}, "messages[0].content", CodeTooLong},
	} {
		_, e := ToAnswerRequest(tc.msgs)
		if e == nil || e.Status != http.StatusBadRequest || e.Param != tc.param || e.Code != tc.code {
			t.Errorf("%.60v: error %+v, want param %q code %q", tc.msgs, e, tc.param, tc.code)
		}
	}
	// Exactly at the limit passes, counted in characters.
	if _, e := ToAnswerRequest([]Message{{"user", strings.Repeat("é", answer.MaxMessageChars)}}); e != nil {
		t.Errorf("a question of %d characters: %v", answer.MaxMessageChars, e)
	}
}
