package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/ladder/coach/internal/config"
	"github.com/ladder/coach/internal/embed"
	"github.com/ladder/coach/internal/index"
)

// buildIndex builds the index: with the local embedder fitted on the
// sections' texts, or the remote model the config names, asked through the
// one LLM client. A remote model's vectors go through embed.Cache, saved on
// disk, so a restart does not pay for them again; the local embedder is
// fast enough to run at every start.
func (c *Core) buildIndex(ctx context.Context) (*index.Index, error) {
	cfg, secs := c.Config, c.Sections.All()
	if !cfg.RemoteEmbeddings() {
		return index.BuildLocal(ctx, secs)
	}
	ef := c.llm.EmbedFunc(cfg.EmbedModel) // Validate made sure the endpoint is set
	log := slog.Default()
	path, err := cachePath(cfg)
	if err != nil {
		log.WarnContext(ctx, "no cache folder for remote embeddings; embedding at every start", "err", err)
		return index.Build(ctx, secs, ef)
	}
	cache, err := embed.NewCache(path, cfg.EmbedModel, ef)
	if err != nil {
		log.WarnContext(ctx, "embedding cache unreadable; embedding at every start", "path", path, "err", err)
		return index.Build(ctx, secs, ef)
	}
	idx, err := index.Build(ctx, secs, cache.Func())
	if err != nil {
		return nil, err
	}
	if err := cache.Save(); err != nil {
		log.WarnContext(ctx, "could not save the embedding cache", "path", path, "err", err)
	}
	return idx, nil
}

// cachePath names the cache file of cfg's embedding endpoint and model; the
// cache keys vectors by model and text within it.
func cachePath(cfg config.Config) (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	h := sha256.Sum256([]byte(cfg.BaseURL + "\x00" + cfg.EmbedModel))
	return filepath.Join(dir, "coach", "embeddings-"+hex.EncodeToString(h[:8])+".gob"), nil
}
