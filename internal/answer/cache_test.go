package answer

import (
	"context"
	"errors"
	"reflect"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ladder/coach/internal/llm"
	"github.com/ladder/coach/internal/retrieve"
)

// mapCache is a Cache in a map; with fail set every call errs, with block
// every call waits for its context.
type mapCache struct {
	mu    sync.Mutex
	m     map[string]string
	fail  bool
	block bool
	sets  int
}

func newMapCache() *mapCache { return &mapCache{m: map[string]string{}} }

func (c *mapCache) Get(ctx context.Context, key string) (string, bool, error) {
	if c.block {
		<-ctx.Done()
		return "", false, ctx.Err()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fail {
		return "", false, errors.New("cache down")
	}
	v, ok := c.m[key]
	return v, ok, nil
}

func (c *mapCache) Set(ctx context.Context, key, value string) error {
	if c.block {
		<-ctx.Done()
		return ctx.Err()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fail {
		return errors.New("cache down")
	}
	c.sets++
	c.m[key] = value
	return nil
}

// countingLLM answers with text (or err) and counts its calls.
type countingLLM struct {
	text  string
	err   error
	calls atomic.Int64
}

func (c *countingLLM) Complete(context.Context, []llm.Message) (string, error) {
	c.calls.Add(1)
	return c.text, c.err
}

func (c *countingLLM) Stream(_ context.Context, _ []llm.Message, onDelta func(string) error) error {
	c.calls.Add(1)
	if c.err != nil {
		return c.err
	}
	for _, p := range Pieces(c.text) {
		if err := onDelta(p); err != nil {
			return err
		}
	}
	return nil
}

// cacheObserver records cache results.
type cacheObserver struct {
	mu      sync.Mutex
	results []string
	llm     int
}

func (o *cacheObserver) Retrieval(time.Duration) {}
func (o *cacheObserver) LLMCall(string, time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.llm++
}
func (o *cacheObserver) Fallback(string) {}
func (o *cacheObserver) Cache(r string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.results = append(o.results, r)
}

const cachedText = "Practise impact-driven prioritisation [3] and build influence [1][9]. Own an area [1, 3]."

func cachedService(c Cache, l Completer, obs Observer) *Service {
	return &Service{Retriever: llmFakeRetriever{llmTestHits}, LLM: l, Timeout: 5 * time.Second, Cache: c, Model: "tiny", Observer: obs}
}

func TestCacheChat(t *testing.T) {
	c, l, obs := newMapCache(), &countingLLM{text: cachedText}, &cacheObserver{}
	s := cachedService(c, l, obs)
	ctx := context.Background()
	first, err := s.Chat(ctx, Request{Message: "What should I build to become a Senior PM?"})
	if err != nil {
		t.Fatal(err)
	}
	// Another replica: same cache, its own service.
	second, err := cachedService(c, l, obs).Chat(ctx, Request{Message: "  what should I build to become a senior PM "})
	if err != nil {
		t.Fatal(err)
	}
	if n := l.calls.Load(); n != 1 {
		t.Errorf("LLM called %d times; want 1", n)
	}
	if first.Mode != ModeLLM || first.Degraded || !reflect.DeepEqual(first, second) {
		t.Errorf("first %+v\nsecond %+v", first, second)
	}
	if want := []string{CacheMiss, CacheHit}; !reflect.DeepEqual(obs.results, want) || obs.llm != 1 {
		t.Errorf("observed cache %v and %d LLM calls; want %v and 1", obs.results, obs.llm, want)
	}
	// The model's words are stored as written; markers are checked on the way out.
	for _, v := range c.m {
		if v != cachedText {
			t.Errorf("cached %q; want the model's reply %q", v, cachedText)
		}
	}
}

func TestCacheStream(t *testing.T) {
	c, l := newMapCache(), &countingLLM{text: cachedText}
	req := Request{Message: "What should I build to become a Senior PM?"}
	live, err := collect(t, cachedService(c, l, nil), req)
	if err != nil {
		t.Fatal(err)
	}
	again, err := collect(t, cachedService(c, l, nil), req)
	if err != nil {
		t.Fatal(err)
	}
	if n := l.calls.Load(); n != 1 {
		t.Errorf("LLM called %d times; want 1", n)
	}
	_, liveText, _, _, liveDone := streamed(t, live)
	cites, text, deltas, serr, done := streamed(t, again)
	if text != liveText || !reflect.DeepEqual(done, liveDone) || serr != nil || done.Degraded {
		t.Errorf("from the cache: %q %+v\nlive: %q %+v", text, done, liveText, liveDone)
	}
	if deltas < 2 || !reflect.DeepEqual(cites, Citations(llmTestHits)) {
		t.Errorf("cached stream: %d deltas, citations %v", deltas, citeIDs(cites))
	}
}

// A plain answer serves a streamed request for the same question, and the
// other way round, as the model's own reply would.
func TestCacheSharedBetweenPlainAndStream(t *testing.T) {
	req := Request{Message: "What should I build to become a Senior PM?"}
	wantStream, err := collect(t, cachedService(nil, &countingLLM{text: cachedText}, nil), req)
	if err != nil {
		t.Fatal(err)
	}
	wantPlain, err := cachedService(nil, &countingLLM{text: cachedText}, nil).Chat(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}

	c, l := newMapCache(), &countingLLM{text: cachedText}
	if _, err := cachedService(c, l, nil).Chat(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	got, err := collect(t, cachedService(c, l, nil), req)
	if err != nil || !reflect.DeepEqual(got, wantStream) {
		t.Errorf("stream after a plain answer: %v, %v", names(got), err)
	}

	c, l = newMapCache(), &countingLLM{text: cachedText}
	if _, err := collect(t, cachedService(c, l, nil), req); err != nil {
		t.Fatal(err)
	}
	plain, err := cachedService(c, l, nil).Chat(context.Background(), req)
	if err != nil || !reflect.DeepEqual(plain, wantPlain) {
		t.Errorf("plain after a stream: %+v, %v\nwant %+v", plain, err, wantPlain)
	}
	if l.calls.Load() != 1 {
		t.Errorf("LLM called %d times", l.calls.Load())
	}
}

func TestCacheKey(t *testing.T) {
	s := &Service{Model: "tiny"}
	res := retrieve.Result{Hits: llmTestHits}
	base := s.CacheKey(Request{Message: "What does a Senior PM do?"}, res)
	same := []Request{
		{Message: "what does a senior pm do"},
		{Message: "  What   does a Senior PM do ?! "},
	}
	for _, r := range same {
		if k := s.CacheKey(r, res); k != base {
			t.Errorf("%q has another key than the same question", r.Message)
		}
	}
	other := map[string]string{
		"another question": s.CacheKey(Request{Message: "What does a Director do?"}, res),
		"a history":        s.CacheKey(Request{Message: "What does a Senior PM do?", History: []Turn{{Role: "user", Content: "hi"}}}, res),
		"another model":    (&Service{Model: "big"}).CacheKey(Request{Message: "What does a Senior PM do?"}, res),
		"other sections":   s.CacheKey(Request{Message: "What does a Senior PM do?"}, retrieve.Result{Hits: llmTestHits[:2]}),
		"sections in another order": s.CacheKey(Request{Message: "What does a Senior PM do?"},
			retrieve.Result{Hits: []retrieve.Hit{llmTestHits[1], llmTestHits[0], llmTestHits[2], llmTestHits[3]}}),
	}
	seen := map[string]string{base: "base"}
	for name, k := range other {
		if prev, dup := seen[k]; dup {
			t.Errorf("%s has the same key as %s", name, prev)
		}
		seen[k] = name
	}
	// Keys are fixed-length digests: no user text in Redis's key space.
	if len(base) != len("v1:")+64 {
		t.Errorf("key %q", base)
	}
}

// A failing cache never fails a request: the LLM answers, the failures are
// counted.
func TestCacheFailing(t *testing.T) {
	c, l, obs := newMapCache(), &countingLLM{text: cachedText}, &cacheObserver{}
	c.fail = true
	s := cachedService(c, l, obs)
	rep, err := s.Chat(context.Background(), Request{Message: "What should I build?"})
	if err != nil || rep.Mode != ModeLLM || rep.Degraded {
		t.Fatalf("reply %+v, err %v", rep, err)
	}
	evs, err := collect(t, s, Request{Message: "What should I build?"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, serr, done := streamed(t, evs); serr != nil || done.Mode != ModeLLM || done.Degraded {
		t.Errorf("stream with a failing cache: %+v", done)
	}
	if want := []string{CacheError, CacheError, CacheError, CacheError}; !reflect.DeepEqual(obs.results, want) {
		t.Errorf("observed %v; want %v (a lookup and a store each time)", obs.results, want)
	}
	if l.calls.Load() != 2 {
		t.Errorf("LLM called %d times; want 2", l.calls.Load())
	}
}

// A cache that hangs costs a request no more than cacheTimeout a call.
func TestCacheHanging(t *testing.T) {
	c, l := newMapCache(), &countingLLM{text: cachedText}
	c.block = true
	start := time.Now()
	rep, err := cachedService(c, l, nil).Chat(context.Background(), Request{Message: "What should I build?"})
	if err != nil || rep.Mode != ModeLLM {
		t.Fatalf("reply %+v, err %v", rep, err)
	}
	if d := time.Since(start); d > 2*cacheTimeout+time.Second {
		t.Errorf("took %v with a hanging cache", d)
	}
}

// Failed and degraded answers are not cached, nor offline ones.
func TestCacheOnlyGoodLLMAnswers(t *testing.T) {
	c := newMapCache()
	bad := &countingLLM{err: errors.New("upstream down")}
	rep, err := cachedService(c, bad, nil).Chat(context.Background(), Request{Message: "What should I build?"})
	if err != nil || !rep.Degraded {
		t.Fatalf("reply %+v, err %v", rep, err)
	}
	if _, err := collect(t, cachedService(c, bad, nil), Request{Message: "What should I build?"}); err != nil {
		t.Fatal(err)
	}
	if c.sets != 0 {
		t.Errorf("%d degraded answers cached", c.sets)
	}

	offline := &Service{Retriever: llmFakeRetriever{llmTestHits}, Cache: c}
	if _, err := offline.Chat(context.Background(), Request{Message: "What should I build?"}); err != nil {
		t.Fatal(err)
	}
	if _, err := collect(t, offline, Request{Message: "What should I build?"}); err != nil {
		t.Fatal(err)
	}
	if c.sets != 0 || len(c.m) != 0 {
		t.Errorf("offline answers cached: %d", c.sets)
	}
}

// A stream the client left part-way is not cached: its text is incomplete.
func TestCacheStreamClientLeft(t *testing.T) {
	// Long enough to come in several deltas: the leak guard holds back the
	// last words until more arrive.
	c, l := newMapCache(), &countingLLM{text: "One two three four five six seven eight. Nine ten eleven twelve thirteen fourteen fifteen. Sixteen seventeen eighteen nineteen twenty. Twenty-one twenty-two."}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	deltas := 0
	_ = cachedService(c, l, nil).ChatStream(ctx, Request{Message: "What should I build?"}, func(e Event) error {
		if e.Name == EventDelta {
			if deltas++; deltas == 2 {
				cancel()
				return context.Canceled
			}
		}
		return nil
	})
	if c.sets != 0 {
		t.Errorf("a stream cut short was cached")
	}
}
