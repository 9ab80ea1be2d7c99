package retrieve

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/ladder/coach/internal/ladder"
)

// Each named step of the reader, on wording of the team's own (never a
// question of an eval set).

func TestKindOf(t *testing.T) {
	tests := []struct {
		q     string
		level string
		want  mentionKind
	}{
		{"i'm a senior pm looking for advice", "senior", kindAsked},
		{"what does a group pm own?", "director", kindAsked},
		{"my vp keeps asking for more specs", "vp", kindOther},
		{"our new director of product starts monday", "director", kindOther},
		{"i report to a director of product", "director", kindOther},
		{"the cpo said the plan is weak", "vp", kindOther},
		{"i mentor two junior pms", "associate", kindObject},
		{"i don't want to become a cpo", "vp", kindRejected},
		{"not interested in being a director", "director", kindRejected},
		{"close, but not yet a senior pm in title", "senior", kindHoped},
		{"my senior pm role feels stuck", "senior", kindAsked},
		{"my skip-level is honestly the cpo, and i'm mid-level", "vp", kindOther},
		{"my skip-level is honestly the cpo, and i'm mid-level", "mid", kindAsked},
		{"three senior pms report to me these days", "senior", kindObject},
		{"the group pms work for me now", "director", kindObject},
		{"the directors and senior pms report to me", "director", kindObject},
		{"each senior pm rolls up to me these days", "senior", kindObject}, // a phrase of four words after the title
		{"not keen on being a director or a vp at all", "vp", kindRejected},
		{"not sure i'd enjoy being a vp, what is it like?", "vp", kindAsked},
		{"shipping alone is not enough at the senior level, right?", "senior", kindAsked},
		{"one of my reports is a senior pm and wants more scope", "senior", kindOther},
		{"our coach (a director of product) runs the offsite", "director", kindOther},
		{"my mentor (vp at a scale-up) thinks i should wait", "vp", kindOther},
		{"i freeze when i present in front of directors", "director", kindOther},
		{"i go quiet in meetings with vps", "vp", kindOther},
		{"is this normal in my first pm job?", "associate", kindAsked},
		{"i just hired my first report, a senior pm", "senior", kindOther},
		{"the vp job sounds draining to me, honestly", "vp", kindRejected},
		{"i don't think i'd want to be a director", "director", kindRejected},
		{"her first pm job was at a bank", "associate", kindOther},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			q := normalize(tt.q)
			var got []mentionKind
			for _, m := range ladder.FindLevels(q) {
				if m.ID == tt.level {
					got = append(got, kindOf(q, m))
				}
			}
			if len(got) == 0 || got[0] != tt.want {
				t.Errorf("kinds of %s = %v, want %v", tt.level, got, tt.want)
			}
		})
	}
}

func TestSmalltalk(t *testing.T) {
	tests := []struct {
		q    string
		want bool
	}{
		{"hi", true},
		{"Hello there!", true},
		{"thanks, that really helps!", true},
		{"ok cool", true},
		{"good morning coach", true},
		{"hi, what does a director of product do?", false},
		{"thanks! and what about the skills for it?", false},
		{"senior", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := smalltalk(normalize(tt.q)); got != tt.want {
			t.Errorf("smalltalk(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}

func TestNearbySubject(t *testing.T) {
	tests := []struct{ q, want string }{
		{"should i get an mba before going for director roles?", "education"},
		{"which tool should i pick to plan sprints?", "tools"},
		{"how do i prep for the pm interview at my dream company?", "interviews"},
		{"i ran customer interviews all week. what level is that?", ""},
		{"i read a lot of books. what does a senior pm do?", ""},
		{"what does a senior pm do?", ""},
		{"do i need an okr framework? which framework should i use", "frameworks"},
		{"any tips for the final round next week?", "interviews"},
		{"what companies run good rotational programs for new grads?", "jobsearch"},
		{"is a staff pm the same as an l6 somewhere big?", "companylevels"},
		{"what's the formula for net revenue retention?", "metrics"},
		{"does a senior pm title help with a work permit application?", "immigration"},
		{"they offered a director title; should i push for more?", "pay"},
		{"can i legally be stopped from joining a rival as a director?", "legal"},
		{"what base salary should i ask for as a new director?", "pay"},
		{"i'm a vp. how do i stop burning out?", "wellbeing"},
		{"should i go to angels or vcs for my seed round?", "fundraising"},
		{"who represents product in fundraising pitches?", ""},
	}
	for _, tt := range tests {
		n, _ := nearbySubject(normalize(tt.q))
		if n.ID != tt.want {
			t.Errorf("nearbySubject(%q) = %q, want %q", tt.q, n.ID, tt.want)
		}
	}
}

// "The second one you listed": the coach's last list, even when its last
// answer lists nothing; without "you listed", the conversation's.
func TestPointedList(t *testing.T) {
	r := newTestRetriever(t)
	history := []Turn{
		{Role: "user", Content: "i might leave product. where do people go?"},
		{Role: "assistant", Content: "Common moves: Operations & Program Management, Business Development & Partnerships, and Product Marketing or Strategy."},
		{Role: "user", Content: "interesting"},
		{Role: "assistant", Content: "Does one of them appeal?"},
	}
	for _, tt := range []struct {
		q    string
		want string
	}{
		{"the second one you listed, say more?", "business-development"},
		{"the third one on that list?", "product-marketing"},
	} {
		res, err := r.Retrieve(t.Context(), tt.q, history)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(res.Intent.Roles, tt.want) {
			t.Errorf("%q: roles %v, want %s", tt.q, res.Intent.Roles, tt.want)
		}
	}
}

func TestPointerIn(t *testing.T) {
	tests := []struct {
		q    string
		n    int
		noun string
		ok   bool
	}{
		{"tell me about the second one", 2, "one", true},
		{"what does the last skill mean in practice?", -1, "skill", true},
		{"explain the 3rd point", 3, "point", true},
		{"when i first started as a pm", 0, "", false},
		{"what is the first thing to do?", 1, "thing", true},
		{"go deeper on the very first one", 1, "one", true},
		{"more on #3 please", 3, "one", true},
		{"number 4 is where i struggle", 4, "one", true},
		{"number two sounds hard", 2, "one", true},
		{"i have a number of questions", 0, "", false},
		{"the second of those three levels, what does it own?", 2, "level", true},
		{"very first week in the job", 0, "", false},
		{"tell me about option 3", 3, "one", true},
		{"choice two sounds good", 2, "one", true},
	}
	for _, tt := range tests {
		p, ok := pointerIn(normalize(tt.q))
		if ok != tt.ok || ok && (p.n != tt.n || p.noun != tt.noun) {
			t.Errorf("pointerIn(%q) = %+v %v, want %d %q %v", tt.q, p, ok, tt.n, tt.noun, tt.ok)
		}
	}
}

type fakePlacer struct{ level, why string }

func (f fakePlacer) Place(string) (string, string) { return f.level, f.why }

// talk is a conversation of messages in turn, the user's first.
func talk(msgs ...string) []Turn {
	out := make([]Turn, len(msgs))
	for i, m := range msgs {
		out[i] = Turn{Role: []string{"user", "assistant"}[i%2], Content: m}
	}
	return out
}

func TestSteps(t *testing.T) {
	r := newTestRetriever(t).WithPlacer(fakePlacer{"senior", "i run the roadmap"})
	hist := talk
	tests := []struct {
		name    string
		q       string
		history []Turn
		check   func(Intent) bool
	}{
		{"set aside: the IC track", "I'd rather never be a VP. What other routes are there?", nil,
			func(in Intent) bool { return in.HasTopic(TopicIC) && !slices.Contains(in.Levels, ladder.VP) }},
		{"another person's title is not the subject", "My director wants me to speak up more in planning. Any advice on where to grow?", nil,
			func(in Intent) bool { return !slices.Contains(in.Levels, ladder.Director) }},
		{"step up from the level talked about", "and the rung after that?",
			hist("What does a senior PM do?", "Senior PMs own the vision of a product domain."),
			func(in Intent) bool { return slices.Equal(in.Levels, []string{ladder.Director}) }},
		{"review: the success of the asker's level", "I'm a mid-level PM and my annual review is close: what evidence matters?", nil,
			func(in Intent) bool { return in.Levels[0] == ladder.Mid && in.Facet() == ladder.Success }},
		{"placed from a description", "I run the roadmap for our billing product and present it to leadership. Where do I fit?", nil,
			func(in Intent) bool { return in.Placed == ladder.Senior && in.Levels[0] == ladder.Senior }},
		{"pointer to a listed level", "what does the third one do all week?",
			hist("Which rungs are there?", "Associate PM, then Mid-level PM, then Senior PM, then Director of Product, then VP of Product."),
			func(in Intent) bool { return slices.Equal(in.Levels, []string{ladder.Senior}) }},
		{"pointer to a listed skill", "say more about the second skill",
			hist("What should a senior PM build?", "Strategic Visioning, then Mentorship, then Executive Communication."),
			func(in Intent) bool { return in.Section == "senior/skills" }},
		{"'what about' another level asks what was asked before", "ok and what about a director?",
			hist("How is a senior PM judged?", "By outcomes across a product domain."),
			func(in Intent) bool { return in.Levels[0] == ladder.Director && in.Facet() == ladder.Success }},
		{"'what about' with a facet of its own keeps it", "what about a director, what do they own?",
			hist("How is a senior PM judged?", "By outcomes across a product domain."),
			func(in Intent) bool { return in.Levels[0] == ladder.Director && in.Facet() == ladder.Responsibilities }},
		{"the top of the ladder by its place", "what does the very top of it look like day to day?", nil,
			func(in Intent) bool { return len(in.Levels) > 0 && in.Levels[0] == ladder.VP }},
		{"turned down managing: what is ahead is the IC track, not one's rung", "so what's ahead for me?",
			hist("i'm a mid-level pm at a design agency", "Mid-level PMs own a product area.", "managing people is not for me, ever", "Understood."),
			func(in Intent) bool { return len(in.Levels) > 0 && in.Levels[0] == ladder.IC }},
		{"the asker's own rung after they told of someone else's move", "and what changes for me?",
			hist("my sister got promoted from mid-level to senior pm, and i went from apm to pm (mid-level)", "Congratulations to you both."),
			func(in Intent) bool {
				return len(in.Levels) > 0 && in.Levels[0] == ladder.Mid && in.Current == ladder.Mid
			}},
		{"back to the asker after talk of a friend's move", "right, back to me: am i doing well where i am?",
			hist("i'm a senior pm at a bank", "Senior PMs own a product domain.", "my friend wants to move into product marketing", "Some PMs are more drawn to the why than the how."),
			func(in Intent) bool { return len(in.Roles) == 0 && len(in.Levels) > 0 && in.Levels[0] == ladder.Senior }},
		{"where another person is, as the asker's target", "what should i build to get where she is one day?",
			hist("i'm a mid-level pm", "Mid-level PMs own a product area.", "my manager just got promoted to director", "Congratulations to her."),
			func(in Intent) bool { return in.Transition && in.Target == ladder.Director && in.Current == ladder.Mid }},
		{"where another person is, asked of that person", "what should he build to grow beyond where he is now?",
			hist("i run a team; my report tom is a senior pm", "Happy to help with Tom."),
			func(in Intent) bool {
				return in.Current == ladder.Senior && in.Levels[0] == ladder.Senior && in.Target != ladder.Senior
			}},
		{"the other one: the one of a pair the reply did not speak of", "and the other one?",
			hist("torn between business development and product marketing. i like negotiating.", "Business development suits PMs with commercial instincts: negotiating deals."),
			func(in Intent) bool { return slices.Equal(in.Roles, []string{"product-marketing"}) }},
		{"what to get good at is a skill", "which things should a director get good at first?", nil,
			func(in Intent) bool { return in.Facet() == ladder.Skills }},
		{"how senior the IC track is, against a managing rung", "how senior is a staff pm next to a director, honestly?", nil,
			func(in Intent) bool { return in.equivalence }},
		{"work stuck waiting on someone is no career stuck", "every decision in my team ends up stuck waiting on me as director. what should i be getting better at?", nil,
			func(in Intent) bool { return !in.HasTopic(TopicTimeline) && in.Facet() == ladder.Skills }},
		{"a career stuck is the timeline", "i feel stuck as a senior pm", nil,
			func(in Intent) bool { return in.HasTopic(TopicTimeline) }},
		{"of two people, the one the other pronoun was not used for", "ok, and for her?",
			hist("two people on my team: Rhea, an associate pm, and Omar, a senior pm", "Happy to help with both.",
				"Omar wants the next rung. What should he work on?", "Strategic visioning and mentorship, for a start."),
			func(in Intent) bool { return in.Current == ladder.Associate }},
		{"of two people, the one the pronoun was used for", "what should he build next?",
			hist("two people on my team: Rhea, an associate pm, and Omar, a senior pm", "Happy to help with both.",
				"Rhea is struggling with tickets; her updates are vague", "Structured communication is her lever."),
			func(in Intent) bool { return in.Current == ladder.Senior }},
		{"a person told of by what they love doing: the roles that names", "and for zara?",
			hist("two friends want out of product. Zara keeps talking about starting something of her own. Ben loves closing deals.",
				"Both could look at adjacent roles.", "what would suit Ben?", "Business development and partnerships."),
			func(in Intent) bool { return slices.Equal(in.Roles, []string{"founder"}) && in.Scope == ScopeIn }},
		{"code one has never written is told, not asked for", "i've never had to write code. is that a problem for an associate pm?", nil,
			func(in Intent) bool { return in.Refusal == "" }},
		{"code asked for is refused", "write me some python code to sort a list", nil,
			func(in Intent) bool { return in.Refusal == RefuseOffTopic }},
		{"the other of two offered, examples folded in, after 'the first'", "and the other one?",
			hist("what else is there besides managing?", "Two ways: the IC track, or adjacent roles such as partnerships or product marketing.",
				"say more about the first", "Deep craft and no direct reports."),
			func(in Intent) bool { return in.HasTopic(TopicAdjacent) && !slices.Contains(in.Levels, ladder.IC) }},
		{"the other of two numbered routes, each naming several rungs", "what about the other?",
			hist("senior pm here, where next?", "Two ways on: 1) the managing way: Group PM or Director, and later VP or CPO. 2) the individual contributor way: Principal PM or Staff PM.",
				"go on about the first", "You would lead PMs."),
			func(in Intent) bool { return len(in.Levels) > 0 && in.Levels[0] == ladder.IC }},
		{"the other of two offered as (1) and (2), the reply since spoke of one", "and the other one?",
			hist("senior pm, weighing where to go", "Two routes: (1) managing, as a Director of Product, or (2) the IC way, as a Principal PM.",
				"tell me about managing first", "As a Director you hire and coach PMs."),
			func(in Intent) bool { return len(in.Levels) > 0 && in.Levels[0] == ladder.IC }},
		{"promoted told as 'bumped up from': the rung now is the level talked of", "how will i know i've nailed this level?",
			hist("i just got bumped up from associate to mid-level pm!", "Congratulations!"),
			func(in Intent) bool { return slices.Equal(in.Levels, []string{ladder.Mid}) }},
		{"the people in a told sentence after the question are no level asked", "can you say more about the stakeholder one? i freeze up in front of directors",
			nil, func(in Intent) bool { return !slices.Contains(in.Levels, ladder.Director) }},
		{"what separates two rungs is how they differ", "what separates a group pm from a senior pm, really?", nil,
			func(in Intent) bool { return in.Facet() == ladder.Changes && in.HasTopic(TopicCompare) }},
		{"what separates the great at one rung is how it is judged", "what separates a great director from an average one?", nil,
			func(in Intent) bool { return in.Facet() == ladder.Success }},
		{"what fits the asker: the one thing their liking names, though the coach never named it", "so, all said, which path fits me best?",
			hist("i love negotiating deals and meeting partners", "Noted.", "i'm not interested in founding anything", "Founding is out then."),
			func(in Intent) bool { return slices.Equal(in.Roles, []string{"business-development"}) }},
		{"what fits the asker: the one thing offered they did not turn down", "so which path fits me?",
			hist("i never want to manage people", "Then the IC track, or founding a startup.", "what about founding a startup?", "Some PMs start their own ventures.",
				"nah, way too risky for me", "Fair enough."),
			func(in Intent) bool { return slices.Equal(in.Levels, []string{ladder.IC}) && len(in.Roles) == 0 }},
		{"what fits the asker: never what they turned down, though their words name it", "which of those suits me?",
			hist("i hate running programs and fixing processes. positioning is my thing", "Operations suits PMs who love process; product marketing suits PMs drawn to the why."),
			func(in Intent) bool { return slices.Equal(in.Roles, []string{"product-marketing"}) }},
		{"what gets you to a rung is the step to it", "honestly, what gets you to vp?", nil,
			func(in Intent) bool { return in.Transition && in.Target == ladder.VP }},
		{"the same question for another rung asks the facet asked before", "same question, but for a group pm",
			hist("how is an apm judged?", "By clear documentation and small things shipped on time."),
			func(in Intent) bool {
				return in.Facet() == ladder.Success && slices.Equal(in.Levels, []string{ladder.Director})
			}},
		{"back to the asker: that next step is their own", "back to me then: if i take that next step, what changes?",
			hist("i'm a mid-level pm", "Mid-level PMs own a product area.", "my nephew asks what an associate pm does", "Mostly execution: tickets and stories."),
			func(in Intent) bool { return in.Transition && in.Target == ladder.Senior }},
		{"the staff role is the IC track", "how is the staff role judged?", nil,
			func(in Intent) bool { return len(in.Levels) > 0 && in.Levels[0] == ladder.IC }},
		{"a skill asked for about an entry of the coach's numbered list", "number 3 scares me. which skill gets me ready for it?",
			hist("i'm a director eyeing vp", "Four shifts: 1) the exec team, 2) company-wide bets, 3) board meetings and investor updates, 4) org health."),
			func(in Intent) bool { return in.Section == "vp/skills" }},
		{"titles under the asker are their reports: the asker is placed", "i sit on the exec team with three directors under me. which skills should i keep sharpening?", nil,
			func(in Intent) bool { return !slices.Contains(in.Levels, ladder.Director) }},
		{"going deeper on an item is no IC track", "go deeper on the second one",
			hist("What should a mid-level PM build?", "Impact-driven prioritisation, then product discovery discipline."),
			func(in Intent) bool { return !in.HasTopic(TopicIC) && in.Section == "mid/skills" }},
		{"past one's rung after turning down managing: the IC track", "so what is left for me after senior?",
			hist("i'm a senior pm", "Senior PMs own a product domain.", "i really don't want to manage people", "That's a valid choice."),
			func(in Intent) bool { return len(in.Levels) > 0 && in.Levels[0] == ladder.IC && !in.Transition }},
		{"great performance is success", "what does great performance look like for a senior pm?", nil,
			func(in Intent) bool { return in.Facet() == ladder.Success }},
		{"a list of roles under the adjacent roles' heading", "tell me about the second one you listed",
			hist("what else could a pm do?", "Adjacent roles, for instance: 1) operations, 2) business development, 3) product marketing.", "thanks", "Happy to help."),
			func(in Intent) bool { return slices.Equal(in.Roles, []string{"business-development"}) }},
		{"the other of two roles offered for PMs, one turned down", "and the other one you mentioned?",
			hist("what else could i do?", "Business development, for PMs with commercial instincts, or product marketing, for PMs drawn to the why.",
				"business development sounds too salesy", "Fair enough."),
			func(in Intent) bool { return slices.Equal(in.Roles, []string{"product-marketing"}) }},
		{"which role fits her, told of by pronoun after her name", "which of those suits her?",
			hist("my report Ines, a senior pm, may leave product", "PMs can pivot into adjacent roles at any point.",
				"she has great commercial instincts and loves negotiating with vendors", "Useful strengths.",
				"what options are there?", "Operations, business development, founding a startup, product marketing."),
			func(in Intent) bool { return slices.Equal(in.Roles, []string{"business-development"}) }},
		{"the rung a person went for is theirs once they get it", "she got the promotion! what changes for her now?",
			hist("i manage Dana, a mid-level pm. is she ready for senior?", "Look at mid-level success first.", "she checks every box", "Then she's likely ready."),
			func(in Intent) bool { return len(in.Levels) > 0 && in.Levels[0] == ladder.Senior }},
		{"no reports, told in passing, turns no talk to the IC track", "so what does a good job look like for me?",
			hist("i'm an associate pm; nobody reports to me and i mostly write tickets", "That's the associate level: execution."),
			func(in Intent) bool { return len(in.Levels) > 0 && in.Levels[0] == ladder.Associate }},
		{"enough about them: back to the asker", "ok enough about them. what should i be learning?",
			hist("i'm a mid-level pm", "Mid-level PMs own a product area.", "my brother is a vp at a bank. what does he do?", "He leads the product function."),
			func(in Intent) bool { return len(in.Levels) > 0 && in.Levels[0] == ladder.Mid }},
		{"the level the asker said they aim for, told as a goal", "what changes once i hit the level i said i'm aiming for?",
			hist("i'm a mid-level pm. my goal is senior pm by next year.", "Let's map it out.", "what does my manager, a director, do?", "Directors build the team."),
			func(in Intent) bool { return len(in.Levels) > 0 && in.Levels[0] == ladder.Senior }},
		{"what it takes to make a rung is a step", "what should i sharpen to make director?",
			hist("i'm a senior pm", "Senior PMs own a product domain."),
			func(in Intent) bool { return in.Transition && in.Target == ladder.Director }},
		{"a follow-up that reads a topic of the article is in scope", "then what counts, if not years?",
			hist("how many years until i lead a product org?", "There's no fixed timeline: five years for some, twenty for others."),
			func(in Intent) bool { return in.Refusal == "" }},
		{"a person's plan: the roles their description names", "ok, back to Omar's plan: who does well there?",
			hist("my report Omar, an associate pm, wants to move into product marketing", "A common lateral move.", "and for me, a senior pm?", "Mentoring is core at your level."),
			func(in Intent) bool { return slices.Equal(in.Roles, []string{"product-marketing"}) }},
		{"the path still considered is the other of two offered", "so what would i own on the path i'm still weighing?",
			hist("director or staying an ic, i can't decide", "The director path builds the team; the IC path goes deep without reports.",
				"hiring all day sounds awful, director is out", "That's a valid choice."),
			func(in Intent) bool { return len(in.Levels) > 0 && in.Levels[0] == ladder.IC }},
		{"a listed skill named in other forms of its words", "unpack the final one for me",
			hist("I'm a senior PM. Where should I grow?", "Mentorship, executive communication, and, from the rung before, building influence."),
			func(in Intent) bool { return in.Section == "mid/skills" }},
		{"a skill's words in a row, not in another's", "what does the second one involve?",
			hist("Which skills matter most at the top?", "1) strategic visioning 2) executive leadership and board readiness 3) mentorship."),
			func(in Intent) bool { return in.Section == "vp/skills" }},
		{"the facet carries over one rung up", "and the one after it?",
			hist("How is a mid-level PM judged to be successful?", "By shipping solutions that move key metrics."),
			func(in Intent) bool {
				return in.Levels[0] == ladder.Senior && in.Facet() == ladder.Success && !in.Transition
			}},
		{"a step with a verb of moving stays a step", "so what do I need to get to the one after it?",
			hist("How is a mid-level PM judged to be successful?", "By shipping solutions that move key metrics."),
			func(in Intent) bool { return in.Transition && in.Target == ladder.Senior }},
		{"past a level: the step above it", "what skills take me past director?", nil,
			func(in Intent) bool { return in.Transition && in.Target == ladder.VP }},
		{"promoted to: the asker's level now", "what will people expect of me now?",
			hist("I was promoted to senior PM on Friday!", "Congratulations."),
			func(in Intent) bool { return in.Current == ladder.Senior }},
		{"smalltalk", "thanks a lot!", nil, func(in Intent) bool { return in.Scope == ScopeSmalltalk }},
		{"nearby", "Is a product certification worth it for a junior PM?", nil, func(in Intent) bool { return in.Scope == ScopeNearby }},
		{"in scope", "What does a junior PM do?", nil, func(in Intent) bool { return in.Scope == ScopeIn }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := r.Understand(tt.q, tt.history)
			if !tt.check(in) {
				t.Errorf("%q: intent %+v", tt.q, in)
			}
		})
	}
}

func TestCorrect(t *testing.T) {
	tests := []struct{ in, want string }{
		{"what does an assocaite pm do?", "what does an associate pm do?"},
		{"stakeholdr management tips", "stakeholder management tips"},
		{"how do I get promted to director", "how do I get promoted to director"},
		{"what does a manager do?", "what does a manager do?"},
		{"RICE or MoSCoW?", "RICE or MoSCoW?"},
		{"our kpis and standups", "our kpis and standups"},
		{"i shouldn't chase titles, couldn't i?", "i shouldn't chase titles, couldn't i?"},
		{"the teams' stakeholdr maps", "the teams' stakeholder maps"},
		{"am i stuck here forever?", "am i stuck here forever?"}, // a word of the timeline is no misspelt word of a nearby subject
	}
	for _, tt := range tests {
		if got := correct(tt.in); got != tt.want {
			t.Errorf("correct(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFromToRungs(t *testing.T) {
	tests := []struct {
		q, from, to string
	}{
		{"the leap from associate to senior pm, how long?", "associate", "senior"},
		{"from senior pm to staff pm: what is new?", "senior", "ic"},
		{"from director back to senior pm", "", ""}, // a step down is no step up
		{"from my team to the whole org", "", ""},
		{"moving from senior pm into the director role", "senior", "director"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			a, b := fromToRungs(ladder.Default(), normalize(tt.q))
			if a != tt.from || b != tt.to {
				t.Errorf("fromToRungs = %q, %q; want %q, %q", a, b, tt.from, tt.to)
			}
		})
	}
}

// The facet a told situation asks for is read from its asking sentence,
// and a phrase for a facet masks the shorter cues inside it.
func TestFacetsRead(t *testing.T) {
	tests := []struct {
		q    string
		want string
	}{
		{"what should i change before the next cycle?", ladder.Skills},
		{"how do you tell if a vp is doing a good job?", ladder.Success},
		{"what does strong performance look like for an associate?", ladder.Success},
		{"what would the role truly involve day by day?", ladder.Responsibilities},
		{"which signs show a director is performing at that level?", ladder.Success},
		{"my manager signs off on the roadmap. what should i own?", ladder.Responsibilities},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			got := facets(ladder.Default(), normalize(tt.q))
			if len(got) == 0 || got[0].Facet != tt.want {
				t.Errorf("facets = %v, want %s first", got, tt.want)
			}
		})
	}
	told := normalize("I triage bugs daily and write specs. What should I work on next?")
	in := understand(ladder.Default(), told, told, nil,
		func(int, int, bool) bool { return true }, func(string) (int, int, bool) { return 0, 0, false }, nil)
	if len(in.Facets) != 1 || in.Facets[0].Facet != ladder.Skills {
		t.Errorf("facets of a told situation = %v, want skills alone", in.Facets)
	}
}

func TestQualityIsNoStep(t *testing.T) {
	for _, q := range []string{"what does it take to be a great associate pm?", "how do i become a better senior pm?"} {
		in := understand(ladder.Default(), q, q, nil, func(int, int, bool) bool { return true }, func(string) (int, int, bool) { return 0, 0, false }, nil)
		if in.Transition {
			t.Errorf("%q read as a step to %q", q, in.Target)
		}
	}
}

// The conversation's level: a comparison's base does not take it over, the
// coach's own steer sets it after a turn that named none, and skills asked
// of the rung above the asker's are the skills for reaching it.
func TestConversationLevel(t *testing.T) {
	tests := []struct {
		name    string
		history []Turn
		q       string
		level   string
		target  string
	}{
		{"base of a comparison",
			[]Turn{{Role: "user", Content: "tell me about the vp of product role"}, {Role: "assistant", Content: "It leads the product org."},
				{Role: "user", Content: "how is it different from a senior pm?"}, {Role: "assistant", Content: "It is wider."}},
			"and how is success judged there?", "vp", ""},
		{"the coach's steer",
			[]Turn{{Role: "user", Content: "my director wants me to manage people"}, {Role: "assistant", Content: "What would you rather do?"},
				{Role: "user", Content: "build hard things myself, no reports"}, {Role: "assistant", Content: "Then the individual contributor track fits."}},
			"what does success look like on it?", "ic", ""},
		{"skills for the rung above",
			[]Turn{{Role: "user", Content: "i'm a mid-level pm"}, {Role: "assistant", Content: "Noted."},
				{Role: "user", Content: "what comes after mine?"}, {Role: "assistant", Content: "Senior PM comes next."}},
			"which skills does that take?", "senior", "senior"},
		{"that next level is the one talked about",
			[]Turn{{Role: "user", Content: "i'm a senior pm"}, {Role: "assistant", Content: "Noted."},
				{Role: "user", Content: "how do i move up?"}, {Role: "assistant", Content: "Director of Product is next."}},
			"fine. when i get to that next level, what will people expect of me?", "director", ""},
		{"turning down reports turns the talk to the IC track",
			[]Turn{{Role: "user", Content: "i'm a senior pm and would rather not have reports, ever"}, {Role: "assistant", Content: "Many senior PMs feel that way."}},
			"so what would success look like on that path?", "ic", ""},
		{"which of them, after a list",
			[]Turn{{Role: "user", Content: "what else can pms do besides climbing?"}, {Role: "assistant", Content: "Adjacent roles: operations, partnerships, founding."}},
			"which suits someone who likes tidy spreadsheets and calm rooms?", "", ""},
		{"which of the two, after a comparison",
			[]Turn{{Role: "user", Content: "how do a mid-level pm and a vp of product compare?"}, {Role: "assistant", Content: "The VP runs the product org."}},
			"and which of them works more with the board?", "mid", ""},
		{"the person told of, by a pronoun",
			[]Turn{{Role: "user", Content: "i'm a director and just hired my first report, a senior pm"}, {Role: "assistant", Content: "Congrats."}},
			"what will she be responsible for?", "senior", ""},
		{"a person's level corrected",
			[]Turn{{Role: "user", Content: "my cousin is a junior pm"}, {Role: "assistant", Content: "Nice."},
				{Role: "user", Content: "sorry, he's a vp of product actually"}, {Role: "assistant", Content: "Got it."}},
			"so what does he spend his week on?", "vp", ""},
		{"a title changed is one's level now",
			[]Turn{{Role: "user", Content: "i'm an associate pm at a fintech"}, {Role: "assistant", Content: "Welcome to product."},
				{Role: "user", Content: "update: my title was changed to senior pm in the reorg"}, {Role: "assistant", Content: "Congratulations."}},
			"so which skills matter for me now?", "senior", ""},
		{"getting there is never where one already is",
			[]Turn{{Role: "user", Content: "i lead a product group as a director and would love to be a vp someday"}, {Role: "assistant", Content: "A big step."},
				{Role: "user", Content: "first, what does my current job involve?"}, {Role: "assistant", Content: "Directors build and lead a team of PMs."}},
			"ok. and what should i work on to get there?", "vp", "vp"},
		{"the one above the level talked about",
			[]Turn{{Role: "user", Content: "i'm a mid-level pm"}, {Role: "assistant", Content: "Noted."}},
			"and the one above, what is it like?", "senior", ""},
	}
	r := newTestRetriever(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := r.Retrieve(t.Context(), tt.q, tt.history)
			if err != nil {
				t.Fatal(err)
			}
			in := res.Intent
			if tt.level == "" {
				if in.Scope != ScopeIn {
					t.Errorf("scope %q, want in", in.Scope)
				}
				return
			}
			if len(in.Levels) == 0 || in.Levels[0] != tt.level || in.Target != tt.target {
				t.Errorf("levels %v target %q, want %s first, target %q", in.Levels, in.Target, tt.level, tt.target)
			}
		})
	}
}

// A line of work asked for a described liking is a question about the paths
// beside the ladder, even after a step word.
func TestPathAsk(t *testing.T) {
	for _, q := range []string{
		"i'm a pm who loves negotiating with partners. is there a career direction for that?",
		"could there be a role where that becomes my whole job?",
	} {
		in := Intent{Current: "mid", Levels: []string{"mid"}, asked: 1}
		if strings.Contains(q, "could") {
			in = Intent{Transition: true, Target: "mid", Levels: []string{"mid"}}
		}
		pathAsk(&in, normalize(q))
		if len(in.Levels) != 0 || in.Transition || !in.HasTopic(TopicAdjacent) {
			t.Errorf("%q: %+v, want the adjacent paths and no level", q, in)
		}
	}
	in := Intent{Levels: []string{"director"}, asked: 1, Transition: true, Target: "director"}
	pathAsk(&in, normalize("what path gets me to director, a path where i manage?"))
	if len(in.Levels) != 1 {
		t.Errorf("a step to a named level became a path question: %+v", in)
	}
}

// An item of the previous answer named by what it is about.
func TestDescribedItem(t *testing.T) {
	r := newTestRetriever(t)
	history := []Turn{{Role: "user", Content: "two skills to look at?"},
		{Role: "assistant", Content: "Two to look at: Mentorship, from the senior stage, and Organisational Design, from the director stage."}}
	tests := []struct {
		q, want string
	}{
		{"say more about the one about splitting or combining roles", "director/skills"},
		{"you mentioned one around helping others level up?", "senior/skills"},
		{"ok, the org design one: what does it involve?", "director/skills"}, // named in part
		{"and that mentorship bit?", "senior/skills"},
		{"back to the one you mentioned around helping others level up", "senior/skills"}, // "you mentioned" before what it is about
		{"the skill that you said about splitting or combining roles?", "director/skills"},
	}
	for _, tt := range tests {
		about, ok := aboutIn(normalize(tt.q))
		if !ok {
			t.Fatalf("%q: no item named by what it is about", tt.q)
		}
		it, ok := r.described(about, history)
		if !ok || it.kind != itemSkill || it.id != tt.want {
			t.Errorf("%q resolved to %+v (%v), want a skill of %s", tt.q, it, ok, tt.want)
		}
	}
	// A skill no answer listed, named in part and asked for as a skill.
	res, err := r.Retrieve(t.Context(), "that ambiguity thing: which skill is it and what does it mean?", []Turn{{Role: "user", Content: "i lead a product domain"}, {Role: "assistant", Content: "Then your work is direction and alignment."}})
	if err != nil {
		t.Fatal(err)
	}
	if in := res.Intent; in.Section != "senior/skills" {
		t.Errorf("a skill named in part, never listed: section %q, want senior/skills", in.Section)
	}
	// Words that say where an item stands name none in part.
	for _, q := range []string{"what about the other one?", "and the last one?", "the hardest part is time", "is this the right one"} {
		if about, ok := aboutIn(normalize(q)); ok {
			t.Errorf("%q: named in part as %q", q, about)
		}
	}
}

// The IC track weighed against a rung of managers, or work wanted without
// people to manage, reads as the IC track.
func TestICWeighed(t *testing.T) {
	r := newTestRetriever(t)
	tests := []struct {
		q     string
		equiv bool
	}{
		{"would a principal pm be on par with a vp?", true},
		{"can i lead product strategy without having to manage anyone?", false},
		{"principal pm vs group pm: which is bigger?", true},
		{"does a principal pm count as the same as a director?", true},
	}
	for _, tt := range tests {
		in := r.Understand(tt.q, nil)
		if !in.HasTopic(TopicIC) || in.equivalence != tt.equiv {
			t.Errorf("%q: topics %v, equivalence %v; want the IC track, equivalence %v", tt.q, in.Topics, in.equivalence, tt.equiv)
		}
	}
}

type placeAt string

func (p placeAt) Place(string) (string, string) { return string(p), "" }

// A title given to more than one rung goes with the placement of what the
// person describes; one placed outside the title's rungs changes nothing.
func TestTitled(t *testing.T) {
	tests := []struct {
		placed, want string
	}{{"vp", "vp"}, {"director", "director"}, {"associate", "director"}}
	for _, tt := range tests {
		r := newTestRetriever(t).WithPlacer(placeAt(tt.placed))
		in := Intent{Levels: []string{"director"}, Target: "director", Transition: true}
		r.titled(&in, "Soon head of product, sitting with the founders on the board.", "soon head of product, sitting with the founders on the board.")
		if in.Levels[0] != tt.want || in.Target != tt.want {
			t.Errorf("placed at %s: levels %v target %s, want %s", tt.placed, in.Levels, in.Target, tt.want)
		}
	}
}

// A title naming a promotion is its target; a bare rung after "after" is a
// rung.
func TestPromotionTitle(t *testing.T) {
	r := newTestRetriever(t)
	in := r.Understand("what stands between me and a director promotion, in your view?", nil)
	if in.Target != "director" && !(len(in.Levels) > 0 && in.Levels[0] == "senior") {
		t.Errorf("target %q levels %v, want the step to director", in.Target, in.Levels)
	}
	in = r.Understand("and the rung after senior, what is it about?", []Turn{{Role: "user", Content: "list the levels"}, {Role: "assistant", Content: "Associate PM, Mid-level PM, Senior PM, Director of Product, VP of Product."}})
	if len(in.Levels) == 0 || in.Levels[0] != "director" {
		t.Errorf("levels %v, want director", in.Levels)
	}
}

// "passed over for X" names the rung a promotion would reach; "the next
// level up" is a step, not the skills "level up" asks; a pointer follows.
func TestStepWords(t *testing.T) {
	r := newTestRetriever(t)
	in := r.Understand("missed out again: passed over for director this cycle. what now?", nil)
	if in.Target != "director" && (len(in.Levels) == 0 || in.Levels[0] != "senior") {
		t.Errorf("target %q levels %v, want the step to director", in.Target, in.Levels)
	}
	fs := facets(ladder.Default(), normalize("and the next level up from there?"))
	if len(fs) > 0 && fs[0].Facet == ladder.Skills {
		t.Errorf("facets %v: 'next level up' read as skills", fs)
	}
	hist := []Turn{{Role: "user", Content: "list the side moves"}, {Role: "assistant", Content: "Operations & Program Management, Business Development & Partnerships, Product Marketing or Strategy."}}
	if in := r.Understand("the last one, who suits it?", hist); in.Refusal != "" {
		t.Errorf("a pointer into the conversation was refused: %+v", in)
	}
}

func TestComparesAnswer(t *testing.T) {
	tests := []struct {
		q    string
		want bool
	}{
		{"and is this any different at a startup?", true},
		{"would the list change much for a vp?", true},
		{"does it differ for group pms?", true},
		{"what changes at that level?", false},
		{"how does the director role differ from senior?", false},
		{"what is different about that role?", false},
	}
	for _, tt := range tests {
		if got := comparesAnswer(normalize(tt.q)); got != tt.want {
			t.Errorf("comparesAnswer(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}

func TestStatedLevelIntroAndBracket(t *testing.T) {
	tests := []struct {
		q, want string
	}{
		{"APM here: how do I read a PRD review?", "associate"},
		{"group pm speaking. any tips?", "director"},
		{"my boss wants me (a senior PM) to run the pricing work. tips?", "senior"},
		{"the new director here is great, what does she own?", ""},
		{"my sister just started as an apm, any tips for her?", ""},
		{"my boss says i'm a solid senior pm already", "senior"},
		{"my lead (a director) asked about pricing", ""},
	}
	for _, tt := range tests {
		if got := statedLevel(ladder.Default(), normalize(tt.q)); got != tt.want {
			t.Errorf("statedLevel(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

func TestAskedFirst(t *testing.T) {
	q := normalize("my old director moved on last month. what would a vp expect of me?")
	var got []string
	for _, m := range askedFirst(q, ladder.FindLevels(q)) {
		got = append(got, m.ID)
	}
	if want := []string{"vp", "director"}; !slices.Equal(got, want) {
		t.Errorf("askedFirst = %v, want %v", got, want)
	}
}

func TestRejectsManaging(t *testing.T) {
	tests := []struct {
		q    string
		want bool
	}{
		{"i'd rather not manage a team", true},
		{"honestly, managing people sounds exhausting to me. options?", true},
		{"a senior path that does not involve direct reports?", true},
		{"managing people is what i want next", false},
		{"i manage two pms and love it. what's next?", false},
		{"any role this senior where i don't lead an org?", true},
		{"honestly, managing people wears me out. what else?", true},
		{"i run an org of forty and love it", false},
	}
	for _, tt := range tests {
		if got := rejectsManaging(normalize(tt.q)); got != tt.want {
			t.Errorf("rejectsManaging(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}

func TestAfterCondition(t *testing.T) {
	tests := []struct {
		q, rest string
		ok      bool
	}{
		{"and once i'm there, what will success mean?", " what will success mean?", true},
		{"when that happens, what changes?", " what changes?", true},
		{"what changes, once i'm there?", "", false},
		{"i think that once i'm senior, things change", "", false},
	}
	for _, tt := range tests {
		rest, ok := afterCondition(tt.q)
		if rest != tt.rest || ok != tt.ok {
			t.Errorf("afterCondition(%q) = %q, %v; want %q, %v", tt.q, rest, ok, tt.rest, tt.ok)
		}
	}
}

func TestPathsText(t *testing.T) {
	tests := []struct{ q, want string }{
		{"my skip-level says hi", "my says hi"},
		{"what do i need to start learning?", "what do i need to begin learning?"},
		{"do i need to start as an apm?", "do i need to start as an apm?"},
		{"ok, which of these do i start with?", "ok, which of these do i begin with?"},
	}
	for _, tt := range tests {
		if got := pathsText(tt.q); got != tt.want {
			t.Errorf("pathsText(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

// Skills asked for a rung above the asker's own are the step up to it.
func TestAim(t *testing.T) {
	r := newTestRetriever(t)
	res, err := r.Retrieve(t.Context(), "i'm an apm and my lead is a senior pm. which skills would i need to grow into her job one day?", nil)
	if err != nil {
		t.Fatal(err)
	}
	if in := res.Intent; !in.Transition || in.Target != "senior" || in.Current != "associate" {
		t.Errorf("intent %+v: want the step associate -> senior", in)
	}
}

// A review written by a manager asks about the level the asking sentence
// names, and its facet, not the writer's own.
func TestReviewOfAnotherLevel(t *testing.T) {
	r := newTestRetriever(t)
	res, err := r.Retrieve(t.Context(), "i'm a vp writing a promo packet for one of my directors. what does success at the director level look like, for the packet?", nil)
	if err != nil {
		t.Fatal(err)
	}
	if in := res.Intent; len(in.Levels) == 0 || in.Levels[0] != "director" || in.Facet() != "success" {
		t.Errorf("intent %+v: want the director's success", in)
	}
}

// A description placed at a rung, then the next step asked: the step up
// from the placed rung. Asked where they stand too, the placement leads.
func TestPlacedNextStep(t *testing.T) {
	r := newTestRetriever(t).WithPlacer(placeAt("associate"))
	tests := []struct {
		q          string
		transition bool
	}{
		{"i write tickets, take notes in standups and ship small fixes. what is the next step from here?", true},
		{"i write tickets, take notes in standups and ship small fixes. what level am i, and what is the next step?", false},
	}
	for _, tt := range tests {
		res, err := r.Retrieve(t.Context(), tt.q, nil)
		if err != nil {
			t.Fatal(err)
		}
		if in := res.Intent; in.Transition != tt.transition || tt.transition && in.Target != "mid" {
			t.Errorf("%q: transition %v target %q; want %v", tt.q, in.Transition, in.Target, tt.transition)
		}
	}
}

// Asked where they stand, what the asker told of their work is no facet and
// no track of its own: the question's own words are.
func TestPlacedAskedWhere(t *testing.T) {
	r := newTestRetriever(t).WithPlacer(placeAt("mid"))
	tests := []struct {
		q      string
		placed string
		skills bool // the skills facet is read
		ic     bool // the IC track is a topic
	}{
		{"i choose what we build next sprint and track the numbers. nobody reports to me. where would that put me?", "mid", false, false},
		// The track named in the question is asked, and places nobody.
		{"i choose what goes in the next sprint and track the numbers. nobody reports to me. what level am i, and is the ic track for me?", "", false, true},
		{"i run discovery and write specs. what level am i, and which skills should i build next?", "mid", true, false},
	}
	for _, tt := range tests {
		res, err := r.Retrieve(t.Context(), tt.q, nil)
		if err != nil {
			t.Fatal(err)
		}
		in := res.Intent
		if in.Placed != tt.placed || (in.Facet() == ladder.Skills) != tt.skills || in.HasTopic(TopicIC) != tt.ic {
			t.Errorf("%q: placed %q facet %q topics %v; want skills %v, ic %v", tt.q, in.Placed, in.Facet(), in.Topics, tt.skills, tt.ic)
		}
	}
}

// The asker says who they are, then what someone they manage wants to
// become: that person's step.
func TestOthersWantedStep(t *testing.T) {
	r := newTestRetriever(t)
	res, err := r.Retrieve(t.Context(), "i'm a vp of product and one of my directors hopes to become a vp one day. which skills should we work on with him?", nil)
	if err != nil {
		t.Fatal(err)
	}
	if in := res.Intent; in.Current != "director" || in.Target != "vp" || !in.Transition {
		t.Errorf("intent %+v: want the director -> vp step", in)
	}
}

// Two levels asked of one after the other, then "those two": both, side by
// side; a single level named before names no pair.
func TestPairOverTwoTurns(t *testing.T) {
	tests := []struct {
		name    string
		history []Turn
		q       string
		want    []string
		facet   string // the facet compared, when the question names none of its own
	}{
		{"two turns, one level each",
			[]Turn{{Role: "user", Content: "what does a group pm do all week?"}, {Role: "assistant", Content: "They run a team of PMs."},
				{Role: "user", Content: "and an associate pm?"}, {Role: "assistant", Content: "They learn the product and ship tickets."}},
			"how do those two differ in what they are accountable for?", []string{"director", "associate"}, ""},
		{"each one",
			[]Turn{{Role: "user", Content: "tell me about staff pms"}, {Role: "assistant", Content: "Deep individual contributors."},
				{Role: "user", Content: "ok and senior pms?"}, {Role: "assistant", Content: "They own a domain."}},
			"what does good look like for each one?", []string{"ic", "senior"}, ""},
		{"one level only",
			[]Turn{{Role: "user", Content: "what does a vp of product do?"}, {Role: "assistant", Content: "Runs the product org."}},
			"how do those two differ?", nil, ""},
		{"the difference in what was asked of each",
			[]Turn{{Role: "user", Content: "how is a senior pm judged?"}, {Role: "assistant", Content: "By outcomes across a domain."},
				{Role: "user", Content: "and a director?"}, {Role: "assistant", Content: "By the teams' results."}},
			"so what's the main difference between the two?", []string{"senior", "director"}, ladder.Success},
	}
	r := newTestRetriever(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := r.Retrieve(t.Context(), tt.q, tt.history)
			if err != nil {
				t.Fatal(err)
			}
			in := res.Intent
			if tt.want == nil {
				if in.HasTopic(TopicCompare) {
					t.Errorf("compared %v with one level named before", in.Levels)
				}
				return
			}
			for _, l := range tt.want {
				if !slices.Contains(in.Levels, l) {
					t.Errorf("levels %v, want %v", in.Levels, tt.want)
				}
			}
			if !in.HasTopic(TopicCompare) {
				t.Errorf("topics %v, want a comparison", in.Topics)
			}
			if tt.facet != "" && in.Facet() != tt.facet {
				t.Errorf("facet %q, want %q (what was asked of each)", in.Facet(), tt.facet)
			}
		})
	}
}

// "The other one": of two things a turn set side by side, the one the talk
// has not taken up, asked what the first was asked.
func TestTheOtherOne(t *testing.T) {
	tests := []struct {
		name    string
		history []Turn
		q       string
		level   string // the level asked about, or ""
		role    string // the role asked about, or ""
		section string // the skill's section pointed at, or ""
	}{
		{"two rungs",
			[]Turn{{Role: "user", Content: "i keep going back and forth between aiming for director and aiming for vp of product"}, {Role: "assistant", Content: "Both are leadership rungs."},
				{Role: "user", Content: "how is a vp judged?"}, {Role: "assistant", Content: "By the clarity of the org."}},
			"and the other one?", "director", "", ""},
		{"two roles",
			[]Turn{{Role: "user", Content: "thinking about an ops role or bizdev after product"}, {Role: "assistant", Content: "Both draw on product skills."},
				{Role: "user", Content: "start with the ops role please"}, {Role: "assistant", Content: "Operations roles run the machine."}},
			"what about the other option?", "", "business-development", ""},
		{"two skills",
			[]Turn{{Role: "user", Content: "i'm a mid-level pm; should i work on stakeholder management or outcome ownership?"}, {Role: "assistant", Content: "Both matter at your level."},
				{Role: "user", Content: "say more about outcome ownership"}, {Role: "assistant", Content: "Think in goals, not tasks."}},
			"ok and the other one?", "", "", "mid/skills"},
		{"two routes, by their words",
			[]Turn{{Role: "user", Content: "as a senior pm i can't decide: the management track, or stay an individual contributor?"}, {Role: "assistant", Content: "Both are real careers."},
				{Role: "user", Content: "start with the management track. how would i know it's going well?"}, {Role: "assistant", Content: "Your teams deliver outcomes."}},
			"what about the other one?", "ic", "", ""},
		{"the other track, after talk of one rung",
			[]Turn{{Role: "user", Content: "what comes after senior pm if i want to lead people?"}, {Role: "assistant", Content: "Group PM or Director of Product; there is an individual contributor track too."},
				{Role: "user", Content: "and how would a director be judged?"}, {Role: "assistant", Content: "By the teams' results."}},
			"and on the other path, how is it judged?", "ic", "", ""},
		{"two routes, the other way round",
			[]Turn{{Role: "user", Content: "people management or the ic path, which suits me? i'm a senior pm"}, {Role: "assistant", Content: "It depends on the impact you want."},
				{Role: "user", Content: "first the ic path: how is success judged there?"}, {Role: "assistant", Content: "By influence without authority."}},
			"and what about the other one?", "director", "", ""},
	}
	r := newTestRetriever(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := r.Retrieve(t.Context(), tt.q, tt.history)
			if err != nil {
				t.Fatal(err)
			}
			in := res.Intent
			switch {
			case tt.level != "" && (len(in.Levels) == 0 || in.Levels[0] != tt.level):
				t.Errorf("levels %v, want %s", in.Levels, tt.level)
			case tt.level != "" && in.Facet() != ladder.Success:
				t.Errorf("facet %q, want the one asked before (success)", in.Facet())
			case tt.role != "" && !slices.Contains(in.Roles, tt.role):
				t.Errorf("roles %v, want %s", in.Roles, tt.role)
			case tt.section != "" && in.Section != tt.section:
				t.Errorf("section %q, want %s", in.Section, tt.section)
			}
		})
	}
}

// A person the asker named with a level is asked of by name.
func TestPeopleNamed(t *testing.T) {
	history := []Turn{
		{Role: "user", Content: "Honestly I manage two people now: Ines, a senior PM, and Bo, who is still an APM."},
		{Role: "assistant", Content: "Two very different stages."},
		{Role: "user", Content: "Anyway, I'm a director myself. My boss is a VP of product."},
		{Role: "assistant", Content: "Noted."},
	}
	tests := []struct {
		q, want string
	}{
		{"what should Ines build next?", "senior"},
		{"and what does Bo own day to day?", "associate"},
		{"what should Kofi build next?", "director"},      // not told of: the asker's own
		{"anyway, what should i build next?", "director"}, // a word of conversation names no one
		{"about my boss: what should she keep building?", "vp"},
		{"my boss says i should grow. what should i build next?", "director"}, // asks of the asker
	}
	r := newTestRetriever(t)
	for _, tt := range tests {
		res, err := r.Retrieve(t.Context(), tt.q, history)
		if err != nil {
			t.Fatal(err)
		}
		if in := res.Intent; len(in.Levels) == 0 || in.Levels[0] != tt.want {
			t.Errorf("%q: levels %v, want %s first", tt.q, in.Levels, tt.want)
		}
	}
	if got := namedPeople(ladder.Default(), history, nil); len(got) != 3 || got["ines"] != "senior" || got["bo"] != "associate" || got["my boss"] != "vp" {
		t.Errorf("namedPeople = %v, want ines senior, bo associate, my boss vp", got)
	}
	// One person told of, promoted from one rung to another: a pronoun
	// alone asks of them, at the rung they hold now.
	one := []Turn{
		{Role: "user", Content: "Big news: my mentee Lea got promoted from associate to product manager last week."},
		{Role: "assistant", Content: "Congratulations to her."},
	}
	if got := namedPeople(ladder.Default(), one, nil); got["lea"] != "mid" {
		t.Errorf("namedPeople = %v, want lea mid (the rung promoted to)", got)
	}
	res, err := r.Retrieve(t.Context(), "so what is she supposed to own now?", one)
	if err != nil {
		t.Fatal(err)
	}
	if in := res.Intent; len(in.Levels) == 0 || in.Levels[0] != "mid" {
		t.Errorf("a pronoun after one person told of: levels %v, want mid", in.Levels)
	}
	// A person asked of by name, beside the rung they held before.
	friend := []Turn{
		{Role: "user", Content: "My friend Omar just became a senior PM. I'm an associate PM myself."},
		{Role: "assistant", Content: "Good for him."},
	}
	if res, err = r.Retrieve(t.Context(), "what's different for Omar now, compared to when he was a mid-level pm?", friend); err != nil {
		t.Fatal(err)
	}
	if in := res.Intent; len(in.Levels) == 0 || in.Levels[0] != "senior" {
		t.Errorf("a person beside the rung they held: levels %v, want senior", in.Levels)
	}
	// The asker's own level told too: "she" is still the one person.
	mine := []Turn{
		{Role: "user", Content: "I am a director of product. I mentor Ines, a senior PM."},
		{Role: "assistant", Content: "Mentoring is part of the job."},
	}
	if res, err = r.Retrieve(t.Context(), "what should she build next?", mine); err != nil {
		t.Fatal(err)
	}
	if in := res.Intent; len(in.Levels) == 0 || in.Levels[0] != "senior" {
		t.Errorf("a pronoun after one person and the asker told of: levels %v, want senior", in.Levels)
	}
}

// Where someone can come in on the ladder, a winding career so far, and
// whether one must climb to the top are the paths part.
func TestEntryPoints(t *testing.T) {
	r := newTestRetriever(t)
	for _, q := range []string{
		"can an ex-banker come in directly at director level?",
		"do people ever come straight in at the senior rung?",
		"i went from design to support to product, pretty unconventional. does that hurt me?",
		"is every pm supposed to climb to vp in the end?",
	} {
		if in := r.Understand(q, nil); !in.HasTopic(TopicPaths) {
			t.Errorf("%q: topics %v, want paths", q, in.Topics)
		}
	}
}

// Turns read from their own words: each case's check returns what is wrong
// with the intent, or "".
func TestTurnsRead(t *testing.T) {
	senior := []Turn{{Role: "user", Content: "i'm a senior pm at a bank"}, {Role: "assistant", Content: "You shape long-term direction."}}
	vpTalk := []Turn{{Role: "user", Content: "what does a vp of product do?"}, {Role: "assistant", Content: "They lead the product function."}}
	offered := []Turn{
		{Role: "user", Content: "i'm bored of climbing. what else is there?"},
		{Role: "assistant", Content: "Two ways out: staying an individual contributor, or moving into product-adjacent roles."},
		{Role: "user", Content: "go on about the first one"},
		{Role: "assistant", Content: "Deep craft, complex products, no direct reports."},
	}
	// Leaving product altogether is no step up the ladder: the adjacent
	// roles, not the next rung, even when the skills one has are asked about.
	leaving := func(in Intent) string {
		if in.Transition || !in.HasTopic(TopicAdjacent) {
			return fmt.Sprintf("transition %v (to %q), topics %v; want the adjacent roles and no step", in.Transition, in.Target, in.Topics)
		}
		return ""
	}
	// The managing route named by its word, and no rung: asked of at its
	// first rung; turned down, it is not.
	managing := func(want bool) func(Intent) string {
		return func(in Intent) string {
			if got := slices.Contains(in.Levels, "director") || in.Target == "director"; got != want {
				return fmt.Sprintf("levels %v, target %q; want the managing rung asked of: %v", in.Levels, in.Target, want)
			}
			return ""
		}
	}
	// A case for a promotion is a review, whatever it is called: for the IC
	// track, how success is judged there.
	icSuccess := func(in Intent) string {
		if len(in.Levels) == 0 || in.Levels[0] != "ic" || in.Facet() != ladder.Success {
			return fmt.Sprintf("levels %v, facet %q; want the IC track's success", in.Levels, in.Facet())
		}
		return ""
	}
	// Words that switch the subject carry nothing from the talk before.
	nothingCarried := func(in Intent) string {
		if in.FromHistory || slices.Contains(in.Levels, "vp") {
			return fmt.Sprintf("levels %v, from history %v; want nothing carried", in.Levels, in.FromHistory)
		}
		return ""
	}
	// "The other one" of two things an answer offered, after the user took
	// up one of them by its place.
	adjacent := func(in Intent) string {
		if !in.HasTopic(TopicAdjacent) || slices.Contains(in.Levels, "ic") {
			return fmt.Sprintf("levels %v, topics %v; want the adjacent roles", in.Levels, in.Topics)
		}
		return ""
	}
	tests := []struct {
		history []Turn
		q       string
		check   func(Intent) string
	}{
		{senior, "i want to quit product. which jobs might i move into with these skills of mine?", leaving},
		{senior, "done with product: could i move into sales with these skills?", leaving},
		{senior, "how would my week look different if i took the management track?", managing(true)},
		{senior, "what should i practise before going into management?", managing(true)},
		{senior, "i never want the management track. what else?", managing(false)},
		{nil, "i'm put up for principal pm next cycle. what should my case show?", icSuccess},
		{nil, "up for promotion to staff pm: what should the strong case show?", icSuccess},
		{vpTalk, "switching gears: where do product managers go when they leave product?", nothingCarried},
		{vpTalk, "ok, changing the subject. how long does growth usually take?", nothingCarried},
		{offered, "and the other option?", adjacent},
	}
	r := newTestRetriever(t)
	for _, tt := range tests {
		res, err := r.Retrieve(t.Context(), tt.q, tt.history)
		if err != nil {
			t.Fatal(err)
		}
		if msg := tt.check(res.Intent); msg != "" {
			t.Errorf("%q: %s", tt.q, msg)
		}
	}
}

func TestNumbered(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Three things: 1) tickets, 2) stories and 3) syncs.", []string{"tickets,", "stories and", "syncs."}},
		{"1. Discovery\n2. Delivery", []string{"Discovery", "Delivery"}},
		{"Look at 2) first", nil},                               // no list starts at 1
		{"in 2021) we had 1) one thing", []string{"one thing"}}, // numbers inside words do not count
		{"", nil},
	} {
		if got := numbered(c.text); !slices.Equal(got, c.want) {
			t.Errorf("numbered(%q) = %q; want %q", c.text, got, c.want)
		}
	}
}

func TestDoesWork(t *testing.T) {
	for _, c := range []struct {
		t    string
		want bool
	}{
		{"i translate goals into strategy, and keep sales aligned", true},
		{"most weeks i sit in the leadership meeting", true},
		{"i find it hard to say no", false},
		{"i plan to keep it that way", false},
		{"i genuinely don't care about titles", false},
		{"my team ships weekly", false}, // no "i": told of the team
	} {
		if got := doesWork(c.t); got != c.want {
			t.Errorf("doesWork(%q) = %v; want %v", c.t, got, c.want)
		}
	}
}

// Work told in the job's everyday words, few of them the article's, is in
// scope when the self-assessment places it; a bare question or a life
// outside product stays out.
func TestDescribedWorkInScope(t *testing.T) {
	r := newTestRetriever(t)
	tests := []struct {
		q      string
		scope  string
		placed bool
	}{
		{"My days are standups with dev and QA, grooming tickets and sitting in on user interviews. What should I improve?", ScopeIn, true},
		{"What should I be getting better at?", ScopeOut, false},
		{"My days are baking sourdough and feeding the cats. What should I improve?", ScopeOut, false},
	}
	for _, tt := range tests {
		in := r.Understand(tt.q, nil)
		if in.Scope != tt.scope || (in.Placed != "") != tt.placed {
			t.Errorf("%q: scope %q placed %q, want %q placed %v", tt.q, in.Scope, in.Placed, tt.scope, tt.placed)
		}
	}
}

// A facet asked of "her" or "him" is asked of that person; one the asker
// follows as its object, or asks of themselves, is the asker's.
func TestFacetOfThird(t *testing.T) {
	tests := []struct {
		q    string
		want bool
	}{
		{"what should i expect him to be working on?", true},
		{"my report wonders what success looks like for her", true},
		{"how do i know he is doing well?", true},
		{"is he piling work on me?", false},
		{"she says i should work on my strategy", false},
		{"what should i work on?", false},
		{"what does success look like for them?", true},
	}
	for _, tt := range tests {
		if got := facetOfThird(tt.q); got != tt.want {
			t.Errorf("facetOfThird(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
	r := newTestRetriever(t)
	in := r.Understand("I'm a VP and one of my associate PMs asked me what success looks like for her. What do I say?", nil)
	if len(in.Levels) == 0 || in.Levels[0] != ladder.Associate {
		t.Errorf("asked for a report: levels %v, want %s first", in.Levels, ladder.Associate)
	}
}

// A question that points back at what the asker told of themselves reads
// those turns, not the last thing talked about; one that picks from a list
// by it picks the listed item nearest what they told.
func TestToldBack(t *testing.T) {
	r := newTestRetriever(t)
	turns := talk
	tests := []struct {
		name    string
		q       string
		history []Turn
		check   func(Intent) bool
	}{
		{"what they told, not the last role talked about",
			"going by what I told you first, what does success look like on the route that suits me?",
			turns("I will never manage people, and I am staying in product.", "Then the individual contributor track fits.",
				"how about product marketing?", "Product marketing suits PMs drawn to the why more than the how."),
			func(in Intent) bool { return len(in.Levels) > 0 && in.Levels[0] == ladder.IC && len(in.Roles) == 0 }},
		{"picked from a list by what they told",
			"which of those matches what I said I like?",
			turns("The best part of my week is fixing broken processes so the teams run smoothly.", "Good to know.",
				"what else could I do then?", "Operations & Program Management, Business Development & Partnerships, Product Marketing or Strategy."),
			func(in Intent) bool { return slices.Equal(in.Roles, []string{"operations"}) }},
	}
	for _, tt := range tests {
		if in := r.Understand(tt.q, tt.history); !tt.check(in) {
			t.Errorf("%s: %q: intent %+v", tt.name, tt.q, in)
		}
	}
}

// A promotion the asker was turned down for is the level they aim at; a
// level they are "not at yet" is hoped for, not set aside.
func TestFailedPromotion(t *testing.T) {
	r := newTestRetriever(t)
	tests := []struct {
		q      string
		target string
	}{
		{"I got turned down for VP last quarter. What now?", ladder.VP},
		{"Missed out on senior PM again this cycle. Where do I start?", ladder.Senior},
	}
	for _, tt := range tests {
		if in := r.Understand(tt.q, nil); !in.Transition || in.Target != tt.target {
			t.Errorf("%q: transition %v target %q, want %q", tt.q, in.Transition, in.Target, tt.target)
		}
	}
	in := r.Understand("My manager says I'm not working at senior level yet. What does she expect?", nil)
	if slices.Contains(in.Rejected, ladder.Senior) {
		t.Errorf("a level not reached yet is set aside: rejected %v", in.Rejected)
	}
}

// Setting the rung above aside to ask about the job one has is about one's
// own rung, not the IC track; setting it aside to ask what else there is
// is the IC track.
func TestSetAsideForOwnJob(t *testing.T) {
	r := newTestRetriever(t)
	in := r.Understand("I'm a senior PM and I never want to become a director. How do I get great at the role I have?", nil)
	if len(in.Levels) == 0 || in.Levels[0] != ladder.Senior || in.HasTopic(TopicIC) {
		t.Errorf("own job: levels %v topics %v, want senior and no IC", in.Levels, in.Topics)
	}
	in = r.Understand("I'm a senior PM and I never want to become a director. What other routes are there?", nil)
	if !in.HasTopic(TopicIC) {
		t.Errorf("what else: topics %v, want the IC track", in.Topics)
	}
}

// A subject beside the ladder in a condition that opens the question is
// the situation, not what is asked; work told as "my work is..." or "I'm on
// the exec team" places the asker.
func TestConditionAndToldWork(t *testing.T) {
	r := newTestRetriever(t)
	if in := r.Understand("If I burn out as a PM, which adjacent roles could I switch to?", nil); in.Scope != ScopeIn {
		t.Errorf("a condition beside the ladder: scope %q, want in", in.Scope)
	}
	if in := r.Understand("As a PM, how do I deal with burnout?", nil); in.Scope != ScopeNearby {
		t.Errorf("what is asked beside the ladder: scope %q, want nearby", in.Scope)
	}
	for _, q := range []string{
		"My work is mostly picking up tickets and writing specs for the engineers. What should I get better at?",
		"I'm on the exec team and have directors reporting into me. Which skills should I keep sharpening?",
	} {
		if in := r.Understand(q, nil); in.Placed == "" {
			t.Errorf("%q: not placed (intent %+v)", q, in)
		}
	}
}

// A point of a list "from earlier" is one of a list before the coach's
// last answer; the non-manager route is the IC track.
func TestEarlierListAndICWords(t *testing.T) {
	r := newTestRetriever(t)
	history := []Turn{
		{Role: "user", Content: "what could i do besides product?"},
		{Role: "assistant", Content: "Some options:\n1. Operations & Program Management\n2. Business Development & Partnerships\n3. Product Marketing or Strategy"},
		{Role: "user", Content: "and if i stay?"},
		{Role: "assistant", Content: "Then build Stakeholder Management, Outcome Ownership and Build Influence."},
	}
	in := r.Understand("go back to option 3 from your list earlier", history)
	if !slices.Equal(in.Roles, []string{"product-marketing"}) {
		t.Errorf("option 3 from earlier: roles %v, want product-marketing (intent %+v)", in.Roles, in)
	}
	in = r.Understand("what does success look like on the non-management path?", nil)
	if len(in.Levels) == 0 || in.Levels[0] != ladder.IC {
		t.Errorf("the non-management path: levels %v, want the IC track", in.Levels)
	}
}

// "The first year" as a span of time names no level; someone's first year
// is the first rung.
func TestFirstYear(t *testing.T) {
	r := newTestRetriever(t)
	in := r.Understand("What should a new head of product have achieved after the first year?", nil)
	if in.Current == ladder.Associate || slices.Contains(in.Levels, ladder.Associate) || slices.Contains(in.Levels, ladder.Mid) {
		t.Errorf("a span of time read as a rung: %+v", in)
	}
	if in = r.Understand("What matters most in my first year?", nil); !slices.Contains(in.Levels, ladder.Associate) {
		t.Errorf("my first year: levels %v, want %q", in.Levels, ladder.Associate)
	}
}

// A title set right before a name is that person's ("we hired a VP of
// Product, Dana"); the asker's own title before a name is not.
func TestTitleBeforeName(t *testing.T) {
	lad, r := ladder.Default(), newTestRetriever(t)
	tests := []struct {
		turn string
		want map[string]string
	}{
		{"We just brought in a new VP of Product, Dana, to lead the org.", map[string]string{"dana": "vp"}},
		{"our director Ana wants a new plan", map[string]string{"ana": "director"}},
		{"I'm a senior PM, Ana is my peer.", nil},
		{"We met the senior PM. Ana joined later.", nil},
	}
	for _, tt := range tests {
		got := namedPeople(lad, []Turn{{Role: "user", Content: tt.turn}}, r.knownWord)
		if len(got) != len(tt.want) || !maps.Equal(got, tt.want) {
			t.Errorf("namedPeople(%q) = %v, want %v", tt.turn, got, tt.want)
		}
	}
}

// "The difference between being a VP and a director" states no level of
// the asker's own.
func TestComparedBeingNotStated(t *testing.T) {
	for _, q := range []string{"what's the difference between being a vp and a director?", "how does being a senior pm differ from being a mid-level pm?"} {
		if got := statedLevel(ladder.Default(), normalize(q)); got != "" {
			t.Errorf("statedLevel(%q) = %q, want none", q, got)
		}
	}
	if got := statedLevel(ladder.Default(), normalize("being a senior pm, what should i learn next?")); got != ladder.Senior {
		t.Errorf("being a senior pm, as the asker: %q, want senior", got)
	}
}

// The top level, job or role of the ladder is its top rung.
func TestTopLevelWords(t *testing.T) {
	r := newTestRetriever(t)
	for _, q := range []string{"what does the top job involve?", "how is success judged at the highest level?"} {
		if in := r.Understand(q, nil); len(in.Levels) == 0 || in.Levels[0] != ladder.VP {
			t.Errorf("%q: levels %v, want the top rung", q, in.Levels)
		}
	}
}

// The rung right below a level is the one under it, unless the question
// weighs two levels; how late one started is the timeline.
func TestBelowAndLate(t *testing.T) {
	r := newTestRetriever(t)
	tests := []struct {
		q     string
		check func(Intent) bool
	}{
		{"what does the level right below VP own?", func(in Intent) bool { return len(in.Levels) > 0 && in.Levels[0] == ladder.Director }},
		{"I work under a director. What should I learn?", func(in Intent) bool { return !slices.Contains(in.Levels, ladder.Senior) }},
		{"given my age and how late I started, can I still get to director?", func(in Intent) bool { return in.HasTopic(TopicTimeline) }},
	}
	for _, tt := range tests {
		if in := r.Understand(tt.q, nil); !tt.check(in) {
			t.Errorf("%q: intent %+v", tt.q, in)
		}
	}
}

// What the asker sets aside ("forget the promotion for now") is no step
// asked.
func TestForgetAside(t *testing.T) {
	r := newTestRetriever(t)
	history := []Turn{{Role: "user", Content: "I'm a mid-level PM chasing my senior promo."}, {Role: "assistant", Content: "To grow into Senior PM, build influence."}}
	in := r.Understand("forget the promotion for a moment. how do I know I'm doing my current job well?", history)
	if in.Transition || len(in.Levels) == 0 || in.Levels[0] != ladder.Mid {
		t.Errorf("set aside: transition %v levels %v, want mid and no step", in.Transition, in.Levels)
	}
}

// "The top of the ladder" names a rung, not the ladder as a whole.
func TestTopOfTheLadder(t *testing.T) {
	r := newTestRetriever(t)
	if in := r.Understand("what changes at the top of the ladder?", nil); in.HasTopic(TopicLadder) || len(in.Levels) == 0 || in.Levels[0] != ladder.VP {
		t.Errorf("top of the ladder: levels %v topics %v, want the top rung and no ladder topic", in.Levels, in.Topics)
	}
	if in := r.Understand("what does the whole career ladder look like?", nil); !in.HasTopic(TopicLadder) {
		t.Errorf("the whole ladder: topics %v, want the ladder", in.Topics)
	}
}

// A rung that "isn't for me" is set aside, and what is left is the IC
// track.
func TestIsntForMe(t *testing.T) {
	r := newTestRetriever(t)
	in := r.Understand("I'm a senior PM. If VP isn't for me, what's left?", nil)
	if !slices.Contains(in.Rejected, ladder.VP) || !in.HasTopic(TopicIC) {
		t.Errorf("isn't for me: rejected %v topics %v, want vp set aside and the IC track", in.Rejected, in.Topics)
	}
}

// Skills asked of a level named before the step it takes are that level's
// step up; a level named after the step words is the step's target.
func TestStepOfTheLevelNamed(t *testing.T) {
	r := newTestRetriever(t)
	tests := []struct{ q, current, target string }{
		{"Which skills should a mid-level PM build to be ready for more scope?", ladder.Mid, ladder.Senior},
		{"Which skills does it take to become a director?", "", ladder.Director},
	}
	for _, tt := range tests {
		if in := r.Understand(tt.q, nil); in.Target != tt.target || in.Current != tt.current {
			t.Errorf("%q: current %q target %q, want %q %q", tt.q, in.Current, in.Target, tt.current, tt.target)
		}
	}
}

// "I don't want that job" sets aside the level talked about.
func TestRejectTalked(t *testing.T) {
	r := newTestRetriever(t)
	history := []Turn{{Role: "user", Content: "What does a director of product do?"}, {Role: "assistant", Content: "Directors build and lead a team of PMs."}}
	in := r.Understand("hmm, I really don't want that job. so what else could I do?", history)
	if !slices.Contains(in.Rejected, ladder.Director) || slices.Contains(in.Levels, ladder.Director) {
		t.Errorf("that job set aside: rejected %v levels %v, want director set aside", in.Rejected, in.Levels)
	}
	if in = r.Understand("and what does that job pay off in the long run?", history); len(in.Rejected) > 0 {
		t.Errorf("that job, not rejected: rejected %v", in.Rejected)
	}
}

// A rung turned down by one name while named by another ("Group PM, not
// director": both are the same rung) is no rejection; two rungs are.
func TestRejectedLevels(t *testing.T) {
	lad := ladder.Default()
	tests := []struct {
		q    string
		want []string
	}{
		{"wait, the offer says group product manager, not director. same thing?", nil},
		{"i don't want to be a director, i'd rather stay a senior pm", []string{"director"}},
		{"the offer says senior pm, not director. what changes?", []string{"director"}},
	}
	for _, tt := range tests {
		if got := rejectedLevels(lad, normalize(tt.q)); !slices.Equal(got, tt.want) {
			t.Errorf("%q: rejected %v, want %v", tt.q, got, tt.want)
		}
	}
}

// A step asked together with a facet of the asker's own rung: the step's
// skills (listed at the rung below the target) and the facet at the
// asker's rung lead, not the target's sections.
func TestOwnRungAndStep(t *testing.T) {
	r := newTestRetriever(t)
	h := []Turn{{Role: "user", Content: "they are moving me up to senior pm in january"}, {Role: "assistant", Content: "Congratulations!"}}
	res, err := r.Retrieve(t.Context(), "what does doing well look like in my new role, and which skills should i grow for the step after that?", h)
	if err != nil {
		t.Fatal(err)
	}
	var top []string
	for _, hit := range res.Hits[:min(2, len(res.Hits))] {
		top = append(top, hit.Section.ID)
	}
	slices.Sort(top)
	if !slices.Equal(top, []string{"senior/skills", "senior/success"}) {
		t.Errorf("first two hits %v, want senior/skills and senior/success (intent %+v)", top, res.Intent)
	}
}

// A pointer at the last thing of a kind the conversation never named
// points at nothing, and never panics.
func TestPointerAtNothing(t *testing.T) {
	r := newTestRetriever(t)
	h := talk("hello there", "Hi! Ask me anything about the PM career ladder.")
	for _, q := range []string{"tell me about the last skill", "and the last level?", "what about the final option you gave?"} {
		if _, err := r.Retrieve(t.Context(), q, h); err != nil {
			t.Fatal(err)
		}
	}
}
