package answer

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/ladder/coach/corpus"
	"github.com/ladder/coach/internal/sections"
)

// stems is the set of the stems of text's words, the plain way.
func stems(text string) map[string]bool {
	ws := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		ws[stem(w)] = true
	}
	return ws
}

// hasStem must agree with building the set of stems, on every line of the
// article and every stem found in it, and on stems found in none.
func TestHasStemAgreesWithStems(t *testing.T) {
	lines := strings.Split(string(corpus.Article), "\n")
	terms := map[string]bool{"pm": true, "a": true, "zzzzz": true, "ment": true, "é": true, "ship": true}
	for _, l := range lines {
		for s := range stems(l) {
			terms[s] = true
		}
	}
	for _, l := range lines {
		want := stems(l)
		lower := strings.ToLower(l)
		for term := range terms {
			if got := hasStem(lower, term); got != want[term] {
				t.Fatalf("hasStem(%q, %q) = %v, want %v", l, term, got, want[term])
			}
		}
	}
}

func TestWordCount(t *testing.T) {
	for _, s := range append(strings.Split(string(corpus.Article), "\n"), "", "  ", " a  b\tc\n", "é è") {
		if got, want := countWords(s), len(strings.Fields(s)); got != want {
			t.Fatalf("countWords(%q) = %d, want %d", s, got, want)
		}
	}
}

// The IC track asked as a topic is named by its own lead, not guessed at.
func TestICLeadIsNoGuess(t *testing.T) {
	s := newOfflineService(t)
	r, err := s.Chat(t.Context(), Request{Message: "i would hate having direct reports. how does growth work for me then?"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Citations) == 0 || r.Citations[0].Level != "ic" {
		t.Fatalf("citations %+v: want the IC track first", r.Citations)
	}
	if strings.HasPrefix(strings.ToLower(r.Answer), "assuming you mean") {
		t.Errorf("answer %q guesses at a level the question asked", r.Answer[:min(80, len(r.Answer))])
	}
}

// A text's facts must answer hasStem as hasStem does, for terms of letters
// alone (read from the word starts) and for the others.
func TestFactsHasStemAgrees(t *testing.T) {
	lines := append(strings.Split(string(corpus.Article), "\n"), "", "don't stop", "ÉCOLE élève, naïve", "a\xffb pm’s \xc3",
		"日本語のテキスト 日本", "ŻÓŁĆ źdźbło ĄĘĆŻŹ")
	terms := []string{"", "pm", "a", "b", "zzzzz", "ment", "é", "écol", "élève", "ship", "don't", "dont", "naïv", "stakeholder", "pm’s", "pm's",
		"日本", "日本語のテ", "日本語の", "żółć", "źdźbł", "ąęćżź", "ąęćż"}
	for _, l := range lines {
		for s := range stems(l) {
			terms = append(terms, s)
		}
	}
	for _, l := range lines {
		f := newFacts(l)
		for _, term := range terms {
			if got, want := f.hasStem(qterms([]string{term})[0]), hasStem(f.lower, term); got != want {
				t.Fatalf("newFacts(%q).hasStem(%q) = %v, want %v", l, term, got, want)
			}
		}
	}
}

func TestCapitalize(t *testing.T) {
	byRunes := func(s string) string {
		r := []rune(s)
		r[0] = unicode.ToUpper(r[0])
		return string(r)
	}
	for _, s := range []string{"a", "A", "on the ladder", "été", "ǆemal", "1st", "\xffbad", "ok\xff", "ß"} {
		if got, want := capitalize(s), byRunes(s); got != want {
			t.Errorf("capitalize(%q) = %q, want %q", s, got, want)
		}
	}
	if capitalize("") != "" {
		t.Error(`capitalize("") is not ""`)
	}
}

// questionTermsByFields is questionTerms as first written, on FieldsFunc
// and rune slices: the reference the one-pass version must agree with.
func questionTermsByFields(q string, caveat bool) []string {
	var out []string
	if caveat {
		out = append(out, "enjoy", "dream", "tough", "stake")
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(q), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' }) {
		w = strings.Trim(strings.ReplaceAll(w, "’", "'"), "'")
		if len([]rune(w)) < 4 || stopTerms[w] {
			continue
		}
		r := []rune(w)
		st := string(r[:min(len(r), stemRunes)])
		if !slices.Contains(out, st) {
			out = append(out, st)
		}
	}
	return out
}

func TestQuestionTermsAgree(t *testing.T) {
	qs := append(strings.Split(string(corpus.Article), "\n"), "", "  ", "What's the PM’s role? They'll say: don't!",
		"'quoted' ''words'' end'", "Naïve ÉCOLE élèves prioritising", "bad \xff bytes\xc3", "x-ray 3rd-party stakeholders’")
	for _, q := range qs {
		for _, caveat := range []bool{false, true} {
			if got, want := questionTerms(strings.ToLower(q), caveat), questionTermsByFields(q, caveat); !slices.Equal(got, want) {
				t.Errorf("questionTerms(%q) = %q, want %q", q, got, want)
			}
		}
	}
}

// A section's facts are its own, also when another section with its id
// (from another ladder) or its lines' array was read first.
func TestSectionFactsOf(t *testing.T) {
	shared := []string{"Heading", "Roadmaps: plan the quarter.", "A list:"}
	for _, s := range []sections.Section{
		{ID: "zz/shared", Title: "Skills", Facet: "skills", Lines: shared},
		{ID: "zz/shared", Title: "Other", Facet: "skills", Lines: shared, Heading: "Heading"},
		{ID: "zz/shared", Title: "Other", Facet: "overview", Lines: shared, Heading: "Heading"},
		{ID: "zz/facts", Title: "Skills", Facet: "skills", Lines: []string{"Roadmaps: plan the quarter.", "  Writing: specs and notes  "}},
		{ID: "zz/facts", Title: "Skills", Facet: "skills", Lines: []string{"Hiring: grow the team."}},
		{ID: "zz/facts", Title: "Overview", Facet: "overview", Lines: []string{"Heading", "A line.", "A list:"}, Heading: "Heading"},
	} {
		for range 2 {
			sf := sectionFactsOf(s)
			want := newSectionFacts(s)
			if len(sf.items) != len(want.items) || sf.title.lower != want.title.lower {
				t.Fatalf("%q: %d items, title %q; want %d, %q", s.Lines, len(sf.items), sf.title.lower, len(want.items), want.title.lower)
			}
			for k, it := range sf.items {
				w := want.items[k]
				if it.index != w.index || it.text != w.text || it.skill != w.skill || it.facts.words != w.facts.words {
					t.Errorf("%q: item %d = %+v, want %+v", s.Lines, k, it, w)
				}
			}
		}
	}
}
