// Package reading asks an LLM to read a question the way the offline reader
// does (the levels with who each stands for, the facet, whether the asker
// wants to move up, the scope) as strict JSON, checks that reading against
// the ladder's data, and hands it to retrieval, which merges it into the
// offline reading (retrieve.RetrieveWith). Any failure, a slow reply, bad
// JSON or a reading the data contradicts leaves the offline reading alone.
//
// Its prompt is built from the ladder's data (internal/ladder); it knows
// nothing about ranking, answers or transports.
package reading

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/llm"
	"github.com/ladder/coach/internal/retrieve"
)

// DefaultTimeout bounds one reading when New is given none: the answer waits
// for it, so it must be short.
const DefaultTimeout = 3 * time.Second

// maxReplyBytes bounds the reply decoded: a reading is a few hundred bytes.
const maxReplyBytes = 8 << 10

// Why a reading failed. Each error Read returns wraps one of them.
var (
	ErrTimeout = errors.New("reading: the LLM was too slow")
	ErrCall    = errors.New("reading: the LLM call failed")
	ErrJSON    = errors.New("reading: the reply is not the JSON asked for")
	ErrInvalid = errors.New("reading: the reply breaks the ladder's data")
)

// Completer is the LLM: *llm.Client implements it.
type Completer = llm.Completer

// Reader reads questions through an LLM. Safe for concurrent use.
type Reader struct {
	llm     Completer
	timeout time.Duration
	// lad is the ladder read against, prompt its reading prompt.
	lad    *ladder.Model
	prompt string
}

// New returns a reader asking c, each reading bounded by timeout
// (DefaultTimeout when not positive).
func New(c Completer, timeout time.Duration) *Reader {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	return &Reader{llm: c, timeout: timeout, lad: ladder.Default(), prompt: systemPrompt}
}

// WithLadder makes the reader read questions about the ladder m: its
// prompt lists m's levels, facets and roles, and readings are checked
// against m. It returns r.
func (r *Reader) WithLadder(m *ladder.Model) *Reader {
	r.lad, r.prompt = m, buildSystemPrompt(m)
	return r
}

// Read asks the LLM for the reading of question after history, and returns
// it decoded and validated against the ladder's data. Errors wrap ErrTimeout,
// ErrCall, ErrJSON or ErrInvalid.
func (r *Reader) Read(ctx context.Context, question string, history []retrieve.Turn) (*retrieve.Reading, error) {
	// Within returns at the deadline even from a Completer that ignores it.
	reply, err := llm.CompleteWithin(ctx, r.llm, messagesWith(r.prompt, question, history), r.timeout)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("%w (after %s): %w", ErrTimeout, r.timeout, err)
		}
		return nil, fmt.Errorf("%w: %w", ErrCall, err)
	}
	return decode(reply, r.lad)
}

// Decode reads a reply strictly: one JSON object (a surrounding Markdown code
// fence is forgiven), no field the schema lacks, nothing after it, and
// values the ladder's data has. Errors wrap ErrJSON or ErrInvalid.
func Decode(reply string) (*retrieve.Reading, error) { return decode(reply, ladder.Default()) }

// decode is Decode against the ladder lad.
func decode(reply string, lad *ladder.Model) (*retrieve.Reading, error) {
	s := unfence(strings.TrimSpace(reply))
	if len(s) > maxReplyBytes {
		return nil, fmt.Errorf("%w: %d bytes long", ErrJSON, len(s))
	}
	if !strings.HasPrefix(s, "{") {
		return nil, fmt.Errorf("%w: does not start with an object: %q", ErrJSON, clip(s, 60))
	}
	var rd retrieve.Reading
	// Required fields: a reply that leaves out scope or levels has not read
	// the question as asked.
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &raw); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrJSON, err)
	}
	for _, f := range []string{"levels", "scope"} {
		if _, ok := raw[f]; !ok {
			return nil, fmt.Errorf("%w: no %q field", ErrJSON, f)
		}
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rd); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrJSON, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%w: more after the object", ErrJSON)
	}
	if err := rd.ValidateFor(lad); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	return &rd, nil
}

// unfence drops a Markdown code fence around s (```json ... ```), which
// models add though asked not to.
func unfence(s string) string {
	if !strings.HasPrefix(s, "```") || !strings.HasSuffix(s, "```") || len(s) < 6 {
		return s
	}
	s = strings.TrimSuffix(s[3:], "```")
	if i := strings.IndexByte(s, '\n'); i >= 0 && !strings.Contains(s[:i], "{") {
		s = s[i+1:] // the fence's language tag
	}
	return strings.TrimSpace(s)
}
