package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/ladder/coach/internal/answer"
	"github.com/ladder/coach/internal/cache"
	"github.com/ladder/coach/internal/config"
	"github.com/ladder/coach/internal/ratelimit"
)

// Shared is the state the replicas of a coach share through Redis
// (COACH_REDIS_URL): the per-client rate limits and the LLM answer cache,
// over one connection. Everything else a request needs is in the binary
// (the article, hence the index) or in the request (the conversation, a
// plan's link), so replicas hold nothing of their own.
type Shared struct {
	rdb   *redis.Client
	cfg   config.Config
	cache *cache.Redis
}

// OpenShared connects to cfg.RedisURL, or returns nil when it is not set.
// It does not wait for Redis: a coach starts, and serves, while Redis is
// down (see Ping).
func OpenShared(cfg config.Config) (*Shared, error) {
	if cfg.RedisURL == "" {
		return nil, nil
	}
	rdb, err := cache.Connect(cfg.RedisURL)
	if err != nil {
		return nil, err
	}
	s := &Shared{rdb: rdb, cfg: cfg}
	if cfg.LLMEnabled() && cfg.CacheTTL > 0 {
		s.cache = cache.NewRedis(rdb, cfg.CacheTTL)
	}
	return s, nil
}

// Limiter returns the shared rate limiter, or nil when cfg sets no limit.
func (s *Shared) Limiter() ratelimit.Limiter {
	if s == nil || s.cfg.RateLimit <= 0 {
		return nil
	}
	return ratelimit.NewRedis(s.rdb, s.cfg.RateLimit)
}

// AnswerCache returns the shared LLM answer cache, or nil when there is
// none: no Redis, no LLM (offline answers need no cache) or a TTL of 0.
func (s *Shared) AnswerCache() answer.Cache {
	if s == nil || s.cache == nil {
		return nil
	}
	return s.cache
}

// Ping checks that Redis answers, within a second.
func (s *Shared) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	return s.rdb.Ping(ctx).Err()
}

// Describe logs what is shared, and warns when Redis does not answer yet.
func (s *Shared) Describe(ctx context.Context, log *slog.Logger) {
	if s == nil {
		return
	}
	attrs := []any{"rate_limits", s.cfg.RateLimit > 0, "answer_cache", s.cache != nil}
	if err := s.Ping(ctx); err != nil {
		log.Warn("Redis does not answer: rate limits let requests through and answers are not cached until it does",
			append(attrs, "err", err)...)
		return
	}
	log.Info("sharing state through Redis", attrs...)
}

// Close closes the connection.
func (s *Shared) Close() error {
	if s == nil {
		return nil
	}
	return s.rdb.Close()
}
