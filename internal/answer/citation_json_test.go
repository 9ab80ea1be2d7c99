package answer

import (
	"encoding/json"
	"math"
	"testing"
)

// The cached encoding is byte for byte what the struct's own encoding was.
func TestCitationJSON(t *testing.T) {
	type plain struct {
		ID    string  `json:"id"`
		Title string  `json:"title"`
		Level string  `json:"level"`
		Facet string  `json:"facet"`
		Text  string  `json:"text"`
		Items []int   `json:"items"`
		Score float64 `json:"score"`
	}
	cases := []Citation{
		{ID: "a/b", Title: "T <x> & \"q\"", Level: "l", Facet: "f", Text: "line one\nDon’t \u2028 <script>", Score: 1.234},
		{ID: "a/b", Title: "T <x> & \"q\"", Level: "l", Facet: "f", Text: "line one\nDon’t \u2028 <script>", Score: 0},
		{ID: "a/b", Title: "other title, same id", Level: "l", Facet: "f", Text: "changed text", Score: 1e-7},
		{ID: "", Score: math.MaxFloat64, Items: []int{}},
		{ID: "a/b", Title: "T <x> & \"q\"", Level: "l", Facet: "f", Text: "line one\nDon’t \u2028 <script>", Items: []int{0, 1}, Score: 2},
	}
	for i, c := range cases {
		for round := 0; round < 2; round++ { // the second round is served from the cache
			got, err := json.Marshal(c)
			if err != nil {
				t.Fatal(err)
			}
			p := plain(c)
			if p.Items == nil {
				p.Items = []int{}
			}
			want, _ := json.Marshal(p)
			if string(got) != string(want) {
				t.Errorf("case %d round %d:\n got %s\nwant %s", i, round, got, want)
			}
		}
	}
	if _, err := json.Marshal(Citation{Score: math.NaN()}); err == nil {
		t.Error("NaN must fail as it does for a plain float")
	}
}

func TestReplyAppendJSON(t *testing.T) {
	for _, r := range []Reply{
		{Answer: "a <b> & \"c\"\n[1]", Citations: []Citation{{ID: "x/y", Title: "T", Level: "l", Facet: "f", Text: "t", Items: []int{0}, Score: 0.5}, {ID: "z", Items: []int{}, Score: 2}},
			Suggestions: []string{"What <now>?", "Then & after?"}, Scope: ScopeIn, Mode: ModeOffline},
		{Answer: "", Citations: []Citation{}, Suggestions: []string{}, Scope: ScopeOut, Mode: ModeLLM, Degraded: true},
		{Answer: "no cites", Citations: nil, Mode: ModeOffline},
	} {
		got, err := r.AppendJSON(nil)
		if err != nil {
			t.Fatal(err)
		}
		type plainReply struct {
			Answer      string     `json:"answer"`
			Citations   []Citation `json:"citations"`
			Suggestions []string   `json:"suggestions"`
			Mode        string     `json:"mode"`
			Degraded    bool       `json:"degraded"`
			Scope       string     `json:"scope"`
		}
		p := plainReply(r)
		if p.Suggestions == nil {
			p.Suggestions = []string{}
		}
		want, _ := json.Marshal(p)
		if string(got) != string(want) {
			t.Errorf("\n got %s\nwant %s", got, want)
		}
	}
}
