package answer

import (
	"encoding/json"
	"testing"

	"github.com/ladder/coach/internal/sections"
)

func TestReplyAppendJSON(t *testing.T) {
	for _, r := range []Reply{
		{Answer: "a <b> & \"c\"\n[1]", Citations: []Citation{{View: sections.View{ID: "x/y", Title: "T", Level: "l", Facet: "f", Text: "t"}, Items: []int{0}, Score: sections.Scored(0.5)}, {View: sections.View{ID: "z"}, Items: []int{}, Score: sections.Scored(2)}},
			Suggestions: []string{"What <now>?", "Then & after?"}, Scope: ScopeIn, Mode: ModeOffline},
		{Answer: "", Citations: []Citation{}, Suggestions: []string{}, Scope: ScopeOut, Mode: ModeLLM, Degraded: true},
		{Answer: "no cites", Citations: nil, Mode: ModeOffline},
		{Answer: "odd \u2028 \x01 \xff bytes\t—", Suggestions: []string{"tab\there", ""}, Mode: ModeOffline, Scope: ScopeNearby},
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
