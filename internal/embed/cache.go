package embed

import (
	"context"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	chromem "github.com/philippgille/chromem-go"
)

// Cache keeps the vectors of a remote embedding model on disk, so a restart
// does not pay for (or wait on) embedding the corpus again. Keys are a hash
// of the model name and the text.
type Cache struct {
	path  string
	model string
	fn    chromem.EmbeddingFunc

	mu    sync.Mutex
	vecs  map[string][]float32
	dirty bool
}

// NewCache wraps fn, loading the vectors saved at path (a missing file is
// an empty cache).
func NewCache(path, model string, fn chromem.EmbeddingFunc) (*Cache, error) {
	c := &Cache{path: path, model: model, fn: fn, vecs: map[string][]float32{}}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return nil, fmt.Errorf("embed: open cache: %w", err)
	}
	defer f.Close()
	if err := gob.NewDecoder(f).Decode(&c.vecs); err != nil {
		// A damaged cache is only lost work: start empty.
		c.vecs = map[string][]float32{}
	}
	return c, nil
}

func (c *Cache) key(text string) string {
	h := sha256.Sum256([]byte(c.model + "\x00" + text))
	return hex.EncodeToString(h[:])
}

// Func is the cached embedding function.
func (c *Cache) Func() chromem.EmbeddingFunc {
	return func(ctx context.Context, text string) ([]float32, error) {
		k := c.key(text)
		c.mu.Lock()
		v, ok := c.vecs[k]
		c.mu.Unlock()
		if ok {
			return v, nil
		}
		v, err := c.fn(ctx, text)
		if err != nil {
			return nil, err
		}
		c.mu.Lock()
		c.vecs[k] = v
		c.dirty = true
		c.mu.Unlock()
		return v, nil
	}
}

// Len is the number of cached vectors.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.vecs)
}

// Save writes the cache to its file when it has new vectors.
func (c *Cache) Save() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.dirty {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(c.path), 0o755); err != nil {
		return fmt.Errorf("embed: cache dir: %w", err)
	}
	tmp := c.path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("embed: write cache: %w", err)
	}
	if err := gob.NewEncoder(f).Encode(c.vecs); err != nil {
		f.Close()
		return fmt.Errorf("embed: write cache: %w", err)
	}
	if err := f.Close(); err != nil {
		return err
	}
	c.dirty = false
	return os.Rename(tmp, c.path)
}
