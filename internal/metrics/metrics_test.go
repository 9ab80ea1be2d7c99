package metrics

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestMetricsExposed(t *testing.T) {
	m := New()
	m.Request("/api/chat", "POST", 200, 3*time.Millisecond)
	m.Request("", "GET", 404, time.Millisecond)
	m.Retrieval(200 * time.Microsecond)
	m.LLMCall("timeout", time.Second)
	m.Fallback("timeout")
	m.RateLimited()
	m.RateLimitError()
	m.Panic()
	m.Cache("hit")
	w := httptest.NewRecorder()
	m.Handler().ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(w.Body)
	for _, want := range []string{
		`coach_http_requests_total{method="POST",route="/api/chat",status="200"} 1`,
		`coach_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
		`coach_http_request_duration_seconds_bucket{route="/api/chat",le="0.005"} 1`,
		`coach_retrieval_duration_seconds_count 1`,
		`coach_llm_calls_total{outcome="timeout"} 1`,
		`coach_llm_fallbacks_total{reason="timeout"} 1`,
		`coach_rate_limited_total 1`,
		`coach_rate_limit_errors_total 1`,
		`coach_panics_total 1`,
		`coach_llm_cache_total{result="hit"} 1`,
		`go_goroutines`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

func TestNilMetricsIgnoreCalls(t *testing.T) {
	var m *Metrics
	m.Request("/x", "GET", 200, 0)
	m.Retrieval(0)
	m.LLMCall("ok", 0)
	m.Fallback("x")
	m.RateLimited()
	m.RateLimitError()
	m.Panic()
	m.Cache("miss")
}
