package retrieve

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/ladder/coach/corpus"
	"github.com/ladder/coach/internal/embed"
	"github.com/ladder/coach/internal/index"
	"github.com/ladder/coach/internal/sections"
)

func newTestRetriever(t testing.TB) *Retriever {
	secs, err := sections.Split(corpus.Article)
	if err != nil {
		t.Fatal(err)
	}
	texts := make([]string, len(secs))
	for i, s := range secs {
		texts[i] = s.Title + "\n" + s.Text
	}
	idx, err := index.Build(context.Background(), secs, embed.NewLocal(texts))
	if err != nil {
		t.Fatal(err)
	}
	return New(sections.NewSet(secs), idx)
}

func norm(s string) string {
	s = strings.ToLower(s)
	s = strings.NewReplacer("’", "'", "‘", "'", "“", "\"", "”", "\"", "–", "-", "—", "-", "*", "", "_", "", "`", "").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

func TestDevEval(t *testing.T) {
	if os.Getenv("DEV_EVAL") == "" {
		t.Skip()
	}
	r := newTestRetriever(t)
	f, _ := os.Open(os.Getenv("DEV_EVAL"))
	sc := bufio.NewScanner(f)
	pass, fail := 0, 0
	for sc.Scan() {
		var c struct {
			ID      string
			Q       string
			History []Turn
			Expect  json.RawMessage
		}
		json.Unmarshal(sc.Bytes(), &c)
		res, _ := r.Retrieve(context.Background(), c.Q, c.History)
		ok := true
		var groups [][]string
		if string(c.Expect) == `"refuse"` {
			ok = len(res.Hits) == 0
		} else {
			json.Unmarshal(c.Expect, &groups)
			for _, g := range groups {
				found := false
				for i := 0; i < 3 && i < len(res.Hits); i++ {
					for _, p := range g {
						if strings.Contains(norm(res.Hits[i].Section.Text), norm(p)) {
							found = true
						}
					}
				}
				ok = ok && found
			}
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, fmt.Sprintf("%s(%.2f)", h.Section.ID, h.Score))
		}
		if ok {
			pass++
		} else {
			fail++
		}
		if !ok || os.Getenv("V") != "" {
			fmt.Printf("%v %s %q\n   intent=%+v\n   hits=%v\n   expect=%s\n", ok, c.ID, c.Q, res.Intent, ids, c.Expect)
		}
	}
	fmt.Printf("%d passed, %d failed\n", pass, fail)
}
