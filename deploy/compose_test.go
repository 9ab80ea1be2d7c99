package deploy

import (
	"net/netip"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ladder/coach/internal/config"
)

// composeFile is the part of the Compose specification docker-compose.yml
// uses; decodeStrict fails on anything else, so a typo cannot hide.
type composeFile struct {
	Name     string                    `json:"name"`
	Services map[string]composeService `json:"services"`
	Networks map[string]struct {
		IPAM struct {
			Config []struct {
				Subnet string `json:"subnet"`
			} `json:"config"`
		} `json:"ipam"`
	} `json:"networks"`
}

type composeService struct {
	Build           string            `json:"build"`
	Image           string            `json:"image"`
	Restart         string            `json:"restart"`
	Command         []string          `json:"command"`
	Environment     map[string]string `json:"environment"`
	ReadOnly        bool              `json:"read_only"`
	Tmpfs           []string          `json:"tmpfs"`
	CapDrop         []string          `json:"cap_drop"`
	SecurityOpt     []string          `json:"security_opt"`
	StopGracePeriod string            `json:"stop_grace_period"`
	DependsOn       []string          `json:"depends_on"`
	Networks        []string          `json:"networks"`
	Ports           []string          `json:"ports"`
	Volumes         []string          `json:"volumes"`
	Healthcheck     *struct {
		Test     []string `json:"test"`
		Interval string   `json:"interval"`
		Timeout  string   `json:"timeout"`
		Retries  int      `json:"retries"`
	} `json:"healthcheck"`
}

// interpolate resolves Compose's ${VAR:-default} as with VAR unset.
var interpolation = regexp.MustCompile(`\$\{[A-Z_]+(?::?-([^}]*))?\}`)

func interpolate(v string) string {
	return interpolation.ReplaceAllStringFunc(v, func(m string) string {
		return interpolation.FindStringSubmatch(m)[1]
	})
}

func TestCompose(t *testing.T) {
	data, err := os.ReadFile("compose/docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var f composeFile
	if err := decodeStrict(data, &f); err != nil {
		t.Fatalf("docker-compose.yml: %v", err)
	}
	for _, name := range []string{"coach-1", "coach-2", "redis", "nginx"} {
		if _, ok := f.Services[name]; !ok {
			t.Fatalf("no service %s", name)
		}
	}
	coaches := []string{"coach-1", "coach-2"}

	var subnet netip.Prefix
	for _, n := range f.Networks {
		for _, c := range n.IPAM.Config {
			if subnet, err = netip.ParsePrefix(c.Subnet); err != nil {
				t.Fatalf("subnet %q: %v", c.Subnet, err)
			}
		}
	}

	for _, name := range coaches {
		s := f.Services[name]
		if s.Build != "../.." {
			t.Errorf("%s builds %q, not the repository's Dockerfile", name, s.Build)
		}
		if _, err := os.Stat("../Dockerfile"); err != nil {
			t.Error(err)
		}
		cfg, err := config.Load(func(k string) string { return interpolate(s.Environment[k]) })
		if err != nil {
			t.Fatalf("%s: the environment is not a valid configuration: %v", name, err)
		}
		if !strings.HasPrefix(cfg.RedisURL, "redis://redis:6379/") {
			t.Errorf("%s: COACH_REDIS_URL %q does not name the redis service", name, cfg.RedisURL)
		}
		if cfg.RateLimit <= 0 || cfg.Addr != "0.0.0.0:8080" {
			t.Errorf("%s: rate limit %d, address %s", name, cfg.RateLimit, cfg.Addr)
		}
		// nginx's address is in the network the coach trusts, and the
		// trusted network is no wider than the compose network.
		if len(cfg.TrustedProxies) != 1 || cfg.TrustedProxies[0] != subnet.String() {
			t.Errorf("%s: trusted proxies %v; want the compose network %s", name, cfg.TrustedProxies, subnet)
		}
		grace, err := time.ParseDuration(s.StopGracePeriod)
		if err != nil || grace <= cfg.ShutdownTimeout {
			t.Errorf("%s: stop_grace_period %q is not above %s %v", name, s.StopGracePeriod, config.EnvShutdownTimeout, cfg.ShutdownTimeout)
		}
		if !s.ReadOnly || !slices.Contains(s.CapDrop, "ALL") {
			t.Errorf("%s: not read-only or keeps capabilities", name)
		}
		if !slices.Contains(s.DependsOn, "redis") {
			t.Errorf("%s does not depend on redis", name)
		}
		// Secrets come from the environment, never from this file.
		for _, k := range []string{config.EnvAPIKeys, config.EnvAPIKey} {
			if v := s.Environment[k]; v != "" && !strings.HasPrefix(v, "${") {
				t.Errorf("%s: %s is written in the file", name, k)
			}
		}
	}

	nginx := f.Services["nginx"]
	if !slices.Contains(nginx.Volumes, "./nginx.conf:/etc/nginx/conf.d/default.conf:ro") {
		t.Errorf("nginx does not mount nginx.conf: %v", nginx.Volumes)
	}
	for _, c := range coaches {
		if !slices.Contains(nginx.DependsOn, c) {
			t.Errorf("nginx does not depend on %s", c)
		}
	}
	if len(nginx.Ports) != 1 || !strings.HasSuffix(nginx.Ports[0], ":8080") {
		t.Errorf("nginx ports %v", nginx.Ports)
	}
	// Only nginx is published: the replicas are reached through it.
	for name, s := range f.Services {
		if name != "nginx" && len(s.Ports) > 0 {
			t.Errorf("%s publishes ports %v", name, s.Ports)
		}
	}
}

// The nginx configuration balances over exactly the coach services and
// retries what it may.
func TestComposeNginx(t *testing.T) {
	data, err := os.ReadFile("compose/nginx.conf")
	if err != nil {
		t.Fatal(err)
	}
	conf := string(data)
	servers := regexp.MustCompile(`(?m)^\s*server\s+([a-z0-9-]+):(\d+)`).FindAllStringSubmatch(conf, -1)
	var got []string
	for _, s := range servers {
		got = append(got, s[1]+":"+s[2])
	}
	if want := []string{"coach-1:8080", "coach-2:8080"}; !slices.Equal(got, want) {
		t.Errorf("upstream servers %v; want %v", got, want)
	}
	for _, want := range []string{
		"proxy_next_upstream error timeout http_502;",
		"proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
		"proxy_buffering off;",
		"listen 8080;",
	} {
		if !strings.Contains(conf, want) {
			t.Errorf("nginx.conf lacks %q", want)
		}
	}
	if strings.Contains(conf, "non_idempotent") {
		t.Error("nginx.conf retries non-idempotent requests: a POST could run twice")
	}
}
