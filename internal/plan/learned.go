package plan

import (
	_ "embed"
	"math"
	"strconv"
	"strings"
	"sync"
)

// The learned reading: a naive Bayes model over word stems, trained on the
// team's labelled context sets (eval/plan-context*.jsonl) by
// TestLearnedTable (learned_gen_test.go), which writes learned.tsv:
//
//	stem	skill	weight
//
// one row for each stem seen with a skill, and one row "*	skill	weight" a
// skill, the weight of a stem never seen with it. A weight is the log of
// how much likelier a context that needs the skill writes the stem than
// contexts at large (Dirichlet smoothing towards the background). The
// table holds single stems only, keyed by the article's skill names: a
// ladder file's skills are not in it, and its plans read contexts as
// before.
//
// The model blends into the profiles' focus scores (rankSkills): each
// candidate skill (the from-level's) gains learnedWeight times its share
// of the model's belief among the candidates above an even share, scaled
// to the best profile score; the skill the blend puts first leads the
// skills to work on. Only when every candidate skill has a row.

//go:generate env COACH_PLAN_LEARN=write go test -count=1 -run ^TestLearnedTable$ .

//go:embed learned.tsv
var learnedTSV string

// Settings of the learned reading, chosen leave one set out over the eight
// context sets with the training settings of learned_gen_test.go
// (TestLearnedSearch; eval/PLANS.md): held out, 275 of 296 contexts reach
// an expected skill first, against 239 without the model.
var (
	// learnedWeight is the blend: 0 turns the model off.
	learnedWeight = 4.0
	// learnedTemp divides the model's log-odds before they are turned
	// into shares among the candidates: naive Bayes is overconfident.
	learnedTemp = 4.0
	// learnedWidened: the features are the clause's words through the
	// lexicons (its profile query), not only as written.
	learnedWidened = false
)

// learnedModel is learned.tsv read.
type learnedModel struct {
	w   map[string]map[string]float64 // stem -> skill -> weight
	def map[string]float64            // skill -> weight of an unseen stem
}

// learned is the model every plan reads contexts with; tests may swap it.
var learned = sync.OnceValue(func() *learnedModel {
	m, err := parseLearned(learnedTSV)
	if err != nil {
		panic("plan: learned.tsv: " + err.Error())
	}
	return m
})

// learnedOverride, when set, replaces learned() (tests only).
var learnedOverride *learnedModel

func currentLearned() *learnedModel {
	if learnedOverride != nil {
		return learnedOverride
	}
	return learned()
}

type learnedError string

func (e learnedError) Error() string { return string(e) }

// parseLearned reads the table: tab-separated stem, skill, weight; "#"
// lines are comments.
func parseLearned(txt string) (*learnedModel, error) {
	m := &learnedModel{w: map[string]map[string]float64{}, def: map[string]float64{}}
	for n, line := range strings.Split(txt, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, learnedError("line " + strconv.Itoa(n+1) + ": want stem, skill, weight")
		}
		w, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			return nil, learnedError("line " + strconv.Itoa(n+1) + ": " + err.Error())
		}
		if f[0] == "*" {
			m.def[f[1]] = w
			continue
		}
		if m.w[f[0]] == nil {
			m.w[f[0]] = map[string]float64{}
		}
		m.w[f[0]][f[1]] = w
	}
	return m, nil
}

// learnedFeatures are the stems a context's clauses give the model and
// their weights: the clauses that say what to work on (none when every
// clause is a strength: the model reads gaps), each stem at its best
// weight.
func learnedFeatures(clauses []clause, widened bool) map[string]float64 {
	f := map[string]float64{}
	for _, c := range clauses {
		if c.lighter {
			continue
		}
		src := c.written
		if widened {
			src = c.pq
		}
		for t, w := range src {
			f[t] = max(f[t], w)
		}
	}
	return f
}

// shares is the model's belief among the candidate skills, summing to 1,
// or nil when a candidate is not in the model (a ladder file's skill) or
// no feature is known to it.
func (m *learnedModel) shares(cands []string, feats map[string]float64) []float64 {
	if m == nil || len(cands) == 0 {
		return nil
	}
	for _, c := range cands {
		if _, ok := m.def[c]; !ok {
			return nil
		}
	}
	logit := make([]float64, len(cands))
	known := false
	for t, fw := range feats {
		row, ok := m.w[t]
		if !ok {
			continue
		}
		known = true
		for i, c := range cands {
			w, ok := row[c]
			if !ok {
				w = m.def[c]
			}
			logit[i] += fw * w
		}
	}
	if !known {
		return nil
	}
	best := math.Inf(-1)
	for _, l := range logit {
		best = max(best, l)
	}
	sum := 0.0
	for i, l := range logit {
		logit[i] = math.Exp((l - best) / learnedTemp)
		sum += logit[i]
	}
	for i := range logit {
		logit[i] /= sum
	}
	return logit
}

// blendLearned is the profiles' focus scores with the model's belief
// added: each candidate gains learnedWeight times its share above an even
// share (a model that cannot tell the candidates apart adds nothing),
// scaled to the best focus score (at least minProfileScore, so a context
// the profiles miss can still be read); nil when the model has nothing to
// say.
func blendLearned(ps []profile, focus []float64, clauses []clause) []float64 {
	if learnedWeight == 0 {
		return nil
	}
	cands := make([]string, len(ps))
	for i, p := range ps {
		cands[i] = p.name
	}
	sh := currentLearned().shares(cands, learnedFeatures(clauses, learnedWidened))
	if sh == nil {
		return nil
	}
	scale := minProfileScore
	for _, f := range focus {
		scale = max(scale, f)
	}
	out := make([]float64, len(focus))
	for i := range focus {
		out[i] = focus[i] + learnedWeight*scale*(sh[i]-1/float64(len(sh)))
	}
	return out
}
