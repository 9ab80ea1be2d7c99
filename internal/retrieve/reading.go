package retrieve

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/ladder/coach/internal/ladder"
)

// Roles a level plays in a Reading.
const (
	RoleSelf     = "self"     // the asker's own level
	RoleTarget   = "target"   // the level the asker wants to reach
	RoleOther    = "other"    // another person's: a boss, a report, a colleague, a mentee
	RoleRejected = "rejected" // a level the asker does not want or sets aside
	RoleAbout    = "about"    // a level the question asks about that is no one's own
)

// Reading outcomes: what RetrieveWith did with a reading (Reading.Outcome).
const (
	// ReadingUsed: the reading changed the offline intent.
	ReadingUsed = "used"
	// ReadingAgrees: valid, but it added nothing the offline reader lacked.
	ReadingAgrees = "agrees"
	// ReadingIgnored: the offline reader's verdict stands whatever a reading
	// says (a prompt injection, a greeting).
	ReadingIgnored = "ignored"
	// ReadingInvalid: the reading breaks the ladder's data (an unknown level,
	// facet, role, scope, subject or topic; a target below the asker's level).
	ReadingInvalid = "invalid"
	// ReadingDisagrees: the reading names a level the conversation neither
	// names nor points at.
	ReadingDisagrees = "disagrees"
)

// ErrReading wraps every reason a reading is set aside.
var ErrReading = errors.New("reading")

// LevelReading is one level of a Reading and who it stands for.
type LevelReading struct {
	ID   string `json:"id"`
	Role string `json:"role"`
}

// Reading is a structured reading of a question made outside this package
// (by an LLM): the levels with their roles, the facet, whether the asker
// wants to move up, the scope and, for ScopeNearby, the subject's id from
// ladder.NearbySubjects. RetrieveWith merges it into the offline intent.
type Reading struct {
	Levels     []LevelReading `json:"levels"`
	Facet      string         `json:"facet"`
	Transition bool           `json:"transition"`
	Scope      string         `json:"scope"`
	Nearby     string         `json:"nearby"`
	Topics     []string       `json:"topics,omitempty"`

	// Outcome is set by RetrieveWith: one of the Reading* outcomes. Why
	// says what decided it when the reading was not used.
	Outcome string `json:"-"`
	Why     string `json:"-"`
}

// ReadingRoles are the roles a reading may give a level.
func ReadingRoles() []string {
	return []string{RoleSelf, RoleTarget, RoleOther, RoleRejected, RoleAbout}
}

// ReadingScopes are the scopes a reading may give a question.
func ReadingScopes() []string {
	return []string{ScopeIn, ScopeNearby, ScopeOut, ScopeSmalltalk}
}

// ReadingTopics are the topics a reading may name, with what each means.
func ReadingTopics() map[string]string {
	return map[string]string{
		TopicIC:       "the individual-contributor track, without managing people",
		TopicAdjacent: "leaving product management for an adjacent role",
		TopicTimeline: "how long growth takes, being behind or stuck",
		TopicPaths:    "where to start, skipping rungs, non-linear careers",
		TopicLadder:   "the ladder as a whole, all its levels",
		TopicCompare:  "two levels side by side",
		TopicAdvice:   "general career advice, the big lessons",
	}
}

// Validate checks a reading against the ladder's data: every level id,
// role, facet, scope, topic and nearby subject must be one the data has; a
// level has one role; there is at most one self and one target; and a
// target sits above the asker's own level (or is the IC track). Errors wrap
// ErrReading.
func (rd *Reading) Validate() error { return rd.ValidateFor(ladder.Default()) }

// ValidateFor is Validate against the ladder lad.
func (rd *Reading) ValidateFor(lad *ladder.Model) error {
	if rd == nil {
		return fmt.Errorf("%w: none", ErrReading)
	}
	roles := map[string]string{}
	var self, target string
	for _, l := range rd.Levels {
		if _, ok := lad.ByID(l.ID); !ok {
			return fmt.Errorf("%w: no level %q on the ladder", ErrReading, l.ID)
		}
		if !slices.Contains(ReadingRoles(), l.Role) {
			return fmt.Errorf("%w: level %q has unknown role %q", ErrReading, l.ID, l.Role)
		}
		if r, ok := roles[l.ID]; ok && r != l.Role {
			return fmt.Errorf("%w: level %q is both %s and %s", ErrReading, l.ID, r, l.Role)
		}
		roles[l.ID] = l.Role
		switch l.Role {
		case RoleSelf:
			if self != "" && self != l.ID {
				return fmt.Errorf("%w: two levels of the asker's own", ErrReading)
			}
			self = l.ID
		case RoleTarget:
			if target != "" && target != l.ID {
				return fmt.Errorf("%w: two target levels", ErrReading)
			}
			target = l.ID
		}
	}
	if self != "" && target != "" {
		s, _ := lad.ByID(self)
		t, _ := lad.ByID(target)
		if t.Rung != 0 && (s.Rung == 0 || t.Rung <= s.Rung) {
			return fmt.Errorf("%w: target %q is not above the asker's level %q", ErrReading, target, self)
		}
	}
	if rd.Facet != "" && !slices.Contains(lad.Facets(), rd.Facet) {
		return fmt.Errorf("%w: no facet %q", ErrReading, rd.Facet)
	}
	if !slices.Contains(ReadingScopes(), rd.Scope) {
		return fmt.Errorf("%w: unknown scope %q", ErrReading, rd.Scope)
	}
	if rd.Scope == ScopeNearby {
		if _, ok := nearbyByID(rd.Nearby); !ok {
			return fmt.Errorf("%w: no nearby subject %q", ErrReading, rd.Nearby)
		}
	} else if rd.Nearby != "" {
		return fmt.Errorf("%w: a nearby subject with scope %q", ErrReading, rd.Scope)
	}
	topics := ReadingTopics()
	for _, t := range rd.Topics {
		if _, ok := topics[t]; !ok {
			return fmt.Errorf("%w: no topic %q", ErrReading, t)
		}
	}
	return nil
}

func nearbyByID(id string) (ladder.Nearby, bool) {
	for _, n := range ladder.NearbySubjects {
		if n.ID == id {
			return n, true
		}
	}
	return ladder.Nearby{}, false
}

// role is the role the reading gives level id, or "".
func (rd *Reading) role(id string) string {
	for _, l := range rd.Levels {
		if l.ID == id {
			return l.Role
		}
	}
	return ""
}

// with lists the reading's levels of the given roles, in its order.
func (rd *Reading) with(roles ...string) []string {
	var out []string
	for _, l := range rd.Levels {
		if slices.Contains(roles, l.Role) && !slices.Contains(out, l.ID) {
			out = append(out, l.ID)
		}
	}
	return out
}

// RetrieveWith is Retrieve with a reading of the question made elsewhere
// (an LLM's): the offline reader runs first, then the reading is merged into
// its intent by MergeReading, then the sections are ranked as Retrieve ranks
// them. A nil, invalid or disagreeing reading leaves the offline intent as it
// is. RetrieveWith records what it did in rd.Outcome and rd.Why.
func (r *Retriever) RetrieveWith(ctx context.Context, question string, history []Turn, rd *Reading) (Result, error) {
	in := r.Understand(question, history)
	if rd != nil {
		merged, outcome, err := mergeReading(r.lad, in, question, history, rd)
		rd.Outcome, rd.Why = outcome, ""
		if err != nil {
			rd.Why = err.Error()
		}
		in = merged
	}
	return r.rank(ctx, question, history, in)
}

// MergeReading merges a reading into the offline intent in and says what it
// did (a Reading* outcome), with the reason when the reading was set aside.
//
// The merge rule: the offline reader is the base; the reading fills what it
// lacks, and corrects it only where the ladder's data backs the reading.
//
//  1. Set aside (offline intent kept): a reading that fails Validate; any
//     reading of a question the offline reader refused as a prompt
//     injection, or read as smalltalk; a reading that names a level the
//     question and conversation neither name (any alias, a bare "PM"
//     included) nor reach by one rung up or down from a named level, the
//     asker's level or the offline reader's levels.
//  2. Scope: an offline off-topic refusal is lifted to the reading's "in"
//     or "nearby" when the reading grounds the question (a facet, a topic
//     or a level of the asker's own, wanted or asked about), the reading's
//     transition then standing over the refused pass's, and to
//     "smalltalk" when the reading has no level, facet or topic. An offline
//     "in" becomes the reading's "nearby" (its subject from the data), or
//     "out" when the question itself names no level and no adjacent role.
//     An offline "nearby" stays. Everything else keeps the offline scope.
//  3. Levels: levels the reading says are another person's or set aside
//     leave the levels asked about, the asker's level and the target; set
//     aside ones join Rejected. When that leaves no level (or the offline
//     reader found none), the reading's target, then the levels it asks
//     about, then the asker's own are taken. The asker's own level is the
//     reading's self when the offline reader has none. The reading's target
//     is taken when it says the asker wants to move up and the offline
//     reader has no target; a move up with no target aims at the rung above
//     the asker's level.
//  4. Facet and topics: the reading's facet and topics are taken when the
//     offline reader found none.
//
// A level id the ladder does not have is never taken.
func MergeReading(in Intent, question string, history []Turn, rd *Reading) (Intent, string, error) {
	return mergeReading(ladder.Default(), in, question, history, rd)
}

// mergeReading is MergeReading against the ladder lad.
func mergeReading(lad *ladder.Model, in Intent, question string, history []Turn, rd *Reading) (Intent, string, error) {
	if err := rd.ValidateFor(lad); err != nil {
		return in, ReadingInvalid, err
	}
	if in.Refusal == RefuseInjection || in.Scope == ScopeSmalltalk {
		return in, ReadingIgnored, fmt.Errorf("%w: the offline reader's %s stands", ErrReading, cmpOr(in.Refusal, in.Scope))
	}
	if id := ungrounded(lad, in, question, history, rd); id != "" {
		return in, ReadingDisagrees, fmt.Errorf("%w: level %q is neither named nor pointed at", ErrReading, id)
	}
	before := cloneIntent(in)
	out := cloneIntent(in)
	mergeScope(lad, &out, question, rd)
	if out.Refusal == "" && out.Scope != ScopeSmalltalk {
		mergeLevels(lad, &out, question, rd)
		if len(out.Facets) == 0 && rd.Facet != "" {
			out.Facets = []FacetWeight{{Facet: rd.Facet, Weight: 1}}
		}
		if len(out.Topics) == 0 {
			for _, t := range rd.Topics {
				addTopic(&out, t)
			}
		}
		if slices.Contains(out.Levels, lad.IC()) {
			addTopic(&out, TopicIC)
		}
	}
	if reflect.DeepEqual(before, out) {
		return in, ReadingAgrees, nil
	}
	return out, ReadingUsed, nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// mergeScope applies rule 2.
func mergeScope(lad *ladder.Model, in *Intent, question string, rd *Reading) {
	grounds := rd.Facet != "" || len(rd.Topics) > 0 || len(rd.with(RoleSelf, RoleTarget, RoleAbout)) > 0
	switch {
	case in.Refusal == RefuseOffTopic:
		switch {
		case (rd.Scope == ScopeIn || rd.Scope == ScopeNearby) && grounds:
			in.Refusal, in.Scope = "", rd.Scope
			if !rd.Transition {
				// The refused pass was cut short: the reading's transition
				// stands over a target it guessed on the way.
				if t := in.Target; t != "" {
					in.Levels = slices.DeleteFunc(in.Levels, func(l string) bool { return l == t && l != in.Current })
				}
				in.Target, in.Transition = "", false
			}
			if n, ok := nearbyByID(rd.Nearby); ok {
				in.Nearby = n.Name
			}
		case rd.Scope == ScopeSmalltalk && len(rd.Levels) == 0 && !grounds:
			*in = Intent{Scope: ScopeSmalltalk}
		}
	case in.Scope == ScopeIn || in.Scope == "":
		switch rd.Scope {
		case ScopeNearby:
			n, _ := nearbyByID(rd.Nearby)
			in.Scope, in.Nearby = ScopeNearby, n.Name
		case ScopeOut:
			if !namesLevelOrRole(lad, question) {
				in.Refusal, in.Scope = RefuseOffTopic, ScopeOut
			}
		}
	}
}

// namesLevelOrRole reports whether text names a level (a bare "PM" aside)
// or an adjacent role.
func namesLevelOrRole(lad *ladder.Model, text string) bool {
	for _, m := range lad.FindLevels(text) {
		if m.Strong {
			return true
		}
	}
	return len(lad.FindRoles(text)) > 0
}

// mergeLevels applies rule 3.
func mergeLevels(lad *ladder.Model, in *Intent, question string, rd *Reading) {
	aside := func(id string) bool {
		r := rd.role(id)
		return r == RoleOther || r == RoleRejected
	}
	for _, id := range rd.with(RoleRejected) {
		if !slices.Contains(in.Rejected, id) {
			in.Rejected = append(in.Rejected, id)
		}
	}
	hadLevels := len(in.Levels) > 0
	in.Levels = slices.DeleteFunc(in.Levels, aside)
	if aside(in.Current) {
		in.Current, in.Placed, in.PlacedWhy = "", "", ""
	}
	if aside(in.Target) {
		in.Target, in.Transition = "", false
	}
	if in.Current == "" {
		if s := rd.with(RoleSelf); len(s) > 0 {
			in.Current = s[0]
		}
	}
	if in.Target == "" && rd.Transition {
		if t := rd.with(RoleTarget); len(t) > 0 {
			in.Target, in.Transition = t[0], true
		} else if n, ok := lad.Next(in.Current); ok {
			in.Target, in.Transition = n.ID, true
		}
	}
	if len(in.Levels) == 0 {
		var take []string
		if in.Target != "" {
			take = append(take, in.Target)
		}
		take = append(take, rd.with(RoleTarget, RoleAbout)...)
		if len(take) == 0 && in.Current != "" {
			take = append(take, in.Current)
		}
		named := map[string]bool{}
		for _, m := range lad.FindLevels(question) {
			named[m.ID] = true
		}
		for _, id := range take {
			if _, ok := lad.ByID(id); !ok || slices.Contains(in.Levels, id) {
				continue
			}
			in.Levels = append(in.Levels, id)
			if !named[id] {
				in.FromHistory = true
			}
		}
		if hadLevels && len(in.Levels) == 0 && len(in.Roles) == 0 && len(in.Rejected) > 0 {
			// Only set-aside rungs were asked about: the paths beside them.
			if slices.Contains(in.Rejected, lad.IC()) {
				addTopic(in, TopicAdjacent)
			} else {
				addTopic(in, TopicIC)
			}
		}
	}
	if in.Target != "" && !slices.Contains(in.Levels, in.Target) {
		in.Levels = append([]string{in.Target}, in.Levels...)
	}
}

// ungrounded is the first level of rd that the question and conversation
// neither name nor reach by one rung from a named level, the asker's level
// or the offline reader's levels; "" when every level is grounded.
func ungrounded(lad *ladder.Model, in Intent, question string, history []Turn, rd *Reading) string {
	base := map[string]bool{}
	add := func(ids ...string) {
		for _, id := range ids {
			if id != "" {
				base[id] = true
			}
		}
	}
	texts := []string{question}
	for _, t := range history {
		texts = append(texts, t.Content)
	}
	for _, t := range texts {
		for _, m := range lad.FindLevels(t) {
			add(m.ID)
		}
	}
	add(in.Current, in.Target, in.Placed)
	add(in.Levels...)
	add(in.Rejected...)
	if in.HasTopic(TopicIC) {
		add(lad.IC())
	}
	known := map[string]bool{}
	for id := range base {
		known[id] = true
		if l, ok := lad.Next(id); ok {
			known[l.ID] = true
		}
		if l, ok := lad.Below(id); ok {
			known[l.ID] = true
		}
	}
	for _, l := range rd.Levels {
		if !known[l.ID] {
			return l.ID
		}
	}
	return ""
}

// cloneIntent copies in so merging never writes into the offline intent's
// slices.
func cloneIntent(in Intent) Intent {
	in.Levels = slices.Clone(in.Levels)
	in.Facets = slices.Clone(in.Facets)
	in.Roles = slices.Clone(in.Roles)
	in.Topics = slices.Clone(in.Topics)
	in.Rejected = slices.Clone(in.Rejected)
	return in
}

// String is the reading as one line, for logs.
func (rd *Reading) String() string {
	if rd == nil {
		return "<nil>"
	}
	var b strings.Builder
	for i, l := range rd.Levels {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(l.ID + ":" + l.Role)
	}
	return fmt.Sprintf("levels=[%s] facet=%q transition=%t scope=%s nearby=%q topics=%v",
		b.String(), rd.Facet, rd.Transition, rd.Scope, rd.Nearby, rd.Topics)
}
