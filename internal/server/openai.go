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
)

// openAIHandler serves the OpenAI-compatible API under /v1: the coach as a
// model that any OpenAI client or chat UI can talk to. The translation rules
// live in openai_convert.go; this file only carries requests and replies.
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
func abortOpenAI(c *gin.Context, e *openAIError) {
	c.AbortWithStatusJSON(e.Status, e.body())
}

// abortOpenAIErr writes err in OpenAI's error shape; errors without a code
// are logged and shown as a generic message.
func (h *openAIHandler) abortOpenAIErr(c *gin.Context, err error) {
	e := openAIErrorOf(err)
	if e.Status >= 500 && h.logger != nil {
		h.logger.ErrorContext(c.Request.Context(), "request failed",
			"request_id", c.GetString(ctxKeyRequestID), "method", c.Request.Method, "path", c.Request.URL.Path, "status", e.Status, "err", err)
	}
	abortOpenAI(c, e)
}

func (h *openAIHandler) models(c *gin.Context) {
	c.JSON(http.StatusOK, OpenAIModelList{Object: "list", Data: []OpenAIModel{modelInfo(h.modelID)}})
}

// model serves /v1/models/*id; the catch-all lets a configured id hold a
// slash.
func (h *openAIHandler) model(c *gin.Context) {
	if id := strings.TrimPrefix(c.Param("id"), "/"); id != h.modelID {
		abortOpenAI(c, modelNotFound(id, h.modelID))
		return
	}
	c.JSON(http.StatusOK, modelInfo(h.modelID))
}

// chatCompletions serves POST /v1/chat/completions. Everything about the
// request is checked before the reply starts, so every error has a proper
// status, streaming or not.
func (h *openAIHandler) chatCompletions(c *gin.Context) {
	raw, err := io.ReadAll(c.Request.Body)
	if err != nil {
		if isTooLarge(err) {
			abortOpenAI(c, openAIErrorFor(http.StatusRequestEntityTooLarge, tooLargeMessage(MaxOpenAIBodyBytes)))
			return
		}
		abortOpenAI(c, invalidf("", codeInvalidJSON, "%s", readFailedMessage))
		return
	}
	req, e := parseCompletionRequest(raw)
	if e != nil {
		abortOpenAI(c, e)
		return
	}
	model, e := resolveModel(req.Model, h.modelID)
	if e != nil {
		abortOpenAI(c, e)
		return
	}
	areq, e := toAnswerRequest(req.Messages)
	if e != nil {
		abortOpenAI(c, e)
		return
	}
	if !h.ready() || h.chatter == nil {
		abortOpenAI(c, openAIErrorFor(http.StatusServiceUnavailable, "The coach is still building its index; try again in a moment."))
		return
	}

	k := chunker{id: newCompletionID(), created: h.now().Unix(), model: model}
	if req.Stream {
		h.stream(c, areq, &eventTranslator{k: k, msgs: req.Messages, includeUsage: req.IncludeUsage})
		return
	}
	ctx := c.Request.Context()
	reply, err := h.chatter.Chat(ctx, areq)
	if err != nil {
		h.abortChatErr(c, err)
		return
	}
	usage := estimateUsage(req.Messages, completionContent(reply))
	c.JSON(http.StatusOK, newCompletion(k.id, k.created, model, reply, usage))
}

// abortChatErr answers a failure of the answer service before any reply.
func (h *openAIHandler) abortChatErr(c *gin.Context, err error) {
	if c.Request.Context().Err() != nil {
		// The client left; nobody reads the reply and it is not a fault.
		e := openAIErrorFor(http.StatusServiceUnavailable, "request cancelled")
		e.Code = codeRequestCanceled
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
func (h *openAIHandler) stream(c *gin.Context, req answer.Request, t *eventTranslator) {
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
		if !t.started {
			hd := w.Header()
			hd.Set("Content-Type", "text/event-stream; charset=utf-8")
			hd.Set("Cache-Control", "no-cache")
			hd.Set("X-Accel-Buffering", "no") // proxies such as nginx must not buffer the stream
			c.Status(http.StatusOK)
		}
		for _, ch := range t.translate(ev) {
			if err := send(ch); err != nil {
				return err
			}
		}
		return nil
	}

	err := streamChat(ctx, h.chatter, req, emit)
	switch {
	case err == nil:
	case !t.started:
		h.abortChatErr(c, err)
		return
	case ctx.Err() != nil:
		return
	default:
		h.logger.ErrorContext(ctx, "openai: chat stream failed", "request_id", c.GetString(ctxKeyRequestID), "path", c.Request.URL.Path, "err", err)
		_ = send(openAIErrorFor(http.StatusInternalServerError, "The answer stopped because of an internal error. Please ask again.").body())
		return
	}
	for _, ch := range t.finish(nil) { // a stream that ended without its done event
		if send(ch) != nil {
			return
		}
	}
	_ = write([]byte("[DONE]"))
}
