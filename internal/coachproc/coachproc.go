// Package coachproc runs the built coach binary as a child process, for the
// tests that need the real program: the shutdown tests of cmd/coach and the
// multi-replica test of deploy/. Build compiles ./cmd/coach once per test
// binary; Start runs `coach serve` with only the settings a test gives (no
// .env, none of the developer's COACH_ or OPENAI_ variables), JSON logs
// kept for the test, and returns once /readyz answers 200. Tests that start
// the coach are skipped under -short.
//
// It is imported by tests only.
package coachproc

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// modulePath names the coach's go.mod, which Build looks for upwards from
// the test's folder (cmd/coach, or deploy/ of its own module).
const modulePath = "github.com/ladder/coach"

// StartTimeout bounds how long a coach may take to listen and be ready.
const StartTimeout = 30 * time.Second

// built is the binary Build made, shared by the tests of one test binary.
var built struct {
	once sync.Once
	dir  string
	bin  string
	err  error
}

// Main runs the tests, then removes the binary Build made; a package whose
// tests call Build or Start uses it as its TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(coachproc.Main(m)) }
func Main(m *testing.M) int {
	code := m.Run()
	if built.dir != "" {
		_ = os.RemoveAll(built.dir)
	}
	return code
}

// Build returns the path of the coach binary, built from the repository's
// ./cmd/coach on the first call.
func Build(t testing.TB) string {
	t.Helper()
	built.once.Do(func() {
		root, err := moduleRoot()
		if err != nil {
			built.err = err
			return
		}
		if built.dir, err = os.MkdirTemp("", "coach-bin-"); err != nil {
			built.err = err
			return
		}
		built.bin = filepath.Join(built.dir, "coach")
		cmd := exec.Command("go", "build", "-o", built.bin, "./cmd/coach")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			built.err = fmt.Errorf("go build ./cmd/coach: %v\n%s", err, out)
		}
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.bin
}

// moduleRoot is the nearest folder upwards whose go.mod declares the coach.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil {
			if line, _, _ := strings.Cut(string(b), "\n"); strings.TrimSpace(line) == "module "+modulePath {
				return dir, nil
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod of %s above the test's folder", modulePath)
		}
		dir = parent
	}
}

// Options are what a test sets for one coach process.
type Options struct {
	// Name tells processes apart in failure messages ("a", "b").
	Name string
	// Addr is the listen address; empty is a free loopback port.
	Addr string
	// Env holds the coach's settings (COACH_RATE_LIMIT=30, ...), on top of
	// PATH, HOME and XDG_CACHE_HOME (the test's folder), JSON logs and gin's
	// release mode.
	Env map[string]string
}

// Process is `coach serve` running as a child process.
type Process struct {
	// Cmd is the running command.
	Cmd *exec.Cmd
	// URL is the base URL, "http://127.0.0.1:PORT"; Addr the same without
	// the scheme.
	URL, Addr string
	// Name is Options.Name.
	Name string

	mu   sync.Mutex
	logs bytes.Buffer

	exited chan struct{}
	err    error // cmd.Wait's, set before exited is closed
}

// Start runs the built coach with opts in an empty folder (so no .env is
// read) and waits until it is ready. The process is killed at the end of
// the test if still running; when the test failed, its logs are printed.
// Under -short the test is skipped: building and running the binary takes
// seconds.
func Start(t testing.TB, opts Options) *Process {
	t.Helper()
	if testing.Short() {
		t.Skip("runs the built coach: skipped under -short")
	}
	bin := Build(t)
	addr := opts.Addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	home := t.TempDir()
	cmd := exec.Command(bin, "serve", "--addr", addr)
	cmd.Dir = home
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "XDG_CACHE_HOME=" + home, "COACH_LOG_FORMAT=json", "GIN_MODE=release"}
	for k, v := range opts.Env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &Process{Cmd: cmd, Name: opts.Name, exited: make(chan struct{})}
	listening := make(chan string, 1)
	go p.read(stderr, listening)
	t.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			_ = cmd.Process.Kill()
			<-p.exited
		}
		if t.Failed() {
			t.Logf("coach %s log (last 3000 bytes):\n%s", p.Name, tail(p.Logs(), 3000))
		}
	})
	select {
	case p.URL = <-listening:
	case <-p.exited:
		t.Fatalf("coach %s exited before listening: %v", p.Name, p.err)
	case <-time.After(StartTimeout):
		t.Fatalf("coach %s did not listen within %s", p.Name, StartTimeout)
	}
	p.Addr = strings.TrimPrefix(p.URL, "http://")
	p.waitReady(t)
	return p
}

// read keeps the process's log lines and sends the URL of its "coach
// listening" line; it notes the exit when standard error closes.
func (p *Process) read(stderr io.Reader, listening chan<- string) {
	sc := bufio.NewScanner(stderr)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		p.mu.Lock()
		p.logs.WriteString(line + "\n")
		p.mu.Unlock()
		var rec struct {
			Msg string `json:"msg"`
			URL string `json:"url"`
		}
		if json.Unmarshal([]byte(line), &rec) == nil && rec.Msg == "coach listening" {
			select {
			case listening <- rec.URL:
			default:
			}
		}
	}
	p.err = p.Cmd.Wait()
	close(p.exited)
}

// waitReady polls /readyz until it answers 200.
func (p *Process) waitReady(t testing.TB) {
	t.Helper()
	deadline := time.Now().Add(StartTimeout)
	for {
		resp, err := http.Get(p.URL + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		select {
		case <-p.exited:
			t.Fatalf("coach %s exited before it was ready: %v", p.Name, p.err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("coach %s not ready within %s: %v", p.Name, StartTimeout, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Logs returns what the process wrote to standard error so far.
func (p *Process) Logs() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.logs.String()
}

// Signal sends sig to the process.
func (p *Process) Signal(t testing.TB, sig syscall.Signal) {
	t.Helper()
	if err := p.Cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
}

// Exited is closed when the process has exited.
func (p *Process) Exited() <-chan struct{} { return p.exited }

// Err is how the process ended (nil for exit status 0); read it after
// Exited is closed.
func (p *Process) Err() error { return p.err }

// ExitCode is the process's exit status; read it after Exited is closed.
func (p *Process) ExitCode() int {
	var ee *exec.ExitError
	if errors.As(p.err, &ee) {
		return ee.ExitCode()
	}
	return 0
}

// Wait waits up to d for the process to exit and returns its exit status,
// failing the test when it is still running.
func (p *Process) Wait(t testing.TB, d time.Duration) int {
	t.Helper()
	select {
	case <-p.exited:
		return p.ExitCode()
	case <-time.After(d):
		t.Fatalf("coach %s still running %v later", p.Name, d)
		return -1
	}
}

// Metric sums the samples of a metric from the process's /metrics whose
// labels contain every one of labels (`name="value"`).
func (p *Process) Metric(t testing.TB, name string, labels ...string) float64 {
	t.Helper()
	resp, err := http.Get(p.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	sum := 0.0
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, name+"{") && !strings.HasPrefix(line, name+" ") {
			continue
		}
		match := true
		for _, l := range labels {
			match = match && strings.Contains(line, l)
		}
		if !match {
			continue
		}
		f := strings.Fields(line)
		v, err := strconv.ParseFloat(f[len(f)-1], 64)
		if err != nil {
			t.Fatalf("metric line %q: %v", line, err)
		}
		sum += v
	}
	return sum
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}
