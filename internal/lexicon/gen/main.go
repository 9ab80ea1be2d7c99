// Command gen writes the lexicon's tables from Debian's WordNet 3.0 files
// (package wordnet-base) and the article: which everyday words and
// collocations can stand for which of the article's words, the article's
// vocabulary with its counts, and the English words that spelling correction
// must leave alone. Run it with `go generate ./internal/lexicon`.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("wordnet", "/usr/share/wordnet", "directory of WordNet 3.0's data.*, index.* and *.exc files")
	article := fs.String("article", "../../corpus/pm-career-ladder.txt", "the article")
	out := fs.String("out", ".", "directory the tables are written to")
	related := fs.String("related", "", "write only the related-words table, to this file, with the -article file's words as its targets "+
		"(lines starting with # and a line's label before its colon are left out): a table for another vocabulary than the article's")
	explain := fs.String("explain", "", "write nothing; print instead, for each comma-separated word, its targets and the words that reach it, "+
		"or every target (\"targets\"), or every link of one kind (\"synonym\", \"derived\", \"similar\", \"hyponym\", \"hypernym\", \"derived-synonym\")")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	wn, err := loadWordNet(*dir)
	if err != nil {
		fmt.Fprintf(stderr, "gen: %v (install Debian's wordnet-base)\n", err)
		return 1
	}
	text, err := os.ReadFile(*article)
	if err != nil {
		fmt.Fprintf(stderr, "gen: %v\n", err)
		return 1
	}
	if *related != "" {
		text = []byte(vocabularyText(string(text)))
	}
	b := newBuilder(wn, string(text))
	b.build()
	for k, name := range kindName {
		if *explain == name {
			b.listKind(stdout, kind(k))
			return 0
		}
	}
	if *explain == "targets" {
		b.listTargets(stdout)
		return 0
	}
	if *explain != "" {
		for _, w := range strings.Split(*explain, ",") {
			b.explain(stdout, w)
		}
		return 0
	}
	if *related != "" {
		stats, err := b.writeRelated(*related, *article)
		if err != nil {
			fmt.Fprintf(stderr, "gen: %v\n", err)
			return 1
		}
		fmt.Fprint(stdout, stats)
		return 0
	}
	stats, err := b.write(*out)
	if err != nil {
		fmt.Fprintf(stderr, "gen: %v\n", err)
		return 1
	}
	fmt.Fprint(stdout, stats)
	return 0
}

// vocabularyText is a vocabulary file's words: comment lines ("# ...") and
// each line's label ("kind:") left out.
func vocabularyText(text string) string {
	var b strings.Builder
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		if _, words, ok := strings.Cut(line, ":"); ok {
			line = words
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}
