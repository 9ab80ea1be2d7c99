package retrieve

import (
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ladder/coach/internal/ladder"
)

// TestCuesAgree checks the cue tables against the regular expressions they
// replaced, kept here as the reference (with the words added to the tables
// since, at the end of each): on every question and history turn of
// every eval set, each facet cue starts where its expression did, and the
// step words start and end where theirs did.
func TestCuesAgree(t *testing.T) {
	if testing.Short() {
		t.Skip("every cue on every eval text: the full run")
	}
	facetRefs := map[string][]*regexp.Regexp{
		ladder.Responsibilities: {
			regexp.MustCompile(`\b(?:responsibilit|duties|duty|day[- ]to[- ]day|daily|expected of|expectations? (?:of|for)|what (?:is|are) expected|spend (?:their|my|your|his|her|the)? ?time|in charge of|accountable for|job (?:description|involve|entail)|role (?:involve|entail)|what (?:does|do|would|will|did) (?:a|an|the)? ?[\w\- /]{0,40} do\b|typical (?:day|week)|on the hook|responsible for|what am i (?:supposed|expected) to|(?:be )?doing all (?:week|day)|what (?:will|would|do|does) (?:i|you|they|a pm) (?:actually )?(?:be )?do(?:ing)?\b|all week|what do they own|what (?:does|do|did|would|will) (?:a|an|the)? ?[\w\- /]{0,40} own\b|scope of|own\?|main tasks|core tasks|expectations|expected to)`),
			regexp.MustCompile(`\b(?:role of|what is expected|focus(?:ed)? on\b.*\bday)`),
		},
		ladder.Success: {
			regexp.MustCompile(`\b(?:success|succeed|judged|judge|evaluat|measured|measure|assessed|performance review|doing (?:well|a good job|great)|good job|signals?|criteria|know (?:i'?m|im|i am|if|that|when|they'?re|they are|you'?re|whether)|look like when|great look like|(?:good|great|excellent) looks? like|doing well look|excel\b|excelling|stand out|high[- ]performing|good at (?:the|their|my) job|kpis?|signs (?:of|that)\b|performing (?:at|well)\b|perform well\b|what good looks like|the bar\b|bar (?:for|at)\b|recogni[sz]ed)`),
		},
		ladder.Skills: {
			regexp.MustCompile(`\b(?:skills?|build|develop|prepare|preparing|habits?|competenc|capabilit|learn|improve|get(?:ting)? better|focus on|work on|working on|level up|strengthen|practi[cs]e\b|master\b|ready for|qualif|gaps?\b|weakness|train(?:ing)?\b|study\b|grow|growth|hone\b|honing|sharpen|upskill|get promoted|what do i need|what does it take|need to know|get good at)`),
			regexp.MustCompile(`\b(?:how (?:should|do|can|could|would) (?:i|a|an|you|we|one|pms?)\b|how to\b|tips|advice|handle|deal with|keep succeeding)`),
		},
		ladder.Changes: {
			regexp.MustCompile(`\b(?:changes?|changing|different|difference|differ|shift|what'?s new|new at|compared|\bvs\b|versus|jump from|adjust|expect when|expect after|catch\b|downsides?|drawbacks?|the cons\b|hard(?:est)? part|worth it|enjoy|the reality|once (?:you'?re|i'?m|you are|i am))`),
		},
		ladder.Overview: {
			regexp.MustCompile(`\b(?:what (?:is|are) (?:a|an|the)\b|what'?s (?:a|an|the)\b|tell me about|describe|overview|who (?:is|are)|explain (?:the|a|an)|what about)`),
		},
	}
	transitionRef := regexp.MustCompile(`\b(?:promo|get there|getting there|make it there|reach it|get to (?:it|that level|that role)|becom\w*|became|promot\w*|move (?:up )?(?:in)?to|moving (?:up )?(?:in)?to|step (?:up )?(?:in)?to|get(?:ting)? to|gets? (?:you|someone|people) to|takes? you to|reach(?:ing)?|grow(?:ing)? into|transition(?:ing)? (?:in)?to|switch(?:ing)? (?:in)?to|prepar\w* (?:for|to)|ready (?:for|to)|make the (?:jump|leap|move|step) (?:in)?to|jump to|land (?:a|an|the)|level up|advance to|climb to|to be (?:a|an)|go from|going from|get from|move from|moving from|after mine|role after|level after|step after|rung after|the next one|what'?s next|next for me|comes? next|next (?:move|career step)|(?:want|wants|hope|hoping|plan|planning|aim|aiming|trying|try|like|going) to (?:make|reach|become|be|get to|hit|land)\b|next (?:level|step|rung|role)|to the next|pivot (?:in)?to|transition (?:out )?(?:in)?to|go into|get into|break into|get promoted|make it to|work towards?|aim(?:ing)? for|path to|route to|road to|move up|moving up|step up|stepping up|level above|rung above|above that|eyeing|eye on|sights on|gunning for|targeting|my goal is|goal is to be|to make)\b`)
	files, err := filepath.Glob("../../eval/*.jsonl")
	if err != nil || len(files) < 10 {
		t.Fatalf("eval sets: %v, %d files", err, len(files))
	}
	texts := textsOf(t, files)
	for _, q := range texts {
		// As facets reads it: hedges between a cue's words are not read.
		q = strings.Join(strings.Fields(ladder.Talk.Hedges.Blank(" "+q+" ")), " ")
		starts := cueStarts(q)
		for f, refs := range facetRefs {
			for i, re := range refs {
				want := -1
				if loc := re.FindStringIndex(q); loc != nil {
					want = loc[0]
				}
				got := starts[slices.Index(facetIndex.refs, cueRef{f, i})]
				if got != want {
					t.Errorf("%s cue %d in %q starts at %d; the expression at %d", f, i, q, got, want)
				}
			}
		}
		want := [2]int{-1, -1}
		if loc := transitionRef.FindStringIndex(q); loc != nil {
			want = [2]int{loc[0], loc[1]}
		}
		if at, end := transitionWords.Find(q); [2]int{at, end} != want {
			t.Errorf("step words in %q at %d-%d; the expression at %v", q, at, end, want)
		}
	}
}
