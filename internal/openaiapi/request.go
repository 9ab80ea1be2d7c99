package openaiapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/ladder/coach/internal/answer"
	"github.com/ladder/coach/internal/errs"
	"github.com/ladder/coach/internal/jsontext"
)

// Request is what the coach reads from a chat completion request.
// Other fields (temperature, max_tokens, user, tools...) are accepted and
// ignored: the coach's answers are grounded extracts, not samples.
type Request struct {
	Model        string
	Messages     []Message
	Stream       bool
	IncludeUsage bool
}

// Message is one message of a request, its content flattened to
// text.
type Message struct {
	Role    string
	Content string
}

// ignoredFields are the common OpenAI fields the coach ignores, with the
// JSON type each must still have: a client that sends a wrong type has a
// bug worth hearing about.
var ignoredFields = []struct{ name, want string }{
	{"temperature", "a number"},
	{"top_p", "a number"},
	{"max_tokens", "an integer"},
	{"max_completion_tokens", "an integer"},
	{"n", "an integer"},
	{"user", "a string"},
}

// ParseRequest reads a chat completion request body. Every failure
// is a 400 naming the parameter at fault, as OpenAI does.
func ParseRequest(raw []byte) (Request, *Error) {
	var req Request
	if len(bytes.TrimSpace(raw)) == 0 {
		return req, Invalidf("", CodeInvalidJSON, "the request body is empty; send a JSON object with \"model\" and \"messages\"")
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(raw, &top); err != nil {
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) {
			return req, Invalidf("", CodeInvalidJSON, "the request body must be a JSON object, not %s", jsonKindOf(raw))
		}
		return req, Invalidf("", CodeInvalidJSON, "could not parse the JSON body of the request: %s", jsontext.Describe(err))
	}
	if top == nil {
		return req, Invalidf("", CodeInvalidJSON, "the request body must be a JSON object, not null")
	}
	if msg := jsontext.Check(raw); msg != "" {
		return req, Invalidf("", CodeInvalidJSON, "%s", msg)
	}

	if e := decodeField(top["model"], &req.Model, "model", "a string"); e != nil {
		return req, e
	}
	if e := decodeField(top["stream"], &req.Stream, "stream", "a boolean"); e != nil {
		return req, e
	}
	if raw, ok := top["stream_options"]; ok && !isNull(raw) {
		var opts map[string]json.RawMessage
		if err := json.Unmarshal(raw, &opts); err != nil {
			return req, typeError("stream_options", "an object", raw)
		}
		if e := decodeField(opts["include_usage"], &req.IncludeUsage, "stream_options.include_usage", "a boolean"); e != nil {
			return req, e
		}
	}
	for _, f := range ignoredFields {
		var v any
		switch f.want {
		case "a number":
			v = new(float64)
		case "an integer":
			v = new(int64)
		default:
			v = new(string)
		}
		if e := decodeField(top[f.name], v, f.name, f.want); e != nil {
			return req, e
		}
	}

	msgs, e := parseMessages(top["messages"])
	if e != nil {
		return req, e
	}
	req.Messages = msgs
	return req, nil
}

func parseMessages(raw json.RawMessage) ([]Message, *Error) {
	if isNull(raw) {
		return nil, Invalidf("messages", CodeMissing, "Missing required parameter: 'messages'.")
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, typeError("messages", "an array of messages", raw)
	}
	if len(items) == 0 {
		return nil, Invalidf("messages", CodeEmptyArray,
			"Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.")
	}
	out := make([]Message, len(items))
	for i, item := range items {
		param := fmt.Sprintf("messages[%d]", i)
		var m map[string]json.RawMessage
		if err := json.Unmarshal(item, &m); err != nil || m == nil {
			return nil, typeError(param, "an object", item)
		}
		if isNull(m["role"]) {
			return nil, Invalidf(param+".role", CodeMissing, "Missing required parameter: '%s.role'.", param)
		}
		var role string
		if e := decodeField(m["role"], &role, param+".role", "a string"); e != nil {
			return nil, e
		}
		switch role {
		case roleSystem, roleDeveloper, roleUser, roleAssistant:
		case "tool", "function":
			return nil, Invalidf(param+".role", CodeInvalidValue,
				"Invalid value: '%s'. The coach has no tools or functions; supported roles are 'system', 'developer', 'user' and 'assistant'.", role)
		default:
			return nil, Invalidf(param+".role", CodeInvalidValue,
				"Invalid value: '%s'. Supported values are: 'system', 'developer', 'user' and 'assistant'.", role)
		}
		content, e := parseContent(m["content"], param+".content")
		if e != nil {
			return nil, e
		}
		out[i] = Message{Role: role, Content: content}
	}
	return out, nil
}

// parseContent flattens a message's content: a string, or an array of
// {"type":"text","text":...} parts joined by newlines. Absent or null is
// empty (an assistant message that only called tools).
func parseContent(raw json.RawMessage, param string) (string, *Error) {
	if isNull(raw) {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var parts []json.RawMessage
	if err := json.Unmarshal(raw, &parts); err != nil {
		return "", typeError(param, "a string or an array of text parts", raw)
	}
	texts := make([]string, 0, len(parts))
	for j, p := range parts {
		pp := fmt.Sprintf("%s[%d]", param, j)
		var part map[string]json.RawMessage
		if err := json.Unmarshal(p, &part); err != nil || part == nil {
			return "", typeError(pp, "an object", p)
		}
		var typ, text string
		if e := decodeField(part["type"], &typ, pp+".type", "a string"); e != nil {
			return "", e
		}
		if typ != "text" {
			return "", Invalidf(pp+".type", CodeInvalidValue,
				"Invalid value: '%s'. The coach reads text only: content parts must have type 'text'.", typ)
		}
		if e := decodeField(part["text"], &text, pp+".text", "a string"); e != nil {
			return "", e
		}
		texts = append(texts, text)
	}
	return strings.Join(texts, "\n"), nil
}

// decodeField decodes raw into dst unless it is absent or null.
func decodeField(raw json.RawMessage, dst any, param, want string) *Error {
	if isNull(raw) {
		return nil
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) && outOfRange(raw, want) {
			return Invalidf(param, CodeInvalidValue, "Invalid value for '%s': the number is out of range.", param)
		}
		return typeError(param, want, raw)
	}
	return nil
}

// outOfRange reports whether raw is a number of the kind want names that
// failed to decode only because it is too large (a 10,000-digit integer,
// 1e999): its type was right, its value is not.
func outOfRange(raw json.RawMessage, want string) bool {
	kind := jsonKindOf(raw)
	return (want == "a number" && (kind == "a number" || kind == "a decimal number")) ||
		(want == "an integer" && kind == "a number")
}

func typeError(param, want string, raw json.RawMessage) *Error {
	return Invalidf(param, CodeInvalidType, "Invalid type for '%s': expected %s, but got %s instead.", param, want, jsonKindOf(raw))
}

func isNull(raw json.RawMessage) bool {
	t := bytes.TrimSpace(raw)
	return len(t) == 0 || string(t) == "null"
}

// jsonKindOf names the kind of a JSON value from its first byte.
func jsonKindOf(raw []byte) string {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 {
		return "nothing"
	}
	switch t[0] {
	case '"':
		return "a string"
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	if bytes.ContainsAny(t, ".eE") {
		return "a decimal number"
	}
	return "a number"
}

// ResolveModel checks the request's model against the coach's id: the same
// name, or empty for the default. Anything else is a 404, as OpenAI answers
// for a model it does not have.
func ResolveModel(requested, id string) (string, *Error) {
	if requested == "" || requested == id {
		return id, nil
	}
	return "", ModelNotFound(requested, id)
}

// ToAnswerRequest turns a conversation into the coach's request: the last
// user message is the question, and the user and assistant messages before
// it are the history, of which only the last answer.MaxHistoryTurns are kept
// (chat clients send the whole conversation every time; the coach needs its
// recent turns only). System and developer messages are ignored: the coach's
// grounding and scope are not theirs to change. Messages after the question
// (an assistant prefix) are ignored too. The sources list the coach appends
// to its answers is cut from assistant turns, so history reads as it does
// on /api/chat.
//
// A user message over answer.MaxMessageChars is a 400 naming it; an
// assistant message is cut to that length instead, since its words are a
// model's, not the person's, and a chat UI resends them with every question:
// refusing them would end the conversation.
func ToAnswerRequest(msgs []Message) (answer.Request, *Error) {
	last := -1
	for i := len(msgs) - 1; i >= 0; i-- {
		if msgs[i].Role == roleUser {
			last = i
			break
		}
	}
	if last < 0 {
		return answer.Request{}, Invalidf("messages", CodeNoUserMessage,
			"'messages' must hold a message with role 'user': the last one is the question.")
	}
	question := msgs[last].Content
	if strings.TrimSpace(question) == "" {
		return answer.Request{}, Invalidf(fmt.Sprintf("messages[%d].content", last), CodeEmptyString,
			"The last user message (the question) must not be empty.")
	}

	var history []answer.Turn
	for i, m := range msgs[:last+1] {
		if m.Role != roleUser && m.Role != roleAssistant {
			continue
		}
		content := m.Content
		if m.Role == roleAssistant {
			content = truncateRunes(stripSources(content), answer.MaxMessageChars)
		}
		if n := utf8.RuneCountInString(content); n > answer.MaxMessageChars {
			return answer.Request{}, Invalidf(fmt.Sprintf("messages[%d].content", i), CodeTooLong,
				"messages[%d].content is %d characters long; the limit is %d.", i, n, answer.MaxMessageChars)
		}
		if i == last || strings.TrimSpace(content) == "" {
			continue
		}
		history = append(history, answer.Turn{Role: m.Role, Content: content})
	}
	history = history[max(0, len(history)-answer.MaxHistoryTurns):]

	req := answer.Request{Message: question, History: history}
	if err := req.Validate(); err != nil {
		// The checks above make this unreachable; it guards against limits
		// added to Validate later.
		return answer.Request{}, Invalidf("messages", CodeInvalidValue, "%s", errs.Message(err))
	}
	return req, nil
}

// truncateRunes cuts s to its first n characters.
func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}
