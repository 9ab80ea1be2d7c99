package retrieve

import (
	"context"
	"strings"
	"testing"

	"github.com/ladder/coach/internal/ladder"
)

// A comparison question ("how is X different from Y") is understood as
// one and brings both levels' sections to the top, on the facet it asks.
func TestCompareQuestions(t *testing.T) {
	r := newTestRetriever(t)
	tests := []struct {
		q      string
		levels []string
		// facet, when set, must be the facet of both levels' best hits.
		facet string
	}{
		{"How is a Senior PM different from a Director of Product?", []string{"senior", "director"}, ""},
		{"What's the difference between an APM and a mid-level PM?", []string{"associate", "mid"}, ""},
		{"How does a principal PM differ from a director?", []string{"ic", "director"}, ""},
		{"senior pm vs group pm", []string{"senior", "director"}, ""},
		{"Compare the VP of Product and the Director of Product on responsibilities", []string{"vp", "director"}, "responsibilities"},
		{"In what ways does success differ between mid-level and senior PMs?", []string{"mid", "senior"}, "success"},
		{"What sets a CPO apart from a Group PM?", []string{"vp", "director"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			res, err := r.Retrieve(context.Background(), tt.q, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !res.Intent.HasTopic(TopicCompare) {
				t.Errorf("intent %+v is not a comparison", res.Intent)
			}
			// The first two citations show one side each.
			if len(res.Hits) < 2 || res.Hits[0].Section.Level == res.Hits[1].Section.Level {
				t.Errorf("the first two hits are not one of each level: %v", res.Hits[:min(2, len(res.Hits))])
			}
			top := res.Hits[:min(4, len(res.Hits))]
			for _, l := range tt.levels {
				found := false
				for _, h := range top {
					if h.Section.Level == l && (tt.facet == "" || h.Section.Facet == tt.facet) {
						found = true
					}
				}
				if !found {
					var ids []string
					for _, h := range top {
						ids = append(ids, h.Section.ID)
					}
					t.Errorf("no %s section (facet %q) in the top four: %s", l, tt.facet, strings.Join(ids, ", "))
				}
			}
		})
	}
}

// Levels that are the object of the work ("mentor junior PMs") are not the
// level asked about.
func TestObjectOfWork(t *testing.T) {
	tests := []struct {
		q    string
		want []string
	}{
		{"At what stage are you expected to mentor mid-level and junior PMs?", nil},
		{"How do I manage senior PMs?", nil},
		{"I'm hiring two associate product managers", nil},
		{"What does a senior PM do?", []string{"senior"}},
		{"How do I become a senior PM?", []string{"senior"}},
		{"As a product lead, how will my success be measured?", []string{"senior"}},
	}
	for _, tt := range tests {
		var got []string
		for _, m := range strongMentions(ladder.Default(), normalize(tt.q)) {
			got = append(got, m.ID)
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("%q: levels %v; want %v", tt.q, got, tt.want)
		}
	}
}

func TestTerseAndNegatedIntents(t *testing.T) {
	r := newTestRetriever(t)
	tests := []struct {
		q                      string
		transition             bool
		current, target, topic string
	}{
		{"senior -> gpm skills", true, "senior", "director", ""},
		{"apm → pm skills", true, "associate", "mid", ""},
		{"I don't want to be a people manager, and I don't want to leave product. What's my path?", false, "", "", TopicIC},
		{"yrs to senior leadership?", false, "", "", TopicTimeline},
		{"been doing this for three years and still no promotion, normal?", false, "", "", TopicTimeline},
		{"would a new employer get me the promo sooner?", false, "", "", TopicTimeline},
		{"honestly, is it fine to just stay put?", false, "", "", TopicTimeline},
		{"honestly not chasing rank anymore; what should guide my career then?", false, "", "", TopicAdvice},
	}
	for _, tt := range tests {
		in := r.Understand(tt.q, nil)
		if in.Transition != tt.transition || in.Current != tt.current || in.Target != tt.target {
			t.Errorf("%q: transition %v %q -> %q; want %v %q -> %q", tt.q, in.Transition, in.Current, in.Target, tt.transition, tt.current, tt.target)
		}
		if tt.topic != "" && !in.HasTopic(tt.topic) {
			t.Errorf("%q: topics %v lack %s", tt.q, in.Topics, tt.topic)
		}
		if tt.topic == TopicIC && in.HasTopic(TopicAdjacent) {
			t.Errorf("%q: not wanting to leave product is not an adjacent role", tt.q)
		}
	}
}

// The conversation is followed turn by turn: "the level above that" and "the
// one before it" move from the level last talked about.
func TestHistoryMoves(t *testing.T) {
	r := newTestRetriever(t)
	u := func(s string) Turn { return Turn{Role: "user", Content: s} }
	a := func(s string) Turn { return Turn{Role: "assistant", Content: s} }
	tests := []struct {
		history []Turn
		q, want string
	}{
		{[]Turn{u("What does a Director of Product do?"), a("They lead PMs."), u("And what's the level just above that?"), a("VP of Product.")},
			"What does success look like there?", "vp"},
		{[]Turn{u("I'm reading up on the VP of Product role."), a("It is the top rung.")},
			"And the one before it - what are its core responsibilities?", "director"},
		{[]Turn{u("What are the core responsibilities of a Senior PM?"), a("They own a domain.")},
			"What about the one before it - what changes when you first reach that level?", "mid"},
		{[]Turn{u("Tell me about the Senior PM level."), a("Senior PMs shape direction.")},
			"What does a VP of Product do?", "vp"},
		{[]Turn{u("Tell me about the mid-level PM role."), a("They own problems.")},
			"And the one above it: what does success look like there?", "senior"},
		{[]Turn{u("Can you explain the Senior PM level?"), a("..."), u("What about Director of Product?"), a("...")},
			"Going back to the first level you described, what skills should someone there be developing?", "senior"},
		{[]Turn{u("I'm a mid-level PM."), a("..."), u("Long term I want to be a Director of Product."), a("...")},
			"What will my responsibilities be once I'm actually at the level I want?", "director"},
	}
	for _, tt := range tests {
		in := r.Understand(tt.q, tt.history)
		if len(in.Levels) == 0 || in.Levels[0] != tt.want {
			t.Errorf("%q: levels %v; want %s first", tt.q, in.Levels, tt.want)
		}
	}
	in := r.Understand("Is there a path that fits that?", []Turn{u("I'm a Senior PM but I'm tired of climbing the ladder."), a("There are options."), u("My favourite part is deal-making and talking to partners.")})
	if len(in.Roles) == 0 || in.Roles[0] != "business-development" {
		t.Errorf("a role talked about after the level: roles %v levels %v", in.Roles, in.Levels)
	}
	in = r.Understand("Unrelated, but how many moons does Jupiter have?", []Turn{u("What does a Senior PM own?"), a("A domain.")})
	if in.Refusal == "" {
		t.Error("an unrelated question after a ladder conversation must be refused")
	}
}
