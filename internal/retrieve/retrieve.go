// Package retrieve understands a question about the ladder (levels, titles,
// facets, transitions, the conversation so far) and ranks the article's
// sections for it, combining that understanding with vector similarity.
package retrieve

// Intent is what the question asks. (Placeholder: to be written.)
type Intent struct{}
