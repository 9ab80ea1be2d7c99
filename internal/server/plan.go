package server

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

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
	p, ok := h.plan(c, body, body.Offline)
	if !ok {
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

// plan validates a request and builds its plan; on a problem it has
// answered with the error and returns false.
func (h *planHandler) plan(c *gin.Context, body planBody, offline bool) (plan.Plan, bool) {
	weeks, err := parseWeeks(body.Weeks)
	if err != nil {
		abortWithError(c, h.logger, err)
		return plan.Plan{}, false
	}
	req := plan.Request{Current: body.Current, Target: body.Target, Weeks: weeks, Context: body.Context, Offline: offline}
	// Validate here too, so a bad request is a 4xx whatever the Planner does.
	if err := req.Validate(); err != nil {
		abortWithError(c, h.logger, err)
		return plan.Plan{}, false
	}
	if h.planner == nil {
		abortWithError(c, h.logger, errs.New(errs.Unavailable, "growth plans are not available on this server"))
		return plan.Plan{}, false
	}
	p, err := h.planner.Build(c.Request.Context(), req)
	if err != nil {
		abortFailedCall(c, h.logger, err)
		return plan.Plan{}, false
	}
	return p, true
}

// icsBody is a plan request and the calendar's first day.
type icsBody struct {
	Current string          `json:"current"`
	Target  string          `json:"target"`
	Weeks   json.RawMessage `json:"weeks"`
	Context string          `json:"context"`
	Offline bool            `json:"offline"`
	// Start is the plan's first day, YYYY-MM-DD; today (UTC) when empty.
	Start string `json:"start"`
}

// ics serves POST /api/plan/ics: the plan's check-ins as an iCalendar
// file, written by plan.ICS (the one generator; the page downloads it from
// here). The plan is the offline one: check-ins, phases and milestones are
// the coach's either way, and a calendar should not wait for an LLM.
func (h *planHandler) ics(c *gin.Context) {
	var body icsBody
	if err := decodeJSON(c.Request.Body, &body); err != nil {
		abortWithError(c, h.logger, err)
		return
	}
	start := time.Now().UTC()
	if body.Start != "" {
		var err error
		if start, err = time.Parse(time.DateOnly, body.Start); err != nil {
			abortWithError(c, h.logger, errs.New(errs.Invalid, "start must be a day as YYYY-MM-DD, such as 2026-01-05, not %q", truncate(body.Start, 40)))
			return
		}
	}
	p, ok := h.plan(c, planBody{Current: body.Current, Target: body.Target, Weeks: body.Weeks, Context: body.Context}, true)
	if !ok {
		return
	}
	name := strings.TrimSuffix(plan.FileName(p), ".md") + "-check-ins.ics"
	c.Header("Content-Disposition", `attachment; filename="`+name+`"`)
	c.Data(http.StatusOK, "text/calendar; charset=utf-8", []byte(plan.ICS(p, start, time.Now())))
}

// truncate shortens s to at most n bytes for a message, on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "..."
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
