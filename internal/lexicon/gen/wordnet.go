package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// poses are WordNet's four parts of speech, in the order their files are read.
var poses = []byte{'n', 'v', 'a', 'r'}

var posFile = map[byte]string{'n': "noun", 'v': "verb", 'a': "adj", 'r': "adv"}

// synset is one WordNet synonym set.
type synset struct {
	pos   byte     // n, v, a (satellites included) or r
	words []string // lower-case lemmas, collocations with spaces
	caps  []bool   // the word is written with a capital (a name or an abbreviation)
	ptrs  []pointer
	gloss string // for -explain
}

// pointer is one relation from a synset (src 0) or one of its words
// (src > 0, 1-based) to another synset or one of its words.
type pointer struct {
	sym      string
	to       int // index in wordnet.synsets
	src, dst int
}

// wordnet is what the generator needs of the database.
type wordnet struct {
	synsets []synset
	byKey   map[string]int            // "n00001740" -> index in synsets
	senses  map[string]map[byte][]int // lemma -> pos -> synsets, most frequent sense first
	exc     map[string][]string       // irregular form -> base forms (all parts of speech)
	excPOS  map[byte]map[string][]string
	// tags counts how often each sense was tagged in WordNet's corpus
	// (cntlist.rev): lemma -> pos -> count by sense number - 1.
	tags map[string]map[byte][]int
}

func synKey(pos byte, offset string) string {
	if pos == 's' {
		pos = 'a'
	}
	return string(pos) + offset
}

// cleanLemma lower-cases a lemma as it appears in the data files and drops
// an adjective's syntactic marker ("(p)", "(a)", "(ip)").
func cleanLemma(w string) string {
	if i := strings.IndexByte(w, '('); i > 0 {
		w = w[:i]
	}
	return strings.ReplaceAll(strings.ToLower(w), "_", " ")
}

func loadWordNet(dir string) (*wordnet, error) {
	wn := &wordnet{
		byKey:  map[string]int{},
		senses: map[string]map[byte][]int{},
		exc:    map[string][]string{},
		excPOS: map[byte]map[string][]string{},
	}
	type rawPtr struct {
		from int
		sym  string
		key  string
		src  int
		dst  int
	}
	var raw []rawPtr
	for _, pos := range poses {
		err := eachLine(filepath.Join(dir, "data."+posFile[pos]), func(line string) error {
			if strings.HasPrefix(line, "  ") {
				return nil // licence header
			}
			gloss := ""
			if i := strings.Index(line, " | "); i >= 0 {
				line, gloss = line[:i], strings.TrimSpace(line[i+3:])
			}
			f := strings.Fields(line)
			if len(f) < 4 {
				return fmt.Errorf("short line %q", line)
			}
			ss := synset{pos: pos, gloss: gloss}
			idx := len(wn.synsets)
			wn.byKey[synKey(f[2][0], f[0])] = idx
			n, err := strconv.ParseInt(f[3], 16, 32)
			if err != nil {
				return err
			}
			p := 4
			for range n {
				ss.words = append(ss.words, cleanLemma(f[p]))
				ss.caps = append(ss.caps, strings.ToLower(f[p]) != f[p])
				p += 2
			}
			np, err := strconv.Atoi(f[p])
			if err != nil {
				return err
			}
			p++
			for range np {
				st, err := strconv.ParseUint(f[p+3], 16, 16)
				if err != nil {
					return err
				}
				raw = append(raw, rawPtr{from: idx, sym: f[p], key: synKey(f[p+2][0], f[p+1]), src: int(st >> 8), dst: int(st & 0xff)})
				p += 4
			}
			wn.synsets = append(wn.synsets, ss)
			return nil
		})
		if err != nil {
			return nil, err
		}
		err = eachLine(filepath.Join(dir, "index."+posFile[pos]), func(line string) error {
			if strings.HasPrefix(line, "  ") {
				return nil
			}
			f := strings.Fields(line)
			lemma := cleanLemma(f[0])
			nsyn, _ := strconv.Atoi(f[2])
			offs := f[len(f)-nsyn:]
			m := wn.senses[lemma]
			if m == nil {
				m = map[byte][]int{}
				wn.senses[lemma] = m
			}
			for _, o := range offs {
				i, ok := wn.byKey[synKey(pos, o)]
				if !ok {
					return fmt.Errorf("index.%s: %s: unknown synset %s", posFile[pos], lemma, o)
				}
				m[pos] = append(m[pos], i)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		wn.excPOS[pos] = map[string][]string{}
		err = eachLine(filepath.Join(dir, posFile[pos]+".exc"), func(line string) error {
			f := strings.Fields(line)
			if len(f) < 2 {
				return nil
			}
			form := cleanLemma(f[0])
			for _, b := range f[1:] {
				b = cleanLemma(b)
				wn.exc[form] = appendNew(wn.exc[form], b)
				wn.excPOS[pos][form] = appendNew(wn.excPOS[pos][form], b)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	wn.tags = map[string]map[byte][]int{}
	err := eachLine(filepath.Join(dir, "cntlist.rev"), func(line string) error {
		f := strings.Fields(line)
		if len(f) != 3 {
			return nil
		}
		lemma, key, ok := strings.Cut(f[0], "%")
		if !ok || key == "" {
			return nil
		}
		pos := " nvara"[key[0]-'0']
		num, err1 := strconv.Atoi(f[1])
		cnt, err2 := strconv.Atoi(f[2])
		if err1 != nil || err2 != nil || num < 1 {
			return fmt.Errorf("bad line %q", line)
		}
		lemma = cleanLemma(lemma)
		m := wn.tags[lemma]
		if m == nil {
			m = map[byte][]int{}
			wn.tags[lemma] = m
		}
		for len(m[pos]) < num {
			m[pos] = append(m[pos], 0)
		}
		m[pos][num-1] += cnt
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, r := range raw {
		to, ok := wn.byKey[r.key]
		if !ok {
			return nil, fmt.Errorf("pointer to unknown synset %s", r.key)
		}
		wn.synsets[r.from].ptrs = append(wn.synsets[r.from].ptrs, pointer{sym: r.sym, to: to, src: r.src, dst: r.dst})
	}
	return wn, nil
}

// rank returns the 1-based sense number of lemma in synset ss (0 when the
// lemma does not have that sense).
func (wn *wordnet) rank(lemma string, ss int) int {
	for i, s := range wn.senses[lemma][wn.synsets[ss].pos] {
		if s == ss {
			return i + 1
		}
	}
	return 0
}

// share is the part of lemma's tagged uses that are its sense in synset ss
// (0 when it has that sense but it was never tagged), and the lemma's number
// of tagged uses in all parts of speech.
func (wn *wordnet) share(lemma string, ss int) (float64, int) {
	total := 0
	for _, c := range wn.tags[lemma] {
		for _, n := range c {
			total += n
		}
	}
	r := wn.rank(lemma, ss)
	c := wn.tags[lemma][wn.synsets[ss].pos]
	if r == 0 || total == 0 || r > len(c) {
		return 0, total
	}
	return float64(c[r-1]) / float64(total), total
}

// senseCount is the number of senses of lemma in all parts of speech.
func (wn *wordnet) senseCount(lemma string) int {
	n := 0
	for _, s := range wn.senses[lemma] {
		n += len(s)
	}
	return n
}

func (wn *wordnet) isLemma(w string) bool {
	return len(wn.senses[w]) > 0
}

func eachLine(path string, fn func(string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if err := fn(sc.Text()); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
	return sc.Err()
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
