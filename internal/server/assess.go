package server

import (
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/ladder/coach/internal/assess"
	"github.com/ladder/coach/internal/errs"
	"github.com/ladder/coach/internal/sections"
)

// Assessor places a description of someone's work on the ladder and sets
// two levels side by side; assess.Assessor implements it.
type Assessor interface {
	Assess(description, title string) (assess.Result, error)
	Compare(a, b string) (assess.Comparison, error)
}

// assessHandler serves POST /api/assess and GET /api/compare. Both need
// only the article's sections, so they are served before the index is built.
type assessHandler struct {
	assessor Assessor
	logger   *slog.Logger
}

// AssessRequest is the body of POST /api/assess.
type AssessRequest struct {
	Description string `json:"description"`
	// Title is the person's current title, optional.
	Title string `json:"title"`
}

func (h *assessHandler) assess(c *gin.Context) {
	var req AssessRequest
	if err := decodeJSON(c.Request.Body, &req); err != nil {
		abortWithError(c, h.logger, err)
		return
	}
	// Validate here too, so a bad request is a 4xx whatever the Assessor does.
	if err := assess.Validate(req.Description, req.Title); err != nil {
		abortWithError(c, h.logger, err)
		return
	}
	if h.assessor == nil {
		abortWithError(c, h.logger, errs.New(errs.Unavailable, "self-assessment is not available on this server"))
		return
	}
	r, err := h.assessor.Assess(req.Description, req.Title)
	if err != nil {
		abortWithError(c, h.logger, err)
		return
	}
	if r.Evidence == nil {
		r.Evidence = []assess.Evidence{}
	}
	if r.Gaps == nil {
		r.Gaps = []assess.Gap{}
	}
	if r.Citations == nil {
		r.Citations = []sections.Citation{}
	}
	c.JSON(http.StatusOK, r)
}

func (h *assessHandler) compare(c *gin.Context) {
	if h.assessor == nil {
		abortWithError(c, h.logger, errs.New(errs.Unavailable, "level comparison is not available on this server"))
		return
	}
	cmp, err := h.assessor.Compare(c.Query("a"), c.Query("b"))
	if err != nil {
		abortWithError(c, h.logger, err)
		return
	}
	c.JSON(http.StatusOK, cmp)
}
