//go:build unix

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ladder/coach/internal/coachproc"
	"github.com/ladder/coach/internal/llmtest"
)

func TestMain(m *testing.M) { os.Exit(coachproc.Main(m)) }

// startServe starts the built coach on a free port with only env set and
// waits until it is ready.
func startServe(t *testing.T, env map[string]string) *coachproc.Process {
	t.Helper()
	return coachproc.Start(t, coachproc.Options{Env: env})
}

// sseEvent is one event of POST /api/chat's stream.
type sseEvent struct {
	Name string
	Data string
}

// openStream posts a streamed question on a connection of its own and sends
// its events on the returned channel, closed when the stream ends (an error
// that ended it, if any, goes to errc).
func openStream(t *testing.T, base, question string) (<-chan sseEvent, <-chan error) {
	t.Helper()
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	body, _ := json.Marshal(map[string]any{"message": question, "stream": true})
	resp, err := client.Post(base+"/api/chat", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		t.Fatalf("POST /api/chat = %d", resp.StatusCode)
	}
	events := make(chan sseEvent, 256)
	errc := make(chan error, 1)
	go func() {
		defer close(events)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.Name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.Data = strings.TrimPrefix(line, "data: ")
			case line == "":
				events <- ev
				ev = sseEvent{}
			}
		}
		errc <- sc.Err()
	}()
	return events, errc
}

// refused reports whether a new connection to addr is refused.
func refused(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, 500*time.Millisecond)
	if err != nil {
		return errors.Is(err, syscall.ECONNREFUSED)
	}
	c.Close()
	return false
}

// TestGracefulShutdown runs the real binary with an LLM that streams its
// answer slowly (20 pieces, 100 ms apart), opens a streamed answer, and
// sends SIGTERM (then, in a second run, SIGINT) once its first piece has
// arrived: the answer still streams to its end, new connections are
// refused meanwhile, and the process exits 0 within COACH_SHUTDOWN_TIMEOUT.
func TestGracefulShutdown(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			t.Parallel()
			pieces := make([]string, 20)
			for i := range pieces {
				pieces[i] = fmt.Sprintf("piece%02d ", i+1)
			}
			up := llmtest.Start(t, llmtest.Options{Pieces: pieces, Delay: 100 * time.Millisecond})
			const shutdownTimeout = 10 * time.Second
			p := startServe(t, map[string]string{
				"OPENAI_BASE_URL": up.URL, "OPENAI_API_KEY": "test", "COACH_MODEL": "fake",
				"COACH_LLM_TIMEOUT": "20s", "COACH_SHUTDOWN_TIMEOUT": shutdownTimeout.String(),
			})
			events, errc := openStream(t, p.URL, "What does a Senior PM do?")

			var text strings.Builder
			var signalled time.Time
			refusedBeforeDone := false
			done := false
			for ev := range events {
				switch ev.Name {
				case "delta":
					var d struct{ Text string }
					_ = json.Unmarshal([]byte(ev.Data), &d)
					text.WriteString(d.Text)
					if signalled.IsZero() {
						if err := p.Cmd.Process.Signal(sig); err != nil {
							t.Fatal(err)
						}
						signalled = time.Now()
						// The listener closes at once; the stream goes on.
						deadline := time.Now().Add(1500 * time.Millisecond)
						for !refusedBeforeDone && time.Now().Before(deadline) {
							refusedBeforeDone = refused(p.Addr)
							time.Sleep(20 * time.Millisecond)
						}
					}
				case "done":
					done = true
				case "error":
					t.Errorf("error event: %s", ev.Data)
				}
			}
			if err := <-errc; err != nil {
				t.Errorf("stream ended with %v", err)
			}
			if signalled.IsZero() {
				t.Fatalf("no delta arrived:\n%s", p.Logs())
			}
			if !done {
				t.Errorf("the stream in flight did not complete (no done event); text %q\n%s", text.String(), p.Logs())
			}
			for _, piece := range pieces {
				if !strings.Contains(text.String(), strings.TrimSpace(piece)) {
					t.Errorf("the answer lacks %q: %q", piece, text.String())
					break
				}
			}
			if !refusedBeforeDone {
				t.Error("new connections were not refused while the stream finished")
			}
			select {
			case <-p.Exited():
			case <-time.After(shutdownTimeout + 5*time.Second):
				t.Fatalf("coach did not exit after %s:\n%s", sig, p.Logs())
			}
			if took := time.Since(signalled); took > shutdownTimeout {
				t.Errorf("exit took %s, over the shutdown timeout %s", took, shutdownTimeout)
			}
			if p.Err() != nil {
				t.Errorf("coach exited with %v after %s, want 0:\n%s", p.Err(), sig, p.Logs())
			}
			if !refused(p.Addr) {
				t.Error("connections still accepted after exit")
			}
			logs := p.Logs()
			for _, want := range []string{`"msg":"shutting down`, `"msg":"coach stopped"`, `"route":"/api/chat"`} {
				if !strings.Contains(logs, want) {
					t.Errorf("logs lack %s:\n%s", want, logs)
				}
			}
			if strings.Contains(logs, "shutdown timeout reached") {
				t.Errorf("the shutdown timed out:\n%s", logs)
			}
		})
	}
}

// TestShutdownTimeoutBoundsStreams: a stream that would outlast
// COACH_SHUTDOWN_TIMEOUT is cut at it; the process exits 0 soon after and
// logs that it cut requests.
func TestShutdownTimeoutBoundsStreams(t *testing.T) {
	t.Parallel()
	pieces := make([]string, 100) // 10 s of answer
	for i := range pieces {
		pieces[i] = fmt.Sprintf("piece%03d ", i+1)
	}
	up := llmtest.Start(t, llmtest.Options{Pieces: pieces, Delay: 100 * time.Millisecond})
	const shutdownTimeout = time.Second
	p := startServe(t, map[string]string{
		"OPENAI_BASE_URL": up.URL, "OPENAI_API_KEY": "test", "COACH_MODEL": "fake",
		"COACH_LLM_TIMEOUT": "30s", "COACH_SHUTDOWN_TIMEOUT": shutdownTimeout.String(),
	})
	events, errc := openStream(t, p.URL, "What does a Senior PM do?")
	var signalled time.Time
	done := false
	for ev := range events {
		if ev.Name == "delta" && signalled.IsZero() {
			if err := p.Cmd.Process.Signal(syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
			signalled = time.Now()
		}
		done = done || ev.Name == "done"
	}
	<-errc
	if signalled.IsZero() {
		t.Fatalf("no delta arrived:\n%s", p.Logs())
	}
	select {
	case <-p.Exited():
	case <-time.After(shutdownTimeout + 5*time.Second):
		t.Fatalf("coach did not exit within the shutdown timeout:\n%s", p.Logs())
	}
	if took := time.Since(signalled); took > shutdownTimeout+2*time.Second {
		t.Errorf("exit took %s; the shutdown timeout is %s", took, shutdownTimeout)
	}
	if done {
		t.Error("the 10 s stream completed; it should have been cut at the shutdown timeout")
	}
	if p.Err() != nil {
		t.Errorf("coach exited with %v, want 0:\n%s", p.Err(), p.Logs())
	}
	if !strings.Contains(p.Logs(), "shutdown timeout reached") {
		t.Errorf("no log line about the cut requests:\n%s", p.Logs())
	}
}

// TestSecondSignalStopsAtOnce: a second SIGTERM could not force an
// immediate stop; the coach waited out COACH_SHUTDOWN_TIMEOUT for a stream
// in flight. Now the first signal shuts down gracefully and the second
// closes what is left and exits at once.
func TestSecondSignalStopsAtOnce(t *testing.T) {
	pieces := make([]string, 200)
	for i := range pieces {
		pieces[i] = fmt.Sprintf("piece%03d ", i+1)
	}
	up := llmtest.Start(t, llmtest.Options{Pieces: pieces, Delay: 200 * time.Millisecond}) // 40 s of answer
	const shutdownTimeout = 60 * time.Second
	p := startServe(t, map[string]string{
		"OPENAI_BASE_URL": up.URL, "OPENAI_API_KEY": "test", "COACH_MODEL": "fake",
		"COACH_LLM_TIMEOUT": "60s", "COACH_SHUTDOWN_TIMEOUT": shutdownTimeout.String(),
	})
	events, _ := openStream(t, p.URL, "What does a Senior PM do?")
	for ev := range events {
		if ev.Name == "delta" {
			break
		}
	}
	if err := p.Cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	select {
	case <-p.Exited():
		t.Fatalf("the first signal stopped the coach with a stream in flight:\n%s", p.Logs())
	default:
	}
	if err := p.Cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-p.Exited():
	case <-time.After(shutdownTimeout / 2):
		t.Fatalf("the second signal did not stop the coach:\n%s", p.Logs())
	}
	if !strings.Contains(p.Logs(), "stopped at once") {
		t.Errorf("logs do not say it stopped at once:\n%s", p.Logs())
	}
	for range events { // the stream was cut
	}
}
