package server

import (
	"net/http"
	"strings"
	"testing"

	"github.com/ladder/coach/internal/metrics"
)

// A thumbs up or down is counted under a fixed label set; anything else is
// a 400 and counts nothing.
func TestFeedback(t *testing.T) {
	m := metrics.New()
	h := newGuardedServer(t, Deps{Metrics: m, MetricsHandler: m.Handler()})
	for _, tc := range []struct {
		body string
		want int
	}{
		{`{"rating":"up"}`, http.StatusOK},
		{`{"rating":"up"}`, http.StatusOK},
		{`{"rating":"down"}`, http.StatusOK},
		{`{"rating":"sideways"}`, http.StatusBadRequest},
		{`{"rating":""}`, http.StatusBadRequest},
		{`not json`, http.StatusBadRequest},
	} {
		rec := send(h, "POST", "/api/feedback", tc.body, nil)
		if rec.Code != tc.want {
			t.Errorf("%s: status %d, want %d: %s", tc.body, rec.Code, tc.want, rec.Body)
		}
		if tc.want != http.StatusOK && !strings.Contains(rec.Body.String(), `"error"`) {
			t.Errorf("%s: body %s", tc.body, rec.Body)
		}
	}
	if rec := send(h, "GET", "/api/feedback", "", nil); rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET: %d", rec.Code)
	}
	body := send(h, "GET", "/metrics", "", nil).Body.String()
	for _, want := range []string{`coach_feedback_total{rating="up"} 2`, `coach_feedback_total{rating="down"} 1`} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s:\n%s", want, grepLines(body, "coach_feedback"))
		}
	}
	if strings.Contains(body, "sideways") || strings.Count(grepLines(body, "coach_feedback_total{"), "\n") > 1 {
		t.Errorf("feedback series beyond up and down:\n%s", grepLines(body, "coach_feedback"))
	}
}
