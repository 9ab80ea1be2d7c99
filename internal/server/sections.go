package server

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/ladder/coach/internal/jsontext"
	"github.com/ladder/coach/internal/sections"
)

// Section is a section as the API shows it.
type Section = sections.View

// SectionList is the body of GET /api/sections.
type SectionList struct {
	Sections []Section `json:"sections"`
}

// sectionsHandler serves /api/sections.
type sectionsHandler struct {
	source SectionSource
}

func (h *sectionsHandler) list(c *gin.Context) {
	out := SectionList{Sections: []Section{}}
	if h.source != nil {
		for _, s := range h.source.All() {
			out.Sections = append(out.Sections, s.View())
		}
	}
	c.JSON(http.StatusOK, out)
}

// get serves /api/sections/*id: ids hold a slash ("senior/skills").
func (h *sectionsHandler) get(c *gin.Context) {
	id := strings.TrimPrefix(c.Param("id"), "/")
	if id == "" {
		abortWithMessage(c, http.StatusNotFound, "section id is missing; GET /api/sections lists them")
		return
	}
	if h.source != nil {
		if s, ok := h.source.ByID(id); ok {
			c.JSON(http.StatusOK, s.View())
			return
		}
	}
	abortWithMessage(c, http.StatusNotFound, "no section with id \""+jsontext.Clip(id, 100)+"\"; GET /api/sections lists them")
}
