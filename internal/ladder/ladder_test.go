package ladder

import (
	"slices"
	"testing"
)

func TestLookup(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"Associate PM", Associate, true},
		{"APM", Associate, true},
		{"junior product manager", Associate, true},
		{"Mid-level PM", Mid, true},
		{"PM", Mid, true},
		{"Product Manager", Mid, true},
		{"Senior PM", Senior, true},
		{"senior product managers", Senior, true},
		{"Lead PM", Senior, true},
		{"GPM", Director, true},
		{"Group Product Manager", Director, true},
		{"Director of Product", Director, true},
		{"Head of Product", Director, true},
		{"VP of Product", VP, true},
		{"CPO", VP, true},
		{"chief product officer", VP, true},
		{"Principal PM", IC, true},
		{"Staff PM", IC, true},
		{"Product Architect", IC, true},
		{"  the senior role ", Senior, true},
		{"astronaut", "", false},
		{"", "", false},
		{"senior pm or director", "", false},
	}
	for _, tt := range tests {
		l, ok := Lookup(tt.in)
		if ok != tt.ok || l.ID != tt.want {
			t.Errorf("Lookup(%q) = %q, %v; want %q, %v", tt.in, l.ID, ok, tt.want, tt.ok)
		}
	}
}

func TestFindLevels(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"What should I build to become a Senior PM?", []string{Senior}},
		{"How do I move from Senior PM to Director?", []string{Senior, Director}},
		{"How long does it take to reach senior leadership?", nil},
		{"Align early with senior stakeholders", nil},
		{"What does a VP of Product spend time on?", []string{VP}},
		{"What is a Principal PM?", []string{IC}},
		{"directors of product", []string{Director}},
		{"an APM and a GPM", []string{Associate, Director}},
		{"what changes at level 4, and at level five?", []string{Director, VP}}, // the article numbers its rungs
		{"director of engineering", nil},
		{"which kind of pm is that good for?", nil}, // "pm is" is no "pm i" (an associate) with a plural s
		{"i'm a pm i at a bank", []string{Associate}},
		{"How do I become senior?", []string{Senior}},
		{"is she working at the senior level yet?", []string{Senior}},
		{"a senior role in sales", []string{Senior}},
		{"and the step past senior?", []string{Senior}},
		{"senior engineers and senior stakeholders", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, m := range FindLevels(tt.in) {
			if m.Strong {
				got = append(got, m.ID)
			}
		}
		if len(got) != len(tt.want) {
			t.Errorf("FindLevels(%q) = %v; want %v", tt.in, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("FindLevels(%q) = %v; want %v", tt.in, got, tt.want)
			}
		}
	}
}

func TestNextBelow(t *testing.T) {
	tests := []struct {
		id, next, below string
	}{
		{Associate, Mid, ""},
		{Mid, Senior, Associate},
		{Senior, Director, Mid},
		{Director, VP, Senior},
		{VP, "", Director},
		{IC, "", Senior},
	}
	for _, tt := range tests {
		n, _ := Next(tt.id)
		b, _ := Below(tt.id)
		if n.ID != tt.next || b.ID != tt.below {
			t.Errorf("%s: next %q below %q; want %q %q", tt.id, n.ID, b.ID, tt.next, tt.below)
		}
	}
}

func TestFindRoles(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Can PMs move into business development?", "business-development"},
		{"Could I become a startup founder?", "founder"},
		{"Can I move into product marketing?", "product-marketing"},
		{"What about R&D or incubation teams?", "innovation"},
		{"I like running cross-functional programs: program management?", "operations"},
		{"i'm all about the why of a product, less the how", "product-marketing"},
		{"What does a senior PM do?", ""},
	}
	for _, tt := range tests {
		rs := FindRoles(tt.in)
		got := ""
		if len(rs) > 0 {
			got = rs[0].ID
		}
		if got != tt.want {
			t.Errorf("FindRoles(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestLevelsOrder(t *testing.T) {
	ls := Levels()
	if len(ls) != 6 || ls[5].ID != IC {
		t.Fatalf("want 5 rungs then the IC track, got %v", ls)
	}
	for i := 0; i < 5; i++ {
		if ls[i].Rung != i+1 {
			t.Errorf("level %s has rung %d; want %d", ls[i].ID, ls[i].Rung, i+1)
		}
	}
}

func TestLookupRole(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Product Marketing", "product-marketing"}, {"product-marketing", "product-marketing"}, {"Strategy", "product-marketing"},
		{"Business Development", "business-development"}, {"BIZDEV", "business-development"},
		{"Operations & Program Management", "operations"}, {"operations", "operations"},
		{"Founder", "founder"}, {"CEOs", "founder"}, {"co-founder", "founder"},
		{"Innovation", "innovation"}, {"R&D", "innovation"}, {"Incubation Roles", "innovation"},
		{"Senior PM", ""}, {"", ""}, {"marketing strategy for fintech", ""},
	}
	for _, tt := range tests {
		r, ok := LookupRole(tt.name)
		if got := r.ID; got != tt.want || ok != (tt.want != "") {
			t.Errorf("LookupRole(%q) = %q, %v; want %q", tt.name, got, ok, tt.want)
		}
	}
}

func TestPhrasesFind(t *testing.T) {
	tests := []struct {
		phrase, text string
		at, end      int // -1: not found
	}{
		{"next level", " the next level up ", 5, 15},
		{"next level", " the next levels ", 5, 16},    // a plural s
		{"next level", " the next leveling ", -1, -1}, // a longer word
		{"level", " sublevel ", -1, -1},
		{"responsibilit*", " my responsibilities are ", 4, 20},
		{"responsibilit*", " irresponsibility ", -1, -1},
		{"becom*", " to become ", 4, 10},
		{"becom*", " to becom ", 4, 9},
		{"leav* product", " leaving product now ", 1, 16},
		{"leav* product", " leaving products ", 1, 17},
		{"leav* product", " leaving production ", -1, -1},
		{"without being a *", " without being a director ", 1, 25},
		{"without being a *", " without being able ", -1, -1},
		{"own?", " what do they own? ", 14, 18},
		{"a*", " b ", -1, -1},
		{"it=", " its ", -1, -1},
		{"it=", " it is ", 1, 3},
		{"next level=", " next levels ", -1, -1},
	}
	for _, tt := range tests {
		at, end := Phrases{tt.phrase}.Find(tt.text)
		if at != tt.at || end != tt.end {
			t.Errorf("%q in %q: %d-%d, want %d-%d", tt.phrase, tt.text, at, end, tt.at, tt.end)
		}
		if got := (Phrases{tt.phrase}.In(tt.text)); got != (tt.at >= 0) {
			t.Errorf("%q in %q: In is %v", tt.phrase, tt.text, got)
		}
	}
	// Of two phrases found at one offset, the one listed first decides the end.
	if at, end := (Phrases{"get to", "get to that level"}.Find(" get to that level ")); at != 1 || end != 7 {
		t.Errorf("list order: %d-%d", at, end)
	}
	if got := (Phrases{"leav* product"}.Blank(" leaving product now ")); got != "                 now " {
		t.Errorf("Blank: %q", got)
	}
}

func TestSeqFind(t *testing.T) {
	s := Seq{{"one", "level"}, {"just", "right", ""}, {"above"}, {"it=", "that="}}
	tests := []struct {
		text    string
		at, end int
	}{
		{" the one above it ", 5, 17},
		{" the level just above that ", 5, 26},
		{" the level just above ", -1, -1},
		{" the ones above it ", -1, -1},
		{" someone above it ", -1, -1},
		{" the one above its ", -1, -1},
		{" the one above that's ", 5, 19},
		{"level right above it", 0, 20},
	}
	for _, tt := range tests {
		if at, end := s.Find(tt.text); at != tt.at || end != tt.end {
			t.Errorf("%q: %d-%d, want %d-%d", tt.text, at, end, tt.at, tt.end)
		}
	}
	// Parts left out at the end: the word before them ends the sequence.
	if at, end := (Seq{{"my"}, {"goal"}, {"level", ""}}).Find(" my goals? "); at != 1 || end != 9 {
		t.Errorf("optional end: %d-%d", at, end)
	}
	// Of two ends at one offset, the phrase listed first decides.
	if _, end := (Seq{{"get"}, {"to that level", "to"}}).Find(" get to that level "); end != 18 {
		t.Errorf("list order: end %d", end)
	}
}

// FindLevels remembers the texts read last; what a caller does with the
// mentions it gets never changes what the next caller gets.
func TestFindLevelsMemo(t *testing.T) {
	const text = "from senior pm to director of product"
	first := FindLevels(text)
	if len(first) != 2 {
		t.Fatalf("FindLevels(%q) = %v, want two mentions", text, first)
	}
	want := slices.Clone(first)
	first[0].ID = "changed"
	for range 3 {
		if got := FindLevels(text); !slices.Equal(got, want) {
			t.Fatalf("FindLevels(%q) again = %v, want %v", text, got, want)
		}
	}
	if got := FindLevels("nothing here"); got != nil {
		t.Errorf("FindLevels of a text naming no level = %#v, want nil", got)
	}
	if got := FindLevels("nothing here"); got != nil {
		t.Errorf("FindLevels of a text naming no level, remembered = %#v, want nil", got)
	}
}

// Suffix finds a phrase that ends the text as whole words, spaces trimmed.
func TestPhrasesSuffix(t *testing.T) {
	p := Phrases{"senior pm", "here"}
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"senior pm", true}, {"  a senior pm  ", true}, {"i'm here ", true}, {"there", false},
		{"a junior pm", false}, {"senior pm now", false}, {"pm", false}, {"", false}, {"asenior pm", false},
	} {
		if got := p.Suffix(tt.text); got != tt.want {
			t.Errorf("Suffix(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
	if !(Phrases{""}).Suffix("  ") || (Phrases{""}).Suffix("x") {
		t.Error("the empty phrase ends only an empty text")
	}
}
