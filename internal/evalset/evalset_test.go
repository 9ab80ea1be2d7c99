package evalset

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/ladder/coach/internal/answer"
	"github.com/ladder/coach/internal/sections"
)

func cite(id, text string) answer.Citation {
	return answer.Citation{View: sections.View{ID: id, Title: id, Text: text}}
}

func TestScore(t *testing.T) {
	skills := cite("mid/skills", "Skills to Start Developing to Become a Senior PM\n**Impact-Driven Prioritisation:** rank by impact.\nBuild Influence: lead without authority.")
	other := cite("senior/overview", "Senior PMs own a product domain – end to end.")
	unrelated := cite("intro", "The ladder.")
	tests := []struct {
		name      string
		expect    Expect
		citations []answer.Citation
		wantPass  bool
		wantIn    string
	}{
		{"phrase in first citation", Expect{Groups: [][]string{{"Impact-Driven Prioritisation"}}}, []answer.Citation{skills}, true, ""},
		{"case and markup ignored", Expect{Groups: [][]string{{"impact-driven prioritisation: rank"}}}, []answer.Citation{skills}, true, ""},
		{"dash normalised", Expect{Groups: [][]string{{"product domain - end to end"}}}, []answer.Citation{other}, true, ""},
		{"one alternative is enough", Expect{Groups: [][]string{{"not in article", "Build Influence"}}}, []answer.Citation{skills}, true, ""},
		{"phrase in third citation", Expect{Groups: [][]string{{"Build Influence"}}}, []answer.Citation{unrelated, other, skills}, true, ""},
		{"phrase only in fourth citation", Expect{Groups: [][]string{{"Build Influence"}}}, []answer.Citation{unrelated, other, unrelated, skills}, false, "first 3 citations"},
		{"every group needed", Expect{Groups: [][]string{{"Build Influence"}, {"own a product domain"}}}, []answer.Citation{skills, other}, true, ""},
		{"second group missing", Expect{Groups: [][]string{{"Build Influence"}, {"own a product domain"}}}, []answer.Citation{skills}, false, "group 2"},
		{"no citations", Expect{Groups: [][]string{{"Build Influence"}}}, nil, false, "got none"},
		{"phrase split across citations does not count", Expect{Groups: [][]string{{"lead without authority. senior pms"}}}, []answer.Citation{skills, other}, false, "group 1"},
		{"refuse with none", Expect{Refuse: true}, []answer.Citation{}, true, ""},
		{"refuse with nil", Expect{Refuse: true}, nil, true, ""},
		{"refuse with citations", Expect{Refuse: true}, []answer.Citation{other}, false, "senior/overview"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reasons := Score(Case{ID: "x", Question: "q", Expect: tt.expect}, answer.Reply{Citations: tt.citations})
			if pass := len(reasons) == 0; pass != tt.wantPass {
				t.Fatalf("pass = %v, want %v (reasons %q)", pass, tt.wantPass, reasons)
			}
			if tt.wantIn != "" && !strings.Contains(strings.Join(reasons, "\n"), tt.wantIn) {
				t.Errorf("reasons %q lack %q", reasons, tt.wantIn)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	in := `{"id":"p01","q":"What should I build to become a Senior PM?","expect":[["Impact-Driven Prioritisation"]]}

{"id":"p36","q":"What's the capital of France?","expect":"refuse"}
{"id":"p39","history":[{"role":"user","content":"I'm a senior PM"},{"role":"assistant","content":"ok"}],"q":"And after that?","expect":[["a","b"],["c"]]}
`
	got, err := Load(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Case{
		{ID: "p01", Question: "What should I build to become a Senior PM?", Expect: Expect{Groups: [][]string{{"Impact-Driven Prioritisation"}}}},
		{ID: "p36", Question: "What's the capital of France?", Expect: Expect{Refuse: true}},
		{ID: "p39", Question: "And after that?", History: []answer.Turn{{Role: "user", Content: "I'm a senior PM"}, {Role: "assistant", Content: "ok"}},
			Expect: Expect{Groups: [][]string{{"a", "b"}, {"c"}}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Load() = %+v\nwant %+v", got, want)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct{ name, in, wantIn string }{
		{"not JSON", `{"id":`, "line 1"},
		{"bad expect string", `{"id":"a","q":"q","expect":"maybe"}`, "refuse"},
		{"expect wrong type", `{"id":"a","q":"q","expect":42}`, "expect"},
		{"no expect", `{"id":"a","q":"q"}`, "no expect"},
		{"empty group", `{"id":"a","q":"q","expect":[[]]}`, "group 1 is empty"},
		{"blank phrase", `{"id":"a","q":"q","expect":[["  "]]}`, "blank phrase"},
		{"no id", `{"q":"q","expect":"refuse"}`, "no id"},
		{"no question", `{"id":"a","q":" ","expect":"refuse"}`, "no question"},
		{"duplicate id", "{\"id\":\"a\",\"q\":\"q\",\"expect\":\"refuse\"}\n{\"id\":\"a\",\"q\":\"r\",\"expect\":\"refuse\"}", "line 2: id \"a\" already used on line 1"},
		{"empty", "\n\n", "no cases"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.wantIn) {
				t.Errorf("Load() error = %v, want one with %q", err, tt.wantIn)
			}
		})
	}
}

func TestLoadPublicSet(t *testing.T) {
	cs, err := LoadFile("../../eval/public.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 40 {
		t.Errorf("public set has %d cases, want 40", len(cs))
	}
	refusals, withHistory := 0, 0
	for _, c := range cs {
		if c.Expect.Refuse {
			refusals++
		}
		if len(c.History) > 0 {
			withHistory++
		}
	}
	if refusals == 0 || withHistory == 0 {
		t.Errorf("public set: %d refusals, %d with history; want some of each", refusals, withHistory)
	}
}

// scriptedChatter answers each question with a fixed reply or error.
type scriptedChatter struct {
	replies map[string]answer.Reply
	errs    map[string]error
	got     []answer.Request
}

func (s *scriptedChatter) Chat(ctx context.Context, req answer.Request) (answer.Reply, error) {
	s.got = append(s.got, req)
	return s.replies[req.Message], s.errs[req.Message]
}

func TestRun(t *testing.T) {
	cases := []Case{
		{ID: "pass", Question: "skills?", History: []answer.Turn{{Role: "user", Content: "hi"}}, Expect: Expect{Groups: [][]string{{"Build Influence"}}}},
		{ID: "fail", Question: "success?", Expect: Expect{Groups: [][]string{{"Other PMs grow faster"}}}},
		{ID: "refuse", Question: "cooking?", Expect: Expect{Refuse: true}},
		{ID: "error", Question: "boom?", Expect: Expect{Refuse: true}},
	}
	ch := &scriptedChatter{
		replies: map[string]answer.Reply{
			"skills?":  {Citations: []answer.Citation{cite("mid/skills", "Build Influence: lead.")}},
			"success?": {Citations: []answer.Citation{cite("mid/skills", "Build Influence: lead.")}},
			"cooking?": {Citations: []answer.Citation{}},
		},
		errs: map[string]error{"boom?": errors.New("index down")},
	}
	rep := Run(context.Background(), ch, cases)
	if rep.Passed != 2 || rep.Failed != 2 || len(rep.Results) != 4 {
		t.Fatalf("report: %d passed, %d failed, %d results", rep.Passed, rep.Failed, len(rep.Results))
	}
	if rep.PassRate() != 0.5 {
		t.Errorf("PassRate() = %v", rep.PassRate())
	}
	wantPass := []bool{true, false, true, false}
	for i, r := range rep.Results {
		if r.Pass() != wantPass[i] || r.Case.ID != cases[i].ID {
			t.Errorf("result %d (%s) pass = %v, want %v; reasons %q", i, r.Case.ID, r.Pass(), wantPass[i], r.Reasons)
		}
	}
	if f := rep.Failures(); len(f) != 2 || f[0].Case.ID != "fail" || f[1].Case.ID != "error" {
		t.Errorf("Failures() = %+v", f)
	}
	if !strings.Contains(strings.Join(rep.Results[3].Reasons, " "), "index down") {
		t.Errorf("error reason = %q", rep.Results[3].Reasons)
	}
	if len(ch.got[0].History) != 1 || ch.got[0].Message != "skills?" {
		t.Errorf("history not sent: %+v", ch.got[0])
	}
}

func TestRunStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ch := &scriptedChatter{}
	rep := Run(ctx, ch, []Case{{ID: "a", Question: "q", Expect: Expect{Refuse: true}}})
	if rep.Failed != 1 || len(ch.got) != 0 {
		t.Errorf("cancelled run: %d failed, %d asked", rep.Failed, len(ch.got))
	}
}

func TestExpectRoundTrip(t *testing.T) {
	for _, e := range []Expect{{Refuse: true}, {Groups: [][]string{{"a", "b"}, {"c"}}}} {
		b, err := e.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var got Expect
		if err := got.UnmarshalJSON(b); err != nil || !reflect.DeepEqual(got, e) {
			t.Errorf("round trip of %+v = %+v, %v", e, got, err)
		}
	}
	if s := (Expect{Groups: [][]string{{"a", "b"}, {"c"}}}).String(); s != `one of ["a", "b"]; and one of ["c"]` {
		t.Errorf("String() = %s", s)
	}
}

func TestFirstContactOf(t *testing.T) {
	tests := []struct {
		set  string
		ok   bool
		want string
	}{
		{"../../eval/fresh-hard-a.jsonl", true, "first contact: 28/48 (58.3 %)"},
		{"../../eval/dev.jsonl", true, "first contact: 57/70 (81.4 %)"},
		{"../../eval/assess-dev.jsonl", false, ""},
		{"no/such/dir/x.jsonl", false, ""},
	}
	for _, tt := range tests {
		fc, ok := FirstContactOf(tt.set)
		if ok != tt.ok || ok && !strings.HasPrefix(fc.String(), tt.want) {
			t.Errorf("FirstContactOf(%s) = %q %v, want %q %v", tt.set, fc, ok, tt.want, tt.ok)
		}
	}
}
