// Package metrics holds the coach's Prometheus metrics and their registry:
// requests by route and status, latencies, retrieval time, LLM calls,
// fallbacks, the LLM's readings of questions, rate-limited requests, panics
// and cache use.
//
// Every label value comes from a fixed set (the methods of RFC 9110, the
// statuses net/http names, the route patterns, the outcomes the coach
// defines); anything else is counted as "other". A client can therefore
// never add a series, whatever method, path or status it provokes.
//
// It knows nothing about gin or the answer logic: they call its methods.
package metrics

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics is the coach's set of metrics in its own registry. The zero value
// is not usable; a nil *Metrics ignores every call, so callers need no checks.
type Metrics struct {
	reg         *prometheus.Registry
	requests    *prometheus.CounterVec
	latency     *prometheus.HistogramVec
	retrieval   prometheus.Histogram
	llmCalls    *prometheus.CounterVec
	llmLatency  prometheus.Histogram
	fallbacks   *prometheus.CounterVec
	rateLimited prometheus.Counter
	limitErrors prometheus.Counter
	panics      prometheus.Counter
	cache       *prometheus.CounterVec
	feedback    *prometheus.CounterVec
	readings    *prometheus.CounterVec

	// series caches the request counter and latency histogram of each
	// route, method and status seen: every request records in both, and
	// finding them by their labels (hashing, a lock, comparing the values)
	// cost more than the recording. Its keys are the labels, so it holds
	// no more entries than there are series.
	seriesMu sync.RWMutex
	series   map[seriesKey]requestSeries
}

type seriesKey struct {
	route, method, status string
}

type requestSeries struct {
	count   prometheus.Counter
	latency prometheus.Observer
}

// New registers the metrics, with the Go runtime and process collectors.
func New() *Metrics {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	fast := []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}
	m := &Metrics{
		reg:    reg,
		series: map[seriesKey]requestSeries{},
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "coach_http_requests_total", Help: "HTTP requests by route, method and status.",
		}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "coach_http_request_duration_seconds", Help: "HTTP request latency by route.", Buckets: fast,
		}, []string{"route"}),
		retrieval: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "coach_retrieval_duration_seconds", Help: "Time to understand a question and rank the sections.",
			Buckets: []float64{.00005, .0001, .00025, .0005, .001, .0025, .005, .01, .05, .1},
		}),
		llmCalls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "coach_llm_calls_total", Help: "Calls to the LLM by outcome (ok, error, timeout, blocked: a reply that repeated the instructions).",
		}, []string{"outcome"}),
		llmLatency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "coach_llm_duration_seconds", Help: "LLM call latency.", Buckets: fast,
		}),
		fallbacks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "coach_llm_fallbacks_total", Help: "Answers that fell back to the offline composer, by reason.",
		}, []string{"reason"}),
		rateLimited: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "coach_rate_limited_total", Help: "Requests refused with 429.",
		}),
		limitErrors: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "coach_rate_limit_errors_total", Help: "Rate-limit checks that failed (the request was let through).",
		}),
		panics: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "coach_panics_total", Help: "Panics recovered while serving a request.",
		}),
		cache: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "coach_llm_cache_total", Help: "Shared LLM answer cache lookups by result (hit, miss, error).",
		}, []string{"result"}),
		feedback: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "coach_feedback_total", Help: "Readers' ratings of answers (up, down).",
		}, []string{"rating"}),
	}
	m.readings = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "coach_llm_readings_total", Help: "The LLM's readings of questions by outcome (" + strings.Join(readingOutcomes, ", ") + ").",
	}, []string{"outcome"})
	// Both ratings show from the start, at 0.
	m.feedback.WithLabelValues("up")
	m.feedback.WithLabelValues("down")
	reg.MustRegister(m.requests, m.latency, m.retrieval, m.llmCalls, m.llmLatency, m.fallbacks,
		m.rateLimited, m.limitErrors, m.panics, m.cache, m.feedback, m.readings)
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Registry is the registry the metrics live in.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Request records one HTTP request. route is the route pattern ("/api/chat"),
// never the raw path, and "" for a request no route matched; a method or a
// status outside the fixed sets is recorded as "other".
func (m *Metrics) Request(route, method string, status int, d time.Duration) {
	if m == nil {
		return
	}
	if route == "" {
		route = "unmatched"
	}
	key := seriesKey{route, MethodLabel(method), StatusLabel(status)}
	m.seriesMu.RLock()
	s, ok := m.series[key]
	m.seriesMu.RUnlock()
	if !ok {
		s = requestSeries{m.requests.WithLabelValues(key.route, key.method, key.status), m.latency.WithLabelValues(route)}
		m.seriesMu.Lock()
		m.series[key] = s
		m.seriesMu.Unlock()
	}
	s.count.Inc()
	s.latency.Observe(d.Seconds())
}

// Other is the label value for anything outside a label's fixed set.
const Other = "other"

// methods are the request methods of RFC 9110 and PATCH: the method label's set.
var methods = map[string]bool{
	http.MethodGet: true, http.MethodHead: true, http.MethodPost: true, http.MethodPut: true,
	http.MethodPatch: true, http.MethodDelete: true, http.MethodConnect: true,
	http.MethodOptions: true, http.MethodTrace: true,
}

// MethodLabel is method when it is a standard one, else Other: a made-up
// method ("ZZ1", or 8 KB of letters) must not become a series.
func MethodLabel(method string) string {
	if methods[method] {
		return method
	}
	return Other
}

// WriteFailed is the status label of a reply that could not be written
// (status 0: the write timeout fired or the client left).
const WriteFailed = "write_failed"

// StatusLabel is the status as a number when net/http names it,
// WriteFailed for 0, else Other.
func StatusLabel(status int) string {
	if status == 0 {
		return WriteFailed
	}
	if status > 0 && status < len(statusLabels) && statusLabels[status] != "" {
		return statusLabels[status]
	}
	return Other
}

// statusLabels are the labels of the statuses net/http names, by status,
// made once rather than formatted for every request.
var statusLabels = func() (labels [600]string) {
	for s := range labels {
		if http.StatusText(s) != "" {
			labels[s] = strconv.Itoa(s)
		}
	}
	return labels
}()

// oneOf is v when it is in set, else Other.
func oneOf(v string, set ...string) string {
	if slices.Contains(set, v) {
		return v
	}
	return Other
}

// Retrieval records the time one retrieval took.
func (m *Metrics) Retrieval(d time.Duration) {
	if m == nil {
		return
	}
	m.retrieval.Observe(d.Seconds())
}

// LLMCall records one LLM call and its outcome: ok, error or timeout.
func (m *Metrics) LLMCall(outcome string, d time.Duration) {
	if m == nil {
		return
	}
	m.llmCalls.WithLabelValues(oneOf(outcome, "ok", "error", "timeout", "blocked")).Inc()
	m.llmLatency.Observe(d.Seconds())
}

// Fallback records an answer that fell back to the offline composer.
func (m *Metrics) Fallback(reason string) {
	if m == nil {
		return
	}
	m.fallbacks.WithLabelValues(oneOf(reason, "error", "timeout", "blocked")).Inc()
}

// readingOutcomes are the outcomes of the LLM's reading of a question: merged
// (used, agrees, ignored, disagrees, invalid), failed (bad_json, timeout,
// error), or not asked (skipped: an injection or smalltalk).
var readingOutcomes = []string{"used", "agrees", "ignored", "disagrees", "invalid", "bad_json", "timeout", "error", "skipped"}

// Reading records one LLM reading of a question and its outcome.
func (m *Metrics) Reading(outcome string) {
	if m == nil {
		return
	}
	m.readings.WithLabelValues(oneOf(outcome, readingOutcomes...)).Inc()
}

// RateLimited records a request refused with 429.
func (m *Metrics) RateLimited() {
	if m == nil {
		return
	}
	m.rateLimited.Inc()
}

// RateLimitError records a rate-limit check that failed open.
func (m *Metrics) RateLimitError() {
	if m == nil {
		return
	}
	m.limitErrors.Inc()
}

// Panic records a recovered panic.
func (m *Metrics) Panic() {
	if m == nil {
		return
	}
	m.panics.Inc()
}

// Feedback records a reader's rating of an answer: up or down (anything
// else counts as other).
func (m *Metrics) Feedback(rating string) {
	if m == nil {
		return
	}
	m.feedback.WithLabelValues(oneOf(rating, "up", "down")).Inc()
}

// Cache records a shared answer cache lookup: hit, miss or error.
func (m *Metrics) Cache(result string) {
	if m == nil {
		return
	}
	m.cache.WithLabelValues(oneOf(result, "hit", "miss", "error")).Inc()
}
