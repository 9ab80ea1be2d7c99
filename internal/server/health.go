package server

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// Status is the body of /healthz and a ready /readyz.
type Status struct {
	Status string `json:"status"`
}

// notReady is the body of /readyz before the index is built: the status and
// the usual error shape.
type notReady struct {
	Status string      `json:"status"`
	Error  ErrorDetail `json:"error"`
}

// healthHandler serves the liveness and readiness probes.
type healthHandler struct {
	ready func() bool
}

func (h *healthHandler) live(c *gin.Context) {
	c.JSON(http.StatusOK, Status{Status: "ok"})
}

func (h *healthHandler) readiness(c *gin.Context) {
	if !h.ready() {
		c.JSON(http.StatusServiceUnavailable, notReady{Status: "starting",
			Error: ErrorDetail{Message: "the coach is still building its index"}})
		return
	}
	c.JSON(http.StatusOK, Status{Status: "ready"})
}
