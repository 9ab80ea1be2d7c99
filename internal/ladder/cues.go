package ladder

// Cues are the words the question reader looks for besides the words of
// conversation in Talk: the topics a question asks, the steps it takes,
// what it points back at and what takes it out of scope. A "*" after a word
// lets the word go on ("promot*": promoted, promotion).
var Cues = struct {
	// Unrelated words open a new topic: nothing of the conversation carries over.
	Unrelated Phrases
	// MyLevel points at the asker's own level: "where I am".
	MyLevel Phrases
	// Anaphora point back at what was talked about: "that level", "them"
	// (never "its").
	Anaphora Phrases
	// WhichLevel asks which rung something belongs to, not about the ladder as a whole.
	WhichLevel Phrases
	// NotStated between "I am" and a title make it no level the asker holds: "I am ready for".
	NotStated Phrases
	// Ladder words ask about the ladder as a whole: its levels, its progression.
	Ladder Phrases
	// Adjacent words ask about roles next to product management and leaving it.
	Adjacent Phrases
	// Advice words ask for the article's closing advice: takeaways, a summary.
	Advice Phrases
	// Compare words ask how two levels differ.
	Compare Phrases
	// CaveatText are the words of a section that tempers a role: whom it
	// may not suit, what it does not mean.
	CaveatText Phrases
	// Paths words ask where a career can start and whether it must go rung by rung.
	Paths PhraseTable
	// FirstRef points back at the first level the conversation talked about.
	FirstRef Seqs
	// TargetRef points at the level the asker said they want to reach.
	TargetRef Seqs
	// AboveRel names the rung above the one talked about.
	AboveRel Seq
	// Prev names the rung below the one talked about.
	Prev Seqs
	// Next names the rung after one: "the next level", "the one above mine".
	Next Seqs
	// NoLeave says the asker wants to stay in product: adjacent roles are not asked.
	NoLeave Seq
	// NoManage refuses managing people: the IC track, not the managing rungs.
	NoManage Seq
	// Arrows between two levels make a step from the first to the second;
	// they are symbols, found anywhere.
	Arrows []string
	// Aside opens what a question sets aside, up to the end of its clause:
	// any words after it.
	Aside Seq
	// Stay words followed closely by Growing words keep on growing at a
	// level, not into the next one.
	Stay    Phrases
	Growing Phrases
	// Already a senior rung: growing there, not towards it.
	Already Seq
}{
	Unrelated: Phrases{"unrelated", "off-topic", "off topic", "by the way", "random question", "different topic", "change of subject", "on another note",
		"switching gears", "switch gears", "changing gears", "change gears", "new topic", "different question", "separate question", "changing the subject", "change the subject"},
	MyLevel: Phrases{"my level", "my rung", "my role", "my stage", "my current level", "where i am", "back to me", "enough about them", "enough about him", "enough about her",
		"the job i have", "the role i have", "the level i'm at", "the level i am at", "where i'm at", "my current role", "my current job",
		"my own level", "my own role", "my job now", "my role now", "job i have", "role i have", "job i'm in", "role i'm in",
		"my new role", "the new role", "my new level", "the new level", "my new job", "the new job", "my new title", "the new title"},
	Anaphora:   Phrases{"there=", "that level=", "this level=", "that role=", "this role=", "that stage=", "this stage=", "that rung=", "same level=", "at that=", "for that=", "in that=", "it=", "they=", "them=", "those=", "these=", "that="},
	WhichLevel: Phrases{"which part of the ladder", "which level", "which rung", "which stage", "what part of the ladder", "what level", "what rung", "what stage", "where on the ladder", "where in the ladder", "at what level", "at what stage", "at what point"},
	NotStated:  Phrases{"ready", "for", "to", "becom*", "want*", "aim*", "hop*", "promot*", "not", "never", "no longer", "applying", "interview*", "doing"},
	Ladder:     Phrases{"career ladder*", "career path*", "ladder*", "the levels*", "what levels*", "which levels*", "all levels*", "levels of*", "levels in*", "progression*", "standard path*", "typical path*", "career track*", "hierarchy*", "titles*", "rungs*", "career stages*", "structure of pm*"},
	Adjacent: Phrases{"left pm*", "left product*", "leav* pm", "leav* product", "different field*", "different career*", "different industry*", "carry over*", "transferable*", "skills transfer", "transfer my skills", "skills carry", "where do those skills", "other field*", "adjacent*", "lateral*", "other roles*", "other careers*", "other jobs*", "leave product*", "leaving product*", "outside product*", "outside of product*", "outside pm", "outside of pm", "outside the pm", "alternative*", "other paths*", "other options*", "pivot*", "career switch*", "switch careers*", "what else can*", "exit options*", "exit paths*",
		"pm altogether*", "product altogether*", "product management altogether*", "burnt out on pm*", "burned out on pm*", "burnt out on product*", "burned out on product*",
		"done with pm*", "done with product*", "tired of pm*", "tired of product*", "quit pm*", "quit product*", "out of pm*",
		"non-pm*", "non-product*", "beyond product management*"},
	Advice:     Phrases{"last words*", "words of wisdom*", "wisdom*", "parting words*", "parting advice*", "parting thoughts*", "takeaway*", "think about my career*", "think about my product career*", "think about a career*", "think about a product career*", "think about your career*", "think about your product career*", "final words*", "final thoughts*", "final advice*", "final tips*", "any advice*", "general advice*", "words of advice*", "key takeaway*", "what matters most*", "big lesson*", "main lesson*", "key lesson*", "mindset*", "bottom line*", "in a nutshell*", "sum up*", "sum it up*", "summary*", "overall advice*", "one piece of advice*"},
	Compare:    Phrases{"difference between", "differences between", "diff between", "diffs between", "differ from", "differ between", "differs between", "differ", "different from", "different between", "compare", "comparison", "versus", "vs", "vs.", "compared to", "compared with", "and how is", "or a", "distinguish*", "separate", "separates", "set apart", "sets apart", "apart from", "contrast*"},
	CaveatText: Phrases{"not all would*", "not all will*", "would enjoy*", "less time with*", "doesnt mean*", "doesn't mean*", "thats okay too*", "that's okay too*", "not just putting out fires*", "not a prescription*", "isnt a shortcoming*", "isn't a shortcoming*"},
	Paths: NewPhraseTable(Phrases{"come in above*", "come in at*", "come in directly*", "come in straight*", "come straight in*", "start directly at*", "enter directly*", "enter at*", "come in as*", "come in higher*", "above the entry*", "entry rung*", "start higher*", "start above*", "join as senior*", "join as higher*", "join as a senior*", "join as a higher*", "join as an senior*", "join as an higher*", "join at senior*", "join at higher*", "join at a senior*", "join at a higher*", "join at an senior*", "join at an higher*", "straight line*", "linear*", "in a line*", "one rung at a time*", "every step in order*", "every rung in order*", "every level in order*", "skip*", "have to start*", "need to start*", "must i start*", "start as*", "start out as*", "start at*", "start with*", "starting as*", "starting out as*", "starting at*", "starting with*", "starting point*", "entry point*", "nonlinear*", "non-linear*", "not linear*", "switch ladders*", "switching ladders*", "other ladders*", "career change*", "change careers*", "from another field*", "from another career*", "from another industry*", "jump straight*", "straight to*", "directly as*", "directly into*", "directly to*", "enter product*", "entering product*", "break into*", "breaking into*", "get into product*", "getting into product*", "into product management*", "without being a *", "without being an *", "without starting*", "come from*", "coming from*", "background*", "bootcamp*", "out of school*", "graduate*", "straight in*", "go straight*", "right in as*", "as my entry*", "as an entry*", "as the entry*",
		"all over the place*", "zigzag*", "zig-zag*", "unconventional*", "winding*", "unusual path*", "unusual route*", "unusual career*", "unusual background*",
		"have to aim*", "must i aim*", "supposed to aim*", "expected to aim*", "have to climb*", "must i climb*", "supposed to climb*", "expected to climb*",
		"have to keep climbing*", "everyone expects*"}),
	FirstRef: Seqs{
		{{"first"}, {"level", "role", "one", "rung"}},
		{{"one", "level", "role"}, {"we", "you"}, {"discussed", "described", "mentioned", "talked about"}, {"first"}},
		{{"discussed first", "the earlier one", "going back to the first"}},
	},
	TargetRef: Seqs{
		{{"the", "that", ""}, {"level", "role", "job", "rung", "position"}, {"i"}, {"want", "am aiming", "'m aiming", "m aiming", "aim", "hope"}},
		{{"my"}, {"target", "goal", "dream"}, {"level", "role", "job", ""}},
		{{"where i want to"}, {"be", "get"}},
		{{"the", "that", ""}, {"level", "role", "job", "rung", "position"}, {"i said", "i told you", "i mentioned"},
			{"i'm", "im", "i am", "i was", "i'd be", ""}, {"aiming*", "going for", "heading*", "shooting for", "want*", "hop*"}},
	},
	AboveRel: Seq{{"one", "level", "role", "rung", "step"}, {"just", "right", "immediately", ""}, {"above"}, {"it=", "that=", "this=", "there=", "them="}},
	Prev: Seqs{
		{{"one", "level", "role", "rung", "step", "stage"}, {"just", "right", "immediately", ""}, {"before", "below", "under"}, {"it=", "that=", "this=", "mine=", "there=", "them="}},
		{{"level", "rung", "role"}, {"below"}},
		{{"previous"}, {"level", "rung", "role", "stage"}},
		{{"the one before", "one down", "lower level", "step down"}},
	},
	Next: Seqs{
		{{"next"}, {"level=", "step=", "rung=", "role=", "stage="}},
		{{"promot*", "level up=", "move up=", "moving up=", "step up=", "stepping up=", "climb=", "grow into the next=", "what's next=", "whats next=", "higher level=", "next one up=", "next for me=", "after mine=", "the next one="}},
		{{"level", "rung", "step", "role", "one"}, {"above=", "up from=", "higher="}},
		{{"above"}, {"that=", "this=", "mine=", "my level="}},
		{{"level", "rung", "role", "one", "step"}, {"just", "right", "immediately"}, {"above="}},
		{{"come", "comes"}, {"next="}},
		{{"next"}, {"move=", "career step="}},
		{{"role", "level", "step", "rung", "one"}, {"after"}, {"mine=", "this=", "that=", "my=", "it=", "there="}},
	},
	NoLeave: Seq{{"don't", "dont", "do not", "never", "not"}, {"really", ""}, {"want*", "wish*", "plan*", "intend*"}, {"to", ""}, {"leave", "quit", "exit", "get out of"}, {"product*", "pm*"}},
	NoManage: Seq{{"don't", "dont", "do not", "never", "not"}, {"really", ""}, {"want*", "wish*", "plan*", "intend*", "like*", "enjoy*"}, {"to", ""},
		{"be a people manager*", "be a manager*", "be people manager*", "be manager*", "become a people manager*", "become a manager*", "become people manager*", "become manager*", "manag*", "lead people*", "have direct reports*", "have reports*"}},
	Arrows:  []string{"->", "→", "=>"},
	Aside:   Seq{{"instead of", "rather than", "forget about", "forget the", "forget", "never mind", "leaving aside", "leave aside", "setting aside", "set aside", "putting aside"}, {"*"}},
	Stay:    Phrases{"keep*", "stay*", "sustain*", "continue*", "remain*"},
	Growing: Phrases{"develop*", "grow*", "effective*", "succeed*", "learning*", "improv*", "sharp*"},
	Already: Seq{{"already"}, {"a", "an", ""}, {"vp*", "cpo*", "director*", "senior*", "lead*", "head*"}},
}
