package app

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ladder/coach/internal/answer"
	"github.com/ladder/coach/internal/assess"
	"github.com/ladder/coach/internal/config"
	"github.com/ladder/coach/internal/plan"
	"github.com/ladder/coach/internal/server"
)

// budgetNsPerByte is the CPU time one byte of a public text field may cost
// a request, whatever its shape: 100 ms for a 4,000-character description,
// the cost the self-assessment was held to after a description of 300
// short clauses took 3 to 4 s. A step that is superlinear in its input
// blows it at the size limit; a linear one stays far under it.
const budgetNsPerByte = 25_000

// shapes are the worst inputs found for the coach's text processing: many
// short clauses, one endless clause whose matches all fail their checks,
// one endless word, separators only, and multi-byte text. fill repeats
// a shape to n characters.
var shapes = []struct {
	name string
	unit string
}{
	{"clauses", "I manage PMs, and "},
	{"failing-matches", "my manager owns the roadmap and decides what we build "},
	{"and-verbs", " and mentor and own and lead and manage"},
	{"one-word", "a"},
	{"separators", ", ; - : ( ) . "},
	{"levels", "senior pm vs director of product vs apm, "},
	{"multibyte", "日本語の👩‍💻"},
	{"sentences", "I own it. "},
}

func fill(unit string, n int) string {
	r := []rune(strings.Repeat(unit, n/len([]rune(unit))+1))
	return string(r[:n])
}

// BenchmarkWorstInput feeds each public text field each shape at its size
// limit through the whole offline request path, and fails when a request
// costs more than budgetNsPerByte of CPU for each byte of the field (CPU
// time, all threads, so a busy machine does not fail it). It reports
// ns/field-byte (wall) and cpu-ns/field-byte, so a step that turns
// superlinear shows as a jump here.
//
//	go test -run '^$' -bench BenchmarkWorstInput -benchtime 3x ./internal/app
func BenchmarkWorstInput(b *testing.B) {
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		b.Fatal(err)
	}
	a, err := Build(context.Background(), Options{Config: cfg})
	if err != nil {
		b.Fatal(err)
	}
	h := server.New(server.Deps{
		Chatter: a, Sections: a.Sections, Planner: a.Planner, Assessor: a.Assessor,
		Logger: slog.New(slog.NewJSONHandler(io.Discard, nil)),
	})
	js := func(v any) string {
		out, err := json.Marshal(v)
		if err != nil {
			b.Fatal(err)
		}
		return string(out)
	}
	// Each field: its limit in characters, and the request that carries a
	// text of that length in it with the bytes of text it carries.
	fields := []struct {
		name  string
		limit int
		req   func(text string) (*http.Request, int)
	}{
		{"assess.description", assess.MaxDescriptionChars, func(s string) (*http.Request, int) {
			return post("/api/assess", js(map[string]string{"description": s})), len(s)
		}},
		{"assess.title", assess.MaxTitleChars, func(s string) (*http.Request, int) {
			return post("/api/assess", js(map[string]string{"description": "I own the checkout roadmap.", "title": s})), len(s)
		}},
		{"chat.message", answer.MaxMessageChars, func(s string) (*http.Request, int) {
			return post("/api/chat", js(map[string]any{"message": s})), len(s)
		}},
		{"chat.history", answer.MaxMessageChars, func(s string) (*http.Request, int) {
			// As many turns of the shape as the 64 KiB body holds.
			var hist []answer.Turn
			for len(js(hist))+len(s)+64 < server.MaxBodyBytes && len(hist) < answer.MaxHistoryTurns {
				hist = append(hist, answer.Turn{Role: []string{"user", "assistant"}[len(hist)%2], Content: s})
			}
			return post("/api/chat", js(map[string]any{"message": "and at that level?", "history": hist})), len(s) * len(hist)
		}},
		{"plan.context", plan.MaxContextChars, func(s string) (*http.Request, int) {
			return post("/api/plan", js(map[string]any{"current": "APM", "target": "Senior PM", "weeks": 12, "context": s})), len(s)
		}},
		{"plan.current", plan.MaxTitleChars, func(s string) (*http.Request, int) {
			return post("/api/plan", js(map[string]any{"current": s, "target": "VP of Product", "weeks": 12})), len(s)
		}},
		{"compare.a", 2000, func(s string) (*http.Request, int) {
			return httptest.NewRequest(http.MethodGet, "/api/compare?b=senior&a="+url.QueryEscape(s), nil), len(s)
		}},
		{"v1.content", answer.MaxMessageChars, func(s string) (*http.Request, int) {
			return post("/v1/chat/completions", js(map[string]any{"model": "coach",
				"messages": []map[string]string{{"role": "user", "content": s}}})), len(s)
		}},
	}
	for _, f := range fields {
		for _, sh := range shapes {
			text := fill(sh.unit, f.limit)
			b.Run(f.name+"/"+sh.name, func(b *testing.B) {
				var n int
				cpu0 := cpuTime()
				for b.Loop() {
					var req *http.Request
					req, n = f.req(text)
					w := httptest.NewRecorder()
					h.ServeHTTP(w, req)
					if w.Code >= 500 {
						b.Fatalf("%d %s", w.Code, w.Body.String())
					}
				}
				cpu := (cpuTime() - cpu0) / time.Duration(b.N)
				perByte := float64(cpu.Nanoseconds()) / float64(n)
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/field-byte")
				b.ReportMetric(perByte, "cpu-ns/field-byte")
				if perByte > budgetNsPerByte {
					b.Errorf("%s with %q: %.0f ns of CPU a byte, over the budget of %d (%v a request)",
						f.name, sh.name, perByte, budgetNsPerByte, cpu)
				}
			})
		}
	}
}

func post(path, body string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	return r
}
