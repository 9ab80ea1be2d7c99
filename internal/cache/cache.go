// Package cache holds what the coach's replicas share through Redis: the
// connection, with timeouts short enough that a Redis outage costs a request
// little, and the LLM answer cache (Redis implements answer.Cache).
//
// It knows nothing about questions, prompts or HTTP: it stores strings under
// the keys it is given. The shared rate limiter uses the same connection
// from internal/ratelimit.
package cache

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/redis/go-redis/v9/maintnotifications"
)

// Timeout is the default bound on connecting to Redis, and on reading or
// writing one command: a Redis that is down or stuck costs a request at
// most about this much before the coach goes on without it.
const Timeout = 100 * time.Millisecond

// Connect returns a client for the Redis at rawURL
// (redis://[:password@]host:port/db, rediss:// for TLS). It does not dial:
// the first command does, so a coach starts while Redis is down and uses it
// once it is up. Commands fail after Timeout and are not retried; the URL's
// query (dial_timeout, read_timeout, write_timeout, pool_timeout,
// max_retries) overrides these defaults. go-redis's own log lines go to
// slog at debug level: the coach logs and counts failed commands itself.
func Connect(rawURL string) (*redis.Client, error) {
	quietOnce.Do(func() { redis.SetLogger(slogLogger{}) })
	opt, err := redis.ParseURL(rawURL)
	if err != nil {
		// The error may quote the URL and its password.
		return nil, errors.New("cache: COACH_REDIS_URL is not a Redis URL such as redis://127.0.0.1:6379/0")
	}
	q := url.Values{}
	if u, err := url.Parse(rawURL); err == nil {
		q = u.Query()
	}
	if !q.Has("dial_timeout") {
		opt.DialTimeout = Timeout
	}
	if !q.Has("read_timeout") {
		opt.ReadTimeout = Timeout
	}
	if !q.Has("write_timeout") {
		opt.WriteTimeout = Timeout
	}
	if !q.Has("pool_timeout") {
		opt.PoolTimeout = Timeout
	}
	if !q.Has("max_retries") {
		opt.MaxRetries = -1 // a retry doubles the wait, and the caller goes on without Redis anyway
	}
	// One dial attempt per command; go-redis's pool then fails fast after
	// repeated dial errors and probes in the background until Redis is back.
	opt.DialerRetries = 1
	opt.ContextTimeoutEnabled = true
	// Plain Redis and managed ones alike: no CLIENT SETINFO nor maintenance
	// notifications handshake, which older servers refuse.
	opt.DisableIdentity = true
	opt.MaintNotificationsConfig = &maintnotifications.Config{Mode: maintnotifications.ModeDisabled}
	return redis.NewClient(opt), nil
}

var quietOnce sync.Once

// slogLogger is go-redis's logger, at debug level in slog.
type slogLogger struct{}

func (slogLogger) Printf(ctx context.Context, format string, v ...any) {
	slog.DebugContext(ctx, fmt.Sprintf(format, v...), "component", "go-redis")
}

// Redis is an LLM answer cache in Redis: values live under prefix+key for
// the TTL. It implements answer.Cache and is safe for concurrent use.
type Redis struct {
	rdb    redis.Cmdable
	ttl    time.Duration
	prefix string
}

// KeyPrefix starts every key the answer cache writes, so the coach's keys
// are easy to find and drop in a shared Redis.
const KeyPrefix = "coach:answer:"

// NewRedis stores answers in rdb for ttl.
func NewRedis(rdb redis.Cmdable, ttl time.Duration) *Redis {
	return &Redis{rdb: rdb, ttl: ttl, prefix: KeyPrefix}
}

// Get returns the value under key; ok is false when there is none (or it
// expired).
func (r *Redis) Get(ctx context.Context, key string) (value string, ok bool, err error) {
	v, err := r.rdb.Get(ctx, r.prefix+key).Result()
	if errors.Is(err, redis.Nil) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("cache: get: %w", err)
	}
	return v, true, nil
}

// Set stores value under key for the cache's TTL.
func (r *Redis) Set(ctx context.Context, key, value string) error {
	if err := r.rdb.Set(ctx, r.prefix+key, value, r.ttl).Err(); err != nil {
		return fmt.Errorf("cache: set: %w", err)
	}
	return nil
}
