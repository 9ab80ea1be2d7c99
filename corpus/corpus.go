// Package corpus embeds the article the coach is grounded in.
//
// go:embed cannot reach a parent folder, so the package that embeds the
// top-level corpus/ folder lives in it.
package corpus

import _ "embed"

// Article is the product management career ladder article, verbatim.
//
//go:embed pm-career-ladder.txt
var Article string
