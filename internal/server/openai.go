package server

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// openAIHandler serves the OpenAI-compatible API under /v1: the coach as a
// model that any OpenAI client or chat UI can talk to. The translation rules
// live in openai_convert.go; this file only carries requests and replies.
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
			"method", c.Request.Method, "path", c.Request.URL.Path, "status", e.Status, "err", err)
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
			abortOpenAI(c, openAIErrorFor(http.StatusRequestEntityTooLarge, tooLargeMessage(MaxBodyBytes)))
			return
		}
		abortOpenAI(c, invalidf("", codeInvalidJSON, "could not read the request body: %v", err))
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

	ctx := c.Request.Context()
	reply, err := h.chatter.Chat(ctx, areq)
	if err != nil {
		if ctx.Err() != nil {
			// The client left; nobody reads the reply and it is not a fault.
			e := openAIErrorFor(http.StatusServiceUnavailable, "request cancelled")
			e.Code = codeRequestCanceled
			abortOpenAI(c, e)
			return
		}
		h.abortOpenAIErr(c, err)
		return
	}

	id, created := newCompletionID(), h.now().Unix()
	usage := estimateUsage(req.Messages, completionContent(reply))
	if !req.Stream {
		c.JSON(http.StatusOK, newCompletion(id, created, model, reply, usage))
		return
	}
	var u *CompletionUsage
	if req.IncludeUsage {
		u = &usage
	}
	h.stream(c, streamChunks(chunker{id: id, created: created, model: model}, reply, u))
}

// stream writes chunks as server-sent events, each flushed as it goes, then
// "data: [DONE]". It stops when the client leaves.
func (h *openAIHandler) stream(c *gin.Context, chunks []ChatCompletionChunk) {
	w := c.Writer
	hd := w.Header()
	hd.Set("Content-Type", "text/event-stream; charset=utf-8")
	hd.Set("Cache-Control", "no-cache")
	hd.Set("X-Accel-Buffering", "no") // a proxy such as nginx must not hold the events back
	w.WriteHeader(http.StatusOK)
	ctx := c.Request.Context()
	for _, ch := range chunks {
		if ctx.Err() != nil {
			return
		}
		b, err := json.Marshal(ch)
		if err != nil {
			// The chunk types hold only strings and numbers: this is a bug.
			h.logger.ErrorContext(ctx, "openai: encode chunk", "err", err)
			return
		}
		if !writeEvent(w, b) {
			return
		}
	}
	writeEvent(w, []byte("[DONE]"))
}

// writeEvent writes one "data:" event and flushes it; false when the client
// is gone.
func writeEvent(w gin.ResponseWriter, data []byte) bool {
	if _, err := w.Write(append(append([]byte("data: "), data...), '\n', '\n')); err != nil {
		return false
	}
	w.Flush()
	return true
}
