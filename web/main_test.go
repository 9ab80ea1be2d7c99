package web_test

import (
	"os"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/ladder/coach/internal/browsertest"
)

// TestMain shares one Chromium between the page tests, which run in
// parallel, and stops it at the end.
func TestMain(m *testing.M) {
	gin.SetMode(gin.TestMode) // no route listing in the test output
	os.Exit(browsertest.Main(m))
}
