package answer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ladder/coach/internal/errs"
	"github.com/ladder/coach/internal/llm"
	"github.com/ladder/coach/internal/retrieve"
)

// collect runs ChatStream and returns its events.
func collect(t *testing.T, s *Service, req Request) ([]Event, error) {
	t.Helper()
	var evs []Event
	err := s.ChatStream(context.Background(), req, func(e Event) error {
		evs = append(evs, e)
		return nil
	})
	return evs, err
}

// streamed checks the order of events (citations, deltas, optional error,
// done) and returns the citations, the joined text, the error event if any
// and done.
func streamed(t *testing.T, evs []Event) (cites []Citation, text string, deltas int, serr *StreamError, done Done) {
	t.Helper()
	if len(evs) < 2 || evs[0].Name != EventCitations || evs[len(evs)-1].Name != EventDone {
		t.Fatalf("events = %v; want citations first and done last", names(evs))
	}
	cites = evs[0].Data.([]Citation)
	if cites == nil {
		t.Error("citations event carries nil")
	}
	var b strings.Builder
	for i, e := range evs[1 : len(evs)-1] {
		switch e.Name {
		case EventDelta:
			if serr != nil {
				t.Errorf("delta after the error event")
			}
			b.WriteString(e.Data.(Delta).Text)
			deltas++
		case EventError:
			se := e.Data.(StreamError)
			serr = &se
			if i != len(evs)-3 {
				t.Errorf("error event is not right before done: %v", names(evs))
			}
		default:
			t.Errorf("unexpected event %q in %v", e.Name, names(evs))
		}
	}
	return cites, b.String(), deltas, serr, evs[len(evs)-1].Data.(Done)
}

func names(evs []Event) []string {
	var out []string
	for _, e := range evs {
		out = append(out, e.Name)
	}
	return out
}

func citeIDs(cs []Citation) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

func TestPieces(t *testing.T) {
	for _, text := range []string{
		"For a Senior PM, this is what success looks like [1]:\n- You define outcomes.\n- Others grow. Teams ship.",
		ScopeMessage, "One sentence without a break", "ok", "é€", "Line one\n\nLine three\n",
	} {
		ps := Pieces(text)
		if strings.Join(ps, "") != text {
			t.Errorf("Pieces(%q) = %q: joined differs", text, ps)
		}
		if len(ps) < 2 {
			t.Errorf("Pieces(%q) = %q: fewer than two", text, ps)
		}
		for _, p := range ps {
			if p == "" {
				t.Errorf("Pieces(%q) has an empty piece", text)
			}
		}
	}
	if got := Pieces("A. B? C\nD"); !reflect.DeepEqual(got, []string{"A. ", "B? ", "C\n", "D"}) {
		t.Errorf("Pieces = %q", got)
	}
}

// filterAll runs pieces through a markerFilter for k sections.
func filterAll(k int, pieces ...string) (string, []int) {
	f := newMarkerFilter(k, nil)
	var b strings.Builder
	for _, p := range pieces {
		b.WriteString(f.write(p))
	}
	b.WriteString(f.flush())
	return b.String(), f.cited()
}

func TestMarkerFilter(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		used []int
	}{
		{"Grow [2].", "Grow [2].", []int{2}},
		{"A [4][2] b [2, 4].", "A [4][2] b [2, 4].", []int{4, 2}},
		{"A [1,1] b [Section 3].", "A [1] b [3].", []int{1, 3}},
		{"Range [2-3].", "Range [2, 3].", []int{2, 3}},
		{"Made up [9]. Zero [0], big [99999999999999999999].", "Made up. Zero, big.", nil},
		{"Mixed [9, 2].", "Mixed [2].", []int{2}},
		{"Ends with a bad one [5]", "Ends with a bad one", nil},
		{"Keep [link](x) and [a] as they are [3].", "Keep [link](x) and [a] as they are [3].", []int{3}},
		{"  \n Leading and trailing space [1] \n\n ", "Leading and trailing space [1]", []int{1}},
		{"- one [1]\n- two [7]\n\nThree [2] [8] four.", "- one [1]\n- two\n\nThree [2] four.", []int{1, 2}},
		{"An open [bracket never closes", "An open [bracket never closes", nil},
		{"A [1 that never closes", "A [1 that never closes", nil},
		{"", "", nil},
	} {
		// Every way of cutting the text in two or three gives the same result
		// as the whole text at once: markers split across deltas are held.
		got, used := filterAll(4, tc.in)
		if got != tc.want || !reflect.DeepEqual(used, tc.used) {
			t.Errorf("filter(%q) = %q %v, want %q %v", tc.in, got, used, tc.want, tc.used)
			continue
		}
		for i := 0; i <= len(tc.in); i++ {
			for j := i; j <= len(tc.in); j++ {
				got, used := filterAll(4, tc.in[:i], tc.in[i:j], tc.in[j:])
				if got != tc.want || !reflect.DeepEqual(used, tc.used) {
					t.Fatalf("filter(%q | %q | %q) = %q %v, want %q %v", tc.in[:i], tc.in[i:j], tc.in[j:], got, used, tc.want, tc.used)
				}
			}
		}
	}
}

// The filter gives text out as it comes, holding back only a possible marker
// and trailing space.
func TestMarkerFilterDoesNotHoldText(t *testing.T) {
	f := newMarkerFilter(3, nil)
	for _, tc := range []struct{ in, out string }{
		{"Build influence", "Build influence"},
		{" across teams ", " across teams"},
		{"[", ""},
		{"Section 2", ""},
		{"] and ", " [2] and"},
		{"[link] x", " [link] x"},
	} {
		if got := f.write(tc.in); got != tc.out {
			t.Errorf("write(%q) = %q, want %q", tc.in, got, tc.out)
		}
	}
}

func TestChatStreamOffline(t *testing.T) {
	s := newOfflineService(t)
	for _, req := range []Request{
		{Message: "What should I build to become a Senior PM?"},
		{Message: "and what does success look like at that level?", History: []Turn{
			{Role: "user", Content: "What should I build to become a Senior PM?"},
			{Role: "assistant", Content: "To grow into a Senior PM role..."},
		}},
		{Message: "What's the capital of France?"},
	} {
		want, err := s.Chat(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		evs, err := collect(t, s, req)
		if err != nil {
			t.Fatal(err)
		}
		cites, text, deltas, serr, done := streamed(t, evs)
		if text != want.Answer || deltas < 2 || serr != nil {
			t.Errorf("%q: %d deltas, error %v, text %q\nwant %q", req.Message, deltas, serr, text, want.Answer)
		}
		if !reflect.DeepEqual(cites, want.Citations) || !reflect.DeepEqual(done.Citations, want.Citations) {
			t.Errorf("%q: citations %v / done %v, want %v", req.Message, citeIDs(cites), citeIDs(done.Citations), citeIDs(want.Citations))
		}
		if done.Mode != ModeOffline || done.Degraded {
			t.Errorf("%q: done = %+v", req.Message, done)
		}
	}
}

func TestChatStreamInvalid(t *testing.T) {
	s := newOfflineService(t)
	evs, err := collect(t, s, Request{Message: "  "})
	if errs.Code(err) != errs.Invalid || len(evs) != 0 {
		t.Errorf("blank message: err %v, events %v", err, names(evs))
	}
}

// fakeStreamer streams its pieces, then returns err. With hang it waits for
// release after the pieces, ignoring its context.
type fakeStreamer struct {
	pieces  []string
	err     error
	hang    bool
	release chan struct{}

	mu   sync.Mutex
	msgs []llm.Message
}

func (f *fakeStreamer) Complete(context.Context, []llm.Message) (string, error) {
	return strings.Join(f.pieces, ""), f.err
}

func (f *fakeStreamer) Stream(ctx context.Context, msgs []llm.Message, onDelta func(string) error) error {
	f.mu.Lock()
	f.msgs = msgs
	f.mu.Unlock()
	for _, p := range f.pieces {
		if err := onDelta(p); err != nil {
			return err
		}
	}
	if f.hang {
		<-f.release
	}
	return f.err
}

func fakeLLMService(c Completer, timeout time.Duration) *Service {
	return &Service{Retriever: llmFakeRetriever{llmTestHits}, LLM: c, Timeout: timeout}
}

func TestChatStreamLLM(t *testing.T) {
	fc := &fakeStreamer{pieces: []string{"Practise impact-driven prioritisation [", "3] and build influence [1][9", "]. Own an area [1, 3]; see also [0]."}}
	s := fakeLLMService(fc, 5*time.Second)
	evs, err := collect(t, s, Request{Message: "What should I build to become a Senior PM?"})
	if err != nil {
		t.Fatal(err)
	}
	cites, text, deltas, serr, done := streamed(t, evs)
	if want := "Practise impact-driven prioritisation [3] and build influence [1]. Own an area [1, 3]; see also."; text != want {
		t.Errorf("text = %q\nwant   %q", text, want)
	}
	if deltas < 2 || serr != nil {
		t.Errorf("%d deltas, error %v", deltas, serr)
	}
	// The citations come first, numbered as in the prompt.
	if !reflect.DeepEqual(cites, Citations(llmTestHits)) {
		t.Errorf("citations = %v", citeIDs(cites))
	}
	if done.Mode != ModeLLM || done.Degraded {
		t.Errorf("done = %+v", done)
	}
	// done keeps the used ones, in the first list's order.
	if got := citeIDs(done.Citations); !reflect.DeepEqual(got, []string{"mid/skills", "senior/success"}) {
		t.Errorf("done citations = %v", got)
	}
	if len(fc.msgs) == 0 || fc.msgs[0].Role != "system" {
		t.Errorf("prompt = %+v", fc.msgs)
	}
}

// An answer citing nothing keeps every citation, as the plain reply does.
func TestChatStreamLLMNoMarkers(t *testing.T) {
	s := fakeLLMService(&fakeStreamer{pieces: []string{"Own an area ", "end to end."}}, 5*time.Second)
	evs, err := collect(t, s, Request{Message: "senior pm?"})
	if err != nil {
		t.Fatal(err)
	}
	_, text, _, _, done := streamed(t, evs)
	if text != "Own an area end to end." || len(done.Citations) != len(llmTestHits) {
		t.Errorf("text %q, done %+v", text, done)
	}
}

func wantOfflineDegraded(t *testing.T, req Request, evs []Event) {
	t.Helper()
	cites, text, deltas, serr, done := streamed(t, evs)
	off := Compose(req, retrieve.Result{Hits: llmTestHits})
	if text != off.Answer || deltas < 2 || serr != nil {
		t.Errorf("text = %q (%d deltas, error %v), want the offline answer %q", text, deltas, serr, off.Answer)
	}
	// The citations event came before the LLM failed: without items.
	if !reflect.DeepEqual(cites, withoutItems(off.Citations)) || !reflect.DeepEqual(done, Done{Mode: ModeOffline, Degraded: true, Citations: off.Citations, Suggestions: off.Suggestions, Scope: off.Scope}) {
		t.Errorf("citations %v, done %+v", citeIDs(cites), done)
	}
}

func TestChatStreamLLMFailsBeforeText(t *testing.T) {
	for name, fc := range map[string]*fakeStreamer{
		"error":         {err: errors.New("upstream 500")},
		"only spaces":   {pieces: []string{"  ", "\n"}},
		"only bad refs": {pieces: []string{"[7] ", "[9]"}},
	} {
		t.Run(name, func(t *testing.T) {
			req := Request{Message: "What does a senior PM do?"}
			evs, err := collect(t, fakeLLMService(fc, 5*time.Second), req)
			if err != nil {
				t.Fatal(err)
			}
			wantOfflineDegraded(t, req, evs)
		})
	}
}

func TestChatStreamLLMTimeoutBeforeText(t *testing.T) {
	fc := &fakeStreamer{hang: true, release: make(chan struct{})}
	defer close(fc.release)
	start := time.Now()
	req := Request{Message: "senior pm?"}
	evs, err := collect(t, fakeLLMService(fc, 100*time.Millisecond), req)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v with a 100ms timeout", d)
	}
	wantOfflineDegraded(t, req, evs)
}

func TestChatStreamLLMFailsMidway(t *testing.T) {
	for name, fc := range map[string]*fakeStreamer{
		"error":   {pieces: []string{"Own an area [2] ", "end to"}, err: errors.New("connection reset")},
		"timeout": {pieces: []string{"Own an area [2] ", "end to"}, hang: true, release: make(chan struct{})},
	} {
		t.Run(name, func(t *testing.T) {
			if fc.release != nil {
				defer close(fc.release)
			}
			evs, err := collect(t, fakeLLMService(fc, 200*time.Millisecond), Request{Message: "senior pm?"})
			if err != nil {
				t.Fatal(err)
			}
			_, text, _, serr, done := streamed(t, evs)
			if text != "Own an area [2] end to" {
				t.Errorf("text = %q", text)
			}
			if serr == nil || serr.Message == "" || strings.Contains(serr.Message, "reset") {
				t.Errorf("error event = %+v: want a message for the reader, without internals", serr)
			}
			if done.Mode != ModeLLM || !done.Degraded || !reflect.DeepEqual(citeIDs(done.Citations), []string{"senior/responsibilities"}) {
				t.Errorf("done = %+v", done)
			}
		})
	}
}

// When emit fails (the client left), the stream stops with that error and
// the LLM call is cancelled.
func TestChatStreamEmitError(t *testing.T) {
	gone := errors.New("client gone")
	cancelled := make(chan error, 1)
	fc := &ctxStreamer{onCancel: func(err error) { cancelled <- err }}
	s := fakeLLMService(fc, 5*time.Second)
	n := 0
	err := s.ChatStream(context.Background(), Request{Message: "senior pm?"}, func(e Event) error {
		n++
		if e.Name == EventDelta {
			return gone
		}
		return nil
	})
	if !errors.Is(err, gone) || n != 2 {
		t.Errorf("err = %v after %d events", err, n)
	}
	select {
	case err := <-cancelled:
		if err == nil {
			t.Error("the LLM stream stopped without its context being cancelled")
		}
	case <-time.After(2 * time.Second):
		t.Error("the LLM stream was not cancelled")
	}
}

// ctxStreamer writes pieces until its context ends.
type ctxStreamer struct{ onCancel func(error) }

func (c *ctxStreamer) Complete(context.Context, []llm.Message) (string, error) { return "", nil }

func (c *ctxStreamer) Stream(ctx context.Context, _ []llm.Message, onDelta func(string) error) error {
	for i := 0; ; i++ {
		if err := onDelta(fmt.Sprintf("word%d ", i)); err != nil {
			c.onCancel(ctx.Err())
			return err
		}
	}
}

// llmStreamWith is an upstream that streams pieces as OpenAI's server-sent
// chunks, flushing after each; with hang it then waits for the client to go.
func llmStreamWith(pieces []string, hang bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		fl := w.(http.Flusher)
		for _, p := range pieces {
			b, _ := json.Marshal(p)
			fmt.Fprintf(w, "data: {\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":%s}}]}\n\n", b)
			fl.Flush()
		}
		if hang {
			<-r.Context().Done()
			return
		}
		fmt.Fprint(w, "data: [DONE]\n\n")
	}
}

func TestChatStreamThroughLLMClient(t *testing.T) {
	srv, body := llmFakeUpstream(t, llmStreamWith([]string{"Build influence ", "[1", "] and own an area [2]", " [9]."}, false))
	evs, err := collect(t, newLLMService(srv, 5*time.Second), Request{Message: "What should I build to become a Senior PM?"})
	if err != nil {
		t.Fatal(err)
	}
	if (*body)["stream"] != true {
		t.Errorf("upstream request did not ask to stream: %v", *body)
	}
	_, text, deltas, serr, done := streamed(t, evs)
	if text != "Build influence [1] and own an area [2]." || deltas < 2 || serr != nil {
		t.Errorf("text %q, %d deltas, error %v", text, deltas, serr)
	}
	if done.Mode != ModeLLM || done.Degraded || !reflect.DeepEqual(citeIDs(done.Citations), []string{"mid/skills", "senior/responsibilities"}) {
		t.Errorf("done = %+v", done)
	}
}

func TestChatStreamThroughLLMClientUpstreamError(t *testing.T) {
	srv, _ := llmFakeUpstream(t, func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, `{"error":{"message":"boom"}}`, http.StatusInternalServerError)
	})
	req := Request{Message: "What does a senior PM do?"}
	evs, err := collect(t, newLLMService(srv, 5*time.Second), req)
	if err != nil {
		t.Fatal(err)
	}
	wantOfflineDegraded(t, req, evs)
}

func TestChatStreamThroughLLMClientHangs(t *testing.T) {
	srv, _ := llmFakeUpstream(t, llmStreamWith([]string{"Build influence [1] ", "and"}, true))
	start := time.Now()
	evs, err := collect(t, newLLMService(srv, 300*time.Millisecond), Request{Message: "senior pm?"})
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("took %v with a 300ms timeout", d)
	}
	_, text, _, serr, done := streamed(t, evs)
	if text != "Build influence [1] and" || serr == nil || !done.Degraded || done.Mode != ModeLLM {
		t.Errorf("text %q, error %+v, done %+v", text, serr, done)
	}
}

// A streamed LLM answer's line ids, split across pieces, end up as the
// items of done's citations; the citations event went out without items.
func TestChatStreamLLMLineItems(t *testing.T) {
	fc := &fakeStreamer{pieces: []string{"Rank by outcomes [1.", "1]. Own an area [2", ".1] and [3.9]."}}
	evs, err := collect(t, fakeLLMService(fc, 5*time.Second), Request{Message: "Tell me about senior PMs."})
	if err != nil {
		t.Fatal(err)
	}
	cites, text, _, serr, done := streamed(t, evs)
	if text != "Rank by outcomes [1]. Own an area [2] and [3]." || serr != nil {
		t.Errorf("text %q, error %v", text, serr)
	}
	for _, c := range cites {
		if len(c.Items) != 0 {
			t.Errorf("the citations event has items for %s: %v", c.ID, c.Items)
		}
	}
	got := map[string][]int{}
	for _, c := range done.Citations {
		got[c.ID] = c.Items
	}
	want := map[string][]int{"mid/skills": {1}, "senior/responsibilities": {1}, "senior/success": {}}
	if done.Mode != ModeLLM || !reflect.DeepEqual(got, want) {
		t.Errorf("done %s: items %v, want %v", done.Mode, got, want)
	}
}
