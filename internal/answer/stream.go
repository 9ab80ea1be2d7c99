package answer

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ladder/coach/internal/llm"
	"github.com/ladder/coach/internal/retrieve"
)

// Names of the events ChatStream emits, in the order they come.
const (
	EventCitations = "citations" // Data is []Citation, never nil
	EventDelta     = "delta"     // Data is Delta
	EventError     = "error"     // Data is StreamError
	EventDone      = "done"      // Data is Done
)

// Event is one step of a streamed reply.
type Event struct {
	Name string
	Data any
}

// Delta is the next piece of the answer's text.
type Delta struct {
	Text string `json:"text"`
}

// Done ends a streamed reply.
type Done struct {
	Mode     string `json:"mode"`
	Degraded bool   `json:"degraded"`
	// Citations are the citations the text cites: those of the citations
	// event, in its order, less the ones an LLM answer turned out not to
	// use. The text's [n] markers keep counting from 1 in the citations
	// event's list.
	Citations []Citation `json:"citations"`
	// Suggestions and Scope are the reply's (see Reply).
	Suggestions []string `json:"suggestions"`
	Scope       string   `json:"scope"`
}

// MarshalJSON encodes the event with Suggestions a list even when nil.
func (d Done) MarshalJSON() ([]byte, error) {
	type plain Done
	if d.Suggestions == nil {
		d.Suggestions = []string{}
	}
	return json.Marshal(plain(d))
}

// StreamError says the answer stopped part-way; a Done follows it.
type StreamError struct {
	Message string `json:"message"`
}

// midStreamMessage is what the reader sees when the LLM fails after part of
// its answer was sent.
const midStreamMessage = "The language model stopped before finishing its answer, so the text above may be incomplete. Ask again to get a full answer."

// cutStreamMessage is what the reader sees when the LLM's answer went past
// Service.MaxReplyBytes.
const cutStreamMessage = "The language model's answer was longer than the coach allows, so it was cut there."

// errReplyCut is the failure of an LLM answer cut at Service.MaxReplyBytes.
var errReplyCut = errors.New("the model's reply is over the size cap")

// withheldMessage is what the reader sees when the rest of an LLM answer was
// withheld because it began to repeat the coach's instructions.
const withheldMessage = "The rest of this answer was withheld because the language model began to repeat its instructions. Ask again to get an answer from the article."

// ChatStream answers one question as a stream of events given to emit: the
// citations first, then the answer's text in two or more deltas, then done
// (with an error event before it when the LLM fails part-way). Offline
// answers are cut into lines and sentences; LLM answers arrive as the model
// writes them, their [n] markers counting in the citations list sent first
// and markers naming no section removed.
//
// An LLM that fails or times out (Service.Timeout) before writing any text is
// replaced by the offline answer with done.degraded true. A bad request or a
// failed retrieval returns an error before any event; an error from emit
// (the client left) stops the stream and is returned.
func (s *Service) ChatStream(ctx context.Context, req Request, emit func(Event) error) error {
	if err := req.Validate(); err != nil {
		return err
	}
	res, err := s.retrieve(ctx, req)
	if err != nil {
		return err
	}
	offline, res := s.compose(req, res)
	if s.LLM == nil || offline.Scope != ScopeIn && offline.Scope != ScopeNearby {
		if err := emit(Event{EventCitations, offline.Citations}); err != nil {
			return err
		}
		return streamOffline(offline, false, emit)
	}
	// The LLM's lines are known at done: the citations go out without them.
	if err := emit(Event{EventCitations, withoutItems(offline.Citations)}); err != nil {
		return err
	}
	return s.streamLLM(ctx, req, res, offline, emit)
}

// withoutItems is cites with every Items empty.
func withoutItems(cites []Citation) []Citation {
	out := make([]Citation, len(cites))
	for i, c := range cites {
		c.Items = []int{}
		out[i] = c
	}
	return out
}

// streamOffline emits reply's answer in pieces, then done.
func streamOffline(reply Reply, degraded bool, emit func(Event) error) error {
	for _, p := range Pieces(reply.Answer) {
		if err := emit(Event{EventDelta, Delta{p}}); err != nil {
			return err
		}
	}
	return emit(Event{EventDone, Done{Mode: ModeOffline, Degraded: degraded, Citations: reply.Citations,
		Suggestions: reply.Suggestions, Scope: reply.Scope}})
}

// Pieces cuts text into the deltas of a stream: one a line, and a line of
// several sentences one a sentence; a text of one sentence is cut in two
// at a space. Joined, the pieces are text again.
func Pieces(text string) []string {
	var out []string
	for len(text) > 0 {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			i = len(text) - 1
		}
		out = append(out, sentences(text[:i+1])...)
		text = text[i+1:]
	}
	if len(out) == 1 {
		one := out[0]
		i := strings.LastIndexByte(one[:len(one)/2+1], ' ')
		if i <= 0 {
			// No space in the first half: cut at the middle rune.
			i = len(string([]rune(one)[:utf8.RuneCountInString(one)/2]))
		}
		if i > 0 {
			out = []string{one[:i], one[i:]}
		}
	}
	return out
}

// sentences cuts a line after each ". ", "? " and "! ".
func sentences(line string) []string {
	var out []string
	start := 0
	for i := 0; i+1 < len(line); i++ {
		if strings.IndexByte(".?!", line[i]) >= 0 && line[i+1] == ' ' {
			out = append(out, line[start:i+2])
			start = i + 2
		}
	}
	if start < len(line) {
		out = append(out, line[start:])
	}
	return out
}

// streamLLM streams the LLM's answer through a markerFilter, falling back to
// the offline answer when the LLM writes nothing. A cached answer streams
// the same way, in pieces, without calling the LLM.
func (s *Service) streamLLM(ctx context.Context, req Request, res retrieve.Result, offline Reply, emit func(Event) error) error {
	key := s.cacheKey(req, res)
	stream := s.LLM.Stream
	cached, hit := s.cacheGet(ctx, key)
	if hit {
		stream = replay(cached)
	}
	start := time.Now()
	lctx, cancel := llm.WithTimeout(ctx, s.Timeout)
	defer cancel()

	// The model's pieces come through a channel so that only this goroutine
	// emits, and so that a Completer ignoring its context cannot hold the
	// stream past the deadline.
	pieces := make(chan string)
	finished := make(chan error, 1)
	msgs := s.Prompt(req, res)
	go func() {
		finished <- stream(lctx, msgs, func(p string) error {
			select {
			case pieces <- p:
				return nil
			case <-lctx.Done():
				return lctx.Err()
			}
		})
	}()

	f := newMarkerFilter(min(len(res.Hits), MaxCitations), hitLines(res.Hits))
	var guard leakGuard     // the instructions never go out
	sent := false           // whether any text went out
	var raw strings.Builder // the model's reply as written, for the cache
	send := func(text string) error {
		if text == "" {
			return nil
		}
		sent = true
		return emit(Event{EventDelta, Delta{text}})
	}
	var llmErr error
	budget := s.maxReplyBytes()
loop:
	for {
		select {
		case p := <-pieces:
			p, cut := cutBytes(p, budget)
			budget -= len(p)
			if cut {
				// Over the cap: what fits goes out, the rest never comes.
				llmErr = errReplyCut
				cancel()
			}
			raw.WriteString(p)
			out, leak := guard.write(f.write(p))
			if leak {
				llmErr = errPromptLeak
				cancel()
				break loop
			}
			if err := send(out); err != nil {
				return err
			}
			if llmErr != nil {
				break loop
			}
		case llmErr = <-finished:
			break loop
		case <-lctx.Done():
			llmErr = lctx.Err()
			break loop
		}
	}
	if ctx.Err() != nil {
		return ctx.Err() // the client left: nobody reads what follows
	}
	switch {
	case llmErr == nil, errors.Is(llmErr, errReplyCut):
		out, leak := guard.write(f.flush())
		rest, leak2 := guard.flush()
		if leak || leak2 {
			llmErr = errPromptLeak
		} else if err := send(out + rest); err != nil {
			return err
		}
	case !errors.Is(llmErr, errPromptLeak):
		// The reader gets all that came, unless it ends a leak.
		if rest, leak := guard.flush(); leak {
			llmErr = errPromptLeak
		} else if err := send(rest); err != nil {
			return err
		}
	}
	if llmErr == nil {
		if !sent {
			llmErr = errors.New("the model's reply is empty")
		}
	}
	if !hit {
		s.observeLLM(start, llmErr)
	}
	if llmErr != nil && !sent {
		slog.WarnContext(ctx, "answer: LLM failed before writing; streaming the offline answer", "err", llmErr)
		return streamOffline(offline, true, emit)
	}
	// The LLM's citations carry the lines it cited, not the offline
	// answer's.
	cites := make([]Citation, 0, len(offline.Citations))
	for i, c := range offline.Citations {
		if slices.Contains(f.cited(), i+1) {
			c.Items = f.items.of(i + 1)
			cites = append(cites, c)
		}
	}
	if len(cites) == 0 {
		cites = withoutItems(offline.Citations)
	}
	done := Done{Mode: ModeLLM, Citations: cites, Suggestions: offline.Suggestions, Scope: offline.Scope}
	if llmErr == nil && !hit {
		s.cacheSet(ctx, key, strings.TrimSpace(raw.String()))
	}
	if llmErr != nil {
		slog.WarnContext(ctx, "answer: LLM failed part-way through its answer", "err", llmErr)
		msg := midStreamMessage
		switch {
		case errors.Is(llmErr, errPromptLeak):
			msg = withheldMessage
		case errors.Is(llmErr, errReplyCut):
			msg = cutStreamMessage
		}
		if err := emit(Event{EventError, StreamError{msg}}); err != nil {
			return err
		}
		done.Degraded = true
	}
	return emit(Event{EventDone, done})
}

// maxMarkerLen bounds how much text from a "[" is held back in case it
// becomes a citation marker ("[Sections 10-12, 14]", "[1, 2, 3, 4, 5, 6, 7,
// 8, 9, 10, 11, 12, 99]"). Marker-like text longer than that is dropped,
// never let through unchecked.
const maxMarkerLen = 256

// maxSpaceHold bounds the white space held back before a possible marker (so
// that a removed marker can take it along): more goes out, so a stream of
// spaces costs no more than any other text.
const maxSpaceHold = 64

// markerFilter checks an LLM answer's [n] markers as the answer streams in,
// as FilterCitations does for a whole answer but keeping the numbers (the
// citations went out first): markers naming no section 1..k are removed,
// valid ones written as "[n]" or "[n, m]". It holds back the little text
// that could still turn out to be part of a marker, and trailing white
// space, so a removed marker can take the space before it along. Leading and trailing
// space of the whole answer is dropped.
type markerFilter struct {
	k       int
	pending string // text not yet given out
	started bool   // whether non-space text has been given out
	// dropping is true while the rest of an over-long marker-like text is
	// being dropped, up to its "]" or the first character no marker has.
	dropping bool
	used     []int
	seen     map[int]bool
	lines    lineChecker // the line ids given; nil accepts none
	items    lineItems   // the lines cited by id, by section number
}

func newMarkerFilter(k int, lines lineChecker) *markerFilter {
	return &markerFilter{k: k, lines: lines, seen: map[int]bool{}, items: lineItems{}}
}

// write takes the next piece of the answer and returns the text now safe to
// give out, possibly "".
func (f *markerFilter) write(p string) string {
	if f.dropping {
		i := strings.IndexFunc(p, func(r rune) bool { return !isMarkerRune(r) })
		if i < 0 {
			return "" // still inside it
		}
		f.dropping = false
		if p[i] == ']' {
			i++
		}
		p = p[i:]
	}
	f.pending += p
	return f.take(f.holdFrom())
}

// flush returns what is left at the end of the answer.
func (f *markerFilter) flush() string {
	out := f.take(len(f.pending))
	return strings.TrimRight(out, " \t\r\n")
}

// cited lists the section numbers the answer cited, in order of first use.
func (f *markerFilter) cited() []int { return f.used }

// holdFrom is where the text that must wait for more begins: a trailing
// marker or start of one, and the spaces before it.
func (f *markerFilter) holdFrom() int {
	cut := len(f.pending)
	if i := strings.LastIndexByte(f.pending, '['); i >= 0 {
		tail := f.pending[i:]
		if !strings.Contains(tail, "]") && couldBeMarker(tail[1:]) {
			if len(tail) > maxMarkerLen {
				// Too long for a marker, too like one to let through.
				f.pending, f.dropping = f.pending[:i], true
			}
			cut = i
		} else if loc := llmMarker.FindStringIndex(tail); loc != nil && loc[0] == 0 && loc[1] == len(tail) {
			// A whole marker at the very end: what follows decides whether
			// a removed marker takes the space before it.
			cut = i
		}
	}
	return max(len(strings.TrimRight(f.pending[:cut], " \t\r\n")), cut-maxSpaceHold)
}

// isMarkerRune reports whether r may be part of a marker after its "[":
// digits (full-width too), signs, separators and the word "section(s)".
func isMarkerRune(r rune) bool {
	return strings.ContainsRune("0123456789０１２３４５６７８９ .,;-–+−sectionSECTION", r)
}

// couldBeMarker reports whether s, the text after a "[", may still grow into
// a marker.
func couldBeMarker(s string) bool {
	for _, r := range s {
		if !isMarkerRune(r) {
			return false
		}
	}
	return true
}

// take gives out pending[:n] with its markers checked and keeps the rest.
// A removed marker at the end of pending[:n] is judged by the text after it
// in pending.
func (f *markerFilter) take(n int) string {
	text, rest := f.pending[:n], f.pending[n:]
	f.pending = rest
	var b strings.Builder
	last := 0
	for _, loc := range llmMarker.FindAllStringIndex(text, -1) {
		b.WriteString(text[last:loc[0]])
		last = loc[1]
		refs := llmMarkerRefs(text[loc[0]:loc[1]], f.k, f.lines)
		f.items.add(refs)
		nums := refNumbers(refs)
		if len(nums) == 0 {
			next := text[last:] + rest
			if next == "" || strings.ContainsRune(" \t\n.,;:!?)", rune(next[0])) {
				s := strings.TrimRight(b.String(), " \t")
				b.Reset()
				b.WriteString(s)
			}
			continue
		}
		b.WriteByte('[')
		for i, n := range nums {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(strconv.Itoa(n))
			if !f.seen[n] {
				f.seen[n] = true
				f.used = append(f.used, n)
			}
		}
		b.WriteByte(']')
	}
	b.WriteString(text[last:])
	out := b.String()
	if !f.started {
		out = strings.TrimLeft(out, " \t\r\n")
		f.started = out != ""
	}
	return out
}
