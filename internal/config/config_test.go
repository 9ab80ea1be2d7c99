package config

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestLoad(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		want    Config
		wantLLM bool
		wantErr string
	}{
		{name: "defaults", env: nil, want: Default()},
		{name: "blank values keep defaults", env: map[string]string{EnvAddr: "  ", EnvModel: "", EnvLLMTimeout: " "}, want: Default()},
		{
			name: "everything set",
			env: map[string]string{
				EnvAddr: "0.0.0.0:9000", EnvAPIKey: "sk-test", EnvBaseURL: "http://localhost:11434/v1",
				EnvModel: "llama3", EnvLLMTimeout: "1m30s", EnvEmbedModel: "nomic-embed-text", EnvLogFormat: "JSON",
				EnvModelID: "career-coach", EnvAPIKeys: " k1, ,k2 ", EnvRateLimit: "60", EnvTrustedProxies: "10.0.0.0/8, 127.0.0.1",
				EnvShutdownTimeout: "5s", EnvRedisURL: "redis://:pw@redis:6379/0", EnvCacheTTL: "1h",
				EnvLLMMaxBytes: "4096", EnvAllowedHosts: "Coach.Example.com, .example.org", EnvCORSOrigins: "https://app.example.com",
				EnvLLMRead: "OFF", EnvLLMReadTimeout: "1500ms",
			},
			want: Config{Addr: "0.0.0.0:9000", APIKey: "sk-test", BaseURL: "http://localhost:11434/v1", Model: "llama3",
				LLMTimeout: 90 * time.Second, LLMMaxBytes: 4096, AllowedHosts: []string{"coach.example.com", ".example.org"},
				CORSOrigins: []string{"https://app.example.com"}, EmbedModel: "nomic-embed-text", LogFormat: LogJSON, ModelID: "career-coach",
				APIKeys: []string{"k1", "k2"}, RateLimit: 60, TrustedProxies: []string{"10.0.0.0/8", "127.0.0.1"}, ShutdownTimeout: 5 * time.Second,
				RedisURL: "redis://:pw@redis:6379/0", CacheTTL: time.Hour, LLMRead: false, LLMReadTimeout: 1500 * time.Millisecond},
			wantLLM: true,
		},
		{
			name:    "key alone enables the LLM",
			env:     map[string]string{EnvAPIKey: "sk-test"},
			want:    Config{Addr: DefaultAddr, APIKey: "sk-test", Model: DefaultModel, LLMTimeout: DefaultLLMTimeout, LLMMaxBytes: DefaultLLMMaxBytes, LogFormat: LogText, ModelID: DefaultModelID, ShutdownTimeout: DefaultShutdownTimeout, CacheTTL: DefaultCacheTTL, LLMRead: true, LLMReadTimeout: DefaultLLMReadTimeout},
			wantLLM: true,
		},
		{
			name:    "base URL alone enables the LLM",
			env:     map[string]string{EnvBaseURL: "http://127.0.0.1:8000/v1"},
			want:    Config{Addr: DefaultAddr, BaseURL: "http://127.0.0.1:8000/v1", Model: DefaultModel, LLMTimeout: DefaultLLMTimeout, LLMMaxBytes: DefaultLLMMaxBytes, LogFormat: LogText, ModelID: DefaultModelID, ShutdownTimeout: DefaultShutdownTimeout, CacheTTL: DefaultCacheTTL, LLMRead: true, LLMReadTimeout: DefaultLLMReadTimeout},
			wantLLM: true,
		},
		{name: "port only address", env: map[string]string{EnvAddr: ":8080"}, want: Config{Addr: ":8080", Model: DefaultModel, LLMTimeout: DefaultLLMTimeout, LLMMaxBytes: DefaultLLMMaxBytes, LogFormat: LogText, ModelID: DefaultModelID, ShutdownTimeout: DefaultShutdownTimeout, CacheTTL: DefaultCacheTTL, LLMRead: true, LLMReadTimeout: DefaultLLMReadTimeout}},
		{name: "bad duration", env: map[string]string{EnvLLMTimeout: "20"}, wantErr: EnvLLMTimeout},
		{name: "negative duration", env: map[string]string{EnvLLMTimeout: "-1s"}, wantErr: "must be positive"},
		{name: "zero duration", env: map[string]string{EnvLLMTimeout: "0s"}, wantErr: "must be positive"},
		{name: "address without port", env: map[string]string{EnvAddr: "localhost"}, wantErr: EnvAddr},
		{name: "base URL without scheme", env: map[string]string{EnvBaseURL: "localhost:11434"}, wantErr: EnvBaseURL},
		{name: "base URL with ftp scheme", env: map[string]string{EnvBaseURL: "ftp://example.test"}, wantErr: EnvBaseURL},
		{name: "log format", env: map[string]string{EnvLogFormat: "xml"}, wantErr: EnvLogFormat},
		{name: "embedding model without endpoint", env: map[string]string{EnvEmbedModel: "text-embedding-3-small"}, wantErr: EnvEmbedModel},
		{name: "model id with a space", env: map[string]string{EnvModelID: "pm coach"}, wantErr: EnvModelID},
		{name: "rate limit not a number", env: map[string]string{EnvRateLimit: "ten"}, wantErr: EnvRateLimit},
		{name: "negative rate limit", env: map[string]string{EnvRateLimit: "-1"}, wantErr: EnvRateLimit},
		{name: "bad trusted proxy", env: map[string]string{EnvTrustedProxies: "10.0.0.0/8,nope"}, wantErr: EnvTrustedProxies},
		{name: "bad shutdown timeout", env: map[string]string{EnvShutdownTimeout: "soon"}, wantErr: EnvShutdownTimeout},
		{name: "zero shutdown timeout", env: map[string]string{EnvShutdownTimeout: "0s"}, wantErr: EnvShutdownTimeout},
		{name: "redis URL without scheme", env: map[string]string{EnvRedisURL: "127.0.0.1:6379"}, wantErr: EnvRedisURL},
		{name: "redis URL with http scheme", env: map[string]string{EnvRedisURL: "http://127.0.0.1:6379"}, wantErr: EnvRedisURL},
		{name: "zero cache TTL turns the cache off", env: map[string]string{EnvCacheTTL: "0"}, want: Config{Addr: DefaultAddr, Model: DefaultModel, LLMTimeout: DefaultLLMTimeout, LLMMaxBytes: DefaultLLMMaxBytes, LogFormat: LogText, ModelID: DefaultModelID, ShutdownTimeout: DefaultShutdownTimeout, LLMRead: true, LLMReadTimeout: DefaultLLMReadTimeout}},
		{name: "LLM reading on", env: map[string]string{EnvLLMRead: "on"}, want: Default()},
		{name: "LLM reading neither on nor off", env: map[string]string{EnvLLMRead: "yes"}, wantErr: EnvLLMRead},
		{name: "bad LLM reading timeout", env: map[string]string{EnvLLMReadTimeout: "3"}, wantErr: EnvLLMReadTimeout},
		{name: "zero LLM reading timeout", env: map[string]string{EnvLLMReadTimeout: "0s"}, wantErr: EnvLLMReadTimeout},
		{name: "bad cache TTL", env: map[string]string{EnvCacheTTL: "1d"}, wantErr: EnvCacheTTL},
		{name: "negative cache TTL", env: map[string]string{EnvCacheTTL: "-1h"}, wantErr: EnvCacheTTL},
		{name: "LLM cap not a number", env: map[string]string{EnvLLMMaxBytes: "32k"}, wantErr: EnvLLMMaxBytes},
		{name: "LLM cap too small", env: map[string]string{EnvLLMMaxBytes: "10"}, wantErr: EnvLLMMaxBytes},
		{name: "CORS wildcard", env: map[string]string{EnvCORSOrigins: "*"}, wantErr: EnvCORSOrigins},
		{name: "CORS origin with a path", env: map[string]string{EnvCORSOrigins: "https://app.example.com/x"}, wantErr: EnvCORSOrigins},
		{name: "allowed host with a scheme", env: map[string]string{EnvAllowedHosts: "https://x.example"}, wantErr: EnvAllowedHosts},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Load(env(tt.env))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Load() error = %v, want one mentioning %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Load() error = %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Load() = %+v\nwant %+v", got, tt.want)
			}
			if want := got.LLMTimeout + got.LLMReadTimeout; tt.wantLLM && got.LLMRead && got.AnswerTime() != want {
				t.Errorf("AnswerTime() = %s, want %s", got.AnswerTime(), want)
			}
			if !(tt.wantLLM && got.LLMRead) && got.AnswerTime() != got.LLMTimeout {
				t.Errorf("AnswerTime() = %s, want %s", got.AnswerTime(), got.LLMTimeout)
			}
			if got.LLMEnabled() != tt.wantLLM {
				t.Errorf("LLMEnabled() = %v, want %v", got.LLMEnabled(), tt.wantLLM)
			}
		})
	}
}

func TestValidateReportsAllProblems(t *testing.T) {
	c := Config{Addr: "nope", LLMTimeout: 0, LogFormat: "xml"}
	err := c.Validate()
	if err == nil {
		t.Fatal("Validate() = nil, want errors")
	}
	for _, want := range []string{EnvAddr, EnvLLMTimeout, EnvLogFormat} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Validate() = %v, missing %s", err, want)
		}
	}
}

func TestStringRedactsSecrets(t *testing.T) {
	tests := []struct {
		name    string
		cfg     Config
		secrets []string
		want    []string
	}{
		{
			name:    "api key",
			cfg:     Config{Addr: DefaultAddr, APIKey: "sk-very-secret", Model: "m", LLMTimeout: time.Second, LogFormat: LogText},
			secrets: []string{"sk-very-secret"},
			want:    []string{"[redacted]", "llm=on", "addr=127.0.0.1:8080"},
		},
		{
			name:    "password in base URL",
			cfg:     Config{Addr: DefaultAddr, BaseURL: "https://user:hunter2@llm.example.test/v1", Model: "m", LLMTimeout: time.Second, LogFormat: LogText},
			secrets: []string{"hunter2", "user:"},
			want:    []string{"llm.example.test/v1"},
		},
		{
			name:    "password in Redis URL",
			cfg:     Config{Addr: DefaultAddr, RedisURL: "redis://:s3cret@redis.internal:6379/0", CacheTTL: time.Hour, LLMTimeout: time.Second, LogFormat: LogText},
			secrets: []string{"s3cret"},
			want:    []string{"redis.internal:6379/0", "cache_ttl=1h0m0s"},
		},
		{
			name: "offline",
			cfg:  Default(),
			want: []string{"llm=off", `api_key=""`, "embeddings=local", "model_id=coach", `redis="off"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, s := range []string{tt.cfg.String(), fmt.Sprintf("%v", tt.cfg), fmt.Sprintf("%+v", tt.cfg), fmt.Sprintf("%#v", tt.cfg)} {
				for _, secret := range tt.secrets {
					if strings.Contains(s, secret) {
						t.Errorf("printed config %q leaks %q", s, secret)
					}
				}
				for _, w := range tt.want {
					if !strings.Contains(s, w) {
						t.Errorf("printed config %q lacks %q", s, w)
					}
				}
			}
		})
	}
}

// TestHostsServed: a keyless coach on a laptop served any Host, so a web
// page could reach it through DNS rebinding.
func TestHostsServed(t *testing.T) {
	loop := []string{"localhost", "127.0.0.1", "::1"}
	for _, tt := range []struct {
		addr    string
		allowed []string
		want    []string
	}{
		{"127.0.0.1:8080", nil, loop},
		{"localhost:8080", nil, loop},
		{"[::1]:8080", nil, loop},
		{"127.0.0.2:8080", nil, append(loop, "127.0.0.2")},
		{"0.0.0.0:8080", nil, nil},
		{":8080", nil, nil},
		{"127.0.0.1:8080", []string{"coach.example.com"}, []string{"coach.example.com"}},
	} {
		c := Default()
		c.Addr, c.AllowedHosts = tt.addr, tt.allowed
		if got := c.HostsServed(); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s %v: %v; want %v", tt.addr, tt.allowed, got, tt.want)
		}
	}
}
