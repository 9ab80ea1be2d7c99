package ladderfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// good is a small valid file the bad cases below are edits of.
const good = `---
title: Test Ladder
levels:
  - id: junior
    name: Junior Analyst
    aliases: [junior, new analyst]
  - id: analyst
    name: Analyst
  - id: lead
    name: Lead Analyst
  - id: principal
    name: Principal Analyst
    track: ic
facets:
  - id: scope
    heading: Scope
  - id: skills
    heading: Skills to Grow for the Next Level
---

# Test Ladder

Intro line.

## Junior Analyst

Lead text of the junior level.

### Scope
- Small tasks.

### Skills to Grow for the Next Level
- Modelling: build simple models.

## Analyst

### Scope
- Own a question.

## Lead Analyst

### Scope
- Lead a team.

## Principal Analyst

### Scope
- Go deep.

## Other Paths

Some leave analysis.

### Data Engineering
- Build pipelines.

## How Long It Takes

Two to four years a rung.
`

func TestParseGood(t *testing.T) {
	l, err := Parse("good.md", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if l.Title != "Test Ladder" || len(l.Levels) != 4 || len(l.Facets) != 2 {
		t.Fatalf("title %q, %d levels, %d facets", l.Title, len(l.Levels), len(l.Facets))
	}
	wantIDs := []string{"introduction", "junior/overview", "junior/scope", "junior/skills", "analyst/scope",
		"lead/scope", "principal/scope", "other-paths", "other-paths/data-engineering", "how-long-it-takes"}
	var got []string
	for _, s := range l.Sections {
		got = append(got, s.ID)
	}
	if strings.Join(got, " ") != strings.Join(wantIDs, " ") {
		t.Errorf("sections\n got %v\nwant %v", got, wantIDs)
	}
	if l.Growth != "skills" || l.GrowthFrom != "heading" {
		t.Errorf("growth %q from %q", l.Growth, l.GrowthFrom)
	}
	if l.Adjacent != "other-paths" || l.Timeline != "how-long-it-takes" {
		t.Errorf("adjacent %q timeline %q", l.Adjacent, l.Timeline)
	}
	if len(l.Roles) != 1 || l.Roles[0].Name != "Data Engineering" {
		t.Errorf("roles %+v", l.Roles)
	}
	if p, _ := l.Level("principal"); p.From != "lead" || p.Line != 11 || p.HeadingLine != 45 {
		t.Errorf("principal %+v", p)
	}
	s, _ := l.Section("junior/skills")
	if s.Lines[1] != "- Modelling: build simple models." || s.LineNos[1] != 33 || s.Title != "Junior Analyst: Skills to Grow for the Next Level" {
		t.Errorf("junior/skills %+v", s)
	}
	if len(l.Warnings) != 0 {
		t.Errorf("warnings: %v", l.Warnings)
	}
}

// edit replaces old with new in the good file, once.
func edit(t *testing.T, old, new string) string {
	t.Helper()
	if !strings.Contains(good, old) {
		t.Fatalf("good file has no %q", old)
	}
	return strings.Replace(good, old, new, 1)
}

func TestParseBad(t *testing.T) {
	cases := []struct {
		name string
		src  func(t *testing.T) string
		line int
		msg  string
	}{
		{"no front matter", func(t *testing.T) string { return "# Title\n\n## Analyst\n" }, 1, "no front matter"},
		{"front matter not closed", func(t *testing.T) string { return "---\ntitle: x\n" }, 1, "not closed"},
		{"yaml syntax", func(t *testing.T) string { return edit(t, "    name: Analyst\n", "    name: [Analyst\n") }, 9, "does not parse as YAML"},
		{"unknown key", func(t *testing.T) string {
			return edit(t, "    name: Analyst\n", "    name: Analyst\n    alias: [x]\n")
		}, 9, "does not parse as YAML"},
		{"wrong type", func(t *testing.T) string { return edit(t, "levels:\n", "levels: 3\nx:\n") }, 3, "does not parse as YAML"},
		{"empty front matter", func(t *testing.T) string { return "---\n---\n# T\n" }, 1, "front matter is empty"},
		{"no levels", func(t *testing.T) string { return "---\ntitle: T\n---\n# T\n" }, 3, "declares no levels"},
		{"level without section", func(t *testing.T) string { return edit(t, "## Lead Analyst\n", "## Lead Analyst Role\n") }, 9, `level "lead" has no section`},
		{"duplicate id", func(t *testing.T) string { return edit(t, "  - id: lead\n", "  - id: analyst\n") }, 9, `duplicate level id "analyst" (first at line 7)`},
		{"duplicate alias", func(t *testing.T) string {
			return edit(t, "    name: Analyst\n", "    name: Analyst\n    aliases: [Junior]\n")
		}, 7, `duplicate alias "Junior": level "junior" already has it`},
		{"alias is another level's name", func(t *testing.T) string {
			return edit(t, "    name: Lead Analyst\n", "    name: Lead Analyst\n    aliases: [analyst]\n")
		}, 9, `duplicate alias "analyst"`},
		{"facet used by no level", func(t *testing.T) string {
			return edit(t, "    heading: Scope\n", "    heading: Scope\n  - id: impact\n    heading: Impact\n")
		}, 17, `facet "impact" is used by no level`},
		{"empty facet section", func(t *testing.T) string { return edit(t, "### Scope\n- Own a question.\n", "### Scope\n\n") }, 37, `empty section "Scope"`},
		{"empty part", func(t *testing.T) string { return edit(t, "Two to four years a rung.\n", "") }, 57, `empty section "How Long It Takes"`},
		{"empty level", func(t *testing.T) string { return edit(t, "### Scope\n- Lead a team.\n", "") }, 40, `empty section "Lead Analyst"`},
		{"level twice", func(t *testing.T) string { return edit(t, "## Other Paths\n", "## Analyst\n") }, 50, `level "Analyst" has a second section`},
		{"facet twice in a level", func(t *testing.T) string {
			return edit(t, "### Scope\n- Go deep.\n", "### Scope\n- Go deep.\n### Scope\n- Again.\n")
		}, 49, `facet "Scope" twice`},
		{"two growth facets", func(t *testing.T) string {
			return edit(t, "    heading: Scope\n  - id: skills\n", "    heading: Scope\n    growth: true\n  - id: skills\n    growth: true\n")
		}, 18, "two facets say"},
		{"bad id", func(t *testing.T) string { return edit(t, "  - id: lead\n", "  - id: Lead Analyst\n") }, 9, "level id"},
		{"from on a main level", func(t *testing.T) string {
			return edit(t, "    name: Analyst\n", "    name: Analyst\n    from: junior\n")
		}, 7, `"from" is for`},
		{"adjacent names no part", func(t *testing.T) string {
			return edit(t, "---\n\n# Test", "adjacent: Elsewhere\n---\n\n# Test")
		}, 20, `adjacent: "Elsewhere" names no ## part`},
		{"no title", func(t *testing.T) string {
			return strings.Replace(edit(t, "title: Test Ladder\n", ""), "# Test Ladder\n", "", 1)
		}, 1, "no title"},
		{"not utf-8", func(t *testing.T) string { return edit(t, "Intro line.", "Intro \xff line.") }, 23, "not valid UTF-8"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("bad.md", []byte(c.src(t)))
			if err == nil {
				t.Fatal("no error")
			}
			var es Errors
			if !errors.As(err, &es) || len(es) == 0 {
				t.Fatalf("error %T %v is not Errors", err, err)
			}
			found := false
			for _, e := range es {
				if e.File == "bad.md" && e.Line == c.line && strings.Contains(e.Msg, c.msg) {
					found = true
				}
			}
			if !found {
				t.Errorf("want bad.md:%d: ...%s...; got\n%v", c.line, c.msg, err)
			}
		})
	}
}

func TestGrowthFacet(t *testing.T) {
	cases := []struct {
		headings []string
		want     int // index, -1 for none
	}{
		{[]string{"Scope", "Skills to Grow for the Next Level"}, 1},
		{[]string{"Overview", "Core responsibilities", "Skills to develop"}, 2},
		{[]string{"Getting promoted", "Scope"}, 0},
		{[]string{"Skills", "Impact"}, -1},
		{[]string{"Next steps", "Competencies to build towards the next level", "Scope"}, 1},
		{[]string{"Growth areas", "Development"}, 1},
	}
	for _, c := range cases {
		var fs []Facet
		for i, h := range c.headings {
			fs = append(fs, Facet{ID: string(rune('a' + i)), Heading: h})
		}
		want := ""
		if c.want >= 0 {
			want = fs[c.want].ID
		}
		if got := GrowthFacet(fs); got != want {
			t.Errorf("%v: got %q, want %q", c.headings, got, want)
		}
	}
}

func TestWarnings(t *testing.T) {
	l, err := Parse("w.md", []byte(edit(t, "### Scope\n- Go deep.\n", "### Scope\n- Go deep.\n### Side Notes\n- More.\n")))
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Warnings) != 1 || l.Warnings[0].Line != 49 || !strings.Contains(l.Warnings[0].Msg, "not a declared facet") {
		t.Errorf("warnings %v", l.Warnings)
	}
	if _, ok := l.Section("principal/side-notes"); !ok {
		t.Error("no principal/side-notes section")
	}
}

func TestFenceAndCRLF(t *testing.T) {
	src := edit(t, "Intro line.\n", "Intro line.\n```\n## Analyst\n```\n")
	src = strings.ReplaceAll(src, "\n", "\r\n")
	l, err := Parse("f.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	intro, _ := l.Section(IntroID)
	if len(intro.Lines) != 5 || strings.Contains(intro.Text(), "\r") {
		t.Errorf("intro %q", intro.Lines)
	}
}

// The examples in the repository load, with no warnings.
func TestExamples(t *testing.T) {
	files, _ := filepath.Glob("../../examples/ladders/*.md")
	if len(files) == 0 {
		t.Fatal("no example ladders")
	}
	for _, f := range files {
		l, err := Load(f)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if len(l.Warnings) > 0 {
			t.Errorf("%s: warnings %v", f, l.Warnings)
		}
		if filepath.Base(f) == "data-science.md" {
			words := 0
			for _, s := range l.Sections {
				words += len(strings.Fields(s.Text()))
			}
			staff, _ := l.Level("staff")
			if words < 2500 || staff.Track != "ic" || len(l.Roles) < 3 || l.Timeline == "" || l.Growth != "skills" {
				t.Errorf("data science: %d words, staff %+v, roles %v, timeline %q, growth %q", words, staff, l.Roles, l.Timeline, l.Growth)
			}
		}
		if filepath.Base(f) == "minimal.md" {
			if len(l.Levels) != 4 || l.Growth != "skills" || l.Adjacent != "moving-sideways" || len(l.Roles) != 1 {
				t.Errorf("minimal: %d levels, growth %q, adjacent %q, roles %v", len(l.Levels), l.Growth, l.Adjacent, l.Roles)
			}
		}
	}
}

func TestLoadMissing(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "none.md"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("err %v", err)
	}
}

// Files written without sight of the code: numbered level headings, a
// parenthesis after a name, aliases as one string.
func TestLenientHeadings(t *testing.T) {
	src := good
	for _, r := range [][2]string{
		{"## Junior Analyst\n", "## Level 1 - Junior Analyst\n"},
		{"## Analyst\n", "## 2. Analyst (L2)\n"},
		{"## Lead Analyst\n", "## Rung 3: Lead Analyst:\n"},
		{"### Skills to Grow for the Next Level\n", "### skills to grow for the next level:\n"},
		{"    aliases: [junior, new analyst]\n", "    aliases: junior, new analyst\n"},
	} {
		if !strings.Contains(src, r[0]) {
			t.Fatalf("no %q", r[0])
		}
		src = strings.Replace(src, r[0], r[1], 1)
	}
	l, err := Parse("lenient.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	j, _ := l.Level("junior")
	if len(j.Aliases) != 2 || j.Aliases[1] != "new analyst" {
		t.Errorf("aliases %q", j.Aliases)
	}
	for _, id := range []string{"junior/skills", "analyst/scope", "lead/scope"} {
		if _, ok := l.Section(id); !ok {
			t.Errorf("no section %s", id)
		}
	}
	_, err = Parse("bad.md", []byte(strings.Replace(good, "    aliases: [junior, new analyst]\n", "    aliases: {a: 1}\n", 1)))
	if err == nil || !strings.Contains(err.Error(), "bad.md:6:") {
		t.Errorf("aliases as a map: %v", err)
	}
}
