package evalset

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// FirstContactFile names the file, beside the question sets, that records
// each set's score the first time it met the coach.
const FirstContactFile = "first-contact.tsv"

// FirstContact is a set's score the first time it met the coach, before
// anyone read its misses.
type FirstContact struct {
	Cases, Passed int
	When, Note    string
}

// String is the note printed beside a set's score.
func (f FirstContact) String() string {
	return fmt.Sprintf("first contact: %d/%d (%.1f %%), %s; %s",
		f.Passed, f.Cases, 100*float64(f.Passed)/float64(max(f.Cases, 1)), f.When, f.Note)
}

// FirstContactOf reads the first-contact note of the set at path from the
// FirstContactFile in its directory or in one of the two above it, where
// the set is named by its path from there ("ladders/ux/ux-questions.jsonl");
// ok is false when there is none.
func FirstContactOf(path string) (FirstContact, bool) {
	dir := filepath.Dir(path)
	for range 3 {
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			break
		}
		if fc, ok := firstContactIn(filepath.Join(dir, FirstContactFile), filepath.ToSlash(rel)); ok {
			return fc, true
		}
		dir = filepath.Dir(dir)
	}
	return FirstContact{}, false
}

// firstContactIn reads the note of the set name from the file tsv.
func firstContactIn(tsv, name string) (FirstContact, bool) {
	f, err := os.Open(tsv)
	if err != nil {
		return FirstContact{}, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) != 5 || strings.HasPrefix(cols[0], "#") || cols[0] != name {
			continue
		}
		cases, err1 := strconv.Atoi(cols[1])
		passed, err2 := strconv.Atoi(cols[2])
		if err1 != nil || err2 != nil {
			return FirstContact{}, false
		}
		return FirstContact{Cases: cases, Passed: passed, When: cols[3], Note: cols[4]}, true
	}
	return FirstContact{}, false
}
