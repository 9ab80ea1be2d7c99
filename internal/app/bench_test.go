package app

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ladder/coach/internal/config"
	"github.com/ladder/coach/internal/server"
)

// BenchmarkChatHandler measures the whole offline request path in process:
// gin, decoding, retrieval, the answer and encoding the reply.
func BenchmarkChatHandler(b *testing.B) {
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		b.Fatal(err)
	}
	a, err := Build(context.Background(), Options{Config: cfg})
	if err != nil {
		b.Fatal(err)
	}
	set, _ := Sections()
	h := server.New(server.Deps{Chatter: a, Sections: set, Logger: slog.New(slog.NewJSONHandler(io.Discard, nil))})
	qs := []string{
		`{"message":"What should I build to become a Senior PM?"}`,
		`{"message":"What does an Associate PM do day to day?"}`,
		`{"message":"How is a senior PM's success judged?"}`,
		`{"message":"I don't want to manage people. What are my options?"}`,
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		req := httptest.NewRequest(http.MethodPost, "/api/chat", strings.NewReader(qs[i%len(qs)]))
		req.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatal(w.Code, w.Body.String())
		}
	}
}
