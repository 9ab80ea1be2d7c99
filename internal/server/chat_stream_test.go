package server

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ladder/coach/internal/answer"
	"github.com/ladder/coach/internal/app"
	"github.com/ladder/coach/internal/config"
	"github.com/ladder/coach/internal/errs"
	"github.com/ladder/coach/internal/sections"
)

// sseEvent is one parsed Server-Sent Event.
type sseEvent struct {
	Name string
	Data string
}

// readEvents parses an event stream until its end.
func readEvents(t *testing.T, r io.Reader) []sseEvent {
	t.Helper()
	var evs []sseEvent
	var cur sseEvent
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			if cur.Name != "" || cur.Data != "" {
				evs = append(evs, cur)
			}
			cur = sseEvent{}
		case strings.HasPrefix(line, "event: "):
			cur.Name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			cur.Data += strings.TrimPrefix(line, "data: ")
		default:
			t.Errorf("unexpected line %q in the event stream", line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if cur != (sseEvent{}) {
		t.Errorf("stream ends inside an event: %+v", cur)
	}
	return evs
}

// postStream posts body to /api/chat on srv with the given Accept header.
func postStream(t *testing.T, srv *httptest.Server, body, accept string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/api/chat", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// fakeStreamChatter streams events, or fails with err before any.
type fakeStreamChatter struct {
	fakeChatter
	events []answer.Event
	err    error
	// endless keeps emitting deltas until emit fails, then reports that error.
	endless  bool
	emitErrs chan error
}

func (f *fakeStreamChatter) ChatStream(ctx context.Context, req answer.Request, emit func(answer.Event) error) error {
	f.mu.Lock()
	f.reqs = append(f.reqs, req)
	f.mu.Unlock()
	if f.err != nil {
		return f.err
	}
	for _, e := range f.events {
		if err := emit(e); err != nil {
			return err
		}
	}
	for f.endless {
		if err := emit(answer.Event{Name: answer.EventDelta, Data: answer.Delta{Text: "more "}}); err != nil {
			f.emitErrs <- err
			return err
		}
		time.Sleep(5 * time.Millisecond)
	}
	return nil
}

var streamCites = []answer.Citation{{View: sections.View{ID: "senior/skills", Title: "Senior PM: skills", Level: "senior", Facet: "skills", Text: "Strategic Visioning: see far."}, Score: sections.Scored(0.9)}}

func TestChatStream(t *testing.T) {
	fc := &fakeStreamChatter{events: []answer.Event{
		{Name: answer.EventCitations, Data: streamCites},
		{Name: answer.EventDelta, Data: answer.Delta{Text: "Build Strategic Visioning [1]"}},
		{Name: answer.EventDelta, Data: answer.Delta{Text: ".\n- <b>line</b> two"}},
		{Name: answer.EventDone, Data: answer.Done{Mode: answer.ModeOffline, Citations: streamCites, Scope: "in"}},
	}}
	srv := httptest.NewServer(newTestServer(t, fc, nil, nil))
	defer srv.Close()
	for _, tc := range []struct{ name, body, accept string }{
		{"stream in the body", `{"message":"What next?","stream":true}`, ""},
		{"Accept header", `{"message":"What next?"}`, "text/event-stream"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := postStream(t, srv, tc.body, tc.accept)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d", resp.StatusCode)
			}
			for k, want := range map[string]string{"Content-Type": "text/event-stream", "Cache-Control": "no-cache", "X-Accel-Buffering": "no"} {
				if got := resp.Header.Get(k); got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
			if resp.Header.Get("Content-Security-Policy") == "" {
				t.Error("the stream lacks the security headers")
			}
			evs := readEvents(t, resp.Body)
			want := []sseEvent{
				{"citations", `[{"id":"senior/skills","title":"Senior PM: skills","level":"senior","facet":"skills","text":"Strategic Visioning: see far.","items":[],"score":0.9}]`},
				{"delta", `{"text":"Build Strategic Visioning [1]"}`},
				{"delta", `{"text":".\n- \u003cb\u003eline\u003c/b\u003e two"}`},
				{"done", `{"mode":"offline","degraded":false,"citations":[{"id":"senior/skills","title":"Senior PM: skills","level":"senior","facet":"skills","text":"Strategic Visioning: see far.","items":[],"score":0.9}],"suggestions":[],"scope":"in"}`},
			}
			if len(evs) != len(want) {
				t.Fatalf("events = %+v", evs)
			}
			for i := range want {
				if evs[i] != want[i] {
					t.Errorf("event %d = %+v\nwant       %+v", i, evs[i], want[i])
				}
			}
		})
	}
}

// The real answer service, offline, through the server: citations, two or
// more deltas that join to the plain reply's answer, done.
func TestChatStreamOfflineService(t *testing.T) {
	a, err := app.Build(context.Background(), app.Options{Config: config.Default()})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(New(Deps{Chatter: a, Sections: a.Sections}))
	defer srv.Close()
	plain, err := a.Chat(context.Background(), answer.Request{Message: "How is a senior PM's success judged?"})
	if err != nil {
		t.Fatal(err)
	}
	evs := readEvents(t, postStream(t, srv, `{"message":"How is a senior PM's success judged?","stream":true}`, "").Body)
	if len(evs) < 4 || evs[0].Name != "citations" || evs[len(evs)-1].Name != "done" {
		t.Fatalf("events = %+v", evs)
	}
	var cites []answer.Citation
	if err := json.Unmarshal([]byte(evs[0].Data), &cites); err != nil || len(cites) == 0 || cites[0].ID != plain.Citations[0].ID {
		t.Errorf("citations %s: %v", evs[0].Data, err)
	}
	var text strings.Builder
	for _, e := range evs[1 : len(evs)-1] {
		var d answer.Delta
		if e.Name != "delta" || json.Unmarshal([]byte(e.Data), &d) != nil {
			t.Fatalf("event %+v", e)
		}
		text.WriteString(d.Text)
	}
	if text.String() != plain.Answer {
		t.Errorf("streamed text %q\nwant %q", text.String(), plain.Answer)
	}
	var done answer.Done
	if err := json.Unmarshal([]byte(evs[len(evs)-1].Data), &done); err != nil || done.Mode != "offline" || done.Degraded {
		t.Errorf("done %s: %v", evs[len(evs)-1].Data, err)
	}
}

// A Chatter that does not stream still answers in events.
func TestChatStreamFromPlainChatter(t *testing.T) {
	fc := &fakeChatter{reply: answer.Reply{Answer: "One. Two.", Mode: answer.ModeLLM, Degraded: true, Scope: "out"}}
	srv := httptest.NewServer(newTestServer(t, fc, nil, nil))
	defer srv.Close()
	evs := readEvents(t, postStream(t, srv, `{"message":"hi","stream":true}`, "").Body)
	want := []sseEvent{
		{"citations", `[]`}, {"delta", `{"text":"One. "}`}, {"delta", `{"text":"Two."}`},
		{"done", `{"mode":"llm","degraded":true,"citations":[],"suggestions":[],"scope":"out"}`},
	}
	if len(evs) != len(want) {
		t.Fatalf("events = %+v", evs)
	}
	for i := range want {
		if evs[i] != want[i] {
			t.Errorf("event %d = %+v, want %+v", i, evs[i], want[i])
		}
	}
}

// Before the first event, failures are the usual JSON errors.
func TestChatStreamErrorsBeforeStart(t *testing.T) {
	for _, tc := range []struct {
		name   string
		ch     *fakeStreamChatter
		ready  func() bool
		body   string
		status int
		called bool
	}{
		{"blank message", &fakeStreamChatter{}, nil, `{"message":" ","stream":true}`, 400, false},
		{"stream not a bool", &fakeStreamChatter{}, nil, `{"message":"hi","stream":"yes"}`, 400, false},
		{"not ready", &fakeStreamChatter{}, func() bool { return false }, `{"message":"hi","stream":true}`, 503, false},
		{"invalid from the service", &fakeStreamChatter{err: errs.New(errs.Invalid, "bad question")}, nil, `{"message":"hi","stream":true}`, 400, true},
		{"bug", &fakeStreamChatter{err: errors.New("secret")}, nil, `{"message":"hi","stream":true}`, 500, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(newTestServer(t, tc.ch, tc.ready, nil))
			defer srv.Close()
			resp := postStream(t, srv, tc.body, "text/event-stream")
			if resp.StatusCode != tc.status || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
				t.Fatalf("status %d %q, want %d JSON", resp.StatusCode, resp.Header.Get("Content-Type"), tc.status)
			}
			var body ErrorBody
			if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || body.Error.Message == "" || strings.Contains(body.Error.Message, "secret") {
				t.Errorf("body %+v, %v", body, err)
			}
			if (tc.ch.calls() > 0) != tc.called {
				t.Errorf("ChatStream called %d times", tc.ch.calls())
			}
		})
	}
}

// A client that goes away ends the stream: the next emit fails.
func TestChatStreamClientGone(t *testing.T) {
	fc := &fakeStreamChatter{endless: true, emitErrs: make(chan error, 1), events: []answer.Event{
		{Name: answer.EventCitations, Data: streamCites},
	}}
	srv := httptest.NewServer(newTestServer(t, fc, nil, nil))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/api/chat", strings.NewReader(`{"message":"hi","stream":true}`))
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(resp.Body).ReadString('\n')
	if err != nil || line != "event: citations\n" {
		t.Fatalf("first line %q, %v", line, err)
	}
	cancel()
	resp.Body.Close()
	select {
	case err := <-fc.emitErrs:
		if err == nil {
			t.Error("emit failed without an error")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the stream went on after the client left")
	}
}

// A failure after the stream started ends it with an error event.
func TestChatStreamFailsAfterStart(t *testing.T) {
	fc := &failingStreamer{}
	srv := httptest.NewServer(newTestServer(t, fc, nil, nil))
	defer srv.Close()
	resp := postStream(t, srv, `{"message":"hi","stream":true}`, "")
	evs := readEvents(t, resp.Body)
	if resp.StatusCode != 200 || len(evs) != 2 || evs[0].Name != "citations" || evs[1].Name != "error" || strings.Contains(evs[1].Data, "secret") {
		t.Errorf("status %d, events %+v", resp.StatusCode, evs)
	}
}

type failingStreamer struct {
	fakeChatter
	once sync.Once
}

func (f *failingStreamer) ChatStream(_ context.Context, _ answer.Request, emit func(answer.Event) error) error {
	if err := emit(answer.Event{Name: answer.EventCitations, Data: []answer.Citation{}}); err != nil {
		return err
	}
	return errors.New("secret failure")
}
