package cache

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ladder/coach/internal/redistest"
)

func TestConnectRejectsBadURLWithoutLeakingIt(t *testing.T) {
	_, err := Connect("http://:hunter2@example.test")
	if err == nil {
		t.Fatal("Connect accepted an http URL")
	}
	if strings.Contains(err.Error(), "hunter2") {
		t.Errorf("error %q leaks the password", err)
	}
}

func TestConnectTimeouts(t *testing.T) {
	rdb, err := Connect("redis://127.0.0.1:1/0")
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	o := rdb.Options()
	if o.DialTimeout != Timeout || o.ReadTimeout != Timeout || o.WriteTimeout != Timeout || o.PoolTimeout != Timeout || o.MaxRetries != 0 {
		t.Errorf("options dial %v read %v write %v pool %v retries %d; want %v and no retry",
			o.DialTimeout, o.ReadTimeout, o.WriteTimeout, o.PoolTimeout, o.MaxRetries, Timeout)
	}

	rdb2, err := Connect("redis://127.0.0.1:1/2?read_timeout=2s&max_retries=2")
	if err != nil {
		t.Fatal(err)
	}
	defer rdb2.Close()
	if o := rdb2.Options(); o.ReadTimeout != 2*time.Second || o.MaxRetries != 2 || o.DB != 2 || o.DialTimeout != Timeout {
		t.Errorf("the URL's query does not win: read %v retries %d db %d dial %v", o.ReadTimeout, o.MaxRetries, o.DB, o.DialTimeout)
	}
}

// Nothing listens on the address: Get fails fast instead of hanging.
func TestRedisDownFailsFast(t *testing.T) {
	port, err := redistest.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	rdb, err := Connect("redis://127.0.0.1:" + strconv.Itoa(port) + "/0")
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	c := NewRedis(rdb, time.Hour)
	for range 3 {
		start := time.Now()
		if _, _, err := c.Get(context.Background(), "k"); err == nil {
			t.Fatal("Get succeeded with no Redis")
		}
		if err := c.Set(context.Background(), "k", "v"); err == nil {
			t.Fatal("Set succeeded with no Redis")
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("a failed Get and Set took %v", d)
		}
	}
}

func TestRedis(t *testing.T) {
	srv := redistest.Start(t)
	rdb, err := Connect(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	ctx := context.Background()
	c := NewRedis(rdb, time.Hour)

	if _, ok, err := c.Get(ctx, "missing"); ok || err != nil {
		t.Fatalf("Get(missing) = ok %v, err %v", ok, err)
	}
	if err := c.Set(ctx, "q1", "an answer [1]"); err != nil {
		t.Fatal(err)
	}
	v, ok, err := c.Get(ctx, "q1")
	if err != nil || !ok || v != "an answer [1]" {
		t.Fatalf("Get(q1) = %q, %v, %v", v, ok, err)
	}
	// Stored under the prefix, with the TTL.
	ttl, err := rdb.TTL(ctx, KeyPrefix+"q1").Result()
	if err != nil || ttl <= 59*time.Minute || ttl > time.Hour {
		t.Errorf("TTL of %sq1 = %v, %v; want about 1h", KeyPrefix, ttl, err)
	}

	// A short TTL expires.
	short := NewRedis(rdb, 50*time.Millisecond)
	if err := short.Set(ctx, "q2", "soon gone"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(150 * time.Millisecond)
	if _, ok, err := short.Get(ctx, "q2"); ok || err != nil {
		t.Errorf("Get after the TTL = ok %v, err %v", ok, err)
	}
}

// Redis stops: calls fail fast; it comes back: calls work again, with the
// same client.
func TestRedisOutageAndRecovery(t *testing.T) {
	srv := redistest.Start(t)
	rdb, err := Connect(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	ctx := context.Background()
	c := NewRedis(rdb, time.Hour)
	if err := c.Set(ctx, "k", "v"); err != nil {
		t.Fatal(err)
	}

	srv.Stop()
	for range 20 {
		start := time.Now()
		if _, _, err := c.Get(ctx, "k"); err == nil {
			t.Fatal("Get succeeded while Redis is down")
		}
		if d := time.Since(start); d > time.Second {
			t.Fatalf("a Get with Redis down took %v", d)
		}
	}

	srv.Restart()
	deadline := time.Now().Add(5 * time.Second)
	for {
		err := c.Set(ctx, "k", "v2")
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("still failing 5s after Redis came back: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if v, ok, err := c.Get(ctx, "k"); v != "v2" || !ok || err != nil {
		t.Errorf("Get after recovery = %q, %v, %v", v, ok, err)
	}
}
