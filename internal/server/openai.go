package server

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/ladder/coach/internal/answer"
	"github.com/ladder/coach/internal/openaiapi"
)

// openAIHandler serves the OpenAI-compatible API under /v1: the coach as a
// model that any OpenAI client or chat UI can talk to. The wire format and
// its translation rules live in internal/openaiapi; this file only carries
// requests and replies.
// A chatter that is also a Streamer streams its answers as it writes them.
type openAIHandler struct {
	chatter Chatter
	ready   func() bool
	logger  *slog.Logger
	modelID string
	now     func() time.Time
}

// openAIRoutes registers the /v1 routes on g. The group is made in New, in
// one place, so middleware for all of /v1 (API keys) goes on it there.
func openAIRoutes(g *gin.RouterGroup, h *openAIHandler) {
	g.GET("/models", h.models)
	g.GET("/models/*id", h.model)
	g.POST("/chat/completions", h.chatCompletions)
}

// abortOpenAI writes e in OpenAI's error shape with its status.
func abortOpenAI(c *gin.Context, e *openaiapi.Error) {
	c.AbortWithStatusJSON(e.Status, e.Body())
}

// writeOpenAIError is the error writer of /v1's mount: msg in OpenAI's
// error shape, with the code of its status.
func writeOpenAIError(c *gin.Context, status int, msg string) {
	abortOpenAI(c, openaiapi.ErrorFor(status, msg))
}

// abortOpenAIErr writes err in OpenAI's error shape; errors without a code
// are logged and shown as a generic message.
func (h *openAIHandler) abortOpenAIErr(c *gin.Context, err error) {
	e := openaiapi.ErrorOf(err, HTTPStatus(err))
	if e.Status >= 500 && h.logger != nil {
		h.logger.ErrorContext(c.Request.Context(), "request failed",
			"request_id", requestIDOf(c), "method", c.Request.Method, "path", c.Request.URL.Path, "status", e.Status, "err", err)
	}
	abortOpenAI(c, e)
}

func (h *openAIHandler) models(c *gin.Context) {
	c.JSON(http.StatusOK, openaiapi.ModelList{Object: "list", Data: []openaiapi.Model{openaiapi.ModelInfo(h.modelID)}})
}

// model serves /v1/models/*id; the catch-all lets a configured id hold a
// slash.
func (h *openAIHandler) model(c *gin.Context) {
	if id := strings.TrimPrefix(c.Param("id"), "/"); id != h.modelID {
		abortOpenAI(c, openaiapi.ModelNotFound(id, h.modelID))
		return
	}
	c.JSON(http.StatusOK, openaiapi.ModelInfo(h.modelID))
}

// chatCompletions serves POST /v1/chat/completions. Everything about the
// request is checked before the reply starts, so every error has a proper
// status, streaming or not.
func (h *openAIHandler) chatCompletions(c *gin.Context) {
	raw, err := io.ReadAll(c.Request.Body)
	if err != nil {
		if isTooLarge(err) {
			abortOpenAI(c, openaiapi.ErrorFor(http.StatusRequestEntityTooLarge, tooLargeMessage(MaxOpenAIBodyBytes)))
			return
		}
		abortOpenAI(c, openaiapi.Invalidf("", openaiapi.CodeInvalidJSON, "%s", readFailedMessage))
		return
	}
	req, e := openaiapi.ParseRequest(raw)
	if e != nil {
		abortOpenAI(c, e)
		return
	}
	model, e := openaiapi.ResolveModel(req.Model, h.modelID)
	if e != nil {
		abortOpenAI(c, e)
		return
	}
	areq, e := openaiapi.ToAnswerRequest(req.Messages)
	if e != nil {
		abortOpenAI(c, e)
		return
	}
	if !h.ready() || h.chatter == nil {
		abortOpenAI(c, openaiapi.ErrorFor(http.StatusServiceUnavailable, "The coach is still building its index; try again in a moment."))
		return
	}

	id, created := openaiapi.NewCompletionID(), h.now().Unix()
	if req.Stream {
		h.stream(c, areq, openaiapi.NewStream(id, created, model, req.Messages, req.IncludeUsage))
		return
	}
	ctx := c.Request.Context()
	reply, err := h.chatter.Chat(ctx, areq)
	if err != nil {
		h.abortChatErr(c, err)
		return
	}
	usage := openaiapi.EstimateUsage(req.Messages, openaiapi.CompletionContent(reply))
	c.JSON(http.StatusOK, openaiapi.NewCompletion(id, created, model, reply, usage))
}

// abortChatErr answers a failure of the answer service before any reply.
func (h *openAIHandler) abortChatErr(c *gin.Context, err error) {
	if c.Request.Context().Err() != nil {
		// The client left; nobody reads the reply and it is not a fault.
		e := openaiapi.ErrorFor(http.StatusServiceUnavailable, "request cancelled")
		e.Code = openaiapi.CodeRequestCanceled
		abortOpenAI(c, e)
		return
	}
	h.abortOpenAIErr(c, err)
}

// stream answers with server-sent events "data: {chunk}", each flushed as
// it goes, then "data: [DONE]". The answer streams from the Chatter when it
// is a Streamer; another Chatter's finished reply is cut into pieces. Until
// the first event the response is untouched, so a failure before it has its
// status and OpenAI's error shape; a failure after it ends the stream with
// an error event, which OpenAI clients report.
func (h *openAIHandler) stream(c *gin.Context, req answer.Request, t *openaiapi.Stream) {
	ctx := c.Request.Context()
	w := c.Writer
	write := func(data []byte) error {
		if err := ctx.Err(); err != nil {
			return err // the client left: nobody reads what follows
		}
		if _, err := fmt.Fprintf(w, "data: %s\n\n", data); err != nil {
			return err
		}
		w.Flush()
		return nil
	}
	send := func(v any) error {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		return write(b)
	}
	emit := func(ev answer.Event) error {
		if !t.Started() {
			hd := w.Header()
			hd.Set("Content-Type", "text/event-stream; charset=utf-8")
			hd.Set("Cache-Control", "no-cache")
			hd.Set("X-Accel-Buffering", "no") // proxies such as nginx must not buffer the stream
			c.Status(http.StatusOK)
		}
		for _, ch := range t.Translate(ev) {
			if err := send(ch); err != nil {
				return err
			}
		}
		return nil
	}

	err := streamChat(ctx, h.chatter, req, emit)
	switch {
	case err == nil:
	case !t.Started():
		h.abortChatErr(c, err)
		return
	case ctx.Err() != nil:
		return
	default:
		h.logger.ErrorContext(ctx, "openai: chat stream failed", "request_id", requestIDOf(c), "path", c.Request.URL.Path, "err", err)
		_ = send(openaiapi.ErrorFor(http.StatusInternalServerError, "The answer stopped because of an internal error. Please ask again.").Body())
		return
	}
	for _, ch := range t.Finish() { // a stream that ended without its done event
		if send(ch) != nil {
			return
		}
	}
	_ = write([]byte("[DONE]"))
}
