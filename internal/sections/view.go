package sections

// View is a section as the coach's JSON shows it everywhere: GET
// /api/sections, chat and plan citations, comparisons. Types that show
// more (a citation's items and score, a comparison's items) embed it, so
// their JSON stays flat and the five fields are named once.
type View struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Level string `json:"level"`
	Facet string `json:"facet"`
	// Text is the section's lines joined by newlines, verbatim.
	Text string `json:"text"`
}

// View returns the section as JSON shows it.
func (s Section) View() View {
	return View{ID: s.ID, Title: s.Title, Level: s.Level, Facet: s.Facet, Text: s.Text}
}
