package assess

import (
	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/lazyre"
)

// A signal is a way people describe the scope of their work (who they lead,
// what they own, who they answer to) that places them on a rung. The
// signals are the article's level descriptions put in everyday words; they
// weigh more than word overlap because scope, not vocabulary, sets a level.
type signal struct {
	level  string
	weight float64
	re     *lazyre.Regexp
	// negates is true when the pattern itself holds the negation ("no
	// direct reports"), so a "no" before it must not cancel it.
	negates bool
	// others is true when the pattern is about someone else directing the
	// person ("work my manager plans"), so a third-party subject is expected.
	others bool
	// defines is true for scope that sets the rung on its own: managing
	// PMs makes a manager of PMs whatever else the person does, a seat on
	// the executive team an executive.
	defines bool
	// unless, when set, cancels the signal if it matches the sentence from
	// where the signal starts: owning "the entire seller experience" is the
	// senior rung's whole domain, not the mid rung's area.
	unless *lazyre.Regexp
}

func defining(s signal) signal {
	s.defines = true
	return s
}

// wholeScope is an ownership phrase whose object is whole: "accountable for
// the entire seller experience", "I look after the whole billing journey".
var wholeScope = lazyre.New(`^(?:[\w'-]+ ){1,6}?(?:the |our |my |an |a )?(?:whole|entire|all of (?:the |our )?)\b`)

func ownsArea(s signal) signal {
	s.unless = wholeScope
	return s
}

func sig(level string, weight float64, pattern string) signal {
	return signal{level: level, weight: weight, re: lazyre.New(`\b(?:` + pattern + `)`)}
}

// Words that name the people a PM may lead or serve.
const (
	pms      = `(?:pms|product managers|product people|product folks|apms|associate pms|product owners)`
	depts    = `(?:marketing|legal|sales|ops|operations|finance|support|customer success|compliance|security|leadership|partnerships|hr|the business)`
	number   = `(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a dozen|several|a few|multiple|many)`
	areaWord = `(?:area|feature|features|flow|funnel|experience|surface|page|module|app|problem space|squad|workstream|product area|vertical|part of the product|piece of the product)`
)

var signals = []signal{
	// Associate: executing under guidance and learning.
	sig(ladder.Associate, 3, `still learning|learning (?:how|the ropes|the basics|what|about|our|the product)|getting up to speed|ramping up|new to (?:product|the role|pm|the team|this|the job)|learning the product`),
	sig(ladder.Associate, 3, `under (?:the |close )?(?:guidance|supervision|direction)|with (?:a lot of |close |some )?(?:guidance|supervision|oversight|hand-holding)|(?:guided|supervised|coached|reviewed) by (?:my|a|our|the)`),
	{level: ladder.Associate, weight: 3, others: true, re: lazyre.New(`\b(?:my|our) (?:manager|lead|boss|mentor|senior pm|senior|pm lead|product lead|team lead|director|head of product|pm)\b[^.;]{0,40}\b(?:plans?|planned|decides?|decided|sets?|owns?|owned|defines?|defined|assigns?|assigned|reviews?|reviewed|gives?|gave|hands?|handed|prioriti[sz]es?|prioriti[sz]ed|tells?|told|leads?|led|runs?|ran|signs? off|approves?|approved|checks?|checked|chooses?|chose|chosen|picks?|picked|selects?|selected)\b`)},
	sig(ladder.Associate, 2, `tickets?|user stor(?:y|ies)|sprint boards?|kanban|backlog|jira|acceptance criteria|bug (?:triage|reports?|bash)|release notes|grooming`),
	sig(ladder.Associate, 2, `stand-?ups?|sprint (?:planning|ceremonies|rituals)|take (?:the )?notes|taking notes|meeting notes|shadow\w*|sit in on`),
	sig(ladder.Associate, 2, `assist\w* (?:with|on|the|my|our)|help(?:ing)? (?:out )?(?:with|on) (?:the |our |my )?(?:research|discovery|testing|launches|release|sprint|backlog|tickets|docs|documentation|qa|interviews)|support(?:ing)? (?:the|my|our) (?:team|pm|pms|senior|lead|manager|product manager)`),
	sig(ladder.Associate, 2.5, `joined (?:\w+ ){0,3}(?:weeks?|months?) ago|(?:first|1st) (?:pm |product |full-time )?(?:job|role|year|months?)|just (?:started|joined)|recently (?:joined|started|graduated)|(?:a few|six|three|two|four|five|\d+) months? (?:in|into)|internship|intern\b|bootcamp|fresh out|new grad|graduate programme|graduate program|straight out of`),
	sig(ladder.Associate, 1.5, `small (?:features?|tasks?|things|fixes|improvements|projects|bugs?|changes|pieces)|on time|ask(?:ing)? for help|follow(?:ing)? through|dependable|reliable|clear (?:documentation|tickets|specs)|detailed (?:documentation|tickets|specs)|engineers (?:thank|appreciate)`),
	sig(ladder.Associate, 1.5, `sync\w* with (?:design|engineering|engineers|qa|developers)|qa\b|write (?:up )?(?:specs|documentation|docs|requirements)|keep (?:the |our )?(?:board|docs|documentation|backlog|tickets) (?:up to date|tidy|clean)`),
	sig(ladder.Associate, 1.5, `how (?:our|the) (?:product|services|systems|apis|platform|stack) (?:\w+ ){0,3}(?:works?|talk|fit|connect)|how things work`),

	// Mid-level: owning a defined area, its roadmap, decisions and metrics.
	// Owning something whole is the senior rung's scope, not an area.
	ownsArea(sig(ladder.Mid, 3, `(?:i |we )?(?:own|owning|owned|run|running|ran|look after|looking after|in charge of|responsible for|accountable for|pm for|product manager for|product owner for) (?:the |our |my |a |one |an )?(?:[\w-]+ ){0,3}`+areaWord+`\b`)),
	ownsArea(sig(ladder.Mid, 2, `(?:i |i'm |i am )(?:own|look after|in charge of|responsible for|accountable for|the pm for|the product manager for|the product owner for)\b`)),
	sig(ladder.Mid, 2, `(?:keep|maintain|own|set|define|build|manage|run|plan|write|drive|shape)\w* (?:the |its |our |my |a |their )?(?:[\w-]+ ){0,2}roadmaps?`),
	sig(ladder.Mid, 2, `decid\w* (?:what|which|how|on what)|(?:make|making|made) (?:the )?(?:product )?(?:decisions|calls)|priorit\w*|trade-?offs?|what (?:we|to) build (?:next)?`),
	sig(ladder.Mid, 2, `(?:product )?discovery|user interviews|(?:run|lead|do|conduct|plan)\w* (?:the |our |my )?(?:user )?research|research and data|data and research|a/?b tests?|experiments?|validat\w* (?:ideas|assumptions|hypotheses)`),
	sig(ladder.Mid, 2, `metrics|kpis?|conversion|retention|activation|engagement|churn|dashboards?|north star|okrs?`),
	sig(ladder.Mid, 1.5, `stakeholders?|(?:design|designers|ux) and (?:engineering|engineers|developers|tech)|(?:engineering|engineers|developers|tech) and (?:design|designers|ux)|cross-functional|eng leads?|tech leads?|design leads?`),
	{level: ladder.Mid, weight: 2.5, negates: true, re: lazyre.New(`\b(?:independent\w*|without (?:much |constant |any )?(?:oversight|hand-holding|supervision|being told|needing approval)|on my own|autonomous\w*|trusted to (?:decide|define|own|make)|(?:nobody|no one|no-one) (?:\w+ )?(?:tells|has to tell|needs to tell) me|myself\b)`)},
	sig(ladder.Mid, 2, `(?:frame|define|own|owning|solve|solving)\w* (?:the |real )?problems|(?:agree|aligned?) on (?:the )?why|why (?:it|this|each thing) matters|align\w* (?:the |my |our )?teams?\b|moved (?:past|beyond) (?:just )?(?:delivering|delivery|executing|execution|tickets)`),
	sig(ladder.Mid, 1.5, `(?:the )?why behind|explain (?:the )?why|end-to-end|ship\w* (?:features|solutions|improvements|updates)|deliver\w* (?:features|solutions|improvements)|clarity (?:to|out of) ambiguity|blockers|risks`),

	// Senior: a whole domain, strategy, alignment across functions, mentoring.
	sig(ladder.Senior, 3, `(?:whole|entire|an entire|the whole) (?:[\w-]+ ){0,2}(?:domain|product|journey|platform|product line|business unit|customer journey|experience)|(?:product )?domain\b|user journey|customer journey`),
	sig(ladder.Senior, 3, `mentor\w* (?:\w+ ){0,3}(?:`+pms+`|juniors?|mid-level|associates?|newer|less experienced|new)|coach\w* (?:the )?(?:junior|mid-level|associate|newer|less experienced) |(?:junior|mid-level|associate|newer) `+pms+` (?:come|turn|look) to me|(?:help|guid|support|develop)\w* (?:the |our |my )?(?:\w+ ){0,2}(?:junior|mid-level|associate|newer|new|less experienced|less senior) `+pms+`|`+pms+` (?:i|that i|who i|whom i) (?:mentor|coach|guide|support)`),
	sig(ladder.Senior, 2, `(?:product )?strategy|strategic|business goals|business objectives|company goals`),
	sig(ladder.Senior, 3, `(?:business|company) (?:goals|objectives) into|translat\w* (?:\w+ ){0,3}(?:goals|strategy|objectives)|strategy into (?:actionable )?plans`),
	sig(ladder.Senior, 3, `(?:present|pitch|communicat|brief|walk|updat|explain|report)\w* (?:\w+ ){1,6}?to (?:the |our |my |senior )?(?:exec\w*|leadership|c-suite|c-level|vps?|cpo|ceo|leadership team|management)|(?:exec\w*|leadership) (?:reviews?|updates?|presentations?)|(?:brief|updat|present to|pitch to|advis|keep)\w* (?:the |our |my )?(?:vps?|cpo|ceo|cto|coo|execs?|executives|exec team|executive team|leadership|c-suite)\b`),
	sig(ladder.Senior, 2.5, `high-(?:impact|risk|stakes|visibility|profile)|(?:biggest|riskiest|largest|most important|key) (?:bets|initiatives|projects|launches)|strategic initiatives`),
	sig(ladder.Senior, 3, `(?:align|rally|bring together|get buy-in from|unite)\w*\b[^.;]{0,80}\b`+depts+`\b|get\w* (?:\w+,? ){0,6}`+depts+`\b[^.;]{0,40}\b(?:behind|on board|aligned|to agree|on the same page)|buy-in from (?:\w+,? ){0,4}`+depts+`|across (?:departments|functions)|cross-department\w*`),
	sig(ladder.Senior, 2, `long-term|vision\b|multi-year|(?:several|two|three|few) years? out|(?:next|coming) (?:two|three|few|several|\d+) years|years ahead|where (?:it|the product|the business|we|our [\w-]+|the [\w-]+) (?:goes|is going|should go|is headed|heads)|long-range`),
	sig(ladder.Senior, 1.5, `ambigu\w*|anticipat\w*|patterns across|systemic|systems thinking|portfolio-level|challenge (?:and evolve )?(?:the )?roadmap|evolve (?:the )?roadmap|minimal guidance|little guidance`),
	sig(ladder.Senior, 1.5, `business impact|business growth|revenue impact|influenc\w* (?:leadership|decisions|the roadmap|product direction)|leadership (?:\w+ ){0,4}(?:conversations|discussions|decisions)|(?:connect|tie|link)\w* (?:\w+ ){0,5}to (?:revenue|business|company|growth)`),

	// Director: managing PMs, several teams, hiring, the product org's structure.
	defining(sig(ladder.Director, 6, `(?:manage|managing|lead|leading|run|running|head|heading|oversee|overseeing|built|build|building|grew|grow|growing|have|has)\w* (?:a |the |my |our )?(?:[\w-]+ ){0,2}(?:team|group|org|organi[sz]ation|department) of (?:\w+ ){0,3}`+pms)),
	defining(sig(ladder.Director, 5, `(?:manage|managing|line-manage|line manage|oversee|overseeing|supervis\w*)\b (?:\w+ ){0,3}`+pms+`|`+pms+`\b[^.;]{0,40}?\b(?:report(?:s|ing)? (?:directly )?(?:in)?to me|roll(?:s|ing)? up to me|under me)|`+number+` (?:direct )?reports|my (?:direct )?reports|people manag\w*|line manag\w*|manager of `+pms)),
	sig(ladder.Director, 3, `hir(?:e|es|ing|ed)\b|recruit\w*|interview\w* (?:candidates|pms)|headcount|performance (?:reviews?|management|conversations|cycles?)|career (?:development|growth|progression|paths?|ladders?)|promotions?|one-(?:on|to)-ones?|1:1s?`),
	sig(ladder.Director, 3, `coach\w* (?:\w+ ){0,2}`+pms+`|(?:coach|coaching|develop|developing|grow|growing) (?:my|the|our) (?:team|pms|people)|give (?:\w+ )?feedback to (?:my )?`+pms),
	sig(ladder.Director, 3, `(?:oversee|overseeing|manage|managing|run|running|responsible for|own|owning|lead|leading|across|balanc\w* (?:\w+ ){0,2}across|span\w*)\b (?:\w+ ){0,3}`+number+` (?:[\w-]+ )?(?:product lines|products|product teams|teams|squads|areas|pods|product areas|portfolios|tribes)`),
	sig(ladder.Director, 1.5, `product lines|portfolio`),
	sig(ladder.Director, 2.5, `product org\w*|team structure|org(?:anizational|anisational)? (?:design|structure)|(?:our|the) process(?:es)?|quality (?:standards|bar)|(?:set|define|raise)\w* (?:the )?standards|culture|goal-setting|accountability|operating rhythm|how we work|(?:product )?practice\b`),
	sig(ladder.Director, 2, `department heads|heads? of (?:engineering|design|marketing|sales|data|ops)|company leadership|other directors|(?:vp|head) of engineering|leadership (?:staff )?meetings?|staff meetings?`),
	sig(ladder.Director, 1.5, `bottlenecks|what great product management looks like|(?:my|the) team delivers?|through (?:my|the) team`),

	// VP/CPO: the executive team, the board, the whole product function.
	defining(sig(ladder.VP, 6, `(?:member of|part of|sit on|sits on|seat (?:on|at)|joined|join|on|in) (?:the |our |a )?(?:exec\w*|leadership|senior leadership|c-level|company leadership|management) (?:team|table|committee|group)|(?:on|in|part of|member of|join\w*) the c-(?:suite|level)`)),
	defining(sig(ladder.VP, 6, `report\w* (?:directly )?to (?:the |our )?(?:ceo|founders?|co-founders?)|peer (?:to|of|with) (?:the |our )?(?:ceo|cto|coo|cfo)`)),
	// Working with the executives is not a seat among them: directors sit
	// with the CTO when company priorities are set too (the article's
	// "partner with company leadership"), so it leans to the top rung
	// without setting it.
	sig(ladder.VP, 3, `alongside (?:the |our )?(?:ceo|cto|coo|cfo)|(?:with|to) (?:the |our )?(?:ceo|cto|coo|cfo)(?:,| and) (?:the |our )?(?:ceo|cto|coo|cfo)`),
	defining(sig(ladder.VP, 6, `board (?:meetings?|members?|of directors|decks?|presentations?|seat)|(?:present|report|pitch|represent|speak|answer)\w* (?:\w+ ){0,4}?to (?:the |our )board|(?:sit|sits|seat) on (?:the |our )board|in front of (?:the |our )(?:board|investors)|board and investors|investors and (?:the )?board|investors?|fundrais\w*|analysts|the press|earnings calls?`)),
	sig(ladder.VP, 5, `(?:lead|run|head|own|responsible for|in charge of|scale|scaling|built|building|shape|shaping)\w* (?:the |our )?(?:entire |whole )(?:global )?product (?:function|org\w*|department|division|team)s?|(?:entire|whole) product (?:function|org\w*|department|division)`),
	defining(sig(ladder.VP, 5, `(?:directors|gpms|group `+pms+`|product leaders|heads of product|managers of managers|product managers' managers) (?:\w+ ){0,5}(?:report|roll up)|(?:directors|gpms|group `+pms+`|product leaders|heads of product)\b[^.;]{0,60}?\b(?:report(?:s|ing)? (?:directly )?(?:in)?to me|roll(?:s|ing)? up to me|under me)|(?:manage|lead|oversee|coach|build|hire|grow|develop)\w* (?:\w+ ){0,4}(?:directors|gpms|group `+pms+`|product leaders|heads of product)\b`)),
	sig(ladder.VP, 3, `(?:for|of|across|throughout) the (?:whole|entire) (?:company|business|organi[sz]ation)|company-wide|company (?:strategy|bets|direction)|p&l|profit and loss|financial (?:performance|targets|goals|plan)|geographies|business lines|operating models?|market expansion|acquisitions?|m&a|where the company is (?:headed|going)|how the company competes|future of the (?:business|company)`),
	sig(ladder.VP, 2, `head of product\b|(?:product )?org health|retention of (?:our )?(?:talent|people|pms)|hiring brand`),

	// IC track: depth, cross-team influence and the hardest calls, without reports.
	sig(ladder.IC, 5, `principal|staff (?:pm|product)|product architect|individual contributor|ic (?:track|path|role|pm)`),
	sig(ladder.IC, 3, `go-to (?:person|pm|expert)|subject[- ]matter expert|deep (?:\w+ )?(?:expertise|knowledge|expert)|expert (?:in|on)|domain expert\w*|thought leader\w*`),
	sig(ladder.IC, 2, `cross-cutting|foundational|infrastructure|platforms?|ml systems?|machine learning|apis?\b|technical (?:direction|strategy|decisions|architecture|trade-offs|choices)|architecture|ecosystem|multi-sided|(?:\w+ )?systems\b|engines?\b`),
	sig(ladder.IC, 3, `riskiest|high-risk|high-stakes|hardest|most complex|thorniest|highest-stakes|most ambiguous`),
	sig(ladder.IC, 3, `(?:teams|pms|people|engineers|leaders|leadership|directors|other teams) (?:\w+ ){0,2}(?:bring|come to|turn to|look to|consult|pull me in|rely on)|pull\w* me in`),
	sig(ladder.IC, 2, `across (?:many|multiple|several|all|other|\d+|the|different) (?:\w+ )?(?:teams|orgs|departments|groups|product areas)|product-wide|org-wide|affect\w* (?:multiple|many|several|every|all) (?:\w+ )?teams|(?:several|many|multiple|other|all|\d+|two|three|four|five|six) (?:\w+ )?teams (?:\w+ )?(?:build|depend|rely|use)|(?:teams|products) (?:\w+ ){0,2}(?:build on|depend on|rely on)`),
	sig(ladder.IC, 3, `(?:guide|advise|coach|mentor|help)\w* (?:other|team-level|fellow|several|many|the other) `+pms+`|frameworks?\b|(?:their|the) approach`),
	sig(ladder.IC, 2, `strategic partner|partner to (?:senior )?leadership|advis\w* (?:\w+ ){0,2}(?:leadership|execs|executives|vps?|cto|ceo|cpo)|influenc\w* (?:\w+ ){0,3}roadmaps|shape\w* (?:\w+ ){0,2}(?:technical )?direction`),
}

// noReports: the person says they lead no one. With the IC track's signals
// it marks the IC track; it also cancels the manager rungs' signals.
var noReports = lazyre.New(`\b(?:no (?:direct )?reports|no(?: ?one|body|\s+` + pms + `) (?:\w+ ){0,2}(?:report(?:s|ing)? to me|under me)|(?:don'?t|do not) have (?:any )?(?:direct )?reports|(?:don'?t|do not|never) (?:manage|have|line-manage) (?:any |a )?(?:people|reports|direct reports|team|one|anyone|pms)|not (?:a )?people manager|not manag\w+ (?:people|anyone|a team|pms)|without (?:any )?(?:direct )?reports|without managing|without (?:a )?(?:team|people) (?:of my own|to manage)|individual contributor|\bic\b|rather than manag\w*|instead of manag\w*|(?:mentor|mentoring|lead|leading|influence|influencing) without manag\w*|hands-on rather|stay(?:ed|ing)? hands-on|chose not to manage|prefer not to manage)`)

// negation before a signal in its clause cancels it: "I don't own the
// roadmap yet", "I'd like to manage PMs one day".
var negation = lazyre.New(`\b(?:not|never|no longer|don'?t|do not|doesn'?t|didn'?t|haven'?t|hasn'?t|isn'?t|aren'?t|won'?t|can'?t|cannot|yet to|want to|wants to|would like to|'d like to|hope to|hoping to|aspire|someday|one day|eventually|aim to|aiming to|plan to|goal is to|trying to|learning to|without|rather than|instead of|before i|how to)\b[^,;.]*$`)

// others is a third person as the subject: "my manager owns the roadmap"
// (but not "with the CEO", see byOthers).
var others = lazyre.New(`\b(?:my|our|the) (?:manager|lead|boss|director|head of product|vp|cpo|ceo|senior pm|team lead|mentor|senior)s?\b|\b(?:he|she|they)\b`)

// statedTitle finds a title the person gives themselves in the description.
var statedTitle = lazyre.New(`\b(?:i'?m|i am|i work as|i'?ve been|i have been|my title is|my role is|my job title is|working as|hired as|promoted to)\s+(?:a |an |the |now |currently )*`)

// reviewedBy finds someone at or near the person's own level reviewing,
// checking or signing off their work: the mark of a rung below those that
// manage people, on any ladder. A director or VP reviewing is not one.
var reviewedBy = lazyre.New(`\b(?:(?:my|our|a|the) (?:[\w-]+ ){0,2}(?:lead|manager|boss|mentor|supervisor|colleague|senior)|someone (?:more )?senior|somebody (?:more )?senior) (?:\w+ ){0,3}?(?:reviews?|checks?|signs? off|approves?|looks? over|goes over)\b|\b(?:reviewed|checked|signed off) by (?:my|our|a|the) (?:[\w-]+ ){0,2}(?:lead|manager|boss|mentor|supervisor|colleague|senior)\b`)
