package retrieve

import (
	"cmp"
	"slices"
	"strings"

	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/lazyre"
	"github.com/ladder/coach/internal/memo"
	"github.com/ladder/coach/internal/textnorm"
)

// Topics a question can be about besides a level's facets.
const (
	TopicIC       = "ic"       // the individual-contributor track
	TopicAdjacent = "adjacent" // moving into an adjacent role
	TopicTimeline = "timeline" // how long growth takes
	TopicPaths    = "paths"    // skipping steps, non-linear careers, where to start
	TopicLadder   = "ladder"   // the ladder as a whole
	TopicCompare  = "compare"  // two levels side by side
	TopicAdvice   = "advice"   // the article's closing advice
)

// Refusal reasons.
const (
	RefuseOffTopic  = "off-topic"
	RefuseInjection = "injection"
)

// Intent is what a question asks, understood in the light of the
// conversation.
type Intent struct {
	// Levels the question is about, the main one first.
	Levels []string `json:"levels,omitempty"`
	// Current is the asker's own level, when stated or known from history.
	Current string `json:"current,omitempty"`
	// Target is the level the asker wants to reach.
	Target string `json:"target,omitempty"`
	// Transition is true for "to become X", "promoted", "next level"...
	Transition bool `json:"transition,omitempty"`
	// Facets asked, strongest first, with their strength (1 explicit, 0.5 implied).
	Facets []FacetWeight `json:"facets,omitempty"`
	// Roles are adjacent role ids asked about.
	Roles []string `json:"roles,omitempty"`
	// Topics besides levels: ic, adjacent, timeline, paths, ladder, compare.
	Topics []string `json:"topics,omitempty"`
	// FromHistory is true when the level came from the conversation.
	FromHistory bool `json:"from_history,omitempty"`
	// Caveat is true when the question asks about a role's downsides or
	// whether one would enjoy it.
	Caveat bool `json:"caveat,omitempty"`
	// Refusal is set when the question is out of scope: off-topic or injection.
	Refusal string `json:"refusal,omitempty"`
	// Scope is ScopeIn, ScopeNearby, ScopeOut or ScopeSmalltalk.
	Scope string `json:"scope,omitempty"`
	// Nearby names the subject next to the article the question is about,
	// when Scope is ScopeNearby.
	Nearby string `json:"nearby,omitempty"`
	// Rejected are levels the asker sets aside (refused, never wanted).
	Rejected []string `json:"rejected,omitempty"`
	// Placed is the level the coach placed the asker at from their
	// description; PlacedWhy quotes what decided it.
	Placed    string `json:"placed,omitempty"`
	PlacedWhy string `json:"placed_why,omitempty"`
	// Section is a section the question points at through the previous
	// answer ("the third skill").
	Section string `json:"section,omitempty"`
	// asked is how many levels the question itself names for itself.
	asked int
	// equivalence is true when the IC track is weighed against a rung.
	equivalence bool
	// beyondAt is the rung above a level named after "past" or "beyond".
	beyondAt string
	// stepped is true when the level was reached by a step from the one
	// talked about ("the one above it").
	stepped bool
	// fewTerms is true when the refusal is only that few of the question's
	// words are the article's: a description of work can still place it.
	fewTerms bool
	// ownStep is true when the question asks a step and, apart from the
	// step's skills, of the asker's own rung (ownToo).
	ownStep bool
}

// FacetWeight is a facet and how clearly the question asks for it.
type FacetWeight struct {
	Facet  string  `json:"facet"`
	Weight float64 `json:"weight"`
}

// HasTopic reports whether the intent has topic t.
func (in Intent) HasTopic(t string) bool {
	for _, x := range in.Topics {
		if x == t {
			return true
		}
	}
	return false
}

// Facet is the strongest facet asked, or "".
func (in Intent) Facet() string {
	if len(in.Facets) == 0 {
		return ""
	}
	return in.Facets[0].Facet
}

// cue is a set of words for a facet and how clearly they ask it: phrases,
// and the few cues with a gap of any words in them.
type cue struct {
	words  ladder.Phrases
	gaps   *lazyre.Regexp // nil: none
	weight float64
}

var (
	reFromTo = lazyre.New(`\bfrom\b(.{1,60}?)\b((?:in)?to\b.{1,60})`)

	reIC       = lazyre.New(`\b(?:individual contributor|ic track|ic path|ic role|ic pm|stay(?:ing)? (?:an )?ic|(?:don'?t|do not|never|not) (?:want|like|wish|plan|intend|enjoy)\w* (?:to )?(?:manag|lead(?:ing)? people|be a manager|have reports)|without (?:managing|direct reports|reports|people management)|no (?:direct )?reports|not manag\w+ people|instead of manag|prefer\w* not to manag|avoid (?:people )?manag|hands[- ]on|go deep\b|stay (?:in|deep in) the craft|principal|staff pm|staff product|product architect|without becoming a manager|manage people\?|without (?:\w+ ){0,2}(?:management|managing|manager|reports|direct reports)|(?:dread|hate|dislike|avoid|not interested in|don'?t enjoy|don'?t like|rather not|prefer not)\w*\b.{0,30}\bmanag\w*|stay out of management|not (?:go|move) into management|should i (?:become a |go into |move into )?manag\w*|management or|manager or|or (?:stay|remain) (?:an )?ic|ic or)`)
	reTimeline = lazyre.New(`\b(?:(?:years?|yrs?) to|yrs\b|how long|how many years|how much time|timeline|time ?frame|how fast|how quickly|(?:ok|okay|fine|normal|alright|bad) to (?:just )?(?:stay|remain)|stay put|stay where i am|(?:stay|remain)\w* (?:at )?(?:\w+ ){1,2}(?:forever|for good|for (?:many )?years)|(?:promot\w*|promo|title|senior\w*|level up|move up|get there) (?:\w+ )?(?:faster|quicker|sooner)|years? (?:to|does|will|before)|too late|too old|late (?:to|for)|am i late|how late|started late|late start\w*|my age|am i behind|behind (?:my )?peers|when (?:will|can|should) i (?:be|become|get|reach)|speed|pace|fast[- ]track|in \d+ years|(?:am i|i'?m|feel|falling|fall(?:en)?|so) (?:\w+ )?behind|by (?:age )?\d\d\b|i'?m \d\d\b|at my age|too slow|slow progress|late bloomer|\d+ years (?:in|of|as)|for (?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many) (?:years|yrs)\b|how soon|(?:feel|feeling|felt|i'?m|am|been|getting|got|get|so|career|totally|completely|kinda|kind of) stuck|stuck (?:at|in|as|on)\b|plateau\w*|stagnat\w*|not (?:progressing|growing|moving up)|lost in my career|falling behind)`)

	reInjection = lazyre.New(`\b(?:(?:ignore|disregard|forget|override|bypass)\b.{0,40}\b(?:instructions?|rules|prompt|guidelines|directions|system|above|previous|context)\b|system prompt|your prompt|your instructions|developer mode|jailbreak|dan mode|you are now|from now on you|pretend (?:to be|you are)|you'?re now (?:a|an|my)\b|forget (?:the|about the|all the|your) (?:career|coaching|coach|rules|above|previous)|act as (?:a|an|my) (?:\w+ )?(?:ai|assistant|chatbot|bot|model|llm|gpt|character|persona|hacker|terminal|shell|linux|unrestricted|unfiltered|uncensored|evil)\b|roleplay as|reveal (?:your|the) (?:prompt|instructions|system)|(?:print|output|show|display|repeat|reveal|write out|tell me|what (?:is|are|were)) (?:me )?(?:your (?:initial |original |hidden |secret |exact |first )?(?:prompt|instructions|rules|system message)|the (?:initial |original |hidden |secret |exact |first )?(?:prompt|instructions|system message))|repeat (?:the |all |everything |all the )?(?:text|words|lines|messages?) (?:above|before)|(?:everything|all|the text|the words) (?:above|before) this|what were you told|above this line)`)
	reCode      = lazyre.New(`\b(?:(?:python|javascript|typescript|golang|java\b|c\+\+|c#|rust\b|ruby|php|sql\b|bash\b|regex|html|css|kotlin|swift code)\b|(?:write|give|show|generate|fix|debug)\b.{0,30}\b(?:code|function|script|program|class|query|snippet|algorithm)\b|stack ?trace\b|compile\b)`)
	reOffTopic  = lazyre.New(`\b(?:how much .{0,40}(?:earn|make|paid|pay)\b|income|wages?\b|pay (?:band|range|scale|grade)|haiku|limerick|sonnet|rhymes?\b|write (?:me )?(?:a |an )?(?:story|essay|poem|song|cover letter|tweet|email|blog post)|programming languages?|coding languages?|salary|salaries|compensation|pay raise|payrise|pay rise|get paid|paid more|equity|stock options|bonus|negotiat\w* (?:my |a |an |the )?(?:offer|raise|pay|package|salary)|recipe|weather|horoscope|lottery|sports? score|capital of|poem|joke|song lyrics|homework|medical|diagnos|symptom|lawsuit|visa)\b`)
)

// understand reads a question and its conversation.
// understand reads a question and its conversation, one named step after
// another over the reading's state.
func understand(lad *ladder.Model, question, q string, history []Turn, inScope func(terms int, known int, strong bool) bool, termCounts func(string) (int, int, bool), known func(string) bool) Intent {
	s := &reading{lad: lad, question: question, q: q, history: history, known: known}
	if s.refuse() {
		return s.in
	}
	s.told = fromHistory(lad, history)
	s.mentionsAndFacets()
	s.topics()
	s.transition()
	s.conversation()
	s.levels()
	s.scope(inScope, termCounts)
	return s.in
}

// reading is the state of one question being read.
type reading struct {
	lad *ladder.Model // the ladder the question is read against
	// known reports whether a word is one the ladder's text uses; nil: none.
	known       func(string) bool
	question, q string // as typed, and normalised
	main        string // q less what it sets aside
	history     []Turn
	mentions    []ladder.Mention // the levels the question asks about
	told        historyContext   // what the conversation says, read once
	hist        historyContext   // what of it this question carries over
	stepBack    bool             // the level is a step from the one talked about
	aboutOther  bool             // the question is about someone the asker told of
	wanted      string           // the level that person is said to want, named after them
	pairAsked   bool             // the question asks of the two levels set side by side before
	stepAt      int              // where the words of a step start in main, when the question asks one
	own         *string          // the asker's stated level, once read (stated)
	in          Intent
}

// stated is the level the asker says is their own (statedLevel), read once.
func (s *reading) stated() string {
	if s.own == nil {
		own := statedLevel(s.lad, s.q)
		s.own = &own
	}
	return *s.own
}

// refuse: instructions to change the coach, code, requests off the topic.
func (s *reading) refuse() bool {
	if reInjection.MatchString(s.q) {
		s.in.Refusal = RefuseInjection
		return true
	}
	// Assistant turns too: through the API a client writes them, and the
	// coach's own answers never match (the article's words do not).
	for _, h := range s.history {
		if reInjection.MatchString(normalize(h.Content)) {
			s.in.Refusal = RefuseInjection
			return true
		}
	}
	if s.codeAsked() || reOffTopic.MatchString(s.q) {
		s.in.Refusal = RefuseOffTopic
		return true
	}
	return false
}

// codeAsked: the question asks for code. A language's name alone is not
// enough when the ladder's own text uses it (a ladder whose people write
// SQL), nor, on a loaded ladder, in a question that names one of its levels:
// there a language is a skill of the job.
func (s *reading) codeAsked() bool {
	for _, loc := range reCode.FindAllStringIndex(s.q, -1) {
		w := s.q[loc[0]:loc[1]]
		if !strings.Contains(w, " ") && (s.known != nil && s.known(w) || namesLevelOrRole(s.lad, s.q)) {
			continue
		}
		if ladder.Talk.NotAsked.In(" " + tailWords(clauseBefore(s.q[:loc[0]]), 3) + " ") {
			continue // "i've never written a line of code": told, not asked
		}
		return true
	}
	return false
}

// tailWords are the last n words of t.
func tailWords(t string, n int) string {
	ws := strings.Fields(t)
	return strings.Join(ws[max(0, len(ws)-n):], " ")
}

// mentionsAndFacets: the levels named and who they stand for, the roles,
// the facets and the caveats asked.
func (s *reading) mentionsAndFacets() {
	// "...instead of becoming a director": what is set aside is not asked about.
	s.main = mainClause(s.q)
	s.mentions = strongMentions(s.lad, s.main)
	if len(s.mentions) == 0 {
		s.mentions = othersAsked(s.lad, s.main)
	} else if own := s.stated(); own != "" && len(distinct(s.mentions)) == 1 && s.mentions[0].ID == own {
		// The asker says who they are, then asks about someone they
		// mentor or manage ("what should she work on?"): that person's level.
		// Someone who speaks to the asker ("she keeps telling me") is not
		// who the question is about; a report or a mentee is.
		// A facet asked of "her" is asked of the person, whoever spoke.
		toAsker := ladder.Talk.AskerObject.In(" " + strings.Replace(s.main, asking(s.main), " ", 1) + " ")
		third := facetOfThird(s.main)
		people := othersAsked(s.lad, s.main)
		if len(people) == 0 && third {
			people = mentionsOf(s.lad, s.main, kindOther, kindObject)
		}
		var worked []ladder.Mention
		for _, m := range people {
			if k := kindOf(s.main, m); k == kindObject || k == kindOther && (!toAsker || third) {
				worked = append(worked, m)
			}
		}
		if len(worked) > 0 {
			s.wanted = wantedAfter(s.mentions, worked[0])
			s.mentions, s.aboutOther = worked, true
		}
	}
	s.in.asked = len(s.mentions)
	s.in.beyondAt = beyondLevel(s.lad, s.main)
	s.in.Rejected = rejectedLevels(s.lad, s.q)
	s.in.Roles = roleIDs(s.lad, s.q)
	s.in.Facets = facets(s.lad, s.q)
	if ask := asking(s.q); ask != s.q {
		// A situation told, then a question: the facet is what is asked,
		// not what the description happens to mention.
		if fs := facets(s.lad, ask); len(fs) > 0 {
			s.in.Facets = fs
		}
	}
	if rest, ok := afterCondition(asking(s.q)); ok {
		// "when I get there, what does success mean?": the facet is
		// the one asked after the condition.
		if fs := facets(s.lad, rest); len(fs) > 0 {
			s.in.Facets = fs
		}
	}
	s.in.Caveat = ladder.Talk.Caveat.In(" " + s.q + " ")
}

// withoutAliases is q less the level names and aliases in it that hold a
// word of the ladder cue: "the top of the ladder" names a rung, not the
// ladder as a whole.
func withoutAliases(lad *ladder.Model, q string) string {
	return ladderAliases.Get(lad, func(lad *ladder.Model) ladder.Phrases {
		var names ladder.Phrases
		for _, l := range lad.Levels() {
			for _, a := range append([]string{strings.ToLower(l.Name)}, l.Aliases...) {
				if ladder.Cues.Ladder.In(a) {
					names = append(names, a)
				}
			}
		}
		return names
	}).Blank(q)
}

// ladderAliases are each ladder's aliases that withoutAliases blanks,
// found once per ladder.
var ladderAliases = memo.New[*ladder.Model, ladder.Phrases](64)

// pathsText is q for reading the paths into the ladder: without words for
// people ("my skip-level"), and without "start" that begins an action ("need
// to start building"), which is not where a career starts.
func pathsText(q string) string {
	words := strings.Fields(ladder.Talk.People.Blank(" " + q + " "))
	for i := 0; i+1 < len(words); i++ {
		next := strings.Trim(words[i+1], ",.;:?!")
		last := i+2 == len(words) || strings.ContainsAny(words[i+1], ".?!")
		if strings.HasPrefix(words[i], "start") && (strings.HasSuffix(next, "ing") || next == "with" && last) {
			words[i] = "begin" // "start building", "which should I start with?"
		}
	}
	return strings.Join(words, " ")
}

// wantedAfter is the first level asked after the person's mention, other
// than the person's own: what that person wants to become (it may be the
// asker's level: "Kim, a senior PM I manage, is after my director job").
func wantedAfter(asked []ladder.Mention, person ladder.Mention) string {
	for _, m := range asked {
		if m.Pos > person.Pos && m.ID != person.ID {
			return m.ID
		}
	}
	return ""
}

// personLevel is the level of the last other person text tells of: someone
// the asker works for, works with or manages.
func personLevel(lad *ladder.Model, text string) string {
	id := ""
	for _, m := range lad.FindLevels(text) {
		k := kindOf(text, m)
		// The people a third person works on ("she mentors two junior
		// PMs") are not that person; the asker's are the person told of.
		before := text[:max(m.Pos, 0)]
		if m.Strong && (k == kindOther || k == kindObject && !thirdSubject(before) || k == kindAsked && thirdIs(before)) {
			id = m.ID
		}
	}
	return id
}

// othersCue is true for a cue of one's level that does not say whose it
// is by itself ("as", "being"), unlike "i'm" or "my title is".
func othersCue(cue string) bool {
	w, _, _ := strings.Cut(strings.TrimSpace(cue), " ")
	return !ladder.Talk.FirstPersonWords.In(" "+w+" ") && w != "my"
}

// personWants is the level a third person is said to go for: "is she
// ready for senior?", "he wants to make director".
func personWants(lad *ladder.Model, text string) string {
	id := ""
	for _, m := range lad.FindLevels(text) {
		before := text[:max(m.Pos, 0)]
		if m.Strong && kindOf(text, m) == kindAsked && thirdSubject(before) && !thirdIs(before) {
			id = m.ID
		}
	}
	return id
}

// thirdIs is true when the clause before a title says a third person is
// it ("she's a", "he got an offer for a"), not that the person works on
// people of that level ("he now interviews three" associate PMs).
func thirdIs(before string) bool {
	if !thirdSubject(before) {
		return false
	}
	words := strings.Fields(clauseBefore(before))
	for j, w := range words {
		if slices.Contains(ladder.Talk.ThirdSubjects, w) {
			// Not the people they work on, nor the rung they want ("she
			// wants to make senior").
			rest := " " + strings.Join(words[j+1:], " ") + " "
			return !ladder.Talk.WorkVerbs.In(rest) && (ladder.Talk.Became.In(rest) || transitionWords.Index(rest) < 0)
		}
	}
	return true // a possessive and a person: "my friend just started as"
}

// thirdSubject is true when the clause before a title has a third person
// for its subject: "she's a staff PM".
func thirdSubject(before string) bool {
	words := strings.Fields(clauseBefore(before))
	for j, w := range words {
		if slices.Contains(ladder.Talk.ThirdSubjects, w) {
			return true
		}
		// "my friend just started as": a possessive and a person.
		if j == 0 && j+1 < len(words) && ladder.Talk.Others.In(" "+w+" ") && !slices.Contains(ladder.Talk.OwnWords, words[j+1]) {
			return true
		}
	}
	return false
}

// asksIC is true when q asks for the IC track or turns down managing.
func asksIC(q string) bool {
	return reIC.MatchString(q) || ladder.Cues.NoManage.In(q) || rejectsManaging(q) || ladder.Talk.NoTeam.In(" "+q+" ")
}

// allAre is true when every mention is of the level id (or there is none).
func allAre(ms []ladder.Mention, id string) bool {
	for _, m := range ms {
		if m.ID != id {
			return false
		}
	}
	return true
}

// afterCondition is what follows a clause that opens the question with a
// condition ("and once I'm at that level, ..."), if it opens with one.
func afterCondition(t string) (string, bool) {
	head, rest, ok := strings.Cut(t, ",")
	if !ok {
		return "", false
	}
	at := ladder.Talk.Conditions.Index(" " + head + " ")
	if at < 0 || len(strings.Fields(head[:max(0, at-1)])) > 2 {
		return "", false
	}
	return rest, true
}

// topics: the IC track, the timeline, the paths, the ladder, adjacent
// roles, the closing advice.
func (s *reading) topics() {
	// Topics.
	if reIC.MatchString(s.q) || ladder.Talk.NoTeam.In(" "+s.q+" ") {
		s.in.Topics = append(s.in.Topics, TopicIC)
	}
	if reTimeline.MatchString(s.q) {
		s.in.Topics = append(s.in.Topics, TopicTimeline)
	}
	if ladder.Cues.Paths.In(pathsText(s.q)) || ladder.Talk.Entry.In(" "+s.q+" ") {
		s.in.Topics = append(s.in.Topics, TopicPaths)
	}
	if ladder.Cues.Ladder.In(s.q) && !ladder.Cues.WhichLevel.In(s.q) && ladder.Cues.Ladder.In(withoutAliases(s.lad, s.q)) {
		s.in.Topics = append(s.in.Topics, TopicLadder)
	}
	if len(s.in.Roles) > 0 || ladder.Cues.Adjacent.In(s.q) && !ladder.Cues.NoLeave.In(s.q) {
		s.in.Topics = append(s.in.Topics, TopicAdjacent)
	}
	if ladder.Cues.NoManage.In(s.q) || rejectsManaging(s.q) {
		// Refusing to manage people: the IC track, and not the
		// rung that manages people.
		if !s.in.HasTopic(TopicIC) {
			s.in.Topics = append(s.in.Topics, TopicIC)
		}
		kept := s.mentions[:0:0]
		for _, m := range s.mentions {
			if !slices.Contains(s.lad.Managing(), m.ID) {
				kept = append(kept, m)
			}
		}
		s.mentions = kept
	}
	pad := " " + s.q + " "
	if ladder.Talk.Equivalence.In(pad) && (s.in.HasTopic(TopicIC) || mentionsID(s.mentions, s.lad.IC()) ||
		len(s.mentions) <= 1 && s.told.topic == s.lad.IC()) {
		// The IC track weighed against a rung of managers: where the
		// article says how they compare.
		s.in.equivalence = true
		if !s.in.HasTopic(TopicIC) {
			s.in.Topics = append(s.in.Topics, TopicIC)
		}
	}
	timeAside := ladder.Talk.Instead.In(pad) && (reTimeline.MatchString(s.q) || ladder.Talk.TimeWords.In(pad))
	if ladder.Cues.Advice.In(s.q) || timeAside || ladder.Talk.SetAside.In(pad) && ladder.Talk.Standing.In(pad) {
		// Time or titles set aside ("instead of the clock", "don't care
		// about titles"): what matters instead.
		s.in.Topics = append(s.in.Topics, TopicAdvice)
	}
}

// transition: the asker's own level and a step between levels.
func (s *reading) transition() {
	// The asker's own level: "I'm a senior PM", "as a new PM".
	s.in.Current = s.stated()

	// "senior -> gpm": an arrow between two levels is a step up.
	// A bare "PM" counts here: "apm -> pm".
	if ms := arrowLevels(s.lad, s.q); len(ms) == 2 {
		a, _ := s.lad.ByID(ms[0])
		b, _ := s.lad.ByID(ms[1])
		if a.Rung > 0 && b.Rung > a.Rung || b.ID == s.lad.IC() {
			s.in.Transition, s.in.Current, s.in.Target = true, a.ID, b.ID
		}
	}
	// "from A to B" between two rungs, the lower first, is a step up
	// whatever verb carries it.
	if a, b := fromToRungs(s.lad, s.main); a != "" {
		s.in.Transition, s.in.Current, s.in.Target = true, a, b
		return
	}
	// "a senior PM promotion", "passed over for senior PM": a title that
	// names a promotion is its target.
	for _, m := range s.mentions {
		if startsWithAny(afterMention(s.main, m), ladder.Talk.PromoNouns) ||
			ladder.Talk.PromotedFor.Suffix(withoutArticles(strings.Fields(clauseBefore(s.main[:min(max(m.Pos, 0), len(s.main))])))) {
			s.in.Transition, s.in.Target = true, m.ID
			return
		}
	}
	// Transitions: "from A to B", "to become X", "promoted", "next level".
	// A step already taken ("just got promoted") is none still to take.
	pending := ladder.Talk.Arrived.Blank(" " + s.main + " ")
	pending = pending[1 : len(pending)-1] // offsets as in s.main
	// Moving out of product, to no role named, is no step up the ladder.
	leaving := s.in.HasTopic(TopicAdjacent) && len(s.in.Roles) == 0 && len(s.mentions) == 0
	if at, end := transitionWords.Find(pending); at >= 0 && !leaving && !ladder.Cues.NoManage.In(s.q) && !qualityNext(pending[end:]) {
		s.in.Transition, s.stepAt = true, at
		if m := reFromTo.FindStringSubmatch(s.q); m != nil {
			a, b := strongMentions(s.lad, m[1]), strongMentions(s.lad, m[2])
			if len(a) > 0 {
				s.in.Current = a[0].ID
			}
			if len(b) > 0 {
				s.in.Target = b[len(b)-1].ID
			} else if len(a) > 0 && len(s.lad.FindRoles(m[2])) == 0 {
				// "from associate to a regular PM": the next rung.
				if n, ok := s.lad.Next(a[0].ID); ok {
					s.in.Target = n.ID
				}
			}
		}
		if s.in.Target == "" {
			for _, m := range s.mentions {
				if m.Pos >= at && m.ID != s.in.Current {
					s.in.Target = m.ID
					break
				}
			}
		}
	}
}

// conversation: levels said before, when this question names none.
func (s *reading) conversation() {
	// The conversation: levels said before, when this question names none.
	s.hist = s.told
	if ladder.Cues.Unrelated.In(s.q) {
		// "Unrelated, but...": a new topic carries nothing over.
		s.hist = historyContext{}
	}
	s.stepBack = false
	s.peopleTalkedOf()
	s.relativeRung()
	if s.in.Current == "" && ladder.Cues.MyLevel.In(s.q) && s.hist.current != "" {
		s.in.Current = s.hist.current
	}
	if s.in.Current == "" && len(s.mentions) == 0 {
		s.in.Current = s.hist.current
	}
	if len(s.mentions) == 0 && s.hist.topic != "" && ladder.Talk.ThatNext.In(" "+s.q+" ") {
		if n, ok := s.lad.Next(s.in.Current); ok && s.ownAsked() {
			// "now about me: once I reach that next rung": the asker's own.
			s.in.Transition, s.in.Target = true, n.ID
		} else {
			// "when I reach that next rung": the next level talked about, itself.
			s.stepBack = true
			s.in.Transition, s.in.Target = false, ""
		}
	}
	s.stepTarget()
	if stays(s.q) && (s.in.Target == "" || s.in.Target == s.in.Current || s.in.Current == "") {
		// Keeping on growing once at a level: growing in the
		// role, not into the next one.
		s.in.Transition, s.in.Target = false, ""
	}
}

// peopleTalkedOf: a question that names no level but a person told of
// before, by name or by pronoun ("what should he work on?") or the two levels set side by side
// ("which of them deals with budgets?") asks at their levels.
func (s *reading) peopleTalkedOf() {
	s.routeNamed()
	if len(s.mentions) > 0 && allPast(s.q, s.mentions) {
		// "how is Priya's job now unlike when she was a senior pm?": Priya, at the
		// level she was told to hold; the rung she held is the base.
		if other := personNamed(namedPeople(s.lad, s.history, s.known), s.question, false); other != "" && !mentionsID(s.mentions, other) {
			s.mentions = []ladder.Mention{{ID: other, Pos: -1, Strong: true}}
			s.aboutOther, s.in.FromHistory = true, true
			s.in.Current = other
		}
	}
	if len(s.mentions) == 0 {
		third := ladder.Talk.ThirdPerson.In(" " + asking(s.q) + " ")
		other := s.personAsked(third)
		s.rolesOfPerson(other, third)
		switch {
		case other != "" && s.towardsTheirs(other):
			// "how do I reach where she is now?": her level is the
			// asker's target, not the one asked about.
			s.mentions = []ladder.Mention{{ID: other, Pos: -1, Strong: true}}
			s.in.Current = cmp.Or(s.in.Current, s.hist.current)
			s.in.FromHistory, s.in.Transition, s.in.Target = true, true, other
		case other != "":
			s.mentions = []ladder.Mention{{ID: other, Pos: -1, Strong: true}}
			s.aboutOther, s.in.FromHistory = true, true
			s.in.Current = other
		}
	}
	if len(s.mentions) == 0 && len(s.hist.pair) == 2 && ladder.Talk.BothOf.In(" "+s.q+" ") {
		for _, id := range s.hist.pair {
			s.mentions = append(s.mentions, ladder.Mention{ID: id, Pos: -1, Strong: true})
		}
		s.in.FromHistory, s.pairAsked = true, true
	}
}

// personAsked is the level of the person a question asks about, told of
// before: by name ("what should Ines build?"), by relation ("my boss:
// what should she...?"), as they got the rung they went for ("she got the
// promotion!"); by pronoun, of two or more people the one the pronoun was
// used for, else the last other person told of, or the only one.
func (s *reading) personAsked(third bool) string {
	names := namedPeople(s.lad, s.history, s.known)
	other := personNamed(names, s.question, third)
	if other == "" && third && s.hist.otherWants != "" && ladder.Talk.Arrived.In(" "+s.q+" ") {
		other = s.hist.otherWants
	}
	if other == "" && third {
		if len(names) >= 2 {
			other = pronounPerson(names, boundPeople(s.lad, s.history, names, s.known), s.q)
		}
		other = cmp.Or(other, s.hist.other, onlyPerson(names))
	}
	return other
}

// rolesOfPerson: "and for Alex?", "which of those fits her?", "back to
// Sam's plan", of someone told of by what they love doing or mean to do:
// the roles their description names, when no level is known for them, the
// coach has just named roles, or the question asks of their plan.
func (s *reading) rolesOfPerson(other string, third bool) {
	about := toldAbout(s.lad, s.history, s.question, s.known)
	if about == "" && third {
		about = toldAbout(s.lad, s.history, onlyName(s.lad, s.history, s.known), s.known) // the one person told of
	}
	if about == "" || len(s.in.Roles) > 0 || other != "" && !s.rolesOffered() && !ladder.Talk.Plans.In(" "+s.q+" ") {
		return
	}
	if rs := roleIDs(s.lad, normalize(about)); len(rs) > 0 {
		s.in.Roles, s.in.FromHistory = rs, true
		if !s.in.HasTopic(TopicAdjacent) {
			s.in.Topics = append(s.in.Topics, TopicAdjacent)
		}
	}
}

// rolesOffered: the coach's last answer named two or more adjacent roles.
func (s *reading) rolesOffered() bool {
	for i := len(s.history) - 1; i >= 0; i-- {
		if s.history[i].Role == "assistant" {
			return len(roleIDs(s.lad, normalize(s.history[i].Content))) >= 2
		}
	}
	return false
}

// towardsTheirs: the asker, whose level is known and below the person's,
// asks how to reach where that person is.
func (s *reading) towardsTheirs(other string) bool {
	ask := " " + asking(s.q) + " "
	cur, ok1 := s.lad.ByID(cmp.Or(s.in.Current, s.hist.current))
	them, ok2 := s.lad.ByID(other)
	return ok1 && ok2 && cur.Rung > 0 && them.Rung > cur.Rung &&
		ladder.Talk.ToTheirs.In(ask) && ladder.Talk.FirstPersonWords.In(ask)
}

// routeNamed: the managing route named by its word, and no rung ("if I
// took the management track"), asks of its first rung; not when the asker
// turns it down.
func (s *reading) routeNamed() {
	managing := s.lad.Managing()
	if len(s.mentions) > 0 || len(managing) == 0 || ladder.Cues.NoManage.In(s.q) || rejectsManaging(s.q) {
		return
	}
	if at := ladder.Talk.ManagementTrack.Index(" " + s.q + " "); at >= 0 {
		// A route is gone into: a step to its first rung.
		s.mentions = []ladder.Mention{{ID: managing[0], Pos: max(at-1, 0), Strong: true}}
		s.in.Transition, s.in.Target = true, managing[0]
	}
}

// relativeRung: a rung named by where it stands in the conversation (the
// first one talked about, the one the asker wants, the one above or below
// the one talked about).
func (s *reading) relativeRung() {
	switch {
	case len(s.mentions) > 0:
	case ladder.Cues.FirstRef.In(s.q) && s.hist.first != "":
		// A return to the level the conversation began with.
		s.hist.topic, s.stepBack = s.hist.first, true
	case ladder.Cues.TargetRef.In(s.q) && s.hist.target != "":
		// "once I'm at the level I want"
		s.hist.topic, s.stepBack = s.hist.target, true
	case ladder.Cues.AboveRel.In(s.q) && s.hist.topic != "" && !s.in.Transition:
		// The rung above the one talked about.
		if l, ok := s.lad.Next(s.hist.topic); ok {
			s.hist.topic, s.stepBack = l.ID, true
			s.in.Transition, s.in.Target = false, ""
		}
	}
	if !s.stepBack && len(s.mentions) == 0 && ladder.Cues.Prev.In(s.q) {
		// "And the one before it?": the rung below the one talked about.
		base := s.hist.topic
		if base == "" {
			base = s.in.Current
		}
		if l, ok := s.lad.Below(base); ok {
			s.hist.topic, s.stepBack = l.ID, true
		}
	}
}

// stepTarget: the rung a step asked goes to, when the question did not say.
func (s *reading) stepTarget() {
	if s.in.Transition && s.in.Target == "" && len(s.in.Roles) == 0 && ladder.Cues.Next.In(s.q) {
		s.nextTarget()
	}
	if s.in.Transition && s.in.Target == "" && len(s.mentions) == 0 && len(s.in.Roles) == 0 && s.hist.topic != "" && ladder.Cues.Anaphora.In(s.q) {
		// Readiness for the level talked about; never the asker's own:
		// then the level they said they aim for, or the next rung.
		s.in.Target = s.hist.topic
		if s.in.Target == s.in.Current {
			if n, ok := s.lad.Next(s.in.Current); s.hist.target != "" && s.hist.target != s.in.Current {
				s.in.Target = s.hist.target
			} else if ok {
				s.in.Target = n.ID
			}
		}
		s.in.FromHistory = true
	}
	if s.in.Target == "" && s.in.Transition && s.aboutOther && s.wanted != "" {
		// "a senior PM I manage hopes to be a director": her step.
		s.in.Current, s.in.Target = s.mentions[0].ID, s.wanted
	}
	if s.in.Target == "" && s.in.Transition && len(s.mentions) == 1 && s.mentions[0].ID != s.in.Current && len(s.in.Roles) == 0 {
		if s.stepAt > 0 && s.mentions[0].Pos < s.stepAt && s.in.Current == "" && s.in.asksSkills() {
			// Skills asked for a step that follows the level named ("what
			// must an APM learn to be ready for more?"): the level named is
			// who takes the step, to the rung above it.
			if n, ok := s.lad.Next(s.mentions[0].ID); ok {
				s.in.Current, s.in.Target = s.mentions[0].ID, n.ID
			}
		} else {
			// "What does it take to be a director?"
			s.in.Target = s.mentions[0].ID
		}
	}
	if s.in.Target == "" {
		s.in.Transition = s.in.Transition && len(s.in.Roles) > 0
	}
}

// nextTarget: "the next level" is the one above whose level the question
// is about: the asker's, the person's told of, or the one talked about.
func (s *reading) nextTarget() {
	cur := s.in.Current
	if s.aboutOther {
		cur = s.mentions[0].ID // "she wants the next level": hers
	}
	if len(s.mentions) == 0 && s.hist.topic != "" && ladder.Cues.Anaphora.In(s.q) && !s.ownAsked() {
		cur = s.hist.topic // "the level above that", not "back to me: that next step"
	}
	if cur == "" && len(s.mentions) > 0 {
		cur = s.mentions[0].ID
	}
	if cur == "" {
		cur = s.hist.topic
	}
	if n, ok := s.lad.Next(cur); ok {
		s.in.Target = n.ID
		s.in.Current = cur
	}
}

// levels: the levels the question is about, main one first: those named, or
// those the conversation carries over; two set side by side; the IC track
// as a topic when it is one of them.
func (s *reading) levels() {
	s.namedLevels()
	s.roleAfterWork()
	s.in.stepped = s.stepBack
	s.levelCarried()
	s.adjacentCarried()
	s.pastWithoutManaging()
	s.compared()
	for _, l := range s.in.Levels {
		if l == s.lad.IC() && !s.in.HasTopic(TopicIC) {
			s.in.Topics = append(s.in.Topics, TopicIC)
		}
	}
}

// addLevel adds level id to the levels the question is about, once.
func (s *reading) addLevel(id string) {
	if id != "" && !slices.Contains(s.in.Levels, id) {
		s.in.Levels = append(s.in.Levels, id)
	}
}

// namedLevels: a step's target, then the levels named, a level named
// beside the asker's own first.
func (s *reading) namedLevels() {
	s.addLevel(s.in.Target)
	for _, m := range askedFirst(s.main, s.mentions) {
		if m.ID != s.in.Current {
			s.addLevel(m.ID) // a level named beside the asker's own is the one asked
		}
	}
	for _, m := range s.mentions {
		s.addLevel(m.ID)
	}
}

// roleAfterWork: a path that fits, right after the asker named a kind of
// work an adjacent role does.
func (s *reading) roleAfterWork() {
	if len(s.in.Levels) == 0 && len(s.mentions) == 0 && len(s.in.Roles) == 0 && s.hist.roleLast && s.hist.role != "" && !s.stepBack && !s.ownAsked() {
		s.in.Roles = []string{s.hist.role}
		if !s.in.HasTopic(TopicAdjacent) {
			s.in.Topics = append(s.in.Topics, TopicAdjacent)
		}
		s.in.FromHistory = true
	}
}

// levelCarried: with no level named, the one a step back names, "that
// level" (the one last talked about, not the asker's own), the asker's own,
// or a facet asked of the level talked about.
func (s *reading) levelCarried() {
	if len(s.in.Levels) == 0 && s.stepBack {
		s.addLevel(s.hist.topic)
		s.in.FromHistory = true
	}
	if len(s.in.Levels) == 0 && len(s.mentions) == 0 && len(s.in.Roles) == 0 && s.hist.topic != "" && s.hist.topic != s.in.Current &&
		ladder.Cues.Anaphora.In(s.q) && !ladder.Cues.MyLevel.In(s.q) {
		s.addLevel(s.hist.topic)
		s.in.FromHistory = true
	}
	if len(s.in.Levels) == 0 && len(s.mentions) == 0 && len(s.in.Roles) == 0 && s.hist.turnedIC && s.hist.topic == s.lad.IC() {
		// The asker turned down managing: what is left for them is the
		// IC track, not more of their own rung.
		s.addLevel(s.hist.topic)
		s.in.FromHistory = true
	}
	if len(s.in.Levels) == 0 && s.in.Current != "" && !s.in.HasTopic(TopicTimeline) && !s.in.HasTopic(TopicAdjacent) {
		s.addLevel(s.in.Current)
	}
	if len(s.in.Levels) == 0 && len(s.in.Roles) == 0 && s.hist.topic != "" && (len(s.in.Topics) == 0 || ladder.Cues.Anaphora.In(s.q)) {
		s.addLevel(s.hist.topic)
		s.in.FromHistory = true
	}
}

// ownAsked: the question points at the asker's own level ("back to me",
// "where I am") and they have told it: no role talked about is carried.
func (s *reading) ownAsked() bool {
	return s.in.Current != "" && ladder.Cues.MyLevel.In(s.q)
}

// pastWithoutManaging: the rung past one's own, asked after the asker
// turned down managing ("what's left for me after senior?"), is the IC
// track, not the managing rung above.
func (s *reading) pastWithoutManaging() {
	if s.hist.turnedIC && s.in.beyondAt != "" && len(s.in.Levels) > 0 && s.in.Levels[0] == s.in.beyondAt && s.lad.IC() != "" {
		s.in.Levels[0] = s.lad.IC()
		s.in.Transition, s.in.Target = false, ""
		if !s.in.HasTopic(TopicIC) {
			s.in.Topics = append(s.in.Topics, TopicIC)
		}
	}
}

// adjacentCarried: which of them suits someone, after a talk about
// adjacent roles.
func (s *reading) adjacentCarried() {
	if len(s.in.Levels) == 0 && len(s.in.Roles) == 0 && len(s.in.Topics) == 0 && (s.hist.role != "" || s.hist.adjacent) && !s.ownAsked() {
		if s.hist.role != "" {
			s.in.Roles = []string{s.hist.role}
		}
		s.in.Topics = append(s.in.Topics, TopicAdjacent)
		s.in.FromHistory = true
	}
}

// compared: two levels set side by side. "The difference between A and B
// in what they own": the facet is what they own, not "what changes".
func (s *reading) compared() {
	if len(distinct(s.mentions)) < 2 || s.in.Transition || !(s.pairAsked || ladder.Cues.Compare.In(s.q) || ladder.Talk.CompareAsk.In(" "+s.q+" ")) {
		return
	}
	s.in.Topics = append(s.in.Topics, TopicCompare)
	if len(s.in.Facets) == 1 && s.in.Facets[0].Facet == ladder.Success && ladder.Talk.CompareAsk.In(" "+s.q+" ") &&
		len(facets(s.lad, strings.TrimSpace(ladder.Talk.CompareAsk.Blank(" "+s.q+" ")))) == 0 {
		// What sets one rung apart from another is how the two differ,
		// not how one of them is judged.
		s.in.Facets = []FacetWeight{{Facet: ladder.Changes, Weight: s.in.Facets[0].Weight}}
	}
	named := func(f FacetWeight) bool { return f.Weight >= explicitFacet && f.Facet != ladder.Changes }
	if s.pairAsked && !slices.ContainsFunc(s.in.Facets, named) {
		// "How do they differ?", after each was asked how it
		// is judged: how they are judged.
		if asked := s.askedLast(); len(asked) > 0 {
			s.in.Facets = asked
			return
		}
	}
	if len(s.in.Facets) > 1 {
		kept := s.in.Facets[:0]
		for _, f := range s.in.Facets {
			if f.Facet != ladder.Changes {
				kept = append(kept, f)
			}
		}
		s.in.Facets = kept
	}
}

// askedLast is what the user last asked in so many words (the explicit
// facets of the latest user turn that has any; "and for mid-level?" asks
// what the turn before it asked), or nil.
func (s *reading) askedLast() []FacetWeight {
	for i := len(s.history) - 1; i >= 0; i-- {
		if s.history[i].Role != "user" {
			continue
		}
		fs := facets(s.lad, normalize(s.history[i].Content))
		if fs = slices.DeleteFunc(fs, func(f FacetWeight) bool { return f.Weight < explicitFacet }); len(fs) > 0 {
			return fs
		}
	}
	return nil
}

// scope: a follow-up must still be about the ladder; a question naming no
// level or role must be mostly the article's words.
func (s *reading) scope(inScope func(terms int, known int, strong bool) bool, termCounts func(string) (int, int, bool)) {
	// A follow-up that only borrows its level from the conversation must
	// still be about the ladder itself (an aside about astronomy is not).
	if s.in.FromHistory && len(s.mentions) == 0 && len(s.in.Roles) == 0 && len(s.in.Facets) == 0 && !s.in.Transition && !pointing(s.q) {
		if n, known, strong := termCounts(s.question); !strong && (known == 0 && n >= 2 || ladder.Cues.Unrelated.In(s.q) && !inScope(n, known, strong)) {
			s.in.Refusal = RefuseOffTopic
			return
		}
	}
	// Scope: a question that names a level or role is in; otherwise most of
	// its words must be the article's, or one a word of the domain.
	if len(s.in.Levels) == 0 && len(s.in.Roles) == 0 {
		n, known, strong := termCounts(s.question)
		if n == 0 && len(s.history) > 0 && s.hist.topic != "" {
			// A bare follow-up such as "why?" or "and then?".
			s.in.Levels = []string{s.hist.topic}
			s.in.FromHistory = true
		} else if !inScope(n, known, strong) && !(len(s.history) > 0 && (pointing(s.q) || len(s.in.Topics) > 0 || ladder.Talk.Choose.In(" "+s.q+" "))) {
			// A follow-up that points at the previous answer, picks from it
			// or carries its topic ("which one fits someone who..."), is in.
			s.in.Refusal, s.in.fewTerms = RefuseOffTopic, true
		}
	}
}

func distinct(ms []ladder.Mention) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range ms {
		if !seen[m.ID] {
			seen[m.ID] = true
			out = append(out, m.ID)
		}
	}
	return out
}

// normalize folds a question (textnorm.Fold) and drops quotation marks
// around words ("what does 'good' look like"), keeping apostrophes inside
// them ("don't").
func normalize(s string) string {
	s = textnorm.Fold(s)
	if strings.ContainsAny(s, "'\"") {
		b := []byte(s)
		for i, c := range b {
			if c == '"' || c == '\'' && !(i > 0 && isLetter(b[i-1]) && i+1 < len(b) && isLetter(b[i+1])) {
				b[i] = ' '
			}
		}
		s = string(b)
	}
	if strings.Contains(s, "  ") {
		s = strings.Join(strings.Fields(s), " ") // words, not spacing, are read
	}
	return s
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80 }

// strongMentions are the levels named in text; a bare "PM" or "product
// manager" counts only as the asker's own title ("I'm a PM"). Levels that
// are the object of mentoring, managing or hiring ("mentor junior PMs") are
// who the work is done to, not the level asked about.
func strongMentions(lad *ladder.Model, text string) []ladder.Mention {
	var out []ladder.Mention
	for _, km := range levelsOf(lad, text) {
		switch m, k := km.Mention, km.kind; {
		case !m.Strong && k != kindBeyond: // "the one after senior" names a rung
		case k == kindAsked || k == kindHoped:
			out = append(out, m)
		case k == kindBeyond:
			if n, ok := lad.Next(m.ID); ok {
				m.ID = n.ID
				out = append(out, m)
			}
		case k == kindUnder:
			if b, ok := lad.Below(m.ID); ok {
				m.ID = b.ID
				out = append(out, m)
			}
		}
	}
	return out
}

// rejectedLevels are the levels text sets aside: "not interested in
// becoming a VP".
func rejectedLevels(lad *ladder.Model, text string) []string {
	ms := levelsOf(lad, text)
	var out []string
	for _, m := range ms {
		if m.Strong && m.kind == kindRejected && !slices.Contains(out, m.ID) && !namedAsked(ms, m.ID) {
			out = append(out, m.ID)
		}
	}
	return out
}

// namedAsked: the rung id is also named for itself, not set aside, so a
// title turned down is another name of it ("Group PM, not director"), and
// the rung is no rejected one.
func namedAsked(ms []kinded, id string) bool {
	return slices.ContainsFunc(ms, func(m kinded) bool { return m.Strong && m.ID == id && m.kind == kindAsked })
}

// promotedTo is the level the asker says they were promoted to, their title
// was changed to, or they moved to: "promoted to senior", "my title got
// changed to senior pm", "last year i moved from associate to mid-level".
// A promotion whose clause
// has a third person for its subject ("my wife got promoted to senior") is
// not the asker's; of several, the last counts.
func promotedTo(lad *ladder.Model, q string) string {
	pad := " " + q + " "
	id := ""
	for from := 0; from < len(pad); {
		at, end := ladder.Talk.Became.Find(pad[from:])
		if a, e := ladder.Talk.MovedOwn.Find(pad[from:]); a >= 0 && (at < 0 || a < at) {
			at, end = a, e
		}
		if at < 0 {
			break
		}
		at, end = from+at, from+end
		from = end
		if thirdSubject(pad[:at]) {
			continue
		}
		// Read from the move on: "promoted to senior" makes a bare
		// "senior" the rung.
		told := pad[at:]
		j := strings.Index(told[end-at:], " to ")
		if j < 0 {
			continue
		}
		to := end - at + j + 4
		for _, m := range lad.FindLevels(told) {
			if m.Pos >= to && m.Pos <= to+12 {
				id = m.ID
				break
			}
		}
	}
	return id
}

// statedLevel is the level a person says they hold: "I'm a senior PM",
// "as a new PM", "I am a product manager".
func statedLevel(lad *ladder.Model, q string) string {
	if c := cmp.Or(introduced(lad, q), ownAppositive(lad, q)); c != "" {
		return c
	}
	for _, loc := range titleLeads(q) {
		rest := q[loc[1]:]
		if len(rest) > 50 {
			rest = rest[:50]
		}
		ms := lad.FindLevels(rest)
		// Not "my cousin began as a junior PM", nor "compared to being a
		// senior PM", nor "being a VP" set against another level.
		before := q[:loc[0]]
		other := othersCue(q[loc[0]:loc[1]]) && (thirdSubject(before) || ladder.Talk.CompareBase.Suffix(" "+before) || ladder.Cues.Compare.In(q))
		if len(ms) > 0 && ms[0].Pos <= 12 && !ladder.Cues.NotStated.In(rest[:ms[0].Pos]) && !other {
			return ms[0].ID
		}
	}
	return ""
}

// askedFirst orders the mentions of q so that those in its asking
// sentence lead: after a told situation, the level the question asks about
// is the one it names ("... What does the VP job expect?").
func askedFirst(q string, ms []ladder.Mention) []ladder.Mention {
	from := strings.LastIndex(q, asking(q))
	if from <= 0 {
		return ms
	}
	out := make([]ladder.Mention, 0, len(ms))
	for _, m := range ms {
		if m.Pos >= from {
			out = append(out, m)
		}
	}
	for _, m := range ms {
		if m.Pos < from {
			out = append(out, m)
		}
	}
	return out
}

// introduced is the level a message opens with to say who writes it:
// "Senior PM here, ...".
func introduced(lad *ladder.Model, q string) string {
	q = afterGreeting(q)
	first := q
	if i := strings.IndexAny(q, ",.;:!?"); i >= 0 {
		first = q[:i]
	}
	if !ladder.Talk.Intro.Suffix(first) {
		return openingTitle(lad, q, first)
	}
	if ids := distinct(lad.FindLevels(first)); len(ids) == 1 {
		return ids[0]
	}
	return ""
}

// afterGreeting is q less the greeting clauses it opens with ("hi, ",
// "hello there! ", a greeting in another script).
func afterGreeting(q string) string {
	for {
		i := strings.IndexAny(q, ",.;:!?")
		if i < 0 {
			return q
		}
		head := strings.TrimSpace(q[:i])
		if !ladder.Talk.Smalltalk.In(" "+head+" ") && strings.IndexFunc(head, func(r rune) bool { return r >= 'a' && r <= 'z' }) >= 0 {
			return q
		}
		q = strings.TrimLeft(q[i+1:], " ,.;:!?")
	}
}

// openingTitle: a message that opens with a title and then where its writer
// works ("mid-level pm at a bank", "senior pm, 7 years in") introduces
// its writer; not one that goes on to tell what that person said.
func openingTitle(lad *ladder.Model, q, first string) string {
	head := first
	if at := ladder.Talk.IntroAfter.Index(" " + first + " "); at > 0 {
		head = first[:at-1]
	} else if len(first) == len(q) || !strings.ContainsRune(",.(", rune(q[len(first)])) {
		return ""
	}
	ms := lad.FindLevels(head)
	if len(ms) != 1 || ms[0].Pos != 0 || !ms[0].Strong || len(strings.Fields(head)) > 4 || ladder.Talk.SpeechVerbs.In(" "+first+" ") {
		return ""
	}
	return ms[0].ID
}

func roleIDs(lad *ladder.Model, q string) []string {
	var out []string
	for _, r := range lad.FindRoles(q) {
		out = append(out, r.ID)
	}
	return out
}

func facets(lad *ladder.Model, q string) []FacetWeight {
	var out []FacetWeight
	// The phrases people use for a facet win over the shorter cues inside them.
	rest := q
	for _, words := range lad.FacetWords() {
		rest = words.Blank(rest)
	}
	// "the next level up" names a step, not the skills "level up" asks.
	rest = ladder.Talk.StepWords.Blank(" " + rest + " ")
	// Hedges between the words of a cue ("what does the job actually
	// involve") are not read.
	rest = strings.Join(strings.Fields(ladder.Talk.Hedges.Blank(rest)), " ")
	starts := cueStarts(rest)
	for _, f := range []string{ladder.Skills, ladder.Success, ladder.Responsibilities, ladder.Changes, ladder.Overview} {
		best, pos := 0.0, len(q)
		for c, ref := range facetIndex.refs {
			at := starts[c]
			if ref.facet != f || at < 0 {
				continue
			}
			if w := facetCues[f][ref.i].weight; w > best || w == best && at < pos {
				best, pos = w, at
			}
		}
		if best > 0 {
			out = append(out, FacetWeight{Facet: f, Weight: best + earlierFacet*float64(len(q)-pos)/float64(len(q)+1)})
		}
	}
	pad := " " + q + " "
	words := lad.FacetWords()
	for _, f := range lad.Facets() { // the ladder's order: equal weights stay in it, run after run
		if at := words[f].Index(pad); at >= 0 && !slices.ContainsFunc(out, func(w FacetWeight) bool { return w.Facet == f }) {
			out = append(out, FacetWeight{Facet: f, Weight: explicitFacet + earlierFacet*float64(len(q)-at)/float64(len(q)+1)})
		}
	}
	// "What's the..." names a facet only when nothing else does.
	if len(out) > 1 {
		kept := out[:0]
		for _, f := range out {
			if f.Facet != ladder.Overview {
				kept = append(kept, f)
			}
		}
		out = kept
	}
	// Strongest first; among equals, the one named first.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Weight > out[j-1].Weight; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	for i := range out {
		if out[i].Weight >= explicitFacet {
			out[i].Weight = explicitFacet
		} else {
			out[i].Weight = impliedFacet
		}
	}
	return out
}

// allPast is true when every mention is a rung someone held before ("when
// he was a director") or the base of a comparison.
func allPast(q string, ms []ladder.Mention) bool {
	for _, m := range ms {
		w := strings.Fields(q[:min(max(m.Pos, 0), len(q))])
		before := " " + strings.Join(w[max(0, len(w)-3):], " ") + " "
		if !ladder.Talk.HeldBefore.In(before) && !ladder.Talk.CompareBase.In(before) {
			return false
		}
	}
	return true
}

// allBases is true when every mention is the base of a comparison: within
// three words after "from", "than", "compared to".
func allBases(q string, ms []ladder.Mention) bool {
	for _, m := range ms {
		w := strings.Fields(q[:min(max(m.Pos, 0), len(q))])
		w = w[max(0, len(w)-3):]
		if !ladder.Talk.CompareBase.In(" " + strings.Join(w, " ") + " ") {
			return false
		}
	}
	return true
}

func mentionsID(ms []ladder.Mention, id string) bool {
	for _, m := range ms {
		if m.ID == id {
			return true
		}
	}
	return false
}

// qualityNext is true when t opens on a word of quality, past an article:
// "(to be) a good associate", "(become) a better PM".
func qualityNext(t string) bool {
	w := strings.Fields(t)
	if len(w) > 0 && (w[0] == "a" || w[0] == "an" || w[0] == "the") {
		w = w[1:]
	}
	return len(w) > 0 && startsWithAny(w[0], ladder.Talk.Quality)
}

// fromToRungs reads "from A to B" where A and B are rungs of the ladder,
// A below B (or B the IC track): the two ids, or "" when there is none.
func fromToRungs(lad *ladder.Model, q string) (string, string) {
	m := reFromTo.FindStringSubmatch(q)
	if m == nil {
		return "", ""
	}
	a, b := strongMentions(lad, m[1]), strongMentions(lad, m[2])
	if len(a) != 1 || len(b) == 0 {
		return "", ""
	}
	la, _ := lad.ByID(a[0].ID)
	lb, _ := lad.ByID(b[0].ID)
	if la.Rung > 0 && (lb.Rung > la.Rung || lb.ID == lad.IC()) {
		return la.ID, lb.ID
	}
	return "", ""
}

// arrowLevels lists the levels of a question with an arrow in it ("senior
// -> gpm"), a bare "PM" included; none without an arrow.
func arrowLevels(lad *ladder.Model, q string) []string {
	if !slices.ContainsFunc(ladder.Cues.Arrows, func(a string) bool { return strings.Contains(q, a) }) {
		return nil
	}
	return distinct(lad.FindLevels(q))
}

// mainClause drops what a question sets aside ("instead of becoming a
// director", "rather than an APM").
func mainClause(q string) string {
	if at, end := aside(q); at >= 0 {
		return q[:at] + strings.Repeat(" ", end-at) + q[end:]
	}
	return q
}

// aside is where q sets something aside: from "instead of" (ladder.Cues.Aside)
// to the end of its clause, the next punctuation mark; -1, -1 when it sets
// nothing aside.
func aside(q string) (int, int) {
	at, end := ladder.Cues.Aside.Find(q)
	if at < 0 {
		return -1, -1
	}
	if i := strings.IndexAny(q[end:], ",.;?!"); i >= 0 {
		return at, end + i
	}
	return at, len(q)
}

// historyContext is what the conversation so far says.
type historyContext struct {
	current string // the asker's stated level
	topic   string // the level last talked about
	role    string // the adjacent role last talked about
	// adjacent is true when the conversation was about adjacent roles.
	adjacent bool
	// roleLast is true when an adjacent role came up after the last level.
	roleLast bool
	// first is the first level talked about; target the level the asker
	// said they want to reach.
	first, target string
	// pair are the two levels the asker set side by side: named in one
	// turn, or one after the other in two (a turn asking of one rung, the
	// next "and a staff PM?"); asked is the last level a turn named.
	pair  []string
	asked string
	// other is the level of the last other person the asker told of ("my
	// cousin began as a junior PM", "working under our VP").
	other string
	// otherWants is the level the other person told of is said to go for
	// ("is she ready for senior?"), theirs once they get it.
	otherWants string
	// turnedIC is true when the asker's last turn that named a level or
	// turned down managing turned the talk to the IC track.
	turnedIC bool
}

// pairUp keeps the two levels set side by side: the two a turn names, or
// the one it names and the one the turn before named.
func (h *historyContext) pairUp(ids []string, named bool) {
	switch {
	case len(ids) == 2:
		h.pair, h.asked = ids, ids[1]
	case len(ids) == 1 && named:
		if h.asked != "" && h.asked != ids[0] {
			h.pair = []string{h.asked, ids[0]}
		}
		h.asked = ids[0]
	}
}

func fromHistory(lad *ladder.Model, history []Turn) historyContext {
	var h historyContext
	// In order, so "and the level above that?" moves from the level before it.
	userNamed := false // the last user turn named a level of the asker's talk
	lastUser := ""
	for _, t := range history {
		if t.Role != "user" {
			h.readReply(lad, normalize(t.Content), lastUser, userNamed)
			continue
		}
		lastUser = normalize(t.Content)
		userNamed = h.readUser(lad, lastUser)
	}
	if h.topic == "" {
		// What the coach itself last talked about.
		for i := len(history) - 1; i >= 0 && h.topic == ""; i-- {
			if history[i].Role == "assistant" {
				if ms := strongMentions(lad, normalize(history[i].Content)); len(ms) > 0 {
					h.topic = ms[0].ID
				}
			}
		}
	}
	if h.topic == "" {
		h.topic = h.current
	}
	return h
}

// readReply: the coach's reply names the one level it steered to ("the IC
// track might fit you") after a user turn that named none of its own; or
// the one adjacent role it named, of which the asker had said a word
// ("research roles", then "Research Scientist").
func (h *historyContext) readReply(lad *ladder.Model, reply, lastUser string, userNamed bool) {
	if userNamed {
		return
	}
	if ms := distinct(strongMentions(lad, reply)); len(ms) == 1 {
		h.topic = ms[0]
	}
	if rs := roleIDs(lad, reply); len(rs) == 1 && h.role == "" && lad.HintsRole(lastUser, rs[0]) {
		h.role, h.roleLast = rs[0], true
	}
}

// readUser reads a user turn q into the conversation so far, and reports
// whether it named a level of its talk.
func (h *historyContext) readUser(lad *ladder.Model, q string) bool {
	h.readPeople(lad, q)
	stated := h.readOwn(lad, q)
	ms := strongMentions(lad, mainClause(q))
	// The asker's own level alone ("I'm a senior designer and...") is
	// no level asked about: the reply may still steer to one.
	named := len(ms) > 0 && (stated == "" || !allAre(ms, stated))
	if h.turnsToIC(lad, q, ms) {
		return true
	}
	if len(ms) > 0 {
		h.turnedIC = false
	}
	if len(ms) == 0 {
		ms = mentionsOf(lad, q, kindOther) // "she reports to our VP": the VP is talked about
	}
	h.pairUp(distinct(ms), named)
	if len(ms) > 0 && h.topic != "" && (ladder.Cues.Anaphora.In(q) || ladder.Talk.Against.In(" "+q+" ")) && allBases(q, ms) {
		// "how is their week unlike a junior PM's?": the level
		// talked about stays; the other is only the base of comparison.
		return true
	}
	h.readTopic(lad, q, ms)
	return named
}

// readPeople: the level of the other person a turn tells of, the level
// they go for, and theirs once they get it ("she got the promotion!").
func (h *historyContext) readPeople(lad *ladder.Model, q string) {
	if o := personLevel(lad, q); o != "" {
		h.other = o
	}
	if w := personWants(lad, q); w != "" {
		h.otherWants = w
	}
	if h.otherWants != "" && ladder.Talk.Arrived.In(" "+q+" ") && ladder.Talk.ThirdPerson.In(" "+q+" ") {
		h.other, h.otherWants = h.otherWants, ""
	}
}

// readOwn: the level the asker states in a turn, or was promoted to (theirs
// now). It returns the level stated.
func (h *historyContext) readOwn(lad *ladder.Model, q string) string {
	stated := statedLevel(lad, q)
	if stated != "" {
		h.current = stated
	}
	if c := promotedTo(lad, q); c != "" {
		h.current = c
	}
	return stated
}

// turnsToIC: "I'm a senior PM and don't want reports" turns the talk to the
// IC track, whatever the coach replies; having no reports, told of in
// passing ("I have no reports yet, I mostly run sprints"), does not.
func (h *historyContext) turnsToIC(lad *ladder.Model, q string, ms []ladder.Mention) bool {
	turnedDown := ladder.Cues.NoManage.In(q) || rejectsManaging(q)
	if lad.IC() == "" || !(reIC.MatchString(q) || turnedDown) || !allAre(ms, h.current) {
		return false
	}
	h.topic, h.role, h.adjacent, h.roleLast = lad.IC(), "", false, false
	h.turnedIC = turnedDown // turned down, not only told of ("hands-on")
	return true
}

// readTopic: the level a turn talks about, a step below or after the one
// talked about, or the adjacent role it names.
func (h *historyContext) readTopic(lad *ladder.Model, q string, ms []ladder.Mention) {
	switch {
	case len(ms) > 0:
		h.namedLevels(lad, q, ms)
	case h.topic != "" && ladder.Cues.Prev.In(q):
		if l, ok := lad.Below(h.topic); ok {
			h.topic = l.ID
		}
	case h.topic != "" && (ladder.Cues.Next.In(q) || ladder.Talk.After.In(" "+q+" ")):
		if l, ok := lad.Next(h.topic); ok {
			h.topic = l.ID
		}
	default:
		if rs := roleIDs(lad, q); len(rs) > 0 {
			h.role, h.roleLast = rs[0], true
		}
		if ladder.Cues.Adjacent.In(q) {
			h.adjacent = true
		}
	}
}

// namedLevels: a user turn that names levels makes the first the one
// talked about, or the one after a step word ("how do I get to director?")
// the one talked about and wanted.
func (h *historyContext) namedLevels(lad *ladder.Model, q string, ms []ladder.Mention) {
	h.topic = ms[0].ID
	if at := transitionWords.Index(q); at >= 0 {
		found := false
		for _, m := range ms {
			if m.Pos >= at {
				h.topic, h.target, found = m.ID, m.ID, true
				break
			}
		}
		for _, m := range lad.FindLevels(q) {
			if !found && m.Strong && m.Pos >= at {
				h.target = m.ID // "my goal is senior pm": wanted, not talked about yet
				break
			}
		}
	}
	if h.first == "" {
		h.first = ms[0].ID
	}
	h.role, h.adjacent, h.roleLast = "", false, false
}

// stays reports whether q keeps on growing at a level: a word of staying
// followed within 30 bytes by a word of growing (ladder.Cues.Stay), or
// "already" a senior rung (ladder.Cues.Already).
func stays(q string) bool {
	if ladder.Cues.Already.In(q) {
		return true
	}
	for i := 0; i < len(q); {
		at, end := ladder.Cues.Stay.Find(q[i:])
		if at < 0 {
			return false
		}
		if g := ladder.Cues.Growing.Index(q[i+end:]); g >= 0 && g <= 30 {
			return true
		}
		i += at + 1
		for i < len(q) && isLetter(q[i]) {
			i++
		}
	}
	return false
}
