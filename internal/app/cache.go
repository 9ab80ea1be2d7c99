package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	chromem "github.com/philippgille/chromem-go"

	"github.com/ladder/coach/internal/config"
	"github.com/ladder/coach/internal/index"
	"github.com/ladder/coach/internal/sections"
)

// buildIndex builds the index. With a remote embedding model the vectors are
// cached on disk, keyed by the endpoint, the model and the sections, so a
// restart does not pay for them again; the local embedder is fast enough to
// run at every start.
func buildIndex(ctx context.Context, cfg config.Config, secs []sections.Section, ef chromem.EmbeddingFunc) (*index.Index, error) {
	if !cfg.RemoteEmbeddings() {
		return index.Build(ctx, secs, ef)
	}
	log := slog.Default()
	path, err := cachePath(cfg, secs)
	if err != nil {
		log.WarnContext(ctx, "no cache folder for remote embeddings; embedding every start", "err", err)
		return index.Build(ctx, secs, ef)
	}
	if idx, err := loadIndex(path, ef); err == nil && idx.Count() == len(secs) {
		log.InfoContext(ctx, "index loaded from cache", "path", path)
		return idx, nil
	} else if err != nil && !os.IsNotExist(err) {
		log.WarnContext(ctx, "index cache unreadable; embedding again", "path", path, "err", err)
	}
	idx, err := index.Build(ctx, secs, ef)
	if err != nil {
		return nil, err
	}
	if err := saveIndex(path, idx); err != nil {
		log.WarnContext(ctx, "could not cache the index", "path", path, "err", err)
	}
	return idx, nil
}

// cachePath names the snapshot file for cfg's embedding model and these
// sections. Anything that changes the vectors changes the name.
func cachePath(cfg config.Config, secs []sections.Section) (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "v1\x00%s\x00%s\x00", cfg.BaseURL, cfg.EmbedModel)
	for _, s := range secs {
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00", s.ID, s.Title, s.Text)
	}
	return filepath.Join(dir, "coach", "index-"+hex.EncodeToString(h.Sum(nil)[:12])+".gob"), nil
}

func loadIndex(path string, ef chromem.EmbeddingFunc) (*index.Index, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return index.Load(f, ef)
}

// saveIndex writes the snapshot beside its final name and renames it, so a
// crash never leaves half a file under that name.
func saveIndex(path string, idx *index.Index) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".index-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if err := writeAndClose(tmp, idx.Export); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func writeAndClose(f *os.File, write func(io.Writer) error) error {
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
