package sections

import (
	"encoding/json"
	"math"
	"slices"
	"testing"
)

// The cached encoding is byte for byte what the fields' own encoding is:
// the View's five fields, items always a list, score only when set.
func TestCitationJSON(t *testing.T) {
	type plain struct {
		ID    string   `json:"id"`
		Title string   `json:"title"`
		Level string   `json:"level"`
		Facet string   `json:"facet"`
		Text  string   `json:"text"`
		Items []int    `json:"items"`
		Score *float64 `json:"score,omitempty"`
	}
	v := View{ID: "a/b", Title: "T <x> & \"q\"", Level: "l", Facet: "f", Text: "line one\nDon’t \u2028 <script>"}
	cases := []Citation{
		{View: v, Score: Scored(1.234)},
		{View: v, Score: Scored(0)},
		{View: View{ID: "a/b", Title: "other title, same id", Level: "l", Facet: "f", Text: "changed text"}, Score: Scored(1e-7)},
		{View: View{}, Score: Scored(math.MaxFloat64), Items: []int{}},
		{View: v, Items: []int{0, 1}, Score: Scored(2)},
		{View: v, Items: []int{1}}, // a plan's or an assessment's: no score
	}
	for i, c := range cases {
		for round := 0; round < 2; round++ { // the second round is served from the cache
			got, err := json.Marshal(c)
			if err != nil {
				t.Fatal(err)
			}
			p := plain{c.ID, c.Title, c.Level, c.Facet, c.Text, c.Items, c.Score}
			if p.Items == nil {
				p.Items = []int{}
			}
			want, _ := json.Marshal(p)
			if string(got) != string(want) {
				t.Errorf("case %d round %d:\n got %s\nwant %s", i, round, got, want)
			}
			var back Citation
			if err := json.Unmarshal(got, &back); err != nil || back.View != c.View {
				t.Errorf("case %d: decoded %+v, %v", i, back, err)
			}
		}
	}
	if _, err := json.Marshal(Citation{Score: Scored(math.NaN())}); err == nil {
		t.Error("NaN must fail as it does for a plain float")
	}
	if _, err := json.Marshal(Citation{Score: Scored(math.Inf(-1))}); err == nil {
		t.Error("-Inf must fail as it does for a plain float")
	}
}

// TestScoreAsEncodingJSON: a score is written as encoding/json writes a
// float64, at both ends of its two formats and across them.
func TestScoreAsEncodingJSON(t *testing.T) {
	scores := []float64{0, math.Copysign(0, -1), 1, -1, 0.61, 1.0 / 3, 123456789.125, 1e-6, 9.99e-7, 1e-7, 1.5e-9, -2e-300,
		5e-324, 1e20, 1e21, 9.999e20, 1.2e21, -3e100, math.MaxFloat64, math.SmallestNonzeroFloat64, 1e-10, 1e-100}
	for x := 1e-12; x < 1e25; x *= 7.3 {
		scores = append(scores, x, -x)
	}
	for _, f := range scores {
		want, _ := json.Marshal(f)
		if got := appendFloat(nil, f); string(got) != string(want) {
			t.Errorf("appendFloat(%v) = %s; want %s", f, got, want)
		}
	}
}

func TestItemsQuoting(t *testing.T) {
	text := "Intro line\n  - First item. Second sentence.\n\n- Other item\nFirst item. Second sentence."
	tests := []struct {
		name   string
		quotes []string
		want   []int
	}{
		{"whole line, spaces aside", []string{"- Other item"}, []int{3}},
		{"a sentence of a line, every line holding it", []string{"Second sentence."}, []int{1, 4}},
		{"none", []string{"not in the text"}, []int{}},
		{"empty quote matches nothing", []string{"", "  "}, []int{}},
		{"several, ascending", []string{"Other item", "Intro line"}, []int{0, 3}},
		{"a whole line, not the longer lines holding it", []string{"First item. Second sentence."}, []int{4}},
	}
	for _, tt := range tests {
		if got := ItemsQuoting(text, tt.quotes); !slices.Equal(got, tt.want) {
			t.Errorf("%s: ItemsQuoting = %v, want %v", tt.name, got, tt.want)
		}
	}
}
