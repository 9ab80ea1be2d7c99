package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/ladder/coach/internal/ladder"
)

// LadderInfo is the body of GET /api/ladder: what the pages need to draw the
// ladder the coach is grounded in, the embedded article's or a ladder file's.
type LadderInfo struct {
	Title string `json:"title"`
	// Article is true for the embedded article, whose pages keep their own
	// words; false for a ladder file.
	Article bool `json:"article"`
	// Facets are the rows of the ladder page's grid, in order.
	Facets []ladder.FacetInfo `json:"facets"`
	// Tracks maps a side-track level's id to its track ("ic").
	Tracks map[string]string `json:"tracks"`
	// Starters are first questions for the chat page; empty for the article,
	// whose page has its own.
	Starters []string `json:"starters"`
}

// LadderInfoOf describes the ladder m for the pages.
func LadderInfoOf(m *ladder.Model) LadderInfo {
	info := LadderInfo{Title: m.Title(), Article: m.IsArticle(), Tracks: map[string]string{}, Starters: []string{}}
	for _, l := range m.Levels() {
		if t := m.Track(l.ID); t != "" {
			info.Tracks[l.ID] = t
		}
	}
	if m.IsArticle() {
		// The article's grid: the four facets a comparison sets side by side.
		for _, f := range []string{ladder.Changes, ladder.Responsibilities, ladder.Success, ladder.Skills} {
			info.Facets = append(info.Facets, ladder.FacetInfo{ID: f, Name: ladder.FacetName(f)})
		}
		return info
	}
	info.Facets = m.FacetInfos()
	info.Starters = m.Starters()
	return info
}

type ladderHandler struct{ info LadderInfo }

func (h *ladderHandler) get(c *gin.Context) { c.JSON(http.StatusOK, h.info) }
