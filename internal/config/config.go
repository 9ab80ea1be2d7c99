// Package config holds the coach's settings: their defaults, the environment
// variables that set them, and the rules that reject bad combinations.
//
// It reads from a getenv function handed to it, so it knows nothing about
// .env files, flags or the process environment; cmd/coach decides where the
// values come from.
package config

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Environment variable names.
const (
	EnvAddr        = "COACH_ADDR"
	EnvAPIKey      = "OPENAI_API_KEY"
	EnvBaseURL     = "OPENAI_BASE_URL"
	EnvModel       = "COACH_MODEL"
	EnvLLMTimeout  = "COACH_LLM_TIMEOUT"
	EnvLLMMaxBytes = "COACH_LLM_MAX_BYTES"
	EnvEmbedModel  = "COACH_EMBED_MODEL"
	EnvLogFormat   = "COACH_LOG_FORMAT"
	EnvModelID     = "COACH_MODEL_ID"
	EnvLadder      = "COACH_LADDER"
	// The LLM's reading of questions.
	EnvLLMRead        = "COACH_LLM_READ"
	EnvLLMReadTimeout = "COACH_LLM_READ_TIMEOUT"
	// Hardening.
	EnvAPIKeys         = "COACH_API_KEYS"
	EnvRateLimit       = "COACH_RATE_LIMIT"
	EnvTrustedProxies  = "COACH_TRUSTED_PROXIES"
	EnvShutdownTimeout = "COACH_SHUTDOWN_TIMEOUT"
	EnvAllowedHosts    = "COACH_ALLOWED_HOSTS"
	EnvCORSOrigins     = "COACH_CORS_ORIGINS"
	// Scaling out.
	EnvRedisURL = "COACH_REDIS_URL"
	EnvCacheTTL = "COACH_CACHE_TTL"
)

// Defaults.
const (
	DefaultAddr       = "127.0.0.1:8080"
	DefaultModel      = "gpt-4o-mini"
	DefaultLLMTimeout = 20 * time.Second
	// DefaultLLMMaxBytes caps an LLM answer: some 5,000 words, far above
	// the few sentences or short list the prompt asks for.
	DefaultLLMMaxBytes = 32 << 10
	// DefaultLLMReadTimeout bounds the LLM's reading of a question; the
	// answer waits for it.
	DefaultLLMReadTimeout = 3 * time.Second
	DefaultLogFormat      = LogText
	DefaultModelID        = "coach"
	// DefaultShutdownTimeout is how long requests in flight get on SIGTERM.
	DefaultShutdownTimeout = 15 * time.Second
	// DefaultCacheTTL is how long a shared LLM answer is kept.
	DefaultCacheTTL = 24 * time.Hour
)

// Log formats.
const (
	LogText = "text"
	LogJSON = "json"
)

// Config is every setting of the coach. The zero value is not usable: start
// from Default or Load.
type Config struct {
	// Addr is the HTTP listen address, HOST:PORT.
	Addr string
	// APIKey is the OpenAI-compatible API key; a secret, never printed.
	APIKey string
	// BaseURL is the OpenAI-compatible endpoint; empty means OpenAI's.
	BaseURL string
	// Model is the chat model the LLM path asks.
	Model string
	// LLMTimeout bounds one LLM call; past it the offline answer is used.
	LLMTimeout time.Duration
	// LLMRead, when the LLM is configured, has it read each question too
	// (levels and their roles, facet, transition, scope), merged into the
	// offline reading; on by default.
	LLMRead bool
	// LLMReadTimeout bounds that reading; past it the offline reading alone
	// is used.
	LLMReadTimeout time.Duration
	// LLMMaxBytes caps an LLM answer; a longer one is cut there.
	LLMMaxBytes int
	// EmbedModel names a remote embedding model; empty uses the local,
	// offline embedder.
	EmbedModel string
	// LogFormat is text or json.
	LogFormat string
	// ModelID is the model name the OpenAI-compatible API (/v1) lists and
	// accepts; it is the coach's own name, unrelated to Model.
	ModelID string
	// Ladder is the path of a ladder file (Markdown with YAML front matter)
	// the coach is grounded in instead of the embedded article; empty is
	// the article. With a ladder, a ModelID left at its default becomes a
	// slug of the ladder's title.
	Ladder string
	// APIKeys, when any, are required as "Authorization: Bearer <key>" on
	// /api and /v1. Secrets, never printed.
	APIKeys []string
	// RateLimit is the requests a minute allowed per client; 0 is no limit.
	RateLimit int
	// TrustedProxies are the IPs or CIDRs whose X-Forwarded-For is believed
	// for the client's address; none by default.
	TrustedProxies []string
	// ShutdownTimeout is how long requests in flight get on SIGTERM.
	ShutdownTimeout time.Duration
	// AllowedHosts are the Host names served (a leading dot allows the
	// subdomains, "*" any). Empty: any Host, except that with a loopback
	// Addr only loopback names are served (DNS rebinding).
	AllowedHosts []string
	// CORSOrigins are the browser origins (scheme://host[:port]) allowed to
	// call the API from other sites; empty allows none (same origin only).
	CORSOrigins []string
	// RedisURL, when set, is the Redis the replicas share rate limits and
	// LLM answers through (redis://[:password@]host:port/db, rediss:// for
	// TLS); empty keeps both in this process. Its password is a secret.
	RedisURL string
	// CacheTTL is how long a shared LLM answer is kept; 0 turns the answer
	// cache off.
	CacheTTL time.Duration
}

// Default returns the settings used when no variable is set.
func Default() Config {
	return Config{
		Addr:        DefaultAddr,
		Model:       DefaultModel,
		LLMTimeout:  DefaultLLMTimeout,
		LLMMaxBytes: DefaultLLMMaxBytes,
		LogFormat:   DefaultLogFormat,
		ModelID:     DefaultModelID,

		LLMRead:        true,
		LLMReadTimeout: DefaultLLMReadTimeout,

		ShutdownTimeout: DefaultShutdownTimeout,
		CacheTTL:        DefaultCacheTTL,
	}
}

// Load reads the settings through getenv (os.Getenv in production), on top
// of the defaults, and validates them. Empty or blank values keep the default.
func Load(getenv func(string) string) (Config, error) {
	c := Default()
	get := func(name string) string { return strings.TrimSpace(getenv(name)) }
	if v := get(EnvAddr); v != "" {
		c.Addr = v
	}
	c.APIKey = get(EnvAPIKey)
	c.BaseURL = get(EnvBaseURL)
	if v := get(EnvModel); v != "" {
		c.Model = v
	}
	if v := get(EnvLLMTimeout); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			return Config{}, fmt.Errorf("config: %s=%q is not a duration such as 20s or 1m: %w", EnvLLMTimeout, v, err)
		}
		c.LLMTimeout = d
	}
	if v := get(EnvLLMMaxBytes); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return Config{}, fmt.Errorf("config: %s=%q is not a whole number of bytes", EnvLLMMaxBytes, v)
		}
		c.LLMMaxBytes = n
	}
	if v := get(EnvLLMRead); v != "" {
		switch strings.ToLower(v) {
		case "on":
			c.LLMRead = true
		case "off":
			c.LLMRead = false
		default:
			return Config{}, fmt.Errorf("config: %s=%q must be on or off", EnvLLMRead, v)
		}
	}
	if v := get(EnvLLMReadTimeout); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			return Config{}, fmt.Errorf("config: %s=%q is not a duration such as 3s or 1500ms: %w", EnvLLMReadTimeout, v, err)
		}
		c.LLMReadTimeout = d
	}
	c.EmbedModel = get(EnvEmbedModel)
	if v := get(EnvLogFormat); v != "" {
		c.LogFormat = strings.ToLower(v)
	}
	if v := get(EnvModelID); v != "" {
		c.ModelID = v
	}
	c.Ladder = get(EnvLadder)
	c.APIKeys = list(get(EnvAPIKeys))
	if v := get(EnvRateLimit); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return Config{}, fmt.Errorf("config: %s=%q is not a whole number of requests a minute", EnvRateLimit, v)
		}
		c.RateLimit = n
	}
	c.TrustedProxies = list(get(EnvTrustedProxies))
	if v := get(EnvShutdownTimeout); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			return Config{}, fmt.Errorf("config: %s=%q is not a duration such as 15s: %w", EnvShutdownTimeout, v, err)
		}
		c.ShutdownTimeout = d
	}
	c.AllowedHosts = list(strings.ToLower(get(EnvAllowedHosts)))
	c.CORSOrigins = list(get(EnvCORSOrigins))
	c.RedisURL = get(EnvRedisURL)
	if v := get(EnvCacheTTL); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			return Config{}, fmt.Errorf("config: %s=%q is not a duration such as 24h or 30m: %w", EnvCacheTTL, v, err)
		}
		c.CacheTTL = d
	}
	if err := c.Validate(); err != nil {
		return Config{}, err
	}
	return c, nil
}

// list splits a comma-separated setting, dropping blanks.
func list(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// LLMEnabled reports whether answers are written by an LLM: an API key or a
// base URL (a local server such as Ollama needs no key) is set.
func (c Config) LLMEnabled() bool {
	return c.APIKey != "" || c.BaseURL != ""
}

// HostsServed is the Host names the server answers to: AllowedHosts when
// set; else, when Addr is a loopback address (the default), only the
// loopback names, so a web page cannot reach a laptop's coach through DNS
// rebinding; else nil, any.
func (c Config) HostsServed() []string {
	if len(c.AllowedHosts) > 0 {
		return c.AllowedHosts
	}
	host, _, err := net.SplitHostPort(c.Addr)
	if err != nil {
		return nil
	}
	ip := net.ParseIP(host)
	if host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return nil
	}
	out := []string{"localhost", "127.0.0.1", "::1"}
	if host != "localhost" && host != "127.0.0.1" && host != "::1" {
		out = append(out, host)
	}
	return out
}

// LLMReads reports whether the LLM reads each question too: the LLM is
// configured and COACH_LLM_READ is not off.
func (c Config) LLMReads() bool {
	return c.LLMEnabled() && c.LLMRead
}

// AnswerTime is the longest an answer waits on the LLM: its reading of the
// question, when on, then the answer itself.
func (c Config) AnswerTime() time.Duration {
	if c.LLMReads() {
		return c.LLMReadTimeout + c.LLMTimeout
	}
	return c.LLMTimeout
}

// RemoteEmbeddings reports whether a remote embedding model replaces the
// local embedder.
func (c Config) RemoteEmbeddings() bool {
	return c.EmbedModel != ""
}

// Validate rejects settings the coach cannot run with. All problems are
// reported together.
func (c Config) Validate() error {
	var problems []error
	if _, port, err := net.SplitHostPort(c.Addr); err != nil || port == "" {
		problems = append(problems, fmt.Errorf("%s=%q must be HOST:PORT, such as 127.0.0.1:8080", EnvAddr, c.Addr))
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			problems = append(problems, fmt.Errorf("%s=%q must be an http or https URL, such as http://localhost:11434/v1", EnvBaseURL, c.BaseURL))
		}
	}
	if c.LLMEnabled() && c.Model == "" {
		problems = append(problems, fmt.Errorf("%s must name a model when the LLM is configured", EnvModel))
	}
	if c.LLMTimeout <= 0 {
		problems = append(problems, fmt.Errorf("%s=%s must be positive", EnvLLMTimeout, c.LLMTimeout))
	}
	if c.LLMMaxBytes < 1024 {
		problems = append(problems, fmt.Errorf("%s=%d must be at least 1024", EnvLLMMaxBytes, c.LLMMaxBytes))
	}
	for _, o := range c.CORSOrigins {
		u, err := url.Parse(o)
		if o == "*" || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.User != nil {
			problems = append(problems, fmt.Errorf("%s: %q must be an origin such as https://app.example.com (scheme, host and port only; no *)", EnvCORSOrigins, o))
		}
	}
	for _, h := range c.AllowedHosts {
		if strings.ContainsAny(h, "/ @") {
			problems = append(problems, fmt.Errorf("%s: %q must be a host name such as coach.example.com, .example.com or *", EnvAllowedHosts, h))
		}
	}
	if c.LLMReadTimeout <= 0 {
		problems = append(problems, fmt.Errorf("%s=%s must be positive", EnvLLMReadTimeout, c.LLMReadTimeout))
	}
	if c.RemoteEmbeddings() && !c.LLMEnabled() {
		problems = append(problems, fmt.Errorf("%s needs %s or %s for the embedding endpoint", EnvEmbedModel, EnvAPIKey, EnvBaseURL))
	}
	if c.LogFormat != LogText && c.LogFormat != LogJSON {
		problems = append(problems, fmt.Errorf("%s=%q must be %q or %q", EnvLogFormat, c.LogFormat, LogText, LogJSON))
	}
	if strings.ContainsFunc(c.ModelID, unicode.IsSpace) {
		// Clients put the id in URLs (/v1/models/ID) and match it exactly.
		problems = append(problems, fmt.Errorf("%s=%q must not contain spaces", EnvModelID, c.ModelID))
	}
	if c.RateLimit < 0 {
		problems = append(problems, fmt.Errorf("%s=%d must be 0 (no limit) or more", EnvRateLimit, c.RateLimit))
	}
	for _, p := range c.TrustedProxies {
		if net.ParseIP(p) == nil {
			if _, _, err := net.ParseCIDR(p); err != nil {
				problems = append(problems, fmt.Errorf("%s: %q is neither an IP nor a CIDR", EnvTrustedProxies, p))
			}
		}
	}
	if c.ShutdownTimeout <= 0 {
		problems = append(problems, fmt.Errorf("%s=%s must be positive", EnvShutdownTimeout, c.ShutdownTimeout))
	}
	if c.RedisURL != "" {
		u, err := url.Parse(c.RedisURL)
		if err != nil || (u.Scheme != "redis" && u.Scheme != "rediss") || u.Host == "" {
			// The URL may hold a password: name the variable, not the value.
			problems = append(problems, fmt.Errorf("%s must be a redis:// or rediss:// URL with a host, such as redis://127.0.0.1:6379/0", EnvRedisURL))
		}
	}
	if c.CacheTTL < 0 {
		problems = append(problems, fmt.Errorf("%s=%s must be 0 (no answer cache) or more", EnvCacheTTL, c.CacheTTL))
	}
	if len(problems) > 0 {
		return fmt.Errorf("config: %w", errors.Join(problems...))
	}
	return nil
}

// String describes the settings with the API key redacted, safe to log.
func (c Config) String() string {
	key := ""
	if c.APIKey != "" {
		key = "[redacted]"
	}
	base := c.BaseURL
	if u, err := url.Parse(c.BaseURL); err == nil && u.User != nil {
		// Credentials in the URL are secrets too.
		u.User = url.User("redacted")
		base = u.String()
	}
	llm := "off"
	if c.LLMEnabled() {
		llm = "on"
	}
	embed := "local"
	if c.RemoteEmbeddings() {
		embed = c.EmbedModel
	}
	keys := "off"
	if len(c.APIKeys) > 0 {
		keys = fmt.Sprintf("%d [redacted]", len(c.APIKeys))
	}
	limit := "off"
	if c.RateLimit > 0 {
		limit = fmt.Sprintf("%d/min", c.RateLimit)
	}
	shared := "off"
	if c.RedisURL != "" {
		shared = redactURL(c.RedisURL)
	}
	ladderName := c.Ladder
	if ladderName == "" {
		ladderName = "embedded article"
	}
	read := "off"
	if c.LLMReads() {
		read = "on"
	}
	return fmt.Sprintf("addr=%s llm=%s model=%s base_url=%q api_key=%q llm_timeout=%s llm_max_bytes=%d llm_read=%s llm_read_timeout=%s embeddings=%s log_format=%s model_id=%s api_keys=%s rate_limit=%s trusted_proxies=%q allowed_hosts=%q cors_origins=%q shutdown_timeout=%s redis=%q cache_ttl=%s ladder=%q",
		c.Addr, llm, c.Model, base, key, c.LLMTimeout, c.LLMMaxBytes, read, c.LLMReadTimeout, embed, c.LogFormat, c.ModelID, keys, limit, strings.Join(c.TrustedProxies, ","),
		strings.Join(c.AllowedHosts, ","), strings.Join(c.CORSOrigins, ","), c.ShutdownTimeout, shared, c.CacheTTL, ladderName)
}

// redactURL hides the credentials of a URL; an unparsable one is hidden whole.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "[redacted]"
	}
	if u.User != nil {
		u.User = url.User("redacted")
	}
	return u.String()
}

// GoString keeps %#v from printing the key.
func (c Config) GoString() string { return "config.Config{" + c.String() + "}" }
