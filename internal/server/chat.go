package server

import (
	"log/slog"
	"net/http"

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

func (h *chatHandler) chat(c *gin.Context) {
	var req answer.Request
	if err := decodeJSON(c.Request.Body, &req); err != nil {
		abortWithError(c, h.logger, err)
		return
	}
	// Validate here too, so a bad request is a 4xx whatever the Chatter does.
	if err := req.Validate(); err != nil {
		abortWithError(c, h.logger, err)
		return
	}
	if !h.ready() || h.chatter == nil {
		abortWithError(c, h.logger, errs.New(errs.Unavailable, "the coach is still building its index; try again in a moment"))
		return
	}
	ctx := c.Request.Context()
	reply, err := h.chatter.Chat(ctx, req)
	if err != nil {
		if ctx.Err() != nil {
			// The client left; nobody reads the reply and it is not a fault.
			abortWithMessage(c, http.StatusServiceUnavailable, "request cancelled")
			return
		}
		abortWithError(c, h.logger, err)
		return
	}
	if reply.Citations == nil {
		reply.Citations = []answer.Citation{}
	}
	c.JSON(http.StatusOK, reply)
}
