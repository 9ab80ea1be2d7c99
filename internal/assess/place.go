package assess

// minPlaceConfidence is the least confidence at which a description places
// its writer in a chat: below it the coach does not guess.
const minPlaceConfidence = 0.3

// Place places the writer of description on the ladder with the same engine
// as Assess, for the chat: the level id and the person's own words that
// decided it, or "" when the description says too little about work.
func (a *Assessor) Place(description string) (level, why string) {
	r, err := a.Assess(description, "")
	if err != nil || r.Level == nil || r.Confidence < minPlaceConfidence {
		return "", ""
	}
	if len(r.Evidence) > 0 {
		why = r.Evidence[0].Quote
	}
	return r.Level.ID, why
}
