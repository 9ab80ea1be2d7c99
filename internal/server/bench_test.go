package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ladder/coach/corpus"
	"github.com/ladder/coach/internal/answer"
	"github.com/ladder/coach/internal/metrics"
	"github.com/ladder/coach/internal/sections"
)

// fixedChatter answers every request with the same reply, so a benchmark
// measures what a request costs outside the answer.
type fixedChatter struct{ reply answer.Reply }

func (f fixedChatter) Chat(context.Context, answer.Request) (answer.Reply, error) {
	return f.reply, nil
}

// benchReply is a reply of the usual size: three of the article's sections
// cited with some of their lines, an answer of a few sentences and three
// suggestions.
func benchReply(b *testing.B) answer.Reply {
	all, err := sections.Split(corpus.Article)
	if err != nil || len(all) < 3 {
		b.Fatalf("split: %v (%d sections)", err, len(all))
	}
	var cites []answer.Citation
	for _, s := range all[len(all)/2 : len(all)/2+3] {
		c := s.Cite([]int{0, 1, 2})
		c.Score = sections.Scored(0.61)
		cites = append(cites, c)
	}
	return answer.Reply{
		Answer:      strings.Repeat("To grow into the next level, build the skills the article lists and show them in your work. ", 6),
		Citations:   cites,
		Suggestions: []string{"What does success look like?", "Which skills matter most?", "What changes at the next level?"},
		Mode:        "offline",
		Scope:       "in",
	}
}

// BenchmarkChatRequest is one POST /api/chat through the whole engine as
// `coach serve` builds it (JSON access log, Prometheus metrics, the
// loopback hosts), with an answer that costs nothing: the per-request cost
// of the transport alone.
func BenchmarkChatRequest(b *testing.B) {
	engine := New(Deps{
		Chatter:      fixedChatter{reply: benchReply(b)},
		Sections:     testSections,
		Logger:       slog.New(slog.NewJSONHandler(io.Discard, nil)),
		Metrics:      metrics.New(),
		AllowedHosts: []string{"localhost", "127.0.0.1", "::1"},
	})
	body := `{"message":"What skills do I need to move from Senior PM to Director?"}`
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:8080/api/chat", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.RemoteAddr = "127.0.0.1:51234"
		w := httptest.NewRecorder()
		engine.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("status %d: %s", w.Code, w.Body)
		}
	}
}
