package reading

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/ladder/coach/internal/retrieve"
)

// Outcomes of a reading besides the retrieve.Reading* ones, for Observer.
const (
	OutcomeSkipped = "skipped"  // not asked: an injection or smalltalk
	OutcomeJSON    = "bad_json" // the reply was not the JSON asked for
	OutcomeTimeout = "timeout"
	OutcomeError   = "error" // the call failed
)

// Observer is told each reading's outcome: a retrieve.Reading* outcome or
// one of the Outcome* above. *metrics.Metrics implements it.
type Observer interface {
	Reading(outcome string)
}

// Base is the offline retriever a Retriever reads for: *retrieve.Retriever.
type Base interface {
	Understand(question string, history []retrieve.Turn) retrieve.Intent
	Retrieve(ctx context.Context, question string, history []retrieve.Turn) (retrieve.Result, error)
	RetrieveWith(ctx context.Context, question string, history []retrieve.Turn, rd *retrieve.Reading) (retrieve.Result, error)
}

// Retriever retrieves with the LLM's reading merged into the offline one. It
// has answer.Retriever's method, so the answer service takes it in place of
// the offline retriever and holds no reading logic of its own. Safe for
// concurrent use.
type Retriever struct {
	base   Base
	reader *Reader
	log    *slog.Logger
	// Observer, when set, is told each reading's outcome.
	Observer Observer
}

// NewRetriever returns a retriever over base that reads each question
// through reader first. Outcomes are logged to log (slog.Default() when nil)
// at debug level, failures at info.
func NewRetriever(base Base, reader *Reader, log *slog.Logger) *Retriever {
	if log == nil {
		log = slog.Default()
	}
	return &Retriever{base: base, reader: reader, log: log}
}

// Retrieve reads the question through the LLM, then retrieves with that
// reading (retrieve.RetrieveWith). A question the offline reader refuses as
// an injection, or reads as smalltalk, is not sent to the LLM at all; a
// failed reading retrieves as the offline reader alone does.
func (x *Retriever) Retrieve(ctx context.Context, question string, history []retrieve.Turn) (retrieve.Result, error) {
	if in := x.base.Understand(question, history); in.Refusal == retrieve.RefuseInjection || in.Scope == retrieve.ScopeSmalltalk {
		x.observe(OutcomeSkipped)
		return x.base.Retrieve(ctx, question, history)
	}
	start := time.Now()
	rd, err := x.reader.Read(ctx, question, history)
	took := time.Since(start)
	if err != nil {
		x.log.InfoContext(ctx, "reading: offline reader only", "err", err, "took", took)
		x.observe(failure(err))
		// A request whose client left goes on as it would without the
		// reading: the later steps notice.
		return x.base.Retrieve(ctx, question, history)
	}
	res, err := x.base.RetrieveWith(ctx, question, history, rd)
	if err == nil {
		lvl := slog.LevelDebug
		if rd.Outcome == retrieve.ReadingDisagrees || rd.Outcome == retrieve.ReadingInvalid {
			lvl = slog.LevelInfo
		}
		x.log.Log(ctx, lvl, "reading: merged", "outcome", rd.Outcome, "why", rd.Why, "reading", rd.String(), "took", took)
		x.observe(rd.Outcome)
	}
	return res, err
}

func (x *Retriever) observe(outcome string) {
	if x.Observer != nil {
		x.Observer.Reading(outcome)
	}
}

// failure is the outcome of a reading that failed with err.
func failure(err error) string {
	switch {
	case errors.Is(err, ErrTimeout):
		return OutcomeTimeout
	case errors.Is(err, ErrJSON):
		return OutcomeJSON
	case errors.Is(err, ErrInvalid):
		return retrieve.ReadingInvalid
	}
	return OutcomeError
}
