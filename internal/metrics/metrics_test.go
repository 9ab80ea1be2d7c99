package metrics

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
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
	m.Reading("disagrees")
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
		`coach_llm_readings_total{outcome="disagrees"} 1`,
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
	m.Reading("used")
}

// TestLabelsFromFixedSets gives every labelled metric values outside its set:
// each must land in one "other" series, never a new one.
func TestLabelsFromFixedSets(t *testing.T) {
	m := New()
	for i := range 300 {
		m.Request("/api/chat", fmt.Sprintf("M%d", i), 600+i, time.Millisecond)
		m.Request("/api/chat", "POST", i, time.Millisecond)
		m.LLMCall(fmt.Sprintf("o%d", i), 0)
		m.Fallback(fmt.Sprintf("r%d", i))
		m.Cache(fmt.Sprintf("c%d", i))
		m.Reading(fmt.Sprintf("x%d", i))
	}
	fams, err := m.Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, f := range fams {
		got[f.GetName()] = len(f.GetMetric())
	}
	// The requests: other/other, POST/other, and POST with each of the
	// statuses under 300 that net/http names (100-103, 200-208, 226), and
	// POST/write_failed for status 0.
	want := map[string]int{
		"coach_http_requests_total":           2 + 14 + 1,
		"coach_llm_calls_total":               1,
		"coach_llm_fallbacks_total":           1,
		"coach_llm_cache_total":               1,
		"coach_llm_readings_total":            1,
		"coach_http_request_duration_seconds": 1,
	}
	for name, n := range want {
		if got[name] != n {
			t.Errorf("%s has %d series, want %d", name, got[name], n)
		}
	}
}

// TestStatusLabel: a status net/http names is its number, 0 is
// write_failed, anything else other.
func TestStatusLabel(t *testing.T) {
	for status := -2; status < 1100; status++ {
		want := strconv.Itoa(status)
		switch {
		case status == 0:
			want = WriteFailed
		case http.StatusText(status) == "":
			want = Other
		}
		if got := StatusLabel(status); got != want {
			t.Errorf("StatusLabel(%d) = %q; want %q", status, got, want)
		}
	}
}

// TestRequestsCountedEachTime: a series seen before (its counter kept at
// hand) still counts every request, in its own series.
func TestRequestsCountedEachTime(t *testing.T) {
	m := New()
	for range 3 {
		m.Request("/api/chat", "POST", 200, time.Millisecond)
	}
	m.Request("/api/chat", "POST", 400, time.Millisecond)
	m.Request("/api/plan", "POST", 200, time.Second)
	w := httptest.NewRecorder()
	m.Handler().ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	for _, want := range []string{
		`coach_http_requests_total{method="POST",route="/api/chat",status="200"} 3`,
		`coach_http_requests_total{method="POST",route="/api/chat",status="400"} 1`,
		`coach_http_requests_total{method="POST",route="/api/plan",status="200"} 1`,
		`coach_http_request_duration_seconds_count{route="/api/chat"} 4`,
		`coach_http_request_duration_seconds_count{route="/api/plan"} 1`,
	} {
		if !strings.Contains(w.Body.String(), want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}
