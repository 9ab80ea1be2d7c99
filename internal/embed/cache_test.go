package embed

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
)

func TestCache(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "vecs.gob")
	calls := 0
	remote := func(_ context.Context, text string) ([]float32, error) {
		calls++
		if text == "fail" {
			return nil, errors.New("upstream down")
		}
		return []float32{float32(len(text)), 0}, nil
	}
	c, err := NewCache(path, "m1", remote)
	if err != nil {
		t.Fatal(err)
	}
	f := c.Func()
	for i := 0; i < 3; i++ {
		if v, err := f(context.Background(), "hello"); err != nil || v[0] != 5 {
			t.Fatalf("got %v %v", v, err)
		}
	}
	if calls != 1 {
		t.Errorf("remote called %d times; want 1", calls)
	}
	if _, err := f(context.Background(), "fail"); err == nil {
		t.Error("want the remote error")
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	// A restart reads the vectors back and does not call the remote.
	c2, err := NewCache(path, "m1", remote)
	if err != nil {
		t.Fatal(err)
	}
	calls = 0
	if v, err := c2.Func()(context.Background(), "hello"); err != nil || v[0] != 5 || calls != 0 {
		t.Errorf("after restart: %v %v, %d calls", v, err, calls)
	}
	// Another model does not reuse those vectors.
	c3, _ := NewCache(path, "m2", remote)
	if _, _ = c3.Func()(context.Background(), "hello"); calls != 1 {
		t.Errorf("other model: %d calls; want 1", calls)
	}
}
