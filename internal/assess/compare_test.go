package assess

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ladder/coach/internal/errs"
)

func TestCompare(t *testing.T) {
	a := newTestAssessor(t)
	tests := []struct {
		x, y         string
		wantA, wantB string
		// nil facets by name: "A:changes" means side A has none.
		wantNil []string
	}{
		{"senior", "director", "senior", "director", nil},
		{"Group PM", "CPO", "director", "vp", nil},
		{"APM", "Mid-level PM", "associate", "mid", []string{"A:changes"}},
		{"principal PM", "director of product", "ic", "director", []string{"A:skills"}},
		{"staff pm", "associate", "ic", "associate", []string{"A:skills", "B:changes"}},
	}
	for _, tt := range tests {
		t.Run(tt.x+" vs "+tt.y, func(t *testing.T) {
			c, err := a.Compare(tt.x, tt.y)
			if err != nil {
				t.Fatal(err)
			}
			if c.A.ID != tt.wantA || c.B.ID != tt.wantB {
				t.Fatalf("compared %s and %s, want %s and %s", c.A.ID, c.B.ID, tt.wantA, tt.wantB)
			}
			if len(c.Facets) != 4 {
				t.Fatalf("%d facets, want 4", len(c.Facets))
			}
			for i, f := range c.Facets {
				if f.Facet != CompareFacets[i] || f.Name == "" {
					t.Errorf("facet %d = %q %q", i, f.Facet, f.Name)
				}
				for _, side := range []struct {
					name, level string
					s           *Section
				}{{"A", c.A.ID, f.A}, {"B", c.B.ID, f.B}} {
					wantNil := false
					for _, n := range tt.wantNil {
						wantNil = wantNil || n == side.name+":"+f.Facet
					}
					if wantNil != (side.s == nil) {
						t.Errorf("%s %s: section %v, want nil %v", side.name, f.Facet, side.s, wantNil)
						continue
					}
					if side.s == nil {
						continue
					}
					if side.s.ID != side.level+"/"+f.Facet || len(side.s.Items) == 0 || !strings.Contains(side.s.Text, side.s.Items[0]) {
						t.Errorf("%s %s: section %s with %d items", side.name, f.Facet, side.s.ID, len(side.s.Items))
					}
				}
			}
			md := c.Markdown()
			if !strings.Contains(md, c.A.Name) || !strings.Contains(md, c.B.Name) || !strings.Contains(md, "### What changes") {
				t.Errorf("markdown:\n%s", md)
			}
		})
	}
}

// A missing facet is null in JSON, not an empty object.
func TestCompareJSON(t *testing.T) {
	a := newTestAssessor(t)
	c, err := a.Compare("associate", "ic")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(c)
	s := string(b)
	for _, want := range []string{`"a":{"id":"associate","name":"Associate PM"}`, `"facet":"changes","name":"What changes","a":null,"b":{"id":"ic/changes"`, `"facet":"skills","name":"Skills to develop","a":{"id":"associate/skills"`, `"b":null}]`} {
		if !strings.Contains(s, want) {
			t.Errorf("JSON lacks %s:\n%s", want, s)
		}
	}
}

func TestCompareUnknown(t *testing.T) {
	a := newTestAssessor(t)
	for _, tt := range []struct{ x, y, want string }{
		{"wizard", "senior", `a: "wizard" is not a level`},
		{"senior", "astronaut", `b: "astronaut" is not a level`},
		{"", "senior", "a must name a level"},
		{"senior", "  ", "b must name a level"},
	} {
		_, err := a.Compare(tt.x, tt.y)
		if errs.Code(err) != errs.Invalid || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "Director of Product") {
			t.Errorf("Compare(%q, %q) = %v, want Invalid with %q and the levels", tt.x, tt.y, err, tt.want)
		}
	}
}
