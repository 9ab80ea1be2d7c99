// Package mdtext puts text that users (or a model) wrote into generated
// Markdown as text: its characters that Markdown or HTML would read as
// structure are escaped, so "**VP** [click](http://evil.example) <script>"
// stays those characters in any renderer. It knows nothing else.
package mdtext

import "strings"

// escaper backslash-escapes the ASCII punctuation that makes emphasis, code,
// links, images, HTML, tables and strikethrough in the middle of a line
// (CommonMark allows a backslash before any ASCII punctuation).
var escaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`<`, `\<`, `>`, `\>`, `|`, `\|`, `~`, `\~`, `&`, `\&`,
)

// Escape returns s with its Markdown and HTML specials escaped, for use
// inside a line (not at its start).
func Escape(s string) string { return escaper.Replace(s) }
