package server

import (
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/ladder/coach/internal/errs"
)

// Ratings a reader can give an answer.
const (
	RatingUp   = "up"
	RatingDown = "down"
)

// FeedbackRecorder counts the readers' ratings of answers. Deps.Metrics
// records them when it implements it (*metrics.Metrics does).
type FeedbackRecorder interface {
	Feedback(rating string)
}

// FeedbackBody is the body of POST /api/feedback, and of its reply.
type FeedbackBody struct {
	Rating string `json:"rating"`
}

// feedbackHandler serves POST /api/feedback: a thumbs up or down on an
// answer, counted and nothing else (the conversation stays in the reader's
// browser).
type feedbackHandler struct {
	recorder FeedbackRecorder
	logger   *slog.Logger
}

func (h *feedbackHandler) record(c *gin.Context) {
	var body FeedbackBody
	if err := decodeJSON(c.Request.Body, &body); err != nil {
		abortWithError(c, h.logger, err)
		return
	}
	if body.Rating != RatingUp && body.Rating != RatingDown {
		abortWithError(c, h.logger, errs.New(errs.Invalid, "rating must be %q or %q", RatingUp, RatingDown))
		return
	}
	if h.recorder != nil {
		h.recorder.Feedback(body.Rating)
	}
	c.JSON(http.StatusOK, body)
}
