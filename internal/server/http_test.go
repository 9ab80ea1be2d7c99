package server

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"testing"
	"time"
)

func TestHTTPServerTimeouts(t *testing.T) {
	srv := HTTPServer("127.0.0.1:0", http.NotFoundHandler(), 20*time.Second)
	if srv.ReadHeaderTimeout <= 0 || srv.ReadTimeout <= 0 || srv.IdleTimeout <= 0 || srv.MaxHeaderBytes <= 0 {
		t.Errorf("timeouts not set: %+v", srv)
	}
	// The write deadline starts after the headers: the body may take up to
	// ReadTimeout, then the handler up to its 20 s, then it writes.
	if srv.WriteTimeout < srv.ReadTimeout+20*time.Second+5*time.Second {
		t.Errorf("WriteTimeout %s leaves no room above reading the body (%s) and the handler time (20s)", srv.WriteTimeout, srv.ReadTimeout)
	}
}

func TestRunShutsDownOnCancel(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h := newTestServer(t, &fakeChatter{}, nil, nil)
	srv := HTTPServer(ln.Addr().String(), h, time.Second)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Run(ctx, srv, ln, 5*time.Second) }()

	resp, err := http.Get("http://" + ln.Addr().String() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("GET /healthz = %d %s", resp.StatusCode, b)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run() = %v, want nil after shutdown", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/healthz"); err == nil {
		t.Error("server still answers after shutdown")
	}
}

// TestRunLetsRequestsFinish: a request in flight when shutdown starts gets
// its whole reply; one that outlasts the shutdown timeout is cut, and Run
// says so.
func TestRunLetsRequestsFinish(t *testing.T) {
	for _, tt := range []struct {
		name     string
		work     time.Duration
		shutdown time.Duration
		wantErr  error
	}{
		{"finishes within the timeout", 400 * time.Millisecond, 5 * time.Second, nil},
		{"cut at the timeout", 5 * time.Second, 300 * time.Millisecond, ErrShutdownTimeout},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			started := make(chan struct{})
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				close(started)
				select {
				case <-time.After(tt.work):
					_, _ = io.WriteString(w, "done")
				case <-r.Context().Done():
				}
			})
			srv := HTTPServer(ln.Addr().String(), h, time.Second)
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- Run(ctx, srv, ln, tt.shutdown) }()

			type result struct {
				body string
				err  error
			}
			got := make(chan result, 1)
			go func() {
				resp, err := http.Get("http://" + ln.Addr().String() + "/")
				if err != nil {
					got <- result{err: err}
					return
				}
				defer resp.Body.Close()
				b, err := io.ReadAll(resp.Body)
				got <- result{string(b), err}
			}()
			<-started
			begin := time.Now()
			cancel()
			select {
			case err := <-done:
				if !errors.Is(err, tt.wantErr) {
					t.Errorf("Run() = %v, want %v", err, tt.wantErr)
				}
			case <-time.After(tt.shutdown + 3*time.Second):
				t.Fatal("Run did not return within the shutdown timeout")
			}
			if took := time.Since(begin); took > tt.shutdown+time.Second {
				t.Errorf("shutdown took %s; timeout %s", took, tt.shutdown)
			}
			r := <-got
			if tt.wantErr == nil && (r.err != nil || r.body != "done") {
				t.Errorf("request in flight: %q, %v; want its whole reply", r.body, r.err)
			}
			if tt.wantErr != nil && r.err == nil && r.body == "done" {
				t.Error("the request that outlasted the timeout was not cut")
			}
		})
	}
}
