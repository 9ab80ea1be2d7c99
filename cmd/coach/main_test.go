package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"github.com/ladder/coach/internal/config"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ladder/coach/internal/answer"
)

// testProgram runs the command with only the variables in env set and no .env.
func testProgram(env map[string]string) (*program, *bytes.Buffer, *bytes.Buffer) {
	var stdout, stderr bytes.Buffer
	return &program{
		stdout: &stdout, stderr: &stderr,
		getenv: func(k string) string { return env[k] },
		ctx:    context.Background(),
	}, &stdout, &stderr
}

func TestRunUsage(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{"no command", nil, exitUsage, "", "Usage:"},
		{"unknown command", []string{"chat"}, exitUsage, "", `unknown command "chat"`},
		{"help", []string{"help"}, exitOK, "Usage:", ""},
		{"--help", []string{"--help"}, exitOK, "Usage:", ""},
		{"ask without question", []string{"ask"}, exitUsage, "", "ask needs a question"},
		{"ask with blank question", []string{"ask", "  "}, exitUsage, "", "ask needs a question"},
		{"ask with unknown flag", []string{"ask", "--yaml", "hi"}, exitUsage, "", "flag provided but not defined"},
		{"eval without file", []string{"eval"}, exitUsage, "", "eval needs one question set"},
		{"eval with two files", []string{"eval", "a.jsonl", "b.jsonl"}, exitUsage, "", "eval needs one question set"},
		{"eval with bad --min", []string{"eval", "x.jsonl", "--min", "2"}, exitUsage, "", "between 0 and 1"},
		{"eval with non-number --min", []string{"eval", "x.jsonl", "--min", "most"}, exitUsage, "", "invalid value"},
		{"eval of a missing file", []string{"eval", "does-not-exist.jsonl"}, exitFail, "", "does-not-exist.jsonl"},
		{"serve with an argument", []string{"serve", "now"}, exitUsage, "", "serve takes no arguments"},
		{"serve with a bad address", []string{"serve", "--addr", "nowhere"}, exitFail, "", "COACH_ADDR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, stdout, stderr := testProgram(nil)
			if code := p.run(tt.args); code != tt.wantCode {
				t.Fatalf("exit %d, want %d; stderr %s", code, tt.wantCode, stderr)
			}
			if !strings.Contains(stdout.String(), tt.wantStdout) {
				t.Errorf("stdout %q lacks %q", stdout, tt.wantStdout)
			}
			if !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("stderr %q lacks %q", stderr, tt.wantStderr)
			}
		})
	}
}

// run itself, with the real environment, for what needs no settings.
func TestRunEntryPoint(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"nope"}, &stdout, &stderr); code != exitUsage {
		t.Errorf("run(nope) = %d, want %d", code, exitUsage)
	}
	if code := run([]string{"help"}, &stdout, &stderr); code != exitOK || !strings.Contains(stdout.String(), "coach serve") {
		t.Errorf("run(help) = %d, stdout %q", code, stdout.String())
	}
}

func TestRunBadConfig(t *testing.T) {
	p, _, stderr := testProgram(map[string]string{"COACH_LLM_TIMEOUT": "soon"})
	if code := p.run([]string{"ask", "hi"}); code != exitFail || !strings.Contains(stderr.String(), "COACH_LLM_TIMEOUT") {
		t.Errorf("exit %d, stderr %s", code, stderr)
	}
}

func TestAskJSON(t *testing.T) {
	for _, q := range []string{"What should I build to become a Senior PM?", "What's the capital of France?"} {
		t.Run(q, func(t *testing.T) {
			p, stdout, stderr := testProgram(nil)
			if code := p.run([]string{"ask", "--json", q}); code != exitOK {
				t.Fatalf("exit %d; stderr %s", code, stderr)
			}
			out := stdout.String()
			var got answer.Reply
			dec := json.NewDecoder(strings.NewReader(out))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&got); err != nil {
				t.Fatalf("stdout %q is not a reply object: %v", out, err)
			}
			if _, err := dec.Token(); err != io.EOF {
				t.Errorf("more than one object on stdout")
			}
			if got.Mode != answer.ModeOffline || got.Citations == nil {
				t.Errorf("reply = %+v: want offline mode and a citations list", got)
			}
			for _, key := range []string{`"answer":`, `"citations":[`, `"mode":`, `"degraded":`} {
				if !strings.Contains(out, key) {
					t.Errorf("stdout lacks %s", key)
				}
			}
		})
	}
}

func TestAskText(t *testing.T) {
	p, stdout, stderr := testProgram(nil)
	// Words after the flag are joined into the question.
	if code := p.run([]string{"ask", "What", "does", "a", "Director", "of", "Product", "do?"}); code != exitOK {
		t.Fatalf("exit %d; stderr %s", code, stderr)
	}
	out := stdout.String()
	if strings.TrimSpace(out) == "" {
		t.Fatal("no answer printed")
	}
	// Sources, when there are any, are numbered with title and id.
	if strings.Contains(out, "Sources:") && !regexp.MustCompile(`(?m)^\[1\] .+ \([a-z-]+/[a-z-]+\)$`).MatchString(out) {
		t.Errorf("sources not numbered with title and id:\n%s", out)
	}
}

func writeSet(t *testing.T, lines ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "set.jsonl")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

var lastLine = regexp.MustCompile(`(?m)^(\d+) passed, (\d+) failed\n\z`)

func TestEvalExitCodes(t *testing.T) {
	set := writeSet(t,
		`{"id":"t1","q":"What's the capital of France?","expect":"refuse"}`,
		`{"id":"t2","q":"What should I build to become a Senior PM?","expect":[["a phrase the article never has"]]}`,
	)
	tests := []struct {
		name     string
		args     []string
		wantCode int
	}{
		{"default min", []string{"eval", set}, exitOK},
		{"min met", []string{"eval", set, "--min", "0.5"}, exitOK},
		{"min missed", []string{"eval", set, "--min", "0.9"}, exitFail},
		{"flag before file", []string{"eval", "--min=0.9", set}, exitFail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, stdout, stderr := testProgram(nil)
			if code := p.run(tt.args); code != tt.wantCode {
				t.Fatalf("exit %d, want %d; stdout %s stderr %s", code, tt.wantCode, stdout, stderr)
			}
			out := stdout.String()
			if !strings.HasSuffix(out, "1 passed, 1 failed\n") {
				t.Errorf("last line of %q is not \"1 passed, 1 failed\"", out)
			}
			for _, want := range []string{"FAIL t2: What should I build to become a Senior PM?", "a phrase the article never has", "top citations:"} {
				if !strings.Contains(out, want) {
					t.Errorf("failure report lacks %q:\n%s", want, out)
				}
			}
			if strings.Contains(out, "FAIL t1") {
				t.Errorf("passing case reported as failing:\n%s", out)
			}
		})
	}
}

func TestEvalBadSet(t *testing.T) {
	set := writeSet(t, `{"id":"t1","q":"hi","expect":"maybe"}`)
	p, _, stderr := testProgram(nil)
	if code := p.run([]string{"eval", set}); code != exitFail || !strings.Contains(stderr.String(), "line 1") {
		t.Errorf("exit %d, stderr %s", code, stderr)
	}
}

// The public set through the real pipeline. The pass count is retrieval's
// business (its own tests hold the figure); this checks the command's shape.
func TestEvalPublicSet(t *testing.T) {
	p, stdout, stderr := testProgram(nil)
	if code := p.run([]string{"eval", "../../eval/public.jsonl", "--min", "0"}); code != exitOK {
		t.Fatalf("exit %d; stderr %s", code, stderr)
	}
	m := lastLine.FindStringSubmatch(stdout.String())
	if m == nil {
		t.Fatalf("no last line \"N passed, M failed\" in %q", stdout)
	}
	t.Logf("public set: %s passed, %s failed", m[1], m[2])
	var passed, failed int
	if _, err := fmt.Sscan(m[1]+" "+m[2], &passed, &failed); err != nil || passed+failed != 40 {
		t.Errorf("%d + %d cases, want 40", passed, failed)
	}
}

func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p, _, stderr := testProgram(nil)
	p.ctx = ctx
	addrc := make(chan string, 1)
	p.onListen = func(addr string) { addrc <- addr }
	done := make(chan int, 1)
	go func() { done <- p.run([]string{"serve", "--addr", "127.0.0.1:0"}) }()

	var base string
	select {
	case addr := <-addrc:
		base = "http://" + addr
	case code := <-done:
		t.Fatalf("serve exited %d before listening; stderr %s", code, stderr)
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not listen")
	}

	get := func(path string) (int, string) {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get("/healthz"); code != 200 || !strings.Contains(body, `"ok"`) {
		t.Errorf("/healthz = %d %s", code, body)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		code, _ := get("/readyz")
		if code == 200 {
			break
		}
		if code != 503 || time.Now().After(deadline) {
			t.Fatalf("/readyz = %d, want 503 then 200", code)
		}
		time.Sleep(20 * time.Millisecond)
	}
	resp, err := http.Post(base+"/api/chat", "application/json", strings.NewReader(`{"message":"What does a Senior PM do?"}`))
	if err != nil {
		t.Fatal(err)
	}
	var reply answer.Reply
	if err := json.NewDecoder(resp.Body).Decode(&reply); err != nil || resp.StatusCode != 200 || reply.Citations == nil {
		t.Errorf("POST /api/chat = %d %+v %v", resp.StatusCode, reply, err)
	}
	resp.Body.Close()
	if code, body := get("/api/sections/senior/skills"); code != 200 || !strings.Contains(body, `"senior/skills"`) {
		t.Errorf("/api/sections/senior/skills = %d %s", code, body)
	}

	cancel() // as SIGTERM does
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("serve exited %d after shutdown, want 0; stderr %s", code, stderr)
		}
	case <-time.After(config.DefaultShutdownTimeout + 5*time.Second):
		t.Fatal("serve did not stop")
	}
	if !strings.Contains(stderr.String(), "coach ready") {
		t.Errorf("no readiness log: %s", stderr)
	}
}
