package retrieve

import (
	"slices"

	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/lazyre"
)

// The words people use for each facet, in tables of phrases read through
// their first words: a "*" after a word lets it go on ("responsibilit*"), a
// "=" ends it (no plural s). Phrases of one table that start at the same
// place are tried in the order listed. The few cues with a gap of any words
// in them are regular expressions beside the table.
var facetCues = map[string][]cue{
	ladder.Responsibilities: {
		{weight: explicitFacet, words: ladder.Phrases{
			"responsibilit*", "duties*", "duty*", "day-to-day*", "day-to day*", "day to-day*", "day to day*", "daily*",
			"expected of*", "expectations of*", "expectations for*", "expectation of*", "expectation for*",
			"what is expected*", "what are expected*", "spend their time*", "spend my time*", "spend your time*",
			"spend his time*", "spend her time*", "spend the time*", "spend time*", "in charge of*", "accountable for*",
			"job description*", "job involve*", "job entail*", "role involve*", "role entail*", "typical day*",
			"typical week*", "on the hook*", "responsible for*", "what am i supposed to*", "what am i expected to*",
			"be doing all week*", "be doing all day*", "doing all week*", "doing all day*", "what will i be doing=",
			"what will i do=", "what will you be doing=", "what will you do=", "what will they be doing=",
			"what will they do=", "what will a pm be doing=", "what will a pm do=", "what would i be doing=",
			"what would i do=", "what would you be doing=", "what would you do=", "what would they be doing=",
			"what would they do=", "what would a pm be doing=", "what would a pm do=", "what do i be doing=", "what do i do=",
			"what do you be doing=", "what do you do=", "what do they be doing=", "what do they do=",
			"what does a pm be doing=", "what does a pm do=", "all week*", "what do they own*", "scope of*", "own?*",
			"main tasks*", "core tasks*", "expectations*", "expected to*",
		}, gaps: lazyre.New(`\b(?:what (?:does|do|would|will|did) (?:a|an|the)? ?[\w\- /]{0,40} do\b|what (?:does|do|did|would|will) (?:a|an|the)? ?[\w\- /]{0,40} own\b)`)},
		{weight: impliedFacet, words: ladder.Phrases{
			"role of*", "what is expected*",
		}, gaps: lazyre.New(`\b(?:focus(?:ed)? on\b.*\bday)`)},
	},
	ladder.Success: {
		{weight: explicitFacet, words: ladder.Phrases{
			"success*", "succeed*", "judged*", "judge*", "evaluat*", "measured*", "measure*", "assessed*",
			"performance review*", "doing well*", "doing a good job*", "doing great*", "good job*", "signals*", "signal*",
			"criteria*", "know i'm*", "know im*", "know im*", "know i am*", "know if*", "know that*", "know when*",
			"know they're*", "know theyre*", "know they are*", "know you're*", "know youre*", "know whether*",
			"look like when*", "great look like*", "good looks like*", "good look like*", "great looks like*",
			"great look like*", "excellent looks like*", "excellent look like*", "doing well look*", "excel=", "excelling*",
			"stand out*", "high-performing*", "high performing*", "good at the job*", "good at their job*", "good at my job*",
			"kpis*", "kpi*", "signs that", "signs of", "performing at", "performing well", "perform well", "what good looks like*", "the bar=", "bar for=", "bar at=", "recognised*", "recognized*",
		}},
	},
	ladder.Skills: {
		{weight: explicitFacet, words: ladder.Phrases{
			"skills*", "skill*", "build*", "develop*", "prepare*", "preparing*", "habits*", "habit*", "competenc*",
			"capabilit*", "learn*", "improve*", "getting better*", "get better*", "focus on*", "work on*", "working on*",
			"level up*", "strengthen*", "practice=", "practise=", "master=", "ready for*", "qualif*", "gaps=", "gap=",
			"weakness*", "training=", "train=", "study=", "grow*", "growth*", "hone=", "honing*", "sharpen*", "upskill*",
			"get promoted*", "what do i need*", "what does it take*", "need to know*", "get good at*",
		}},
		{weight: impliedFacet, words: ladder.Phrases{
			"how should i=", "how should a=", "how should an=", "how should you=", "how should we=", "how should one=",
			"how should pms=", "how should pm=", "how do i=", "how do a=", "how do an=", "how do you=", "how do we=",
			"how do one=", "how do pms=", "how do pm=", "how can i=", "how can a=", "how can an=", "how can you=",
			"how can we=", "how can one=", "how can pms=", "how can pm=", "how could i=", "how could a=", "how could an=",
			"how could you=", "how could we=", "how could one=", "how could pms=", "how could pm=", "how would i=",
			"how would a=", "how would an=", "how would you=", "how would we=", "how would one=", "how would pms=",
			"how would pm=", "how to=", "tips*", "advice*", "handle*", "deal with*", "keep succeeding*",
		}},
	},
	ladder.Changes: {
		{weight: explicitFacet, words: ladder.Phrases{
			"changes*", "change*", "changing*", "different*", "difference*", "differ*", "shift*", "what's new*", "whats new*",
			"new at*", "compared*", "vs=", "versus*", "jump from*", "adjust*", "expect when*", "expect after*", "catch=",
			"downsides*", "downside*", "drawbacks*", "drawback*", "the cons=", "hardest part*", "hard part*", "worth it*",
			"enjoy*", "the reality*", "once you're*", "once youre*", "once i'm*", "once im*", "once you are*", "once i am*",
		}},
	},
	ladder.Overview: {
		{weight: explicitFacet, words: ladder.Phrases{
			"what is a=", "what is an=", "what is the=", "what are a=", "what are an=", "what are the=", "what's a=",
			"what's an=", "what's the=", "whats a=", "whats an=", "whats the=", "tell me about*", "describe*", "overview*",
			"who is*", "who are*", "explain the*", "explain a*", "explain an*", "what about*",
		}},
	},
}

// transitionWords ask for a step: to become, to reach, to move up to, and
// an aim to a step verb ("hoping to become"), in this order.
var transitionWords = ladder.NewPhraseTable(slices.Concat(ladder.Phrases{
	"promo=", "get there=", "getting there=", "make it there=", "reach it=", "get to it=", "get to that level=",
	"get to that role=", "becom*", "became=", "promot*", "move up into=", "move up to=", "move into=", "move to=",
	"moving up into=", "moving up to=", "moving into=", "moving to=", "step up into=", "step up to=", "step into=",
	"step to=", "getting to=", "get to=", "gets you to=", "get you to=", "gets someone to=", "get someone to=", "gets people to=",
	"takes you to=", "take you to=", "reaching=", "reach=", "growing into=", "grow into=", "transitioning into=",
	"transitioning to=", "transition into=", "transition to=", "switching into=", "switching to=", "switch into=",
	"switch to=", "prepar* for=", "prepar* to=", "ready for=", "ready to=", "make the jump into=", "make the jump to=",
	"make the leap into=", "make the leap to=", "make the move into=", "make the move to=", "make the step into=",
	"make the step to=", "jump to=", "land a=", "land an=", "land the=", "level up=", "advance to=", "climb to=",
	"to be a=", "to be an=", "go from=", "going from=", "get from=", "move from=", "moving from=", "after mine=",
	"role after=", "level after=", "step after=", "rung after=", "the next one=", "what's next=", "whats next=",
	"next for me=", "comes next=", "come next=", "next move=", "next career step=",
}, aimedSteps, ladder.Phrases{
	"next level=", "next step=", "next rung=", "next role=", "to the next=", "pivot into=", "pivot to=",
	"transition out into=", "transition out to=", "transition into=", "transition to=", "go into=", "get into=",
	"break into=", "get promoted=", "make it to=", "work towards=", "work toward=", "aiming for=", "aim for=",
	"path to=", "route to=", "road to=", "move up=", "moving up=", "step up=", "stepping up=", "level above=",
	"rung above=", "above that=", "eyeing=", "eye on=", "sights on=", "gunning for=", "targeting=", "my goal is=",
	"goal is to be=", "to make=",
}))

// aimedSteps are every word of aiming, "to", then a step verb: "want to
// become", "hoping to reach"...
var aimedSteps = func() (out ladder.Phrases) {
	for _, aim := range []string{"want", "wants", "hope", "hoping", "plan", "planning", "aim", "aiming", "trying", "try", "like", "going"} {
		for _, step := range []string{"make", "reach", "become", "be", "get to", "hit", "land"} {
			out = append(out, aim+" to "+step+"=")
		}
	}
	return out
}()

// facetIndex is every facet cue's phrases in one table, read in one pass over
// a question's words; owner is the cue each phrase belongs to, by its place in
// refs.
var facetIndex = func() (x struct {
	table ladder.PhraseTable
	owner []int
	refs  []cueRef
}) {
	var all ladder.Phrases
	for _, f := range ladder.Facets() {
		for i, c := range facetCues[f] {
			x.refs = append(x.refs, cueRef{f, i})
			for _, w := range c.words {
				all = append(all, w)
				x.owner = append(x.owner, len(x.refs)-1)
			}
		}
	}
	if len(x.refs) > maxCues {
		panic("retrieve: more facet cues than maxCues")
	}
	x.table = ladder.NewPhraseTable(all)
	return x
}()

// maxCues bounds the facet cues, so their starts fit in an array.
const maxCues = 16

// cueRef names one cue: its facet, and its place in facetCues.
type cueRef struct {
	facet string
	i     int
}

// cueStarts is where each facet cue (by its place in facetIndex.refs) first
// stands in t, or -1.
func cueStarts(t string) (out [maxCues]int) {
	for i := range out {
		out[i] = -1
	}
	facetIndex.table.Each(t, func(k, at int) bool {
		if c := facetIndex.owner[k]; out[c] < 0 || at < out[c] {
			out[c] = at
		}
		return false
	})
	for c, ref := range facetIndex.refs {
		if g := facetCues[ref.facet][ref.i].gaps; g != nil {
			if at := g.FindStringStart(t); at >= 0 && (out[c] < 0 || at < out[c]) {
				out[c] = at
			}
		}
	}
	return out
}
