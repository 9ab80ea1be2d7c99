package sections

import (
	"encoding/json"
	"testing"
)

// The JSON names of a section are the API's: changing one breaks every
// client of /api/sections, plans and comparisons.
func TestViewJSON(t *testing.T) {
	s := Section{ID: "senior/skills", Title: "T", Level: "senior", Facet: "skills", Text: "a\nb", Lines: []string{"a", "b"}, Heading: "h"}
	b, err := json.Marshal(s.View())
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"id":"senior/skills","title":"T","level":"senior","facet":"skills","text":"a\nb"}`; string(b) != want {
		t.Errorf("View JSON = %s, want %s", b, want)
	}
}
