package server

import (
	"log/slog"
	"net/http"
	"sync"

	"github.com/gin-gonic/gin"

	"github.com/ladder/coach/internal/answer"
	"github.com/ladder/coach/internal/errs"
)

// chatHandler serves POST /api/chat.
type chatHandler struct {
	chatter Chatter
	ready   func() bool
	logger  *slog.Logger
}

// chatBody is the body of POST /api/chat: the request, and whether to
// stream the reply.
// (The fields are spelled out rather than embedding answer.Request, so
// decoding errors name "message", not "Request.message".)
type chatBody struct {
	Message string        `json:"message"`
	History []answer.Turn `json:"history"`
	// Stream asks for Server-Sent Events, as "Accept: text/event-stream" does.
	Stream bool `json:"stream"`
}

func (h *chatHandler) chat(c *gin.Context) {
	var body chatBody
	if err := decodeJSON(c.Request.Body, &body); err != nil {
		abortWithError(c, h.logger, err)
		return
	}
	req := answer.Request{Message: body.Message, History: body.History}
	// Validate here too, so a bad request is a 4xx whatever the Chatter does.
	if err := req.Validate(); err != nil {
		abortWithError(c, h.logger, err)
		return
	}
	if !h.ready() || h.chatter == nil {
		abortWithError(c, h.logger, errs.New(errs.Unavailable, "the coach is still building its index; try again in a moment"))
		return
	}
	if body.Stream || acceptsEventStream(c.Request) {
		h.stream(c, req)
		return
	}
	ctx := c.Request.Context()
	reply, err := h.chatter.Chat(ctx, req)
	if err != nil {
		abortFailedCall(c, h.logger, err)
		return
	}
	if reply.Citations == nil {
		reply.Citations = []answer.Citation{}
	}
	// AppendJSON writes what c.JSON would, without re-validating the
	// cached citation texts that make up most of the reply.
	buf := replyBuffers.Get().(*[]byte)
	defer replyBuffers.Put(buf)
	out, err := reply.AppendJSON((*buf)[:0])
	if err != nil {
		abortWithError(c, h.logger, err)
		return
	}
	c.Data(http.StatusOK, "application/json; charset=utf-8", out)
	if cap(out) <= maxPooledReply {
		*buf = out
	}
}

// replyBuffers hold the encoded replies of finished requests for the next:
// a reply is a few kilobytes, written to the connection before its buffer
// goes back. A buffer grown past maxPooledReply is dropped, so one huge
// reply does not stay in memory.
var replyBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 8<<10); return &b }}

const maxPooledReply = 64 << 10
