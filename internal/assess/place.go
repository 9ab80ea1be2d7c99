package assess

// minPlaceConfidence is the least confidence at which a description places
// its writer in a chat: below it the coach does not guess.
const minPlaceConfidence = 0.3

// Place places the writer of description on the ladder with the same engine
// as Assess, for the chat: the level id and the person's own words that
// decided it, or "" when the description says too little about work.
// Only the level and its evidence are made: none of the gaps, citations
// and Markdown a chat does not show.
func (a *Assessor) Place(description string) (level, why string) {
	if Validate(description, "") != nil {
		return "", ""
	}
	j := a.judge(description, "")
	if j.level == "" || j.confidence < minPlaceConfidence {
		return "", ""
	}
	if ev := a.evidence(j.e, j.level); len(ev) > 0 {
		why = ev[0].Quote
	}
	return j.level, why
}
