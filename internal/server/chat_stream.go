package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/ladder/coach/internal/answer"
)

// Streamer answers a chat request as a stream of events (see
// answer.Service.ChatStream). A Chatter that is also a Streamer streams
// POST /api/chat; any other Chatter's reply is cut into events.
type Streamer interface {
	ChatStream(ctx context.Context, req answer.Request, emit func(answer.Event) error) error
}

// acceptsEventStream reports whether the client asks for Server-Sent Events.
func acceptsEventStream(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "text/event-stream")
}

// stream answers req with Server-Sent Events: "event: NAME" and "data: JSON"
// for each answer.Event, flushed one by one. Until the first event the
// response is untouched, so a failure before it is the usual JSON error.
func (h *chatHandler) stream(c *gin.Context, req answer.Request) {
	ctx := c.Request.Context()
	started := false
	emit := func(e answer.Event) error {
		// Stop as soon as the client has gone: nobody reads what follows.
		select {
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		data, err := json.Marshal(e.Data)
		if err != nil {
			return err
		}
		if !started {
			started = true
			hd := c.Writer.Header()
			hd.Set("Content-Type", "text/event-stream")
			hd.Set("Cache-Control", "no-cache")
			hd.Set("X-Accel-Buffering", "no") // proxies such as nginx must not buffer the stream
			c.Status(http.StatusOK)
		}
		if _, err := fmt.Fprintf(c.Writer, "event: %s\ndata: %s\n\n", e.Name, data); err != nil {
			return err
		}
		c.Writer.Flush()
		return nil
	}

	err := streamChat(ctx, h.chatter, req, emit)
	switch {
	case err == nil:
	case ctx.Err() != nil:
		// The client left; not a fault.
		if !started {
			abortWithMessage(c, http.StatusServiceUnavailable, "request cancelled")
		}
	case !started:
		abortWithError(c, h.logger, err)
	default:
		h.logger.ErrorContext(ctx, "chat stream failed", "request_id", requestIDOf(c), "path", c.Request.URL.Path, "err", err)
		_ = emit(answer.Event{Name: answer.EventError, Data: answer.StreamError{Message: "The answer stopped because of an internal error. Please ask again."}})
	}
}

// streamChat streams ch's answer to req: as it is written when ch is a
// Streamer, else its whole reply as the events of a stream.
func streamChat(ctx context.Context, ch Chatter, req answer.Request, emit func(answer.Event) error) error {
	if s, ok := ch.(Streamer); ok {
		return s.ChatStream(ctx, req, emit)
	}
	return streamReply(ctx, ch, req, emit)
}

// streamReply emits a Chatter's whole reply as the events of a stream.
func streamReply(ctx context.Context, ch Chatter, req answer.Request, emit func(answer.Event) error) error {
	reply, err := ch.Chat(ctx, req)
	if err != nil {
		return err
	}
	if reply.Citations == nil {
		reply.Citations = []answer.Citation{}
	}
	if err := emit(answer.Event{Name: answer.EventCitations, Data: reply.Citations}); err != nil {
		return err
	}
	for _, p := range answer.Pieces(reply.Answer) {
		if err := emit(answer.Event{Name: answer.EventDelta, Data: answer.Delta{Text: p}}); err != nil {
			return err
		}
	}
	return emit(answer.Event{Name: answer.EventDone, Data: answer.Done{Mode: reply.Mode, Degraded: reply.Degraded, Citations: reply.Citations, Suggestions: reply.Suggestions, Scope: reply.Scope}})
}
