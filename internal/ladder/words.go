package ladder

import (
	"slices"
	"strconv"
	"strings"
)

// The words of conversation: what the reader needs to know about how people
// talk around the ladder, as data. Nothing here names a level or a facet of
// this article; a second ladder shares these tables.

// Phrases is a list of lower-case phrases matched as whole words, a plural s
// allowed after the last. A "*" after a word lets that word go on:
// "responsibilit*" finds "responsibilities", "leav* product" finds "leaving
// product", and "without being a *" any word after "a". A "=" at the end
// allows no plural s: "it=" does not find "its".
type Phrases []string

// Index returns the offset of the first phrase found in t (already lowered,
// quotes straightened, with a space at each end), or -1.
func (p Phrases) Index(t string) int {
	at, _ := p.Find(t)
	return at
}

// Find returns where the first phrase found in t starts and ends, or -1, -1.
// Of the phrases found at that offset, the one listed first decides the end.
func (p Phrases) Find(t string) (int, int) {
	if x, ok := p.index(); ok {
		return PhraseTable{Phrases: p, x: x}.Find(t)
	}
	best, end := -1, -1
	h := headsOf(t)
	for _, w := range p {
		if !h.may(w) {
			continue
		}
		stop := len(t)
		if best >= 0 {
			stop = best
		}
		if at, e := phraseAt(t, w, 0, stop); at >= 0 && (best < 0 || at < best) {
			best, end = at, e
		}
	}
	return best, end
}

// Blank returns t with every phrase found in it overwritten by spaces, so
// that shorter words inside a longer phrase ("change" in "what should I
// change") are not read again on their own. Offsets are kept.
func (p Phrases) Blank(t string) string {
	var b []byte // made at the first phrase found
	spaces := func(from, to int) {
		if b == nil {
			b = []byte(t)
		}
		for i := from; i < to && i < len(b); i++ {
			b[i] = ' '
		}
	}
	blank := func(w string) {
		if markAt(w) < 0 {
			for pos := nextWord(t, w, 0, len(t)); pos >= 0; pos = nextWord(t, w, pos+len(w), len(t)) {
				spaces(pos, pos+len(w))
			}
			return
		}
		for at, end := phraseAt(t, w, 0, len(t)); at >= 0; at, end = phraseAt(t, w, max(end, at+1), len(t)) {
			spaces(at, end)
		}
	}
	// Each phrase is found in t as given, so the order they are tried in
	// (and trying one twice) changes nothing.
	if x, ok := p.index(); ok {
		for _, k := range x.always {
			blank(p[k])
		}
		x.places(t, p, func(_, at, end int) { spaces(at, end) })
	} else {
		h := headsOf(t)
		for _, w := range p {
			if h.may(w) {
				blank(w)
			}
		}
	}
	if b == nil {
		return t
	}
	return string(b)
}

// In reports whether one of the phrases is found in t.
func (p Phrases) In(t string) bool {
	if x, ok := p.index(); ok {
		return PhraseTable{Phrases: p, x: x}.In(t)
	}
	h := headsOf(t)
	for _, w := range p {
		if h.may(w) {
			if at, _ := phraseAt(t, w, 0, len(t)); at >= 0 {
				return true
			}
		}
	}
	return false
}

// phraseAt is the first offset at or after start, and before stop, where
// phrase w stands in t, and the end of what it covers there; -1, -1 when
// there is none.
func phraseAt(t, w string, start, stop int) (int, int) {
	star := markAt(w)
	if star < 0 {
		at := nextWord(t, w, start, stop)
		if at < 0 {
			return -1, -1
		}
		end := at + len(w)
		if end < len(t) && isWordByte(t[end]) {
			end++ // the plural s
		}
		return at, end
	}
	head := w[:star]
	for start < stop && start <= len(t) {
		i := strings.Index(t[start:], head)
		if i < 0 || start+i >= stop {
			return -1, -1
		}
		at := start + i
		if at == 0 || !isWordByte(t[at-1]) {
			if end, ok := restAt(t, at+len(head), w[star:]); ok {
				return at, end
			}
		}
		start = at + 1
	}
	return -1, -1
}

// markAt is the offset of the first "*" or "=" in w, or -1.
func markAt(w string) int {
	i, j := strings.IndexByte(w, '*'), strings.IndexByte(w, '=')
	if i < 0 || j >= 0 && j < i {
		return j
	}
	return i
}

// restAt matches the rest of a phrase at t[i:], each "*" going over the
// word bytes there and a last "=" ending the word: the end, and whether it
// matched.
func restAt(t string, i int, rest string) (int, bool) { return restEnd(t, i, rest, false) }

// restEnd is restAt; whole, as if rest ended with "=", allows no plural s
// and ends the word there (restAt(t, i, w+"=") without building the string).
func restEnd(t string, i int, rest string, whole bool) (int, bool) {
	for rest != "" {
		if rest == "=" {
			return i, i >= len(t) || !isWordByte(t[i])
		}
		if rest[0] == '*' {
			for i < len(t) && isWordByte(t[i]) {
				i++
			}
			rest = rest[1:]
			continue
		}
		lit := rest
		if j := markAt(rest); j >= 0 {
			lit = rest[:j]
		}
		if !strings.HasPrefix(t[i:], lit) {
			return 0, false
		}
		i, rest = i+len(lit), rest[len(lit):]
		if rest == "" && whole {
			return i, i >= len(t) || !isWordByte(t[i])
		}
		if rest == "" && i < len(t) && isWordByte(t[i]) {
			if t[i] != 's' || i+1 < len(t) && isWordByte(t[i+1]) {
				return 0, false
			}
			i++ // the plural s
		}
	}
	return i, true
}

// Suffix reports whether t ends with one of the phrases (spaces trimmed).
func (p Phrases) Suffix(t string) bool {
	t = trimSpace(t)
	if t == "" {
		return slices.Contains(p, "")
	}
	last := t[len(t)-1]
	for _, w := range p {
		// The last bytes first: most phrases end otherwise, and are passed
		// over without comparing the strings.
		if n := len(t) - len(w); n >= 0 && w != "" && w[len(w)-1] == last && t[n:] == w && (n == 0 || t[n-1] == ' ') {
			return true
		}
	}
	return false
}

func trimSpace(s string) string {
	for len(s) > 0 && s[0] == ' ' {
		s = s[1:]
	}
	for len(s) > 0 && s[len(s)-1] == ' ' {
		s = s[:len(s)-1]
	}
	return s
}

// Talk holds the words of conversation the reader uses.
var Talk = struct {
	// Smalltalk are whole messages that are greetings, thanks or
	// acknowledgements.
	Smalltalk Phrases
	// Filler may surround smalltalk ("ok thanks so much!").
	Filler Phrases
	// Others are possessives and words that make the title after them
	// another person's: "my VP", "our director".
	Others Phrases
	// OwnWords after a title make it the asker's own job again: "my senior
	// PM role".
	OwnWords Phrases
	// SpeechVerbs after a title make it a person who acts: "the director
	// says".
	SpeechVerbs Phrases
	// Towards are verbs and prepositions whose object is another person:
	// "report to", "work for".
	Towards Phrases
	// WorkVerbs take people as their object: "mentor junior PMs".
	WorkVerbs Phrases
	// StepWords name a step between rungs and no facet: "the next level up".
	StepWords Phrases
	// PromotedFor before a title make it the rung a promotion would reach:
	// "passed over for senior PM".
	PromotedFor Phrases
	// PromoNouns after a title make it the rung a promotion reaches: "a
	// director promotion".
	PromoNouns Phrases
	// Hedges soften a question without changing what it asks: "actually".
	Hedges Phrases
	// AskerObject are the asker as the object of someone's words: "she
	// keeps telling me".
	AskerObject Phrases
	// Doubt words hedge a refusal into a question: "not sure I'd enjoy".
	Doubt Phrases
	// Equivalence words weigh two rungs or tracks against each other:
	// "is a staff PM on par with a director?".
	Equivalence Phrases
	// NoTeam words want the work without people to manage.
	NoTeam Phrases
	// About words name what an item is about: "the one about hiring".
	About Phrases
	// Instead words set a subject aside and ask for what to put in its
	// place: "if not the timeline, what then?".
	Instead Phrases
	// TimeWords name the passing of time in a career, besides the reader's
	// timeline cues: "the clock".
	TimeWords Phrases
	// Standing names rank and titles as a measure of a career; set aside
	// ("don't care about titles") it asks what matters instead.
	Standing Phrases
	// SetAside put what follows out of what the asker counts.
	SetAside Phrases
	// Entry words ask where on the ladder a person can start: "start
	// straight at senior".
	Entry Phrases
	// PathAsk asks for a line of work that fits what the asker described:
	// "could that kind of work be a role of its own?".
	PathAsk Phrases
	// CompareBase words put a level as the base a comparison starts from:
	// "differently from a regular PM".
	CompareBase Phrases
	// Arrived words say a step already taken: "just got promoted", "newly
	// promoted". They are no step still to take.
	Arrived Phrases
	// Quality words after "to be a" make it a wish to do a job well, not a
	// step to another rung: "to be a good associate".
	Quality Phrases
	// ToMe follow people who work under the asker: "the directors report to me".
	ToMe Phrases
	// Rejects open a clause that sets a level aside: "don't want to be".
	Rejects Phrases
	// NotYet turn a rejection into a hope: "not yet senior".
	NotYet Phrases
	// ClauseBreaks end the reach of a rejection or a possessive.
	ClauseBreaks Phrases
	// Ordinals point at the items of the previous answer, in order; "last"
	// is the last one.
	Ordinals []Ordinal
	// Numbered point alone, with no determiner and no item noun ("number 5
	// worries me").
	Numbered []Ordinal
	// Intensifiers may stand between a determiner and an ordinal.
	Intensifiers Phrases
	// IntroAfter follow a title that opens a message to say where its writer
	// works ("senior pm at a bank").
	IntroAfter Phrases
	// Against set a level beside the one talked about only to compare
	// ("how does a director's week differ, set against a staff PM's?").
	Against Phrases
	// DoingVerbs after "i" tell what the writer does at work ("i translate
	// goals into strategy"): a description to place them by.
	DoingVerbs Phrases
	// NotAsked before a request's verb make it something told, not asked
	// ("i've never written code").
	NotAsked Phrases
	// He and She are the pronouns of one gender, read to tell apart two
	// people the asker told of.
	He, She Phrases
	// Plans are what a person told of means to do ("Josh's idea", "her
	// plan"): asked about, the roles their description names.
	Plans Phrases
	// ToTheirs name where another person is, as somewhere the asker may
	// want to get ("to get where she is").
	ToTheirs Phrases
	// MovedOwn tell of the asker's own move from one level to another ("i
	// went from apm to pm"): the level after "to" is theirs now.
	MovedOwn Phrases
	// ItemNouns follow an ordinal ("the second skill").
	ItemNouns Phrases
	// NotNames are capitalised words of conversation that name no person.
	NotNames Phrases
	// Relations are the people an asker calls "my ...": "my boss", "my
	// friend". One word each.
	Relations Phrases
	// Became are the words for a change of one's title: the level after
	// the " to " that follows is the person's now.
	Became Phrases
	// Other points at the one of two things set side by side that the
	// talk has not taken up yet: "the other one".
	Other Phrases
	// OtherAtEnd point at the other thing only when they end the question
	// ("and what about the other?"): elsewhere they lead a noun.
	OtherAtEnd Phrases
	// FitsMe ask for the thing that suits the asker: "the one that fits me".
	FitsMe Phrases
	// SkillWords ask for a skill by that word.
	SkillWords Phrases
	// YouListed say that the coach listed what a pointer points at: "the
	// second one you listed".
	YouListed Phrases
	// HeldBefore say that the rung after them was held before: "when he
	// was a director", "back when I was".
	HeldBefore Phrases
	// NotItemWords say where an item stands, not what it is: "the other
	// one", "the last one" name no item in part.
	NotItemWords Phrases
	// SameAsked asks of something else what was asked before ("what about
	// the other one?"): no facet of its own, though "what about" reads as
	// an overview.
	SameAsked Phrases
	// OtherTrack points at the track the talk is not on: "the other path".
	OtherTrack Phrases
	// ManagementTrack names the managing route by its word, as one of two
	// routes set side by side ("management or IC?", "the management one").
	ManagementTrack Phrases
	// Placement asks where the asker stands.
	Placement Phrases
	// FirstPerson verbs describe the asker's own work: "I own", "I run".
	FirstPerson Phrases
	// ThirdPerson refers to someone other than the asker.
	ThirdPerson Phrases
	// TheyPronouns are the pronouns of people other than the asker: a facet
	// asked with one as its subject is asked of them ("how is he judged?",
	// "which skills matter for them?").
	TheyPronouns Phrases
	// ToldBack point at what the asker told of themselves earlier in the
	// conversation: "given what I told you", "someone like me".
	ToldBack Phrases
	// Choose ask to pick among the things the coach listed: "which of
	// those", "which one".
	Choose Phrases
	// ThatThing point back at the level or path talked about as a whole:
	// "I don't want that life".
	ThatThing Phrases
	// Earlier place what is pointed at before the coach's last answer:
	// "option 4 from your list earlier".
	Earlier Phrases
	// ObjectOf are the words before a pronoun that make its person who
	// something is for or done to: "for her", "work on me".
	ObjectOf Phrases
	// FirstPersonWords refer to the asker (a possessive "my" does not: "my
	// director" is someone else).
	FirstPersonWords Phrases
	// Moving are verbs of moving up to a level: with one, "the level after
	// that" is a step to take, not a level to look at.
	Moving Phrases
	// Managing names managing people, the thing a rejection of the
	// management rungs sets aside: "zero interest in managing people".
	Managing Phrases
	// Beyond before a title means the rung above it: "past the associate
	// stage".
	Beyond Phrases
	// Under before a title means the rung below it: "the level right below
	// director".
	Under Phrases
	// Review words ask what evidence shows a person performs at a level:
	// reviews, promotion cases.
	Review Phrases
	// Caveat words ask what a role costs or whether one would enjoy it.
	Caveat Phrases
	// FirstObject makes a question about a third person one about the asker
	// after all: a third person who asks something of "me".
	FirstObject Phrases
	// After moves one rung up from the level talked about.
	After Phrases
	// Dislike after what it is about ("managing people sounds miserable")
	// sets it aside as a rejection before it does.
	Dislike Phrases
	// Intro follow a title that opens a message to say who is writing:
	// "Senior PM here, ...".
	Intro Phrases
	// Compare are the words that ask how something differs; asked of the
	// previous answer ("how is that different for ...") they keep its
	// facet instead of asking what changes at a level.
	Compare Phrases
	// AnswerPointers point back at the previous answer.
	AnswerPointers Phrases
	// ThatNext point at the next level the conversation talked about,
	// not the one after it.
	ThatNext Phrases
	// Conditions open a clause that sets when the question applies ("once
	// I'm there, ..."): what it asks is in the clause after.
	Conditions Phrases
	// NotEnough negate how much, not the level after them: "not enough at
	// the mid level" rejects nothing.
	NotEnough Phrases
	// People are words for a person that hold a word the reader reads
	// otherwise ("skip" of skipping a rung in "skip-level").
	People Phrases
	// ThirdSubjects are the words for another person as the subject of a
	// clause: "she's a staff PM".
	ThirdSubjects Phrases
	// BothOf point at two levels set side by side before: "which of the two".
	BothOf Phrases
	// CompareAsk set two levels side by side, besides the reader's
	// comparison cues: "where's the line between A and B".
	CompareAsk Phrases
	// Choice joins two things to pick between: "X or Y".
	Choice Phrases
}{
	Smalltalk: Phrases{"hi", "hello", "hey", "hiya", "yo", "good morning", "good afternoon", "good evening", "howdy",
		"hola", "bonjour", "hallo", "ciao", "namaste", "salut", "hej", "ola",
		"thanks", "thank you", "thx", "ty", "cheers", "much appreciated", "appreciate it", "that helps", "that helped",
		"helpful", "very helpful", "helps", "helped", "useful", "very useful", "really useful", "super useful", "thank", "appreciated", "super helpful", "great", "cool", "nice", "awesome", "perfect", "got it", "ok", "okay",
		"k", "sure", "makes sense", "that makes sense", "bye", "goodbye", "see you", "how are you", "who are you",
		"what can you do", "what do you do", "help", "lol", "wow", "interesting", "fair enough", "fair", "noted", "understood",
		"sounds good", "all good", "brilliant", "lovely", "great thanks", "good to know", "i see"},
	Filler: Phrases{"so", "much", "very", "a lot", "again", "that", "this", "really", "that's", "thats", "it", "is", "was",
		"you", "there", "coach", "all", "for", "the", "answer", "info", "oh", "ah", "well", "just", "and", "yes", "yeah", "no", "nope"},
	Others: Phrases{"my", "our", "his", "her", "their", "the team's", "a colleague's", "my company's", "someone", "somebody"},
	OwnWords: Phrases{"role", "title", "level", "job", "position", "promotion", "promo", "packet", "review", "path",
		"track", "rung", "stage", "interview", "offer"},
	SpeechVerbs: Phrases{"says", "said", "wants", "wanted", "asked", "asks", "ask", "told", "tells", "thinks", "thought", "expects",
		"expected", "gave", "gives", "keeps", "insists", "suggested", "suggests", "mentioned", "feels", "believes", "pushes",
		"pushed", "is asking", "is pushing", "has asked", "wants me", "needs me"},
	StepWords:   Phrases{"next level up", "one level up", "a level up", "the level up", "a rung up", "one rung up", "next rung up"},
	PromotedFor: Phrases{"passed over for", "turned down for", "rejected for", "denied promotion to", "denied promotion for", "knocked back for", "not promoted to", "blocked for", "declined for", "didn't get promoted to", "did not get promoted to", "missed out on", "missed promotion to", "up for", "considered for", "in the running for", "put up for", "nominated for", "going for", "promoted to", "promotion to", "promo to"},
	PromoNouns:  Phrases{"promotion", "promo", "promotions", "promos"},
	Hedges:      Phrases{"actually", "really", "even", "just", "honestly", "literally", "exactly", "basically", "truly", "ever"},
	AskerObject: Phrases{"me", "myself"},
	Doubt: Phrases{"not sure", "unsure", "don't know if", "do not know if", "don't know whether", "wonder if", "wondering if",
		"not certain", "no idea if", "not convinced"},
	Equivalence: Phrases{"more influence", "less influence", "who has more", "outrank", "outranks", "equivalent", "equivalence", "same level as", "on par", "as senior as", "a step below", "a step above",
		"same seniority", "in terms of seniority", "as much influence", "same influence", "kind of influence", "in terms of influence",
		"same level of influence", "as influential", "rank as", "ranks as", "level with", "peer of", "peers with", "which is bigger", "which is higher", "more senior", "ranks higher", "higher up",
		"considered the same", "count as the same", "counts as the same", "same rank", "same tier", "equally senior",
		"how senior", "as much pull", "as much clout", "as much say", "as much weight", "as respected", "as much respect"},
	NoTeam: Phrases{"zero reports", "zero direct reports", "0 reports", "without any reports", "no one reports to me",
		"no-reports", "no-reports path", "no-reports route", "no-reports track",
		"nobody reports to me", "without a team", "without taking on a team", "without managing", "without direct reports", "without reports",
		"without people to manage", "no team", "no direct reports", "no reports", "not managing people", "without having to manage",
		"without being a manager", "without becoming a manager", "without the people side"},
	About:     Phrases{"about", "regarding", "around", "covering", "on"},
	Instead:   Phrases{"instead of", "rather than", "if not", "other than", "instead", "besides"},
	TimeWords: Phrases{"clock", "the calendar", "years", "time in role", "tenure", "timeline", "timelines"},
	Standing:  Phrases{"titles", "title", "climb", "climbing", "rank", "status", "prestige", "the org chart", "promotions"},
	SetAside: Phrases{"shouldn't", "should not", "not by", "don't care about", "do not care about", "dont care about", "not trying to", "couldn't care less about", "not chasing",
		"no interest in", "not fussed about", "not bothered about", "don't need"},
	Entry: Phrases{"start straight at", "start straight as", "start right at", "start directly at", "come in straight",
		"skip the junior", "skip junior", "without doing the junior", "without the junior", "enter at", "join at", "join as a senior"},
	PathAsk: Phrases{"career direction", "a direction for", "a path for that", "a path where", "a role for that", "a role where",
		"a job where", "a job for that", "a career for that", "a career where", "my actual job", "my whole job", "my full-time job",
		"do that full time", "do this full time", "a track for that", "roles that focus", "a role that focuses", "jobs that focus"},
	Against:     Phrases{"compared to", "compared with", "than", "versus", "vs", "unlike", "next to"},
	CompareBase: Phrases{"from", "than", "compared to", "compared with", "next to", "versus", "vs", "unlike"},
	Arrived: Phrases{"got promoted", "was promoted", "were promoted", "been promoted", "just promoted", "recently promoted",
		"newly promoted", "finally promoted", "got my promotion", "got the promotion", "just became", "recently became", "became a", "became an",
		"got bumped up", "was bumped up", "just got bumped", "got moved up", "was moved up", "got levelled up", "got leveled up"},
	Quality: Phrases{"good", "great", "better", "strong", "stronger", "successful", "effective", "excellent", "solid", "top", "decent"},
	ToMe: Phrases{"report to me", "reports to me", "reporting to me", "report into me", "reports into me", "work for me",
		"works for me", "working for me", "work under me", "works under me", "are under me", "is under me", "under me",
		"reporting into me", "reporting up to me", "roll up to me", "rolls up to me", "rolling up to me", "roll up into me", "rolls up into me", "report up to me", "reports up to me"},
	Towards: Phrases{"report to", "reports to", "reporting to", "work for", "works for", "working for", "work under",
		"working under", "work with", "working with", "present to", "presenting to", "pitch to", "update", "updates to",
		"talk to", "talking to", "meet with", "meeting with", "answer to", "convince", "persuade", "impress", "tell",
		"ask", "asked", "show", "showing", "sit with", "partner with", "hired by", "managed by", "mentored by", "coached by",
		"in front of", "in a room with", "in meetings with", "speaking to", "speak to"},
	WorkVerbs: Phrases{"mentor", "mentors", "mentoring", "mentored", "manage", "manages", "managing", "coach", "coaches",
		"coaching", "hire", "hires", "hiring", "guide", "guides", "guiding", "lead", "leads", "leading", "develop",
		"develops", "developing", "grow", "grows", "growing", "support", "supports", "supporting", "train", "trains",
		"training", "onboard", "onboarding", "run", "runs", "running", "oversee", "oversees"},
	Rejects: Phrases{"don't want", "do not want", "dont want", "doesn't want", "didn't want", "never want", "never wanted",
		"not want", "no desire", "no interest in", "not interested in", "isn't interested in", "zero interest in", "zero desire", "little interest in", "not keen on", "not keen to",
		"rather not", "would rather not", "prefer not", "avoid", "avoiding", "never", "not", "instead of", "rather than",
		"other than", "without becoming", "without being", "don't see myself", "can't see myself", "hate", "dread",
		"dreading", "not aiming", "no longer want", "not planning", "don't plan", "not sure i want", "not for me",
		"where i don't", "where i do not", "where i wouldn't", "where i won't", "don't think i want", "don't think i ever want", "do not think i want", "don't think i'd want", "doesn't involve", "does not involve", "don't involve", "doesn't require", "does not require", "doesn't mean", "no need for"},
	NotYet: Phrases{"yet", "not yet", "not quite", "not there yet", "still not"},
	ClauseBreaks: Phrases{"but", "though", "although", "however", "because", "so", "and i", "and i'm", "and im", "and i am", "and what", "what",
		"how", "which", "where", "is there", "are there", "can i", "should i", "could i"},
	Ordinals: []Ordinal{
		{"first", 1}, {"1st", 1}, {"second", 2}, {"2nd", 2}, {"third", 3}, {"3rd", 3}, {"fourth", 4}, {"4th", 4},
		{"fifth", 5}, {"5th", 5}, {"sixth", 6}, {"6th", 6}, {"last", -1}, {"final", -1}, {"latter", -1}, {"former", 1},
		{"top", 1},
	},
	Numbered: numberedPoints(),
	// Intensifiers may stand between a determiner and an ordinal ("the very last").
	Intensifiers: Phrases{"very", "absolute", "really"},
	Relations: Phrases{"boss", "manager", "skip-level", "mentor", "mentee", "report", "lead", "friend", "buddy", "colleague",
		"coworker", "co-worker", "teammate", "peer", "partner", "wife", "husband", "sister", "brother", "cousin", "cofounder", "co-founder"},
	NotNames: Phrases{"anyway", "meanwhile", "also", "thanks", "thank", "ok", "okay", "yes", "yeah", "yep", "hi", "hello", "hey",
		"sorry", "honestly", "actually", "well", "cool", "great", "right", "sure", "update", "btw", "oh", "ah", "hmm", "nope", "wait",
		"please", "maybe", "true", "got", "nice", "awesome", "perfect", "interesting", "makes", "sense", "agreed", "fair", "good"},
	Became: Phrases{"promoted", "title got changed", "title was changed", "title changed", "title got updated", "title was updated",
		"got bumped", "bumped up", "was moved up", "got moved up", "got levelled up", "got leveled up"},
	DoingVerbs: Phrases{"align", "balance", "bring", "build", "champion", "choose", "coach", "collaborate", "communicate", "conduct",
		"coordinate", "decide", "define", "deliver", "design", "drive", "explain", "guide", "handle", "help", "hire", "influence",
		"lead", "manage", "mentor", "own", "partner", "present", "prioritise", "prioritize", "report", "represent",
		"review", "run", "set", "shape", "ship", "spend", "support", "sync", "track", "translate", "work", "write",
		"advise", "sit", "fix", "spot", "challenge", "create", "grow", "oversee", "update", "negotiate", "analyse",
		"analyze", "research", "interview", "test", "launch", "scope", "estimate", "groom", "triage", "facilitate", "set up"},
	NotAsked: Phrases{"never", "i've", "ive", "i have", "i had", "haven't", "havent", "can't", "cant", "cannot", "don't", "dont",
		"didn't", "didnt", "not", "no need to", "without"},
	He:    Phrases{"he", "him", "his", "he's", "hes", "himself"},
	She:   Phrases{"she", "her", "hers", "she's", "shes", "herself"},
	Plans: Phrases{"idea", "plan", "plans", "move", "switch", "pivot", "thinking", "dream", "the move", "the switch"},
	ToTheirs: Phrases{"where she is", "where he is", "where they are", "her level", "his level", "their level", "her job",
		"his job", "her role", "his role", "her position", "his position", "her shoes", "his shoes", "like her", "like him"},
	MovedOwn: Phrases{"i went from", "i've gone from", "i have gone from", "i moved from", "i've moved from", "i switched from",
		"i just went from", "i just moved from", "i got bumped from", "i was bumped from", "i got bumped up from", "i was bumped up from",
		"i got moved up from", "i was moved up from"},
	Other: Phrases{"the other one", "the other option", "the other path", "the other route", "the other role", "the other skill",
		"the other track", "the other choice", "other one", "still considering", "still weighing", "the one that's left",
		"the one left", "the remaining one", "the option left", "the path left"},
	OtherAtEnd: Phrases{"the other"},
	SkillWords: Phrases{"skill", "skills", "skillset", "competency", "competencies"},
	YouListed:  Phrases{"you listed", "you mentioned", "you named", "you gave", "you suggested", "you said", "your list", "on that list", "on the list", "in that list", "you just listed", "you just mentioned"},
	HeldBefore: Phrases{"he was", "she was", "they were", "he used to be", "she used to be", "they used to be", "was still",
		"were still", "back when", "used to be", "formerly", "previously", "ex"},
	NotItemWords: Phrases{"other", "same", "next", "last", "first", "second", "third", "fourth", "fifth", "previous", "former", "latter",
		"new", "old", "right", "wrong", "main", "big", "biggest", "hard", "hardest", "easy", "easiest", "important", "best", "worst", "only",
		"final", "top", "bottom", "middle", "above", "below", "before", "after", "higher", "lower", "senior", "junior", "current", "whole", "entire"},
	SameAsked: Phrases{"what about", "how about", "what of", "same for", "same question for", "and for", "same question",
		"same thing for", "same thing but", "same but for", "same again for", "ask the same", "asking the same"},
	OtherTrack: Phrases{"the other track", "the other path", "the other route", "the other ladder", "other track", "other path", "other route"},
	ManagementTrack: Phrases{"people management", "the management route", "the management track", "the management path",
		"the management side", "the management one", "the manager one", "the manager track", "the manager route", "management route",
		"management track", "management path", "go into management", "going into management", "move into management",
		"moving into management", "people manager route", "people manager track", "people leadership track"},
	ItemNouns: Phrases{"one", "ones", "point", "points", "item", "items", "thing", "things", "option", "options", "skill", "line",
		"bullet", "path", "paths", "route", "routes", "level", "levels", "rung", "rungs", "role", "roles", "step", "steps", "idea",
		"ideas", "suggestion", "area", "areas", "on that list", "on the list", "in that list", "you mentioned", "you listed"},
	Placement: Phrases{"what level am i", "which level am i", "what level would i be", "which level would i be", "what level is that",
		"what level is this", "what rung am i", "which rung am i", "where do i fit", "where do i sit", "where do i stand",
		"where am i on", "where would i be on", "that put me", "what level does that make me",
		"where do i land", "what's my level", "what is my level", "which level fits", "what level fits", "what stage am i",
		"which stage am i", "what level should i be", "am i at", "which level do i", "what level do i", "place me"},
	FirstPerson: Phrases{"my week", "my days", "my work is", "my work", "my role is", "i'm on the", "i am on the", "i'm part of", "i have", "most of my", "my time", "i'm writing", "i'm running", "i'm doing", "i own", "i run", "i lead", "i manage", "i write", "i define", "i drive", "i set", "i report",
		"i present", "i work", "i ship", "i build", "i handle", "i coordinate", "i mentor", "i coach", "i oversee",
		"i'm responsible", "i am responsible", "i'm in charge", "i am in charge", "i spend", "i do", "i track", "i help",
		"i support", "i partner", "i align", "i shape", "i make", "i sit", "my job is", "my day", "my team", "i'm trusted", "i am trusted"},
	ThirdPerson: Phrases{"she", "her", "he", "him", "his", "they", "them", "their", "that level", "their level", "that job", "that role", "her job", "his job", "their job", "her role", "his role", "their role",
		"someone at", "that person", "this person", "someone in that", "someone like that", "people at that", "hers"},
	TheyPronouns: Phrases{"she", "he", "her", "him", "she's", "he's", "she'd", "he'd", "she'll", "he'll", "they", "them", "they're", "they'd", "they'll"},
	ToldBack: Phrases{"what i told*", "i told you", "i've told you", "what i said", "i said earlier", "i said before",
		"i mentioned", "i've mentioned", "what i shared", "i shared", "like me", "where i work", "my situation",
		"my background", "my context", "about myself", "what you know about me", "given my", "my circumstances",
		"fits me", "fit me", "suits me", "suit me", "closest to me", "right for me", "fit for me", "match for me", "best fit"},
	Choose: Phrases{"which of those", "which of these", "which of them", "which of the", "which one", "which ones",
		"which option", "which path", "which role", "which route", "which would", "which fits", "which suits"},
	FitsMe: Phrases{"fits me", "fit me", "suits me", "suit me", "closest to me", "right for me", "fit for me", "match for me", "best fit"},
	ThatThing: Phrases{"that life", "that job", "that role", "that level", "that path", "that track", "that route",
		"that lifestyle", "that kind of job", "that kind of role", "that kind of life", "that world"},
	Earlier: Phrases{"earlier", "list before", "at the start", "at the beginning", "first reply", "first answer",
		"first message", "a while ago", "a while back", "way back"},
	ObjectOf:         Phrases{"for", "on", "onto", "to", "at", "with", "from", "of"},
	FirstObject:      Phrases{"me", "myself", "my"},
	FirstPersonWords: Phrases{"i=", "me", "i'm", "im", "i've", "i'd", "i'll", "myself", "am i", "mine"},
	Moving: Phrases{"get to", "get there", "getting to", "become", "becoming", "reach", "reaching", "promoted", "move up",
		"move to", "moving to", "step up", "grow into", "make it to", "get past", "get beyond", "get promoted", "level up to"},
	Managing: Phrases{"manage", "managing", "manager", "management", "people manager", "direct reports", "reports",
		"lead people", "leading people", "run a team", "running a team", "people leadership", "run an org", "running an org",
		"run a whole org", "running a whole org", "run the org", "running the org", "run an organisation", "run an organization", "lead an org", "leading an org"},
	Under: Phrases{"below", "right below", "just below", "one below", "directly below", "one level below", "a level below",
		"one rung below", "a rung below", "beneath", "the level before", "the rung before"},
	Beyond: Phrases{"past", "beyond", "after", "above", "higher than", "further than", "out of", "promoted from", "moved up from",
		"bumped up from", "bumped from", "levelled up from", "leveled up from", "graduated from", "grew out of", "outgrown", "outgrew"},
	Review: Phrases{"performance review", "annual review", "self-review", "self review", "year-end review", "mid-year review",
		"calibration", "promo packet", "promotion packet", "promo case", "promotion case", "case for promotion", "case for a promotion",
		"strong case", "build a case", "build my case", "up for promotion", "going up for", "put up for",
		"promo committee", "promotion committee", "evidence", "demonstrate", "demonstrating", "prove", "proving", "proof",
		"show that i'm ready", "show i'm ready", "show that i am ready", "convince", "strong year", "good year", "great year",
		"performing well", "performing", "signs", "coasting", "meeting expectations", "exceeding expectations", "on track",
		"doing enough", "track record", "what counts", "passed over", "got passed", "didn't get promoted", "did not get promoted",
		"not promoted", "denied promotion", "self-assessment", "self assessment", "self-evaluation", "turned down for promotion", "feedback from my manager", "my manager's feedback"},
	Caveat: Phrases{"enjoyable", "fulfilling", "worth it", "worth aiming", "worth the", "giving up", "give up", "giving it up", "give it up", "think twice",
		"lose that", "have to give", "mean giving", "still get to", "miss out", "lose touch",
		"trade-off of", "downside", "downsides", "drawback", "drawbacks", "catch", "the cons", "hard part", "hardest part",
		"enjoy", "regret", "glamorous", "overrated", "dream job", "dream role", "the reality", "really like", "dark side",
		"mostly about", "all about", "losing touch", "good fit", "right fit", "fit for me", "suit me", "suits me", "not my thing", "my thing",
		"should know before", "what that job is like", "what the job is like", "what it's really like", "favourite part", "favorite part", "close to users", "close to the users"},
	After: Phrases{"after that", "after this", "after it", "beyond that", "beyond this", "above that", "above this",
		"above it", "up from there", "up from that", "next one up", "one rung up", "go up one", "one level up", "one step up",
		"the next rung", "the next level", "higher than that", "up from me", "one level up", "a level up", "level up from", "role above mine", "level above mine", "rung above mine", "one above mine", "above me",
		"above mine", "up from mine", "after mine", "the one above", "the level above", "the rung above", "the role above"},
	Intro:         Phrases{"here", "speaking"},
	IntroAfter:    Phrases{"at", "in", "for", "with", "on"},
	ThatNext:      Phrases{"that next level", "this next level", "that next rung", "that next role", "that next step", "that next stage", "that level up"},
	People:        Phrases{"skip-level", "skip level", "skip-levels", "skip levels", "skip-level manager", "skip manager"},
	NotEnough:     Phrases{"not enough", "not good enough", "isn't enough", "is not enough", "not sufficient", "not just", "not only", "no longer enough", "not strong enough", "not operating", "not performing", "not working at", "not acting as", "not acting like", "not showing up as", "not thinking like"},
	ThirdSubjects: Phrases{"she", "he", "they", "she's", "he's", "they're", "shes", "hes", "theyre"},
	BothOf:        Phrases{"the two", "those two", "these two", "both of them", "which of them", "either of them", "both roles", "both levels", "the two roles", "the two levels", "between them", "each one", "each of them", "each level", "each role"},
	Conditions:    Phrases{"once", "when", "if", "after", "as soon as", "by the time"},
	CompareAsk:    Phrases{"line between", "gap between", "distinction between", "what separates", "tell apart", "tell the difference", "bigger jump", "how far apart"},
	Dislike: Phrases{"miserable", "awful", "terrible", "horrible", "a nightmare", "not for me", "want to quit", "makes me want to", "no thanks",
		"not my thing", "doesn't appeal", "does not appeal", "drains me", "draining", "exhausting", "dread", "the worst", "not appealing", "unappealing", "isn't for me", "is not for me", "aren't for me",
		"isn't my thing", "makes me tired", "tires me", "exhausts me", "sounds tiring", "wears me out",
		"bores me", "bore me", "boring", "bored by", "bored of", "nah", "meh", "not really me", "not me"},
	Compare:        Phrases{"different", "differ", "differs", "difference", "change", "changes", "compare", "compares", "vary", "varies"},
	AnswerPointers: Phrases{"that", "this", "it", "those", "these", "that list", "this list", "the list", "that answer", "your answer"},
	Choice:         Phrases{"or", "vs", "versus"},
}

// Ordinal is a word that points at the n-th item (-1: the last).
type Ordinal struct {
	Word string
	N    int
}

// numberedPoints are a word for a point of a list with its number, in
// words or digits ("number 5", "option two"), and "#" with a digit.
func numberedPoints() []Ordinal {
	nouns := []string{"number", "option", "item", "point", "choice"}
	var out []Ordinal
	for n := 1; n <= len(numberNames); n++ {
		for _, noun := range nouns {
			out = append(out, Ordinal{noun + " " + numberNames[n-1], n}, Ordinal{noun + " " + strconv.Itoa(n), n})
		}
		out = append(out, Ordinal{"#" + strconv.Itoa(n), n})
	}
	return out
}

// numberNames are the numbers one to nine in words.
var numberNames = []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}

// numberNamesOf are the names of rung n by its number, as a ladder that numbers
// its rungs calls them ("level 4", "level four"); none for the side track.
func numberNamesOf(n int) []string {
	if n < 1 || n > len(numberNames) {
		return nil
	}
	return []string{"level " + strconv.Itoa(n), "level " + numberNames[n-1]}
}

// Nearby is a subject next to the article that the article does not cover:
// asked about, the coach says so and offers the closest thing it does say.
type Nearby struct {
	ID   string
	Name string // how the coach names it: "interview preparation"
	// Words name the subject in a question.
	Words Phrases
	// Unless are longer phrases holding a word that are about the ladder
	// after all ("user interviews").
	Unless Phrases
	// Covered are words a ladder's own text uses when it speaks to the
	// subject itself ("a doctorate"): a ladder that has one answers.
	Covered Phrases
}

// NearbySubjects are the subjects next to a career ladder that it does not
// cover. They are about careers in general, not this article.
var NearbySubjects = []Nearby{
	{ID: "pay", Name: "pay and raises",
		Words: Phrases{"a raise", "of a raise", "my raise", "bigger raise", "raise should", "pay bump", "pay increase", "salary increase", "how much more money", "how much money",
			"pay the most", "pays the most", "pay the best", "pays the best", "pay best", "pays best", "pay more", "pays more",
			"highest paid", "highest paying", "best paid", "best paying", "better paid", "better paying", "well paid", "paid well",
			"companies pay", "company pays", "employers pay", "employer pays", "who pays", "who pay",
			"push for more", "ask for more money", "how much should i ask", "how much to ask", "base salary", "base pay", "signing bonus", "sign-on bonus", "negotiating a", "negotiate a", "negotiating an", "negotiate an", "negotiating my", "negotiate my", "equity", "vesting", "comp package", "compensation package"}},
	{ID: "interviews", Name: "interview preparation",
		Words: Phrases{"interview", "interviews", "interviewing", "interviewer", "product sense", "case interview", "mock interview", "hiring loop", "onsite", "take-home", "take home assignment", "interview loop",
			"final round", "final rounds", "phone screen", "recruiter screen", "screening call"},
		Unless: Phrases{"user interview", "user interviews", "customer interview", "customer interviews", "research interview", "research interviews", "interviewing users", "interviewing customers", "interview users", "interview customers"}},
	{ID: "education", Name: "degrees, courses and certifications",
		Words:   Phrases{"mba", "emba", "executive mba", "degree", "masters", "master's", "phd", "certification", "certifications", "certificate", "certified", "course", "courses", "csm", "cspo", "pmp", "diploma", "university program", "online class", "nanodegree"},
		Covered: Phrases{"doctorate", "doctorates", "doctoral", "phd", "degree", "degrees", "mba", "certification", "certifications"}},
	{ID: "reading", Name: "books and other reading",
		Words: Phrases{"book", "books", "podcast", "podcasts", "newsletter", "newsletters", "blogs", "reading list", "youtube", "what should i read", "recommend reading"}},
	{ID: "frameworks", Name: "prioritisation and planning frameworks",
		Words: Phrases{"rice", "moscow", "kano", "ice score", "ice scoring", "wsjf", "jobs to be done", "jtbd", "okr", "okrs", "story points", "scrum", "kanban", "safe framework", "shape up", "double diamond", "design sprint", "framework should i use", "which framework"}},
	{ID: "tools", Name: "tools and software",
		Words: Phrases{"jira", "productboard", "aha!", "aha", "figma", "notion", "trello", "asana", "confluence", "amplitude", "mixpanel", "miro", "excel", "spreadsheet tool", "laptop", "macbook", "software should", "which tool", "what tool", "tools should", "best tool", "tooling", "app should i use"}},
	{ID: "leaving", Name: "resigning and notice periods",
		Words: Phrases{"notice period", "notice", "resign", "resigning", "resignation", "two weeks", "counteroffer", "counter offer", "severance", "laid off", "layoff", "layoffs", "fired", "non-compete", "garden leave"}},
	{ID: "jobsearch", Name: "job hunting",
		Words: Phrases{"resume", "résumé", "cv", "cover letter", "linkedin", "job offer", "offer letter", "job board", "job boards", "apply for jobs", "job application", "referral",
			"which companies", "what companies", "best companies", "companies to apply", "companies hiring", "apm program", "apm programs", "rotational program", "rotational programs"}},
	{ID: "companylevels", Name: "one company's own levels and titles",
		Words: Phrases{"l3", "l4", "l5", "l6", "l7", "l8", "l9", "l-level", "l-levels", "levels.fyi", "level codes", "ic4", "ic5", "ic6", "e5", "e6", "e7"}},
	{ID: "immigration", Name: "immigration and work permits",
		Words: Phrases{"immigration", "immigrate", "immigrating", "express entry", "noc code", "work permit", "work permits", "green card", "h-1b", "h1b", "permanent residency", "citizenship", "sponsorship", "visa sponsorship"}},
	{ID: "legal", Name: "legal questions about contracts and employment",
		Words: Phrases{"legally", "legal advice", "lawyer", "lawyers", "attorney", "sue", "lawsuit", "contract clause", "non-compete clause", "non-compete", "noncompete", "nda", "enforceable", "employment law"}},
	{ID: "metrics", Name: "how to calculate a metric",
		Words: Phrases{"formula", "formulas", "calculate", "calculating", "calculation", "compute ltv", "compute cac", "compute churn"}},
	{ID: "otherladders", Name: "career ladders of other professions",
		Words: Phrases{"engineering ladder", "engineering career ladder", "engineering manager ladder", "engineering manager career ladder", "engineer ladder",
			"design ladder", "design career ladder", "designer ladder", "data science ladder", "sales ladder", "marketing ladder", "other professions"}},
	{ID: "documents", Name: "document templates",
		Words: Phrases{"prd", "prds", "template", "templates", "one-pager", "spec template", "product spec"}},
	{ID: "workplace", Name: "workplace matters such as remote work, hours and benefits",
		Words: Phrases{"remote work", "remote", "remotely", "return to office", "in-office", "work from home", "wfh", "hybrid work", "four-day week", "4-day week", "overtime", "working hours", "benefits", "vacation", "holiday allowance", "parental leave"}},
	{ID: "fundraising", Name: "raising money for a startup",
		Words: Phrases{"pre-seed", "preseed", "seed round", "series a", "angel investor", "angel investors", "angels", "vcs", "venture capital",
			"fundraise", "fundraising", "raise money", "raising money", "raise a round", "term sheet", "valuation", "cap table", "pitch deck"},
		Unless: Phrases{"fundraising pitch", "fundraising pitches"}},
	{ID: "wellbeing", Name: "stress, burnout and wellbeing",
		Words: Phrases{"burnout", "burning out", "burnt out", "burned out", "burn out", "work-life balance", "work life balance", "stress", "stressed", "mental health",
			"therapy", "therapist", "anxiety", "set boundaries", "setting boundaries", "boundaries with"}},
}
