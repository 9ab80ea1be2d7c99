// Command ginref is the performance reference for the coach: a bare gin
// server that decodes the same chat request as POST /api/chat and encodes a
// small JSON reply, with nothing in between. bench/run.sh runs it beside the
// coach so the coach's throughput can be read as a fraction of gin's own.
package main

import (
	"flag"
	"log"
	"net/http"

	"github.com/gin-gonic/gin"
)

type turn struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

type request struct {
	Message string `json:"message"`
	History []turn `json:"history"`
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8090", "listen address")
	flag.Parse()
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.GET("/readyz", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ready"}) })
	r.POST("/api/chat", func(c *gin.Context) {
		var req request
		if err := c.ShouldBindJSON(&req); err != nil {
			c.JSON(http.StatusBadRequest, gin.H{"error": gin.H{"message": err.Error()}})
			return
		}
		c.JSON(http.StatusOK, gin.H{"answer": "ok", "citations": []string{}, "mode": "offline", "degraded": false})
	})
	log.Fatal(http.ListenAndServe(*addr, r))
}
