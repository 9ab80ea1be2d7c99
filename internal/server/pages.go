package server

import (
	"mime"
	"net/http"
	"path"

	"github.com/gin-gonic/gin"

	"github.com/ladder/coach/web"
)

// pagesHandler serves the embedded page and its files.
type pagesHandler struct{}

func (h *pagesHandler) index(c *gin.Context) {
	// The page names its assets by content hash, so it must itself be revalidated.
	c.Header("Cache-Control", "no-cache")
	c.Data(http.StatusOK, "text/html; charset=utf-8", web.Page)
}

func (h *pagesHandler) static(c *gin.Context) {
	a, ok := web.Assets[c.Param("name")]
	if !ok {
		abortWithMessage(c, http.StatusNotFound, "no file "+c.Request.URL.Path)
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
