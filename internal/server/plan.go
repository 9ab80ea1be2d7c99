package server

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/ladder/coach/internal/errs"
	"github.com/ladder/coach/internal/plan"
)

// Planner builds growth plans; plan.Service implements it.
type Planner interface {
	Build(ctx context.Context, req plan.Request) (plan.Plan, error)
}

// planHandler serves POST /api/plan. Plans need only the article's
// sections, not the index, so they are served before /readyz is 200.
type planHandler struct {
	planner Planner
	logger  *slog.Logger
}

// planBody is the request as sent: weeks is read by hand so "ten", 12.5 or
// a missing value get a message about weeks, not about Go types.
type planBody struct {
	Current string          `json:"current"`
	Target  string          `json:"target"`
	Weeks   json.RawMessage `json:"weeks"`
	Context string          `json:"context"`
	Offline bool            `json:"offline"`
}

func (h *planHandler) build(c *gin.Context) {
	var body planBody
	if err := decodeJSON(c.Request.Body, &body); err != nil {
		abortWithError(c, h.logger, err)
		return
	}
	weeks, err := parseWeeks(body.Weeks)
	if err != nil {
		abortWithError(c, h.logger, err)
		return
	}
	req := plan.Request{Current: body.Current, Target: body.Target, Weeks: weeks, Context: body.Context, Offline: body.Offline}
	// Validate here too, so a bad request is a 4xx whatever the Planner does.
	if err := req.Validate(); err != nil {
		abortWithError(c, h.logger, err)
		return
	}
	if h.planner == nil {
		abortWithError(c, h.logger, errs.New(errs.Unavailable, "growth plans are not available on this server"))
		return
	}
	ctx := c.Request.Context()
	p, err := h.planner.Build(ctx, req)
	if err != nil {
		abortFailedCall(c, h.logger, err)
		return
	}
	if p.Phases == nil {
		p.Phases = []plan.Phase{}
	}
	if p.Citations == nil {
		p.Citations = []plan.Citation{}
	}
	c.JSON(http.StatusOK, p)
}

// parseWeeks reads weeks as a whole JSON number in range.
func parseWeeks(raw json.RawMessage) (int, error) {
	raw = bytes.TrimSpace(raw)
	bounds := strconv.Itoa(plan.MinWeeks) + " to " + strconv.Itoa(plan.MaxWeeks)
	if len(raw) == 0 || string(raw) == "null" {
		return 0, errs.New(errs.Invalid, "weeks is missing: send a whole number from %s", bounds)
	}
	n, err := strconv.Atoi(string(raw))
	if err != nil {
		shown := string(raw)
		if len(shown) > 40 {
			shown = shown[:40] + "..."
		}
		return 0, errs.New(errs.Invalid, "weeks must be a whole number from %s, not %s", bounds, shown)
	}
	return n, nil
}
