package app

import (
	"context"
	"encoding/json"
	"errors"
	"hash/fnv"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ladder/coach/internal/answer"
	"github.com/ladder/coach/internal/config"
	"github.com/ladder/coach/internal/errs"
)

func TestSections(t *testing.T) {
	set, err := Sections()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(set.All()); n < 25 || n > 40 {
		t.Errorf("%d sections, want 25 to 40", n)
	}
}

func TestBuildOffline(t *testing.T) {
	a, err := Build(context.Background(), Options{Config: config.Default()})
	if err != nil {
		t.Fatal(err)
	}
	if a.Index.Count() != len(a.Sections.All()) {
		t.Errorf("indexed %d of %d sections", a.Index.Count(), len(a.Sections.All()))
	}
	if a.Service.LLM != nil {
		t.Error("LLM set without configuration")
	}
	r, err := a.Chat(context.Background(), answer.Request{Message: "What should I build to become a Senior PM?"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Mode != answer.ModeOffline {
		t.Errorf("mode = %q, want offline", r.Mode)
	}
	if _, err := a.Chat(context.Background(), answer.Request{Message: " "}); errs.Code(err) != errs.Invalid {
		t.Errorf("blank question: err = %v, want Invalid", err)
	}
}

func TestBuildWithLLM(t *testing.T) {
	cfg := config.Default()
	cfg.BaseURL = "http://127.0.0.1:1/v1" // never called: building does not talk to the LLM
	a, err := Build(context.Background(), Options{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	if a.Service.LLM == nil || a.Service.Timeout != cfg.LLMTimeout {
		t.Errorf("service = %+v, want the LLM and its timeout", a.Service)
	}
	if Mode(cfg) != answer.ModeLLM || Mode(config.Default()) != answer.ModeOffline {
		t.Error("Mode() wrong")
	}
}

func TestBuildRejectsBadConfig(t *testing.T) {
	cfg := config.Default()
	cfg.LogFormat = "xml"
	if _, err := Build(context.Background(), Options{Config: cfg}); err == nil {
		t.Fatal("Build() with a bad config = nil error")
	}
}

// fakeEmbeddings is an OpenAI-compatible /embeddings endpoint that returns a
// vector hashed from the text and counts its calls.
func fakeEmbeddings(t *testing.T, calls *atomic.Int64) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/v1/embeddings" {
			http.Error(w, "unexpected "+r.Method+" "+r.URL.Path, http.StatusNotFound)
			return
		}
		var req struct {
			Input []string `json:"input"`
			Model string   `json:"model"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || len(req.Input) != 1 || req.Model != "fake-embed" {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		calls.Add(1)
		h := fnv.New64a()
		h.Write([]byte(req.Input[0]))
		seed := h.Sum64()
		vec := make([]float32, 8)
		for i := range vec {
			vec[i] = float32((seed>>(i*8))&0xff) + 1
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{
			"object": "list", "model": req.Model,
			"data": []map[string]any{{"object": "embedding", "index": 0, "embedding": vec}},
		})
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestRemoteEmbeddingsAreCached(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	var calls atomic.Int64
	srv := fakeEmbeddings(t, &calls)
	cfg := config.Default()
	cfg.BaseURL = srv.URL + "/v1"
	cfg.EmbedModel = "fake-embed"

	a, err := Build(context.Background(), Options{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	n := len(a.Sections.All())
	if got := calls.Load(); got < int64(n) {
		t.Fatalf("first build made %d embedding calls, want at least %d", got, n)
	}
	files, _ := filepath.Glob(filepath.Join(cache, "coach", "embeddings-*.gob"))
	if len(files) != 1 {
		t.Fatalf("cache files = %v, want one", files)
	}

	calls.Store(0)
	b, err := Build(context.Background(), Options{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	if got := calls.Load(); got != 0 {
		t.Errorf("second build made %d embedding calls, want 0 (cached)", got)
	}
	if b.Index.Count() != n {
		t.Errorf("cached index holds %d sections, want %d", b.Index.Count(), n)
	}

	// A corrupt snapshot is embedded again, not an error.
	calls.Store(0)
	if err := os.WriteFile(files[0], []byte("corrupt"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(context.Background(), Options{Config: cfg}); err != nil {
		t.Fatalf("build over a corrupt cache: %v", err)
	}
	if calls.Load() < int64(n) {
		t.Errorf("corrupt cache not rebuilt: %d calls", calls.Load())
	}
}

func TestLoader(t *testing.T) {
	release := make(chan struct{})
	built := &App{}
	l := startWith(context.Background(), &Core{}, func(ctx context.Context) (*App, error) {
		<-release
		return built, nil
	})
	if l.Ready() {
		t.Fatal("ready before the build finished")
	}
	if _, err := l.Chat(context.Background(), answer.Request{Message: "hi"}); errs.Code(err) != errs.Unavailable {
		t.Errorf("Chat before ready: err = %v, want Unavailable", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if _, err := l.Wait(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Wait before done = %v, want deadline exceeded", err)
	}
	close(release)
	a, err := l.Wait(context.Background())
	if err != nil || a != built || !l.Ready() {
		t.Fatalf("Wait() = %p, %v; ready %v", a, err, l.Ready())
	}
}

func TestLoaderBuildFails(t *testing.T) {
	boom := errors.New("boom")
	l := startWith(context.Background(), &Core{}, func(ctx context.Context) (*App, error) { return nil, boom })
	<-l.Done()
	if _, err := l.Wait(context.Background()); !errors.Is(err, boom) {
		t.Errorf("Wait() = %v, want boom", err)
	}
	if l.Ready() {
		t.Error("ready after a failed build")
	}
}

func TestLoaderServesTheApp(t *testing.T) {
	l, err := Start(context.Background(), Options{Config: config.Default()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	r, err := l.Chat(context.Background(), answer.Request{Message: "What does a Director of Product do?"})
	if err != nil || r.Mode != answer.ModeOffline {
		t.Fatalf("Chat() = %+v, %v", r, err)
	}
}
