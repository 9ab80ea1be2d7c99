package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/ladder/coach/internal/answer"
	"github.com/ladder/coach/internal/errs"
	"github.com/ladder/coach/internal/jsontext"
	"github.com/ladder/coach/internal/sections"
)

// checkingChatter answers every request with a fixed reply, and records a
// request that reached it although it should not have: invalid, or holding
// text that is not valid UTF-8 or that holds a NUL.
type checkingChatter struct {
	mu  sync.Mutex
	bad []string
}

func (c *checkingChatter) Chat(_ context.Context, req answer.Request) (answer.Reply, error) {
	c.check(req)
	return answer.Reply{Answer: "A Senior PM owns a product area [1].", Mode: answer.ModeOffline,
		Citations: []answer.Citation{{View: sections.View{ID: "senior/overview", Title: "Senior PM: overview", Text: "x"}}}}, nil
}

func (c *checkingChatter) check(req answer.Request) {
	var bad []string
	if err := req.Validate(); err != nil {
		bad = append(bad, "invalid request reached the chatter: "+err.Error())
	}
	texts := []string{req.Message}
	for _, t := range req.History {
		texts = append(texts, t.Content)
	}
	for _, s := range texts {
		if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
			bad = append(bad, "text with invalid UTF-8 or NUL reached the chatter: "+jsontext.Clip(s, 80))
		}
	}
	c.mu.Lock()
	c.bad = append(c.bad, bad...)
	c.mu.Unlock()
}

func (c *checkingChatter) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	b := c.bad
	c.bad = nil
	return b
}

var (
	fuzzChatter = &checkingChatter{}
	fuzzServer  = sync.OnceValue(func() http.Handler {
		return New(Deps{Chatter: fuzzChatter, Sections: testSections, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	})
)

// FuzzDecodeChat sends arbitrary bodies to POST /api/chat and POST
// /v1/chat/completions, plain and streamed: the server's request decoding.
// Whatever the body, the server must not panic, must answer below 500, must
// give every error in its route's JSON shape, and must never hand the answer
// service a request that is invalid or holds text that is not UTF-8 or holds
// a NUL.
//
// The seeds (the garbage bodies of garbage_test.go, good requests, and what
// earlier fuzzing found under testdata/fuzz/FuzzDecodeChat) run with every go
// test; go test -fuzz=FuzzDecodeChat ./internal/server searches for more.
func FuzzDecodeChat(f *testing.F) {
	for _, b := range garbageBodies() {
		if len(b) <= 64<<10 {
			f.Add(b, false)
		}
	}
	for _, s := range []string{
		`{"message":"What does a senior PM do?"}`,
		`{"message":"and there?","history":[{"role":"user","content":"Tell me about Directors"},{"role":"assistant","content":"Directors [1]"}],"stream":true}`,
		`{"model":"coach","messages":[{"role":"user","content":"What does a senior PM do?"}]}`,
		`{"model":"coach","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"system","content":"be brief"},{"role":"user","content":[{"type":"text","text":"hi"}]}]}`,
		`{"message":"caf\u00e9 \ud83d\ude80","messages":[{"role":"user","content":"\ud83d\ude80"}]}`,
		`{"message":"\\u0000 is text","messages":[{"role":"user","content":"\\ud800 is text"}]}`,
		`{"message":"x","message":"y"}`,
		`{"a":{"b":[1,2,{"c":"\u0041"}]},"message":"hi","messages":[{"role":"user","content":"hi","name":"x"}]}`,
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, body []byte, stream bool) {
		// A body that makes the server hang is a failure too, with its input
		// kept like any other.
		watchdog := time.AfterFunc(10*time.Second, func() {
			panic(fmt.Sprintf("no answer within 10 s for body %q (stream %v)", body, stream))
		})
		defer watchdog.Stop()
		h := fuzzServer()
		for _, path := range []string{"/api/chat", "/v1/chat/completions"} {
			req := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			if stream {
				req.Header.Set("Accept", "text/event-stream")
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code >= 500 {
				t.Fatalf("%s: status %d for %q: %s", path, rec.Code, body, rec.Body)
			}
			if rec.Code >= 400 {
				var e struct {
					Error struct {
						Message string  `json:"message"`
						Type    *string `json:"type"`
					} `json:"error"`
				}
				if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error.Message == "" {
					t.Fatalf("%s: %d error not in the JSON shape for %q: %s", path, rec.Code, body, rec.Body)
				}
				if strings.HasPrefix(path, "/v1") && e.Error.Type == nil {
					t.Fatalf("%s: %d error not in OpenAI's shape: %s", path, rec.Code, rec.Body)
				}
			}
			if bad := fuzzChatter.take(); len(bad) > 0 {
				t.Fatalf("%s: body %q: %v", path, body, bad)
			}
		}
		// The decoder itself: an error is always Invalid or TooLarge, and
		// what it accepts is clean text.
		var cb chatBody
		if err := decodeJSON(bytes.NewReader(body), &cb); err != nil {
			if c := errs.Code(err); c != errs.Invalid && c != errs.TooLarge {
				t.Fatalf("decodeJSON(%q) = error with code %q: %v", body, c, err)
			}
		} else if !utf8.ValidString(cb.Message) || strings.ContainsRune(cb.Message, 0) {
			t.Fatalf("decodeJSON(%q) accepted message %q", body, cb.Message)
		}
	})
}
