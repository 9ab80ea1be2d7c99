package server

import (
	"mime"
	"net/http"
	"path"

	"github.com/gin-gonic/gin"

	"github.com/ladder/coach/internal/jsontext"
	"github.com/ladder/coach/web"
)

// pagesHandler serves the embedded pages and their files.
type pagesHandler struct{}

// routePages serves every page of web.PageNames at web.PagePath(name): index.html
// at /, plan.html at /plan. A new page needs no route of its own here.
func (h *pagesHandler) routePages(r gin.IRoutes) {
	for _, name := range web.PageNames() {
		r.GET(web.PagePath(name), h.page(name))
	}
	r.GET("/static/:name", h.static)
	// Browsers ask for /favicon.ico on their own; the SVG icon answers.
	r.GET("/favicon.ico", h.favicon)
}

func (h *pagesHandler) favicon(c *gin.Context) {
	a, _ := web.AssetNamed("favicon.svg")
	c.Header("Cache-Control", "public, max-age=86400")
	c.Data(http.StatusOK, "image/svg+xml", a.Body)
}

func (h *pagesHandler) page(name string) gin.HandlerFunc {
	body, _ := web.Page(name)
	return func(c *gin.Context) {
		// The page names its assets by content hash, so it must itself be revalidated.
		c.Header("Cache-Control", "no-cache")
		c.Data(http.StatusOK, "text/html; charset=utf-8", body)
	}
}

func (h *pagesHandler) static(c *gin.Context) {
	a, ok := web.AssetNamed(c.Param("name"))
	if !ok {
		abortWithMessage(c, http.StatusNotFound, "no file "+jsontext.Clip(c.Request.URL.Path, 200))
		return
	}
	if c.Query("v") == a.Hash {
		c.Header("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		c.Header("Cache-Control", "no-cache")
	}
	ct := mime.TypeByExtension(path.Ext(a.Name))
	if ct == "" {
		ct = "application/octet-stream"
	}
	c.Data(http.StatusOK, ct, a.Body)
}
