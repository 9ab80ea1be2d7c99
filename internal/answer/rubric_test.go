package answer

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ladder/coach/corpus"
	"github.com/ladder/coach/internal/sections"
)

// The rubric of eval/ANSWERS.md, over eval/answers.jsonl and the public set.

type rubricTurn struct {
	Q       string `json:"q"`
	Level   string `json:"level"`
	Assumed bool   `json:"assumed"`
	Repeat  bool   `json:"repeat"`
	Whole   bool   `json:"whole"`
	Refuse  bool   `json:"refuse"`
	// Done marks a follow-up past the end of the section the conversation
	// was in: the first line must say every line of it was shown.
	Done bool `json:"done"`
}

type rubricCase struct {
	ID    string       `json:"id"`
	Turns []rubricTurn `json:"turns"`
}

// judgedReply is a reply as a client reads it, items and suggestions
// included.
type judgedReply struct {
	Answer    string `json:"answer"`
	Citations []struct {
		ID    string `json:"id"`
		Text  string `json:"text"`
		Items []int  `json:"items"`
	} `json:"citations"`
	Suggestions []string `json:"suggestions"`
}

// levelNames are the names R2 accepts for each level.
var levelNames = map[string][]string{
	"associate": {"associate pm"},
	"mid":       {"mid-level pm"},
	"senior":    {"senior pm"},
	"director":  {"director of product"},
	"vp":        {"vp of product"},
	"ic":        {"ic track", "individual-contributor", "individual contributor"},
}

var assumedWords = regexp.MustCompile(`(?i)\b(?:assum\w*|staying with|you said|you describe\w*|going by|you mentioned)\b`)

var everyLine = regexp.MustCompile(`(?i)\b(?:every|all(?: the)?) lines?\b`)

var rubricMarker = regexp.MustCompile(`\s*\[\d+(?:,\s*\d+)*\]`)

// articleLines are the article's item lines, for R3 and R4.
func articleLines(t testing.TB) []string {
	secs, err := sections.Split(corpus.Article)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range secs {
		for _, it := range s.Items() {
			out = append(out, strings.TrimSpace(it))
		}
	}
	return out
}

// shownLines lists the article lines an answer shows (bold aside).
func shownLines(answer string, lines []string) []string {
	plain := strings.ReplaceAll(answer, "**", "")
	var out []string
	for _, l := range lines {
		if strings.Contains(plain, l) {
			out = append(out, l)
		}
	}
	return out
}

func wordCount(answer string) int {
	return len(strings.Fields(strings.ReplaceAll(rubricMarker.ReplaceAllString(answer, ""), "**", "")))
}

type rubricScore struct {
	r1, r2, r3, r4, r6, r7 [2]int // passed, judged
	wordsAll               []int
	over                   []string
}

func (s *rubricScore) mark(r *[2]int, ok bool) {
	r[1]++
	if ok {
		r[0]++
	}
}

// judge scores one reply; earlier are the article lines the conversation
// showed before it.
func (s *rubricScore) judge(t *testing.T, id string, tn rubricTurn, r judgedReply, earlier map[string]bool, lines []string) {
	if tn.Refuse {
		s.mark(&s.r6, len(r.Citations) == 0 && len(r.Suggestions) == 0)
		return
	}
	first, _, _ := strings.Cut(r.Answer, "\n")
	// R1: an article line and its marker in the first line.
	ok1 := false
	for _, l := range shownLines(first, lines) {
		for n, c := range r.Citations {
			if strings.Contains(c.Text, l) && strings.Contains(first, fmt.Sprintf("[%d]", n+1)) {
				ok1 = true
			}
		}
	}
	s.mark(&s.r1, ok1)
	if !ok1 && testing.Verbose() {
		t.Logf("%s R1 %q: %s", id, tn.Q, first)
	}
	// R2: the level named, and said to be assumed when it is.
	if tn.Level != "" {
		low := strings.ToLower(first)
		ok := slices.ContainsFunc(levelNames[tn.Level], func(n string) bool { return strings.Contains(low, n) })
		if tn.Assumed {
			ok = ok && assumedWords.MatchString(first)
		}
		s.mark(&s.r2, ok)
		if !ok && testing.Verbose() {
			t.Logf("%s R2 %q: %s", id, tn.Q, first)
		}
	}
	// R7: past the end of a section, said so.
	if tn.Done {
		ok := everyLine.MatchString(first)
		s.mark(&s.r7, ok)
		if !ok && testing.Verbose() {
			t.Logf("%s R7 %q: %s", id, tn.Q, first)
		}
	}
	// R3: nothing shown before, unless asked.
	shown := shownLines(r.Answer, lines)
	if earlier != nil && !tn.Repeat {
		var again []string
		for _, l := range shown {
			if earlier[l] {
				again = append(again, l)
			}
		}
		s.mark(&s.r3, len(again) == 0)
		if len(again) > 0 && testing.Verbose() {
			t.Logf("%s R3 %q repeats %d lines: %.60q", id, tn.Q, len(again), again[0])
		}
	}
	// R4: list lines verbatim with a marker; shown lines in items; items shown.
	ok4 := len(shown) > 0
	for _, line := range strings.Split(r.Answer, "\n") {
		item, isList := strings.CutPrefix(line, "- ")
		if !isList {
			continue
		}
		markers := rubricMarker.FindAllString(item, -1)
		plain := strings.TrimSpace(strings.ReplaceAll(rubricMarker.ReplaceAllString(item, ""), "**", ""))
		if len(markers) == 0 || !slices.Contains(lines, plain) {
			ok4 = false
		}
	}
	for _, l := range shown {
		found := false
		for n, c := range r.Citations {
			split := strings.Split(c.Text, "\n")
			for _, i := range c.Items {
				if i >= 0 && i < len(split) && strings.TrimSpace(split[i]) == l &&
					regexp.MustCompile(`\[(?:\d+,\s*)*`+fmt.Sprint(n+1)+`(?:,\s*\d+)*\]`).MatchString(r.Answer) {
					found = true
				}
			}
		}
		ok4 = ok4 && found
	}
	plain := strings.ReplaceAll(r.Answer, "**", "")
	for _, c := range r.Citations {
		split := strings.Split(c.Text, "\n")
		for _, i := range c.Items {
			if i < 0 || i >= len(split) || !strings.Contains(plain, strings.TrimSpace(split[i])) {
				ok4 = false
			}
		}
	}
	s.mark(&s.r4, ok4)
	if !ok4 && testing.Verbose() {
		t.Logf("%s R4 %q", id, tn.Q)
	}
	n := wordCount(r.Answer)
	s.wordsAll = append(s.wordsAll, n)
	if n > 250 && !tn.Whole {
		s.over = append(s.over, fmt.Sprintf("%s (%d words)", id, n))
	}
}

func median(xs []int) int {
	if len(xs) == 0 {
		return 0
	}
	ys := slices.Clone(xs)
	slices.Sort(ys)
	return ys[len(ys)/2]
}

func pct(r [2]int) string {
	if r[1] == 0 {
		return "-"
	}
	return fmt.Sprintf("%d/%d", r[0], r[1])
}

func chatJSON(t *testing.T, s *Service, q string, history []Turn) judgedReply {
	t.Helper()
	reply, err := s.Chat(context.Background(), Request{Message: q, History: history})
	if err != nil {
		t.Fatalf("%q: %v", q, err)
	}
	b, err := json.Marshal(reply)
	if err != nil {
		t.Fatal(err)
	}
	var r judgedReply
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func readJSONL[T any](t *testing.T, path string) []T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, v)
	}
	return out
}

// TestAnswerRubric prints the figures of eval/ANSWERS.md and holds the
// offline composer to them.
func TestAnswerRubric(t *testing.T) {
	s := newOfflineService(t)
	lines := articleLines(t)
	var sc rubricScore
	for _, c := range readJSONL[rubricCase](t, "../../eval/answers.jsonl") {
		var history []Turn
		var earlier map[string]bool
		for i, tn := range c.Turns {
			r := chatJSON(t, s, tn.Q, history)
			id := fmt.Sprintf("%s.%d", c.ID, i+1)
			if testing.Verbose() && os.Getenv("RUBRIC_SHOW") != "" {
				t.Logf("--- %s %q\n%s\nsuggestions: %q", id, tn.Q, r.Answer, r.Suggestions)
			}
			sc.judge(t, id, tn, r, earlier, lines)
			if earlier == nil {
				earlier = map[string]bool{}
			}
			for _, l := range shownLines(r.Answer, lines) {
				earlier[l] = true
			}
			history = append(history, Turn{Role: "user", Content: tn.Q}, Turn{Role: "assistant", Content: r.Answer})
		}
	}
	type publicCase struct {
		Q       string `json:"q"`
		History []Turn `json:"history"`
	}
	var pub []int
	var pubOver []string
	for _, c := range readJSONL[publicCase](t, "../../eval/public.jsonl") {
		r := chatJSON(t, s, c.Q, c.History)
		if len(r.Citations) == 0 {
			continue
		}
		n := wordCount(r.Answer)
		pub = append(pub, n)
		if n > 250 {
			pubOver = append(pubOver, fmt.Sprintf("%q (%d)", c.Q, n))
		}
	}
	t.Logf("R1 answers first %s, R2 level %s, R3 no repetition %s, R4 verbatim+items %s, R6 refusals %s, R7 end of a section said %s",
		pct(sc.r1), pct(sc.r2), pct(sc.r3), pct(sc.r4), pct(sc.r6), pct(sc.r7))
	t.Logf("words: median %d, max %d, over 250 without asking: %v", median(sc.wordsAll), slices.Max(sc.wordsAll), sc.over)
	t.Logf("public set: median %d, max %d words, over 250: %v", median(pub), slices.Max(pub), pubOver)

	// The bar (eval/ANSWERS.md): what the composer reached when the rubric
	// landed, less a margin for retrieval's changes.
	atLeast := func(name string, r [2]int, min float64) {
		if r[1] > 0 && float64(r[0]) < min*float64(r[1]) {
			t.Errorf("%s: %s; want at least %.0f%%", name, pct(r), min*100)
		}
	}
	atLeast("R1", sc.r1, 0.9)
	atLeast("R2", sc.r2, 0.8)
	atLeast("R3", sc.r3, 1)
	atLeast("R4", sc.r4, 0.95)
	atLeast("R6", sc.r6, 1)
	atLeast("R7", sc.r7, 1)
	if m := median(pub); m < 60 || m > 160 {
		t.Errorf("public set: median %d words; want 60 to 160", m)
	}
	if len(sc.over)+len(pubOver) > 0 {
		t.Errorf("over 250 words without asking: %v %v", sc.over, pubOver)
	}
}
