package server

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ladder/coach/internal/metrics"
)

// TestMetricLabelsFixed sends made-up methods and paths, the way a client
// that wants to fill the coach's memory would, and checks that they add no
// series: before labels came from fixed sets, each made-up method was a new
// series kept for the life of the process (8,000 requests took RSS from
// 33 MB to 249 MB and /metrics to 197 MB).
func TestMetricLabelsFixed(t *testing.T) {
	m := metrics.New()
	h := newGuardedServer(t, Deps{Metrics: m, MetricsHandler: m.Handler()})
	series := func() int {
		fams, err := m.Registry().Gather()
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, f := range fams {
			if strings.HasPrefix(f.GetName(), "coach_http_") {
				n += len(f.GetMetric())
			}
		}
		return n
	}
	// What a real client does, twice, so every series it makes exists.
	for range 2 {
		send(h, "GET", "/api/levels", "", nil)
		send(h, "GET", "/nope", "", nil)
		send(h, "DELETE", "/api/chat", "", nil)
		send(h, "PATCH", "/nope", "", nil)
		send(h, "ZZ", "/api/chat", "", nil)
		send(h, "ZZ", "/nope", "", nil)
		send(h, "POST", "/v1/nope", "{}", nil)
	}
	before := series()
	for i := range 500 {
		method := fmt.Sprintf("ZZ%d%s", i, strings.Repeat("Q", i%7*100))
		send(h, method, fmt.Sprintf("/nope/%d", i), "", nil)
		send(h, method, "/api/chat", "", nil)
		send(h, "GET", fmt.Sprintf("/api/x%d", i), "", nil)
		send(h, "POST", fmt.Sprintf("/v1/%d", i), "{}", nil)
	}
	if after := series(); after != before {
		t.Errorf("made-up methods and paths added %d series (%d before)", after-before, before)
	}
	body := send(h, "GET", "/metrics", "", nil).Body.String()
	if strings.Contains(body, "ZZ") || strings.Contains(body, "/nope") {
		t.Errorf("a made-up method or path reached /metrics (%d lines)", strings.Count(grepLines(body, "ZZ"), "\n")+1)
	}
	if len(body) > 100<<10 {
		t.Errorf("/metrics is %d bytes", len(body))
	}
}
