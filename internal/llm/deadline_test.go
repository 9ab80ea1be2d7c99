package llm

import (
	"context"
	"errors"
	"testing"
	"time"
)

// stubborn ignores its context: it answers after delay whatever happens.
type stubborn struct {
	delay time.Duration
	reply string
}

func (s stubborn) Complete(context.Context, []Message) (string, error) {
	time.Sleep(s.delay)
	return s.reply, nil
}

func TestCompleteWithin(t *testing.T) {
	for _, tc := range []struct {
		name    string
		c       stubborn
		timeout time.Duration
		want    string
		wantErr error
	}{
		{"in time", stubborn{0, "ok"}, time.Second, "ok", nil},
		{"past the deadline, though the call ignores its context", stubborn{2 * time.Second, "late"}, 20 * time.Millisecond, "", context.DeadlineExceeded},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := CompleteWithin(context.Background(), tc.c, nil, tc.timeout)
			if got != tc.want || !errors.Is(err, tc.wantErr) {
				t.Errorf("CompleteWithin = %q, %v; want %q, %v", got, err, tc.want, tc.wantErr)
			}
		})
	}
}

func TestWithTimeoutDefault(t *testing.T) {
	ctx, cancel := WithTimeout(context.Background(), 0)
	defer cancel()
	dl, ok := ctx.Deadline()
	if left := time.Until(dl); !ok || left > DefaultTimeout || left < DefaultTimeout-time.Second {
		t.Errorf("deadline in %v (set %v), want DefaultTimeout %v", left, ok, DefaultTimeout)
	}
}
