package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/ladder/coach/internal/ladder"
)

// Level is a ladder level as the API shows it: the ladder's own type, one
// definition of its JSON.
type Level = ladder.Level

// LevelList is the body of GET /api/levels.
type LevelList struct {
	Levels []Level `json:"levels"`
}

// levelsHandler serves /api/levels.
type levelsHandler struct {
	levels []ladder.Level
}

func (h *levelsHandler) list(c *gin.Context) {
	out := LevelList{Levels: make([]Level, 0, len(h.levels))}
	for _, l := range h.levels {
		if l.Aliases == nil {
			l.Aliases = []string{} // always a list in the JSON
		}
		out.Levels = append(out.Levels, l)
	}
	c.JSON(http.StatusOK, out)
}
