package app

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ladder/coach/internal/answer"
	"github.com/ladder/coach/internal/config"
	"github.com/ladder/coach/internal/server"
)

// benchApp builds the offline coach as `coach serve` does, and its handler.
func benchApp(b *testing.B) (*App, http.Handler) {
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		b.Fatal(err)
	}
	a, err := Build(context.Background(), Options{Config: cfg})
	if err != nil {
		b.Fatal(err)
	}
	set, _ := Sections()
	return a, server.New(server.Deps{Chatter: a, Sections: set, Logger: slog.New(slog.NewJSONHandler(io.Discard, nil))})
}

// chatOnce posts body to /api/chat and reports the status and reply.
func chatOnce(h http.Handler, body string) (int, string) {
	req := httptest.NewRequest(http.MethodPost, "/api/chat", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w.Code, w.Body.String()
}

// BenchmarkChatHandler measures the whole offline request path in process:
// gin, decoding, retrieval, the answer and encoding the reply.
func BenchmarkChatHandler(b *testing.B) {
	_, h := benchApp(b)
	qs := benchMix(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if code, body := chatOnce(h, qs[i%len(qs)]); code != http.StatusOK {
			b.Fatal(code, body)
		}
	}
}

// BenchmarkChatHandlerParallel is BenchmarkChatHandler with as many clients
// as cores: a lock the requests share shows as a time no lower than the
// serial one.
func BenchmarkChatHandlerParallel(b *testing.B) {
	_, h := benchApp(b)
	qs := benchMix(b)
	b.ReportAllocs()
	var next atomic.Int64
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if code, body := chatOnce(h, qs[int(next.Add(1))%len(qs)]); code != http.StatusOK {
				b.Error(code, body)
				return
			}
		}
	})
}

// BenchmarkAnswerMix answers bench/chat.lua's questions in process, with no
// HTTP: the reading, retrieval and composing of an offline answer.
func BenchmarkAnswerMix(b *testing.B) {
	a, _ := benchApp(b)
	var msgs []string
	for _, body := range benchMix(b) {
		var req answer.Request
		if err := json.Unmarshal([]byte(body), &req); err != nil {
			b.Fatal(err)
		}
		msgs = append(msgs, req.Message)
	}
	for _, m := range msgs { // every lazily built table built before the count
		if _, err := a.Chat(context.Background(), answer.Request{Message: m}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := a.Chat(context.Background(), answer.Request{Message: msgs[i%len(msgs)]}); err != nil {
			b.Fatal(err)
		}
	}
}

// benchMix reads the questions of bench/chat.lua, the load test's request
// mix, as request bodies, so the in-process figure matches bench/run.sh's.
func benchMix(b *testing.B) []string {
	raw, err := os.ReadFile("../../bench/chat.lua")
	if err != nil {
		b.Fatal(err)
	}
	var out []string
	for _, line := range strings.Split(string(raw), "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, `"`) {
			continue
		}
		q := strings.TrimSuffix(strings.TrimSuffix(line, ","), `"`)[1:]
		body, err := json.Marshal(map[string]string{"message": q})
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, string(body))
	}
	if len(out) < 10 {
		b.Fatalf("bench/chat.lua: %d questions", len(out))
	}
	return out
}
