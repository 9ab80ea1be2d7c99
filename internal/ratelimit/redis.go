package ratelimit

import (
	"context"
	"fmt"
	"time"

	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"
)

// Redis is a Limiter whose buckets live in Redis, so every replica of the
// coach draws from the same ones. It runs redis_rate's GCRA script (a
// token bucket in one key per client, expiring once full again): perMinute
// requests a minute, in bursts of up to perMinute, as Memory. Safe for
// concurrent use.
//
// When Redis cannot be reached, Allow returns the error within the client's
// timeouts; the server then lets the request through.
type Redis struct {
	lim   *redis_rate.Limiter
	limit redis_rate.Limit
}

// redisKeyPrefix starts the client keys (redis_rate adds "rate:" before it).
const redisKeyPrefix = "coach:"

// NewRedis allows perMinute requests a minute per key, in bursts of up to
// perMinute, counted in rdb.
func NewRedis(rdb redis.UniversalClient, perMinute int) *Redis {
	return &Redis{lim: redis_rate.NewLimiter(rdb), limit: redis_rate.PerMinute(perMinute)}
}

// Allow implements Limiter.
func (r *Redis) Allow(ctx context.Context, key string) (bool, time.Duration, error) {
	res, err := r.lim.Allow(ctx, redisKeyPrefix+key, r.limit)
	if err != nil {
		return false, 0, fmt.Errorf("ratelimit: redis: %w", err)
	}
	if res.Allowed == 0 {
		return false, res.RetryAfter, nil
	}
	return true, 0, nil
}
