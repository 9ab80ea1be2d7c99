package retrieve

import (
	"slices"
	"strings"

	"github.com/ladder/coach/internal/embed"
	"github.com/ladder/coach/internal/ladder"
)

// refine reads what the first pass leaves open, one named step at a time:
// levels set aside, items of the previous answer pointed at, an asker
// placed from their description, and the scope.
func (r *Retriever) refine(in *Intent, question, q string, history []Turn) {
	rejectTalked(in, q)
	r.setAside(in, q)
	pathAsk(in, q)
	hope(r.lad, in, q)
	r.review(in, q)
	r.stepUp(in, q)
	r.reach(in)
	r.aim(in)
	r.point(in, q, history)
	carryFacet(r.lad, in, q, history)
	beyond(in)
	r.titled(in, question, q)
	r.place(in, question, q)
	ownToo(in, q)
	in.Scope = ScopeIn
	if n, ok := nearbySubject(asked(q)); ok && !r.covered[n.ID] {
		in.Scope, in.Nearby = ScopeNearby, n.Name
	} else if r.unread(in, q) {
		in.Scope, in.Nearby = ScopeNearby, "this exactly"
	}
}

// asked is q less a condition that opens its question ("if I burn out,
// what roles are there?"): a subject beside the ladder there is the
// situation, not what is asked.
func asked(q string) string {
	if rest, ok := afterCondition(asking(q)); ok {
		return strings.Replace(q, asking(q), rest, 1)
	}
	return q
}

// unread is the positive test of scope: a question in which the reader
// found no level, role, topic, facet or item, and whose asking part is
// mostly words the article never uses, is next to the article, not in it.
func (r *Retriever) unread(in *Intent, q string) bool {
	if len(in.Levels) > 0 || len(in.Roles) > 0 || len(in.Topics) > 0 || len(in.Facets) > 0 || in.Section != "" || in.Transition {
		return false
	}
	n, known, _ := r.termCounts(asking(q))
	return n >= 2 && 2*known < n || r.unknownChoice(asking(q))
}

// unknownChoice is true for a choice between two things the ladder never
// names ("X or Y?", "X vs Y"): a pick of tools, libraries or employers.
func (r *Retriever) unknownChoice(ask string) bool {
	ws := strings.Fields(strings.Map(func(c rune) rune {
		if strings.ContainsRune(",.;:!?()\"", c) {
			return ' '
		}
		return c
	}, ask))
	for i := 1; i+1 < len(ws); i++ {
		if !ladder.Talk.Choice.In(" " + ws[i] + " ") {
			continue
		}
		a, b := ws[i-1], ws[i+1]
		if len(embed.Terms(a)) == 1 && len(embed.Terms(b)) == 1 && !r.knownWord(a) && !r.knownWord(b) {
			return true
		}
	}
	return false
}

// setAside: a question that only rejects rungs (a refusal of the top job,
// what else is there?") is about the paths beside the ladder.
func (r *Retriever) setAside(in *Intent, q string) {
	if len(in.Rejected) == 0 || in.asked > 0 && !allRejected(in) {
		return
	}
	in.Levels = slices.DeleteFunc(in.Levels, func(l string) bool { return slices.Contains(in.Rejected, l) })
	if in.Target != "" && slices.Contains(in.Rejected, in.Target) {
		in.Target, in.Transition = "", false
	}
	if in.Current != "" && !slices.Contains(in.Rejected, in.Current) && ladder.Cues.MyLevel.In(q) {
		// "no VP for me, I want to excel at the job I have": their own rung.
		if len(in.Levels) == 0 {
			in.Levels = []string{in.Current}
		}
		return
	}
	if slices.Contains(in.Rejected, r.lad.IC()) {
		addTopic(in, TopicAdjacent)
		return
	}
	addTopic(in, TopicIC)
}

// rejectTalked: a rejection of what was talked about ("I'd hate that
// role") sets aside the level carried from the talk, when the question
// names none of its own.
func rejectTalked(in *Intent, q string) {
	if !in.FromHistory || in.asked > 0 || len(in.Rejected) > 0 || len(in.Levels) == 0 {
		return
	}
	if at, _ := ladder.Talk.ThatThing.Find(" " + q + " "); at >= 0 && rejectedIn(strings.Fields(clauseBefore(q[:max(0, at-1)]))) {
		in.Rejected = slices.Clone(in.Levels)
	}
}

// pathAsk: a line of work asked for what the asker described ("is there a
// career direction for that?"), naming no level to reach, is a question
// about the paths beside the ladder, not about the asker's own rung.
func pathAsk(in *Intent, q string) {
	if in.asked > 0 && !(in.asked == 1 && len(in.Levels) == 1 && in.Levels[0] == in.Current) || in.Transition && in.asked > 0 ||
		!ladder.Talk.PathAsk.In(" "+q+" ") {
		return
	}
	in.Levels, in.Transition, in.Target = nil, false, ""
	addTopic(in, TopicAdjacent)
}

func allRejected(in *Intent) bool {
	for _, l := range in.Levels {
		if !slices.Contains(in.Rejected, l) && l != in.Current {
			return false
		}
	}
	return true
}

func addTopic(in *Intent, t string) {
	if !in.HasTopic(t) {
		in.Topics = append(in.Topics, t)
	}
}

// dropTopic removes topic t from the intent.
func dropTopic(in *Intent, t string) {
	in.Topics = slices.DeleteFunc(in.Topics, func(x string) bool { return x == t })
}

// hope: a level the asker has not reached yet is the one they aim at.
func hope(lad *ladder.Model, in *Intent, q string) {
	if h := hopedLevel(lad, q); h != "" && h != in.Current {
		in.Transition, in.Target = true, h
	}
}

// review: evidence for a promotion or a review ("what should I be
// demonstrating", "a strong year") is what success looks like at the
// asker's own level, or at the target when the asker's is not known.
func (r *Retriever) review(in *Intent, q string) {
	if !ladder.Talk.Review.In(" " + q + " ") {
		return
	}
	level := in.Current
	asked := askedLevel(r.lad, q, in.Current)
	if asked != "" {
		// "which signs of success at director level go in her case?": the
		// level the asking sentence names, not the writer's own.
		level = asked
	}
	step := in.Target != "" && in.Target != r.lad.IC() && in.Target != in.Current
	if level == "" && in.Target != "" && in.Target != r.lad.IC() {
		// A case for promotion to X is made at the rung below X: what
		// success is there, and the skills the article lists for the step.
		if below, ok := r.lad.Below(in.Target); ok {
			level = below.ID
			in.Facets = append(in.Facets, FacetWeight{Facet: ladder.Skills, Weight: explicitFacet})
		}
	}
	if level == "" || in.Target == r.lad.IC() {
		level = in.Target
	}
	if level == "" && len(in.Levels) > 0 {
		level = in.Levels[0]
	}
	if level == "" {
		return
	}
	in.Transition, in.Target = false, ""
	in.Levels = append([]string{level}, slices.DeleteFunc(in.Levels, func(l string) bool { return l == level })...)
	first := ladder.Success
	if fs := facets(r.lad, asking(q)); asked != "" && len(fs) > 0 && fs[0].Weight >= explicitFacet {
		first = fs[0].Facet // what the asking sentence asks of the level it names
	} else if len(fs) > 0 && fs[0].Facet == ladder.Skills || step && in.Current != "" {
		// The asking sentence wants what to change, or the case is for a
		// named step: the skills the article lists for it.
		first = ladder.Skills
	}
	in.Facets = append([]FacetWeight{{Facet: first, Weight: explicitFacet}},
		slices.DeleteFunc(in.Facets, func(f FacetWeight) bool { return f.Facet == first })...)
	for i := 1; i < len(in.Facets); i++ {
		in.Facets[i].Weight = impliedFacet
	}
}

// stepUp: "what about after that?", "the role above mine" ask about the
// rung above the level talked about (or above the asker's own).
func (r *Retriever) stepUp(in *Intent, q string) {
	pad := " " + q + " "
	if in.asked > 0 || in.stepped || in.Transition && in.Target != "" || !ladder.Talk.After.In(pad) {
		return
	}
	base := in.Current
	if len(in.Levels) > 0 && !ladder.Talk.FirstPersonWords.In(" "+afterPhrase(pad)+" ") {
		base = in.Levels[0]
	}
	if n, ok := r.lad.Next(base); ok {
		in.Levels, in.FromHistory = []string{n.ID}, true
		in.Transition, in.Target = false, ""
		if len(in.Facets) > 0 && in.asksSkills() {
			// Skills asked with a step beyond the level: the step up itself.
			in.Transition, in.Target, in.Current = true, n.ID, base
		}
	}
}

// askedLevel is the first level the asking sentence of q names as asked,
// other than own.
func askedLevel(lad *ladder.Model, q, own string) string {
	for _, m := range strongMentions(lad, asking(q)) {
		if m.ID != own {
			return m.ID
		}
	}
	return ""
}

// aim: skills asked for a rung above the asker's own ("I'm a senior PM,
// what do I need for her job?" about a group PM) are the step up to it.
func (r *Retriever) aim(in *Intent) {
	if in.Transition || in.Current == "" || len(in.Levels) == 0 || !in.asksSkills() || in.Levels[0] == in.Current {
		return
	}
	for l, ok := r.lad.Next(in.Current); ok; l, ok = r.lad.Next(l.ID) {
		if l.ID == in.Levels[0] {
			in.Transition, in.Target = true, l.ID
			return
		}
	}
}

// reach: skills asked of the rung just above the asker's own, carried from
// the conversation ("the skills for it", after "what's the next level?"),
// are the skills for reaching it, which the article lists a rung below.
func (r *Retriever) reach(in *Intent) {
	if !in.FromHistory || in.Current == "" || in.Transition || !in.asksSkills() || len(in.Levels) == 0 {
		return
	}
	if n, ok := r.lad.Next(in.Current); ok && n.ID == in.Levels[0] {
		in.Transition, in.Target = true, n.ID
	}
}

// afterPhrase is the After phrase found in t, or "".
func afterPhrase(t string) string {
	for _, p := range ladder.Talk.After {
		if (ladder.Phrases{p}).In(t) {
			return p
		}
	}
	return ""
}

// carryFacet: a follow-up that names no facet ("and for the level after
// that?") keeps the facet of the last question that named one.
func carryFacet(lad *ladder.Model, in *Intent, q string, history []Turn) {
	asked := in.Facets
	// "How is that different for ...": the answer's facet, elsewhere.
	comparing := len(history) > 0 && len(asked) == 1 && asked[0].Facet == ladder.Changes && comparesAnswer(q)
	// "And what about the VP?" after a question of how a level is judged
	// asks how the VP is judged: "what about" is no overview asked then.
	sameAsked := len(history) > 0 && (len(asked) == 0 || len(asked) == 1 && asked[0].Facet == ladder.Overview) &&
		ladder.Talk.SameAsked.In(" "+q+" ") && len(facets(lad, ladder.Talk.SameAsked.Blank(" "+q+" "))) == 0
	if comparing || sameAsked {
		in.Facets = nil
		defer func() {
			if len(in.Facets) == 0 {
				in.Facets = asked
			}
		}()
	}
	if len(in.Facets) > 0 || len(history) == 0 || !comparing && !sameAsked && !in.FromHistory && !in.stepped && !in.Transition {
		return
	}
	f, ok := lastAskedFacet(lad, history)
	if !ok {
		return
	}
	if in.Transition {
		if f == ladder.Skills || in.Target == "" || in.asked > 0 || ladder.Talk.Moving.In(" "+q+" ") {
			return // a step to the next level, skills and all
		}
		// A bare "the rung after it" in a talk about success: the
		// same facet one rung up, not the way there.
		in.Transition, in.Levels = false, []string{in.Target}
		in.Target = ""
	}
	weight := impliedFacet
	if comparing || sameAsked {
		weight = explicitFacet // the pointer, or "the same", names it
	}
	in.Facets = []FacetWeight{{Facet: f, Weight: weight}}
}

// lastAskedFacet is the strongest facet of the last user turn that asked one.
func lastAskedFacet(lad *ladder.Model, history []Turn) (string, bool) {
	for i := len(history) - 1; i >= 0; i-- {
		if history[i].Role != "user" {
			continue
		}
		if fs := facets(lad, normalize(history[i].Content)); len(fs) > 0 {
			return fs[0].Facet, true
		}
	}
	return "", false
}

// comparesAnswer: the question asks how the previous answer differs
// somewhere else ("how is that different for ...", "does that list change
// one rung up"): a pointer at the answer, then a word of comparison. A
// pointer with a noun of its own ("that level") points at something else.
func comparesAnswer(q string) bool {
	words := clauseWords(q)
	for i := range words {
		for n := 2; n >= 1; n-- {
			if i+n > len(words) || !slices.Contains(ladder.Talk.AnswerPointers, strings.Join(words[i:i+n], " ")) {
				continue
			}
			for _, w := range words[i+n : min(len(words), i+n+2)] {
				if slices.Contains(ladder.Talk.Compare, w) {
					return true
				}
				if slices.Contains(ladder.Talk.OwnWords, w) {
					break
				}
			}
			break
		}
	}
	return false
}

// beyond: skills to move past a named rung are the step
// to the rung above the one named.
func beyond(in *Intent) {
	if in.beyondAt != "" && in.Target == "" && in.asksSkills() {
		in.Transition, in.Target = true, in.beyondAt
	}
}

// entrySkill: a skill asked for about an entry of the coach's last numbered
// list ("number 5 worries me: what skill does it take?"): the skill the
// entry's words name in part.
func (r *Retriever) entrySkill(p pointer, q string, history []Turn) (listed, bool) {
	if !ladder.Talk.SkillWords.In(" " + q + " ") {
		return listed{}, false
	}
	if entry := numberedEntry(history, p.n); entry != "" {
		return r.skillNamedInPart(entry)
	}
	return listed{}, false
}

// point: "the third one", "the last skill on that list" name an item of
// the previous answer.
// askedBefore: a question that asks no facet asks what the last user turn
// asked.
func (r *Retriever) askedBefore(in *Intent, history []Turn) {
	if len(in.Facets) > 0 {
		return
	}
	for i := len(history) - 1; i >= 0; i-- {
		if history[i].Role == "user" {
			in.Facets = facets(r.lad, normalize(history[i].Content))
			return
		}
	}
}

func (r *Retriever) point(in *Intent, q string, history []Turn) {
	if in.asked > 0 || len(history) == 0 {
		return
	}
	var it listed
	if p, ok := pointerIn(q); ok {
		p.listed = ladder.Talk.YouListed.In(" " + q + " ")
		p.earlier = ladder.Talk.Earlier.In(" " + q + " ")
		if it, ok = r.entrySkill(p, q, history); !ok {
			if it, ok = r.pointed(p, history, in.Current); !ok {
				return
			}
		}
	} else if about, ok := aboutIn(q); ok {
		if it, ok = r.described(about, history); !ok {
			// Nothing listed fits: a skill asked for, named in part of its name.
			if !ladder.Talk.SkillWords.In(" " + q + " ") {
				return
			}
			if it, ok = r.skillNamedInPart(about); !ok {
				return
			}
		}
	} else if told := toldBefore(q, history); told != "" && (ladder.Talk.Choose.In(" "+q+" ") || ladder.Talk.FitsMe.In(" "+q+" ")) {
		// "which of those fits what I told you?": the listed item nearest
		// what the asker told of themselves.
		if it, ok = r.fitting(q, history); !ok {
			return
		}
	} else if asksOther(q) && len(r.items(q)) == 0 {
		if it, ok = r.other(history); !ok {
			if it, ok = r.otherTrack(in, q); !ok {
				return
			}
		}
		if len(in.Facets) == 1 && in.Facets[0].Facet == ladder.Overview && ladder.Talk.SameAsked.In(" "+q+" ") {
			in.Facets = nil // "and what about the other?" asks no overview
		}
		r.askedBefore(in, history) // "and the other one?" asks what was asked of the first
	} else {
		return
	}
	in.FromHistory = true
	switch it.kind {
	case itemLevel:
		// The level pointed at replaces the role talked about too.
		in.Levels, in.Roles = []string{it.id}, nil
		dropTopic(in, TopicAdjacent)
		if it.id == r.lad.IC() {
			addTopic(in, TopicIC)
		} else {
			// The level pointed at replaces the one talked about, and the
			// track that came with it.
			dropTopic(in, TopicIC)
		}
		if in.Transition && in.Target != it.id {
			in.Target = it.id
		}
	case itemRole:
		in.Levels, in.Roles = nil, []string{it.id}
		addTopic(in, TopicAdjacent)
	case itemAdjacent:
		in.Levels = nil
		addTopic(in, TopicAdjacent)
	case itemSkill:
		in.Section = it.id
		if s, ok := r.set.ByID(it.id); ok {
			in.Levels = []string{s.Level}
		}
		in.Transition, in.Target = false, ""
		if len(in.Facets) == 0 {
			in.Facets = []FacetWeight{{Facet: ladder.Skills, Weight: explicitFacet}}
		}
	}
}

// otherTrack: "the other track" when no two things were set side by side:
// the track the talk is not on, the IC track from a rung of the main
// ladder, the managing route's first rung from the IC track.
func (r *Retriever) otherTrack(in *Intent, q string) (listed, bool) {
	ic, managing := r.lad.IC(), r.lad.Managing()
	if ic == "" || len(managing) == 0 || len(in.Levels) == 0 || !ladder.Talk.OtherTrack.In(" "+q+" ") {
		return listed{}, false
	}
	if in.Levels[0] == ic {
		return listed{kind: itemLevel, id: managing[0]}, true
	}
	return listed{kind: itemLevel, id: ic}, true
}

// place: an asker who names no level of their own but describes their work
// is placed by the self-assessment's engine.
func (r *Retriever) place(in *Intent, question, q string) {
	if r.placer == nil || in.Current != "" || in.asked > 0 || in.FromHistory {
		return
	}
	pad := " " + q + " "
	asks := ladder.Talk.Placement.In(pad)
	// A description is told, not asked: "what should I work on" describes nothing.
	told := " " + strings.Replace(q, asking(q), " ", 1) + " "
	if !asks && countIn(told, ladder.Talk.FirstPerson) < 1 && !doesWork(told) {
		return
	}
	level, why := r.placer.Place(question) // the person's own words, for the quote
	if level == "" {
		return
	}
	in.Current, in.Placed, in.PlacedWhy = level, level, why
	if asks && strings.TrimSpace(told) != "" {
		// Asked where they stand, the facet words of what they told are
		// their work ("I decide what we build"), not what they ask.
		in.Facets = facets(r.lad, asking(q))
		// "No one reports to me" told is their work too: the IC track is
		// asked only by the question, or by the placement.
		if level != r.lad.IC() && !asksIC(asking(q)) {
			dropTopic(in, TopicIC)
		}
	}
	if !asks && !in.Transition && len(in.Roles) == 0 && ladder.Cues.Next.In(asking(q)) {
		in.Transition = true // "where do I go next?", once placed
	}
	if in.Transition && in.Target == "" {
		if n, ok := r.lad.Next(level); ok {
			in.Target = n.ID
		}
	}
	if len(in.Levels) == 0 && len(in.Roles) == 0 {
		in.Levels = []string{level}
		if level == r.lad.IC() {
			addTopic(in, TopicIC)
		}
	}
	if in.Target != "" && !slices.Contains(in.Levels, in.Target) {
		in.Levels = append([]string{in.Target}, in.Levels...)
	}
}

// titled: a title companies give to more than one rung ("head of
// product") goes with what the person describes: the placement of the
// description picks among the title's rungs.
func (r *Retriever) titled(in *Intent, question, q string) {
	if r.placer == nil || !r.lad.IsArticle() {
		return
	}
	for title, rungs := range ladder.AmbiguousTitles {
		if !(ladder.Phrases{title}).In(" " + q + " ") {
			continue
		}
		placed, _ := r.placer.Place(question)
		if placed == rungs[0] || !slices.Contains(rungs, placed) {
			continue
		}
		swap := func(id string) string {
			if id == rungs[0] {
				return placed
			}
			return id
		}
		in.Target, in.Current = swap(in.Target), swap(in.Current)
		for i := range in.Levels {
			in.Levels[i] = swap(in.Levels[i])
		}
	}
}

// countIn counts the phrases of ps found in t.
// doesWork: the text tells what its writer does at work, "i" and a verb of
// work ("i translate goals into strategy"), not a wish, a doubt or a state
// ("i want", "i think", "i find").
func doesWork(t string) bool {
	words := clauseWords(t)
	for i := 0; i+1 < len(words); i++ {
		if words[i] == "i" && ladder.Talk.DoingVerbs.In(" "+words[i+1]+" ") {
			return true
		}
	}
	return false
}

func countIn(t string, ps ladder.Phrases) int {
	n := 0
	for _, p := range ps {
		if (ladder.Phrases{p}).In(t) {
			n++
		}
	}
	return n
}

// asksOther reports whether q points at the other of two things: "the other
// one", or "the other" ending the question.
func asksOther(q string) bool {
	return ladder.Talk.Other.In(" "+q+" ") || ladder.Talk.OtherAtEnd.Suffix(strings.Join(clauseWords(q), " "))
}

// ownToo: a question that asks a step and points at the asker's own rung as
// well (how they are judged now that they have the new job, and the skills
// for the rung past it) asks of both rungs: with several facets, the
// skills of the step, the others of the asker's rung.
func ownToo(in *Intent, q string) {
	if in.Transition && in.Current != "" && in.Target != in.Current && !slices.Contains(in.Levels, in.Current) && ladder.Cues.MyLevel.In(q) {
		in.Levels = append(in.Levels, in.Current)
		in.ownStep = len(in.Facets) > 1
	}
}
