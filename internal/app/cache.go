package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"os"
	"path/filepath"

	chromem "github.com/philippgille/chromem-go"

	"github.com/ladder/coach/internal/config"
	"github.com/ladder/coach/internal/embed"
	"github.com/ladder/coach/internal/index"
	"github.com/ladder/coach/internal/sections"
)

// buildIndex builds the index. A remote embedding model's vectors go through
// embed.Cache, saved on disk, so a restart does not pay for them again; the
// local embedder is fast enough to run at every start.
func buildIndex(ctx context.Context, cfg config.Config, secs []sections.Section, ef chromem.EmbeddingFunc) (*index.Index, error) {
	if !cfg.RemoteEmbeddings() {
		return index.Build(ctx, secs, ef)
	}
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
