package app

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ladder/coach/internal/answer"
	"github.com/ladder/coach/internal/config"
	"github.com/ladder/coach/internal/redistest"
)

func TestOpenSharedWithoutRedis(t *testing.T) {
	s, err := OpenShared(config.Default())
	if err != nil || s != nil {
		t.Fatalf("OpenShared without a URL = %v, %v; want nil, nil", s, err)
	}
	// A nil Shared offers nothing, and says so with untyped nils.
	if s.Limiter() != nil || s.AnswerCache() != nil || s.Close() != nil {
		t.Error("a nil Shared offers a limiter or a cache")
	}
}

func TestOpenSharedParts(t *testing.T) {
	cfg := config.Default()
	cfg.RedisURL = "redis://127.0.0.1:1/0" // nothing there: OpenShared does not dial
	s, err := OpenShared(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Limiter() != nil {
		t.Error("a limiter without COACH_RATE_LIMIT")
	}
	if s.AnswerCache() != nil {
		t.Error("an answer cache for offline answers")
	}
	if err := s.Ping(context.Background()); err == nil {
		t.Error("Ping succeeded with no Redis")
	}

	cfg.RateLimit, cfg.BaseURL = 30, "http://127.0.0.1:1/v1"
	s2, err := OpenShared(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if s2.Limiter() == nil || s2.AnswerCache() == nil {
		t.Error("no limiter or no cache with a rate limit and an LLM")
	}
	cfg.CacheTTL = 0
	s3, err := OpenShared(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s3.Close()
	if s3.AnswerCache() != nil {
		t.Error("an answer cache with COACH_CACHE_TTL=0")
	}
}

// Two replicas built with the same Redis ask the LLM once for one question.
func TestSharedCachesAcrossReplicas(t *testing.T) {
	srv := redistest.Start(t)
	var calls atomic.Int64
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.URL.Path, "/chat/completions") {
			http.NotFound(w, r)
			return
		}
		calls.Add(1)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id":"x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"Own outcomes [1]."},"finish_reason":"stop"}]}`)
	}))
	defer upstream.Close()

	cfg := config.Default()
	cfg.BaseURL, cfg.Model, cfg.RedisURL, cfg.CacheTTL = upstream.URL+"/v1", "fake", srv.URL(), time.Minute
	cfg.LLMRead = false // answers are cached, the LLM's readings are not: count answer calls only
	var replies []answer.Reply
	for range 2 {
		s, err := OpenShared(cfg)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		a, err := Build(context.Background(), Options{Config: cfg, Shared: s})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := a.Chat(context.Background(), answer.Request{Message: "How is a senior PM's success judged?"})
		if err != nil {
			t.Fatal(err)
		}
		replies = append(replies, rep)
	}
	if calls.Load() != 1 {
		t.Errorf("upstream called %d times for one question on two replicas; want 1", calls.Load())
	}
	if replies[1].Mode != answer.ModeLLM || replies[1].Answer != replies[0].Answer {
		t.Errorf("second replica's reply %+v; first %+v", replies[1], replies[0])
	}
}
