package server

import (
	_ "embed"
	"net/http"

	"github.com/gin-gonic/gin"
)

// OpenAPI is the OpenAPI 3.1 document of every route, body, reply, error
// and the SSE events, written once by hand and checked by the tests
// (openapi_test.go here; internal/app validates the README's examples).
//
//go:embed openapi.json
var OpenAPI []byte

// openAPI serves GET /openapi.json.
func openAPI(c *gin.Context) {
	c.Data(http.StatusOK, "application/json; charset=utf-8", OpenAPI)
}
