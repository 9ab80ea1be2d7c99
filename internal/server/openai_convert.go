package server

// The OpenAI dialect of /v1: its wire types, and the pure translation between
// them and the coach's answer types. Nothing here touches gin or HTTP, so
// every rule is tested on its own; openai.go carries the requests.

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/ladder/coach/internal/answer"
	"github.com/ladder/coach/internal/errs"
)

// DefaultModelID is the model name /v1 serves when Deps.ModelID is empty.
const DefaultModelID = "coach"

const (
	// modelCreated is the fixed "created" time of the coach's model,
	// 2026-01-01T00:00:00Z: the model does not change between starts.
	modelCreated = 1767225600
	modelOwner   = "coach"

	finishStop = "stop"
)

// OpenAI error types and codes the coach uses.
const (
	typeInvalidRequest = "invalid_request_error"
	typeServer         = "server_error"

	codeInvalidJSON     = "invalid_json"
	codeInvalidType     = "invalid_type"
	codeInvalidValue    = "invalid_value"
	codeMissing         = "missing_required_parameter"
	codeEmptyArray      = "empty_array"
	codeEmptyString     = "empty_string"
	codeTooLong         = "string_above_max_length"
	codeNoUserMessage   = "missing_user_message"
	codeModelNotFound   = "model_not_found"
	codeTooLarge        = "request_too_large"
	codeUnknownURL      = "unknown_url"
	codeMethodNotAllow  = "method_not_allowed"
	codeUnavailable     = "unavailable"
	codeInvalidAPIKey   = "invalid_api_key"
	codeRateLimited     = "rate_limit_exceeded"
	codeRequestCanceled = "request_cancelled"
)

// OpenAIModel is one model of GET /v1/models.
type OpenAIModel struct {
	ID      string `json:"id"`
	Object  string `json:"object"`
	Created int64  `json:"created"`
	OwnedBy string `json:"owned_by"`
}

// OpenAIModelList is the body of GET /v1/models.
type OpenAIModelList struct {
	Object string        `json:"object"`
	Data   []OpenAIModel `json:"data"`
}

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

// OpenAIErrorBody is the error shape of /v1, OpenAI's:
// {"error":{"message","type","param","code"}}, param and code null when
// they do not apply.
type OpenAIErrorBody struct {
	Error OpenAIErrorDetail `json:"error"`
}

// OpenAIErrorDetail is the inside of OpenAIErrorBody.
type OpenAIErrorDetail struct {
	Message string  `json:"message"`
	Type    string  `json:"type"`
	Param   *string `json:"param"`
	Code    *string `json:"code"`
}

// openAIError is a /v1 failure: the HTTP status and OpenAI's error fields.
type openAIError struct {
	Status  int
	Message string
	Type    string
	Param   string // "" is null
	Code    string // "" is null
}

func (e *openAIError) Error() string { return e.Message }

func (e *openAIError) body() OpenAIErrorBody {
	opt := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	return OpenAIErrorBody{Error: OpenAIErrorDetail{Message: e.Message, Type: e.Type, Param: opt(e.Param), Code: opt(e.Code)}}
}

func invalidf(param, code, format string, args ...any) *openAIError {
	return &openAIError{Status: http.StatusBadRequest, Message: fmt.Sprintf(format, args...),
		Type: typeInvalidRequest, Param: param, Code: code}
}

// codeOfStatus names the code of errors that only have a status: those of
// the middleware and of the fallback routes.
var codeOfStatus = map[int]string{
	http.StatusBadRequest:            codeInvalidValue,
	http.StatusUnauthorized:          codeInvalidAPIKey,
	http.StatusTooManyRequests:       codeRateLimited,
	http.StatusNotFound:              codeUnknownURL,
	http.StatusMethodNotAllowed:      codeMethodNotAllow,
	http.StatusRequestEntityTooLarge: codeTooLarge,
	http.StatusServiceUnavailable:    codeUnavailable,
}

// openAIErrorFor turns a status and a message into a /v1 error.
func openAIErrorFor(status int, msg string) *openAIError {
	typ := typeInvalidRequest
	if status >= 500 {
		typ = typeServer
	}
	return &openAIError{Status: status, Message: msg, Type: typ, Code: codeOfStatus[status]}
}

// openAIErrorOf turns an error of the answer service into a /v1 error, with
// the status of its code.
func openAIErrorOf(err error) *openAIError {
	var e *openAIError
	if errors.As(err, &e) {
		return e
	}
	oe := openAIErrorFor(HTTPStatus(err), errs.Message(err))
	if errs.Code(err) == errs.Invalid {
		oe.Param = "messages"
	}
	return oe
}

// isOpenAIPath reports whether path belongs to the OpenAI-compatible API,
// whose errors take OpenAI's shape.
func isOpenAIPath(path string) bool {
	return path == "/v1" || strings.HasPrefix(path, "/v1/")
}

// modelInfo is the coach's one model.
func modelInfo(id string) OpenAIModel {
	return OpenAIModel{ID: id, Object: "model", Created: modelCreated, OwnedBy: modelOwner}
}

// completionRequest is what the coach reads from a chat completion request.
// Other fields (temperature, max_tokens, user, tools...) are accepted and
// ignored: the coach's answers are grounded extracts, not samples.
type completionRequest struct {
	Model        string
	Messages     []completionMessage
	Stream       bool
	IncludeUsage bool
}

// completionMessage is one message of a request, its content flattened to
// text.
type completionMessage struct {
	Role    string
	Content string
}

// Message roles.
const (
	roleSystem    = "system"
	roleDeveloper = "developer" // OpenAI's newer name for system
	roleUser      = "user"
	roleAssistant = "assistant"
)

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

// parseCompletionRequest reads a chat completion request body. Every failure
// is a 400 naming the parameter at fault, as OpenAI does.
func parseCompletionRequest(raw []byte) (completionRequest, *openAIError) {
	var req completionRequest
	if len(bytes.TrimSpace(raw)) == 0 {
		return req, invalidf("", codeInvalidJSON, "the request body is empty; send a JSON object with \"model\" and \"messages\"")
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(raw, &top); err != nil {
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) {
			return req, invalidf("", codeInvalidJSON, "the request body must be a JSON object, not %s", jsonKindOf(raw))
		}
		return req, invalidf("", codeInvalidJSON, "could not parse the JSON body of the request: %s", describeJSONError(err))
	}
	if top == nil {
		return req, invalidf("", codeInvalidJSON, "the request body must be a JSON object, not null")
	}
	if msg := checkJSONText(raw); msg != "" {
		return req, invalidf("", codeInvalidJSON, "%s", msg)
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

func parseMessages(raw json.RawMessage) ([]completionMessage, *openAIError) {
	if isNull(raw) {
		return nil, invalidf("messages", codeMissing, "Missing required parameter: 'messages'.")
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, typeError("messages", "an array of messages", raw)
	}
	if len(items) == 0 {
		return nil, invalidf("messages", codeEmptyArray,
			"Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.")
	}
	out := make([]completionMessage, len(items))
	for i, item := range items {
		param := fmt.Sprintf("messages[%d]", i)
		var m map[string]json.RawMessage
		if err := json.Unmarshal(item, &m); err != nil || m == nil {
			return nil, typeError(param, "an object", item)
		}
		if isNull(m["role"]) {
			return nil, invalidf(param+".role", codeMissing, "Missing required parameter: '%s.role'.", param)
		}
		var role string
		if e := decodeField(m["role"], &role, param+".role", "a string"); e != nil {
			return nil, e
		}
		switch role {
		case roleSystem, roleDeveloper, roleUser, roleAssistant:
		case "tool", "function":
			return nil, invalidf(param+".role", codeInvalidValue,
				"Invalid value: '%s'. The coach has no tools or functions; supported roles are 'system', 'developer', 'user' and 'assistant'.", role)
		default:
			return nil, invalidf(param+".role", codeInvalidValue,
				"Invalid value: '%s'. Supported values are: 'system', 'developer', 'user' and 'assistant'.", role)
		}
		content, e := parseContent(m["content"], param+".content")
		if e != nil {
			return nil, e
		}
		out[i] = completionMessage{Role: role, Content: content}
	}
	return out, nil
}

// parseContent flattens a message's content: a string, or an array of
// {"type":"text","text":...} parts joined by newlines. Absent or null is
// empty (an assistant message that only called tools).
func parseContent(raw json.RawMessage, param string) (string, *openAIError) {
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
			return "", invalidf(pp+".type", codeInvalidValue,
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
func decodeField(raw json.RawMessage, dst any, param, want string) *openAIError {
	if isNull(raw) {
		return nil
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) && outOfRange(raw, want) {
			return invalidf(param, codeInvalidValue, "Invalid value for '%s': the number is out of range.", param)
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

func typeError(param, want string, raw json.RawMessage) *openAIError {
	return invalidf(param, codeInvalidType, "Invalid type for '%s': expected %s, but got %s instead.", param, want, jsonKindOf(raw))
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

// resolveModel checks the request's model against the coach's id: the same
// name, or empty for the default. Anything else is a 404, as OpenAI answers
// for a model it does not have.
func resolveModel(requested, id string) (string, *openAIError) {
	if requested == "" || requested == id {
		return id, nil
	}
	return "", modelNotFound(requested, id)
}

// modelNotFound is the 404 for a model other than the coach's.
func modelNotFound(requested, id string) *openAIError {
	return &openAIError{Status: http.StatusNotFound, Type: typeInvalidRequest, Param: "model", Code: codeModelNotFound,
		Message: fmt.Sprintf("The model '%s' does not exist. This server has one model, '%s' (GET /v1/models).", clip(requested, 100), id)}
}

// toAnswerRequest turns a conversation into the coach's request: the last
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
func toAnswerRequest(msgs []completionMessage) (answer.Request, *openAIError) {
	last := -1
	for i := len(msgs) - 1; i >= 0; i-- {
		if msgs[i].Role == roleUser {
			last = i
			break
		}
	}
	if last < 0 {
		return answer.Request{}, invalidf("messages", codeNoUserMessage,
			"'messages' must hold a message with role 'user': the last one is the question.")
	}
	question := msgs[last].Content
	if strings.TrimSpace(question) == "" {
		return answer.Request{}, invalidf(fmt.Sprintf("messages[%d].content", last), codeEmptyString,
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
			return answer.Request{}, invalidf(fmt.Sprintf("messages[%d].content", i), codeTooLong,
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
		return answer.Request{}, invalidf("messages", codeInvalidValue, "%s", errs.Message(err))
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

// sourcesHeader starts the sources list appended to an answer.
const sourcesHeader = "\n\nSources:\n"

// sourceLine matches one line of the sources list.
var sourceLine = regexp.MustCompile(`^\[\d+\] .*\(\S+\)$`)

// sourcesText lists the citations as "[n] Title (id)" lines under a
// "Sources:" header, or is empty when there are none.
func sourcesText(cites []answer.Citation) string {
	return numberedSources(cites, cites)
}

// numberedSources lists the cited sections as sourcesText does, each with
// its number in all, the list the text's [n] markers count in. (A streamed
// LLM answer cites some of the sections sent first and keeps their
// numbers.)
func numberedSources(all, cited []answer.Citation) string {
	if len(cited) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(sourcesHeader)
	for i, c := range cited {
		n := i + 1
		for j, a := range all {
			if a.ID == c.ID {
				n = j + 1
				break
			}
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "[%d] %s (%s)", n, c.Title, c.ID)
	}
	return b.String()
}

// stripSources cuts the sources list sourcesText appended from an earlier
// answer; other text is left as it is.
func stripSources(s string) string {
	i := strings.LastIndex(s, sourcesHeader)
	if i < 0 {
		return s
	}
	for _, line := range strings.Split(strings.TrimRight(s[i+len(sourcesHeader):], "\n"), "\n") {
		if !sourceLine.MatchString(line) {
			return s
		}
	}
	return s[:i]
}

// completionContent is the assistant message of a reply: the answer, then
// its sources.
func completionContent(r answer.Reply) string {
	return r.Answer + sourcesText(r.Citations)
}

// estimateTokens estimates the tokens of s at about four characters a token.
func estimateTokens(s string) int {
	return (utf8.RuneCountInString(s) + 3) / 4
}

// estimateUsage estimates a completion's tokens: each message of the request
// costs its text and a few tokens of framing, as OpenAI counts them.
func estimateUsage(msgs []completionMessage, content string) CompletionUsage {
	prompt := 3
	for _, m := range msgs {
		prompt += 4 + estimateTokens(m.Content)
	}
	completion := estimateTokens(content)
	return CompletionUsage{PromptTokens: prompt, CompletionTokens: completion, TotalTokens: prompt + completion}
}

// newCompletionID returns a fresh "chatcmpl-..." id.
func newCompletionID() string {
	return "chatcmpl-" + rand.Text()
}

// newCompletion builds the reply without streaming.
func newCompletion(id string, created int64, model string, r answer.Reply, usage CompletionUsage) ChatCompletion {
	cites := r.Citations
	if cites == nil {
		cites = []answer.Citation{}
	}
	return ChatCompletion{
		ID: id, Object: "chat.completion", Created: created, Model: model,
		Choices: []CompletionChoice{{
			Message:      CompletionMessage{Role: roleAssistant, Content: completionContent(r)},
			FinishReason: finishStop,
		}},
		Usage:       usage,
		Citations:   cites,
		Scope:       r.Scope,
		Suggestions: orEmpty(r.Suggestions),
	}
}

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

// eventTranslator turns the events of a streamed answer (answer.Event)
// into the chunks of an OpenAI stream: the role first, the answer's text as
// it comes, then the sources, the finish with the citations, and the usage
// when asked. It holds the state of one stream.
type eventTranslator struct {
	k chunker
	// msgs are the request's messages, for the usage; includeUsage asks
	// for the usage chunk.
	msgs         []completionMessage
	includeUsage bool

	started     bool
	finished    bool
	cites       []answer.Citation // the citations event's list: the text's [n] count in it
	scope       string            // the done event's scope
	suggestions []string          // the done event's suggestions
	content     strings.Builder   // every piece of content sent
}

// translate returns the chunks for one event; the first event brings the
// role chunk before its own.
func (t *eventTranslator) translate(ev answer.Event) []ChatCompletionChunk {
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

func orEmpty(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

func (t *eventTranslator) text(s string) []ChatCompletionChunk {
	if s == "" {
		return nil
	}
	t.content.WriteString(s)
	return []ChatCompletionChunk{t.k.content(s)}
}

// finish returns the last chunks: the sources of the cited sections
// (nil: every section of the citations event), numbered as the text cites
// them, the finish, and the usage when asked. Later calls return nothing.
func (t *eventTranslator) finish(cited []answer.Citation) []ChatCompletionChunk {
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
		out = append(out, t.k.usage(estimateUsage(t.msgs, t.content.String())))
	}
	return out
}
