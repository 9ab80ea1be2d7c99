package plan

import (
	"fmt"
	"os"
	"sort"
	"testing"
)

func TestDebugContext(t *testing.T) {
	ctx := os.Getenv("CTX")
	if ctx == "" {
		t.Skip()
	}
	v := vocabOf(article)
	for _, c := range parseContext(v, ctx) {
		fmt.Println("clause", c.text, c.lighter, c.q)
		type sc struct {
			n string
			s float64
			m []string
		}
		var out []sc
		for _, sd := range v.skills {
			var m []string
			for t := range c.q {
				if w := sd.doc.termWeight(t); w > 0 {
					m = append(m, fmt.Sprintf("%s:%.1f*%.2f", t, w, v.idf(t)))
				}
			}
			out = append(out, sc{sd.skill.Name, v.score(c.q, sd.doc), m})
		}
		sort.Slice(out, func(a, b int) bool { return out[a].s > out[b].s })
		for _, o := range out[:6] {
			fmt.Printf("  %.2f %s %v\n", o.s, o.n, o.m)
		}
	}
}
