package retrieve

import (
	"cmp"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/ladder/coach/internal/ladder"
)

func TestTitleLeads(t *testing.T) {
	for _, c := range []struct {
		q    string
		want [][2]int
	}{
		{"i'm a senior pm", [][2]int{{0, 6}}},
		{"im the lead", [][2]int{{0, 7}}},
		{"after being an apm", [][2]int{{0, 13}}},    // "an" read as "a"
		{"after beings change", [][2]int{{0, 6}}},    // "after" alone
		{"my role is   director", [][2]int{{0, 13}}}, // spaces after
		{"has been as a pm", [][2]int{{9, 14}}},      // "as" only where a word starts
		{"i'm currently a vp", [][2]int{{0, 4}, {4, 16}}},
		{"my real title is senior pm", [][2]int{{0, 17}}},
		{"i'mx a pm", nil},
		{"as", nil}, // a lead needs a space after it
		{"", nil},
	} {
		if got := titleLeads(c.q); !reflect.DeepEqual(got, c.want) {
			t.Errorf("titleLeads(%q) = %v; want %v", c.q, got, c.want)
		}
	}
}

// TestTitleLeadsAgree checks the table reader against a regular
// expression of the same table (the form it replaced), on every eval text.
func TestTitleLeadsAgree(t *testing.T) {
	quoted := make([]string, len(statedLeads))
	for i, w := range statedLeads {
		quoted[i] = regexp.QuoteMeta(w)
	}
	re := regexp.MustCompile(`\b(?:` + strings.Join(quoted, "|") + `)\s+(?:a|an|the)?\s*`)
	texts := evalTexts(t)
	for _, q := range texts {
		var want [][2]int
		for _, loc := range re.FindAllStringIndex(q, -1) {
			want = append(want, [2]int{loc[0], loc[1]})
		}
		if got := titleLeads(q); !reflect.DeepEqual(got, want) {
			t.Errorf("titleLeads(%q) = %v; the expression finds %v", q, got, want)
		}
	}
}

// TestOwnLevel reads the asker's own level from one message: a title that
// opens it, a move of the asker's own, and not another person's move.
func TestOwnLevel(t *testing.T) {
	lad := ladder.Default()
	for _, c := range []struct {
		q    string
		want string
	}{
		{"senior pm at a logistics firm, 3 years in", ladder.Senior},
		{"director of product, fintech. how do i hire well?", ladder.Director},
		{"associate pm with a background in sales", ladder.Associate},
		{"senior pm at our company told me to write more", ""}, // what someone said
		{"senior pm? what do they do", ""},                     // a question, not an introduction
		{"i went from apm to senior pm in two years", ladder.Senior},
		{"my husband got promoted to director and i'm still a mid-level pm", ladder.Mid},
		{"my husband got promoted to director", ""},
		{"last spring i got promoted to senior, finally", ladder.Senior}, // a bare "senior" after "promoted to"
		{"she went from apm to senior pm", ""},
		{"what changes compared to being a senior pm?", ""}, // a base of comparison
		{"as a senior pm, what changes?", ladder.Senior},
		{"hi, mid-level pm at a bank here", ladder.Mid},         // after a greeting
		{"hola! senior pm at a fintech in lima", ladder.Senior}, // after a greeting in another language
	} {
		got := cmp.Or(promotedTo(lad, c.q), statedLevel(lad, c.q))
		if got != c.want {
			t.Errorf("own level of %q = %q; want %q", c.q, got, c.want)
		}
	}
}

// TestPersonLevel: the level of the other person a message tells of, not
// of the people that person works on.
func TestPersonLevel(t *testing.T) {
	lad := ladder.Default()
	for _, c := range []struct {
		q    string
		want string
	}{
		{"she's a director at a bank", ladder.Director},
		{"he got an offer for a senior pm role", ladder.Senior},
		{"she's also busy hiring two new associate pms", ""},
		{"he now manages three senior pms", ""},
		{"my boss is the vp", ladder.VP},
		{"she wants to make senior next year", ""}, // the rung she goes for
	} {
		if got := personLevel(lad, c.q); got != c.want {
			t.Errorf("personLevel(%q) = %q; want %q", c.q, got, c.want)
		}
	}
}
