package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/ladder/coach/internal/answer"
	"github.com/ladder/coach/internal/assess"
	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/plan"
	"github.com/ladder/coach/internal/sections"
)

// LadderInfo is the body of GET /api/ladder: what the pages need to draw the
// ladder the coach is grounded in, the embedded article's or a ladder file's,
// and the limits their forms share with the API. The pages keep no copy of
// any of it.
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
	// Names are the display names of the level and facet ids sections carry
	// (the article's parts, "introduction", "adjacent", "closing", among the
	// levels).
	Names Names `json:"names"`
	// Grid is the ladder page's grid: level id to facet id (of Facets) to
	// its section with its items. A level the ladder does not describe by a
	// facet has no entry there. Filled by New from the served sections.
	Grid map[string]map[string]assess.Section `json:"grid"`
	// Limits are the bounds the API checks requests against.
	Limits Limits `json:"limits"`
}

// Names are display names by id.
type Names struct {
	Levels map[string]string `json:"levels"`
	Facets map[string]string `json:"facets"`
}

// Limits are the bounds the API checks, for the pages' forms: a page that
// stays within them is never refused for length.
type Limits struct {
	// BodyBytes is the largest body /api reads.
	BodyBytes int `json:"body_bytes"`
	// MessageChars bounds a chat message and each turn of its history;
	// HistoryTurns the turns of history.
	MessageChars int `json:"message_chars"`
	HistoryTurns int `json:"history_turns"`
	// DescriptionChars and TitleChars bound POST /api/assess's fields.
	DescriptionChars int `json:"description_chars"`
	TitleChars       int `json:"title_chars"`
	// MinWeeks, MaxWeeks and ContextChars bound POST /api/plan's fields.
	MinWeeks     int `json:"min_weeks"`
	MaxWeeks     int `json:"max_weeks"`
	ContextChars int `json:"context_chars"`
}

// APILimits are the limits the API checks.
func APILimits() Limits {
	return Limits{
		BodyBytes:    MaxBodyBytes,
		MessageChars: answer.MaxMessageChars, HistoryTurns: answer.MaxHistoryTurns,
		DescriptionChars: assess.MaxDescriptionChars, TitleChars: assess.MaxTitleChars,
		MinWeeks: plan.MinWeeks, MaxWeeks: plan.MaxWeeks, ContextChars: plan.MaxContextChars,
	}
}

// LadderInfoOf describes the ladder m for the pages; New adds the grid.
func LadderInfoOf(m *ladder.Model) LadderInfo {
	info := LadderInfo{Title: m.Title(), Article: m.IsArticle(), Tracks: map[string]string{}, Starters: []string{},
		Names: Names{Levels: map[string]string{}, Facets: map[string]string{}}, Limits: APILimits()}
	for _, l := range m.Levels() {
		info.Names.Levels[l.ID] = l.Name
		if t := m.Track(l.ID); t != "" {
			info.Tracks[l.ID] = t
		}
	}
	for _, p := range sections.Parts() {
		info.Names.Levels[p] = sections.PartName(p)
	}
	for _, f := range m.Facets() {
		info.Names.Facets[f] = m.FacetName(f)
	}
	if m.IsArticle() {
		// The article's grid: the facets a comparison sets side by side.
		for _, f := range assess.CompareFacets {
			info.Facets = append(info.Facets, ladder.FacetInfo{ID: f, Name: m.FacetName(f)})
		}
		return info
	}
	info.Facets = m.FacetInfos()
	info.Starters = m.Starters()
	return info
}

// withGrid returns info with the grid of levels by its facets, from src.
func (info LadderInfo) withGrid(src SectionSource, levels []ladder.Level) LadderInfo {
	info.Grid = map[string]map[string]assess.Section{}
	if src == nil {
		return info
	}
	for _, l := range levels {
		row := map[string]assess.Section{}
		for _, f := range info.Facets {
			if s, ok := src.ByID(sections.ID(l.ID, f.ID)); ok {
				row[f.ID] = assess.SectionOf(s)
			}
		}
		info.Grid[l.ID] = row
	}
	return info
}

type ladderHandler struct{ info LadderInfo }

func (h *ladderHandler) get(c *gin.Context) { c.JSON(http.StatusOK, h.info) }
