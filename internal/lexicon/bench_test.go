package lexicon

import (
	"os"
	"runtime"
	"strings"
	"testing"
	"unicode"
)

// question returns about 4,000 characters of the article's words, lower
// case, with every 15th word misspelled (two letters swapped), as a long
// question would reach the lexicon.
func question(tb testing.TB) []string {
	text, err := os.ReadFile("../../corpus/pm-career-ladder.txt")
	if err != nil {
		tb.Fatal(err)
	}
	words := strings.FieldsFunc(strings.ToLower(string(text)), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '-'
	})
	var out []string
	n := 0
	for i, w := range words[400:] {
		if n >= 4000 {
			break
		}
		if i%15 == 0 && len(w) > 4 {
			b := []byte(w)
			b[1], b[2] = b[2], b[1]
			w = string(b)
		}
		out = append(out, w)
		n += len(w) + 1
	}
	return out
}

// BenchmarkQuestion corrects and relates every word of a 4,000-character
// question.
func BenchmarkQuestion(b *testing.B) {
	words := question(b)
	Correct("warm")
	Related("warm")
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		for _, w := range words {
			c, _ := Correct(w)
			Related(c)
		}
	}
	reportCPU(b, start)
	b.ReportMetric(float64(len(words)), "words/op")
}

// BenchmarkQuestionUnknown is the worst case: 4,000 characters of words no
// vocabulary knows, each of which goes through the deletion index.
func BenchmarkQuestionUnknown(b *testing.B) {
	var words []string
	for i := 0; len(words)*9 < 4000; i++ {
		w := []byte("qzxvwkjyp")
		w[i%9] = byte('a' + i%26)
		words = append(words, string(w[:4+i%6]))
	}
	Correct("warm")
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		for _, w := range words {
			Correct(w)
		}
	}
	reportCPU(b, start)
	b.ReportMetric(float64(len(words)), "words/op")
}

func BenchmarkRelated(b *testing.B) {
	Related("led")
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		Related("colleagues")
	}
	reportCPU(b, start)
}

func BenchmarkCorrectTypo(b *testing.B) {
	Correct("warm")
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		Correct("prioritisaton")
	}
	reportCPU(b, start)
}

// BenchmarkNewSpeller is the one-off cost of the index behind Correct, and
// the memory a Speller keeps (kept-MB: the live heap it adds).
func BenchmarkNewSpeller(b *testing.B) {
	loadTable()
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		NewSpeller()
	}
	reportCPU(b, start)
	before := liveHeap()
	s := NewSpeller()
	b.ReportMetric(float64(liveHeap()-before)/1e6, "kept-MB")
	runtime.KeepAlive(s)
}

// liveHeap is the heap's live bytes after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// BenchmarkLoadTable is the one-off cost of reading related.tsv.
func BenchmarkLoadTable(b *testing.B) {
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		loadTableUncached()
	}
	reportCPU(b, start)
}
