package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/ladder/coach/internal/ladder"
)

// Level is a ladder level as the API shows it.
type Level struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Title   string   `json:"title"`
	Rung    int      `json:"rung"`
	Aliases []string `json:"aliases"`
	Summary string   `json:"summary"`
}

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
		aliases := l.Aliases
		if aliases == nil {
			aliases = []string{}
		}
		out.Levels = append(out.Levels, Level{ID: l.ID, Name: l.Name, Title: l.Title, Rung: l.Rung, Aliases: aliases, Summary: l.Summary})
	}
	c.JSON(http.StatusOK, out)
}
