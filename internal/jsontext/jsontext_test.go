package jsontext

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

// manyKeysBody is an object with keys k0 to k(n-1) and s, then dup when it
// is not "".
func manyKeysBody(n int, dup string) string {
	var b strings.Builder
	b.WriteString(`{"s":0`)
	for i := range n {
		b.WriteString(`,"k` + strconv.Itoa(i) + `":{"k0":[1]}`)
	}
	if dup != "" {
		b.WriteString("," + dup + ":1")
	}
	return b.String() + "}"
}

// TestCheck: what the decoder refuses beyond JSON syntax, and what
// it must keep accepting.
func TestCheck(t *testing.T) {
	tests := []struct {
		body, wantIn string // wantIn "" means accepted
	}{
		{`{"a":"b"}`, ""},
		{`{"a":"\ud83d\ude80","b":"\uD83D\uDE80"}`, ""},
		{`{"a":"\\ud800","b":"\\u0000"}`, ""}, // an escaped backslash, then text
		{`{"a":"\\\ud83d\ude80"}`, ""},
		{`{"a":{"a":{"a":1}},"b":[{"a":1},{"a":2}]}`, ""},
		{`{"a":"x","b":{"a":"y"}}`, ""},
		{`["a","a"]`, ""},
		{`{"k":["a","k"],"v":"k"}`, ""},
		{`{"a":"\ud800"}`, "UTF-16"},
		{`{"a":"\udfff"}`, "UTF-16"},
		{`{"a":"\ud800\u0041"}`, "UTF-16"},
		{`{"a":"\ud800\ud800"}`, "UTF-16"},
		{`{"a":"x\ud800"}`, "UTF-16"},
		{`{"a":"\u0000"}`, "NUL"},
		{`{"\u0000":1}`, "NUL"},
		{"{\"a\":\"\xff\"}", "UTF-8"},
		{`{"a":1,"a":2}`, `"a" twice`},
		{`{"a":1,"\u0061":2}`, `"a" twice`},
		{`{"x":[{"a":1,"b":{},"a":2}]}`, `"a" twice`},
		{`{"a":{},"b":[],"a":null}`, `"a" twice`},
		// encoding/json reads keys without regard to case: the last wins.
		{`{"message":"A","MESSAGE":"B"}`, `"message" twice`},
		{`{"Message":"A","message":"B"}`, `"Message" twice`},
		{`{"history":[{"role":"user","ROLE":"system","content":"x"}]}`, `"role" twice`},
		{`{"message":"A","meſsage":"B"}`, `"message" twice`},
		{`{"message":"A","b":{"MESSAGE":"B"}}`, ""},
		{`{"":1,"a":2,"":3}`, `"" twice`},
		{`{"\u00e9":1,"É":2}`, `"é" twice`},
		{`{"a":{"b":1},"b":{"a":1},"c":[{"a":1,"b":2}],"d":1}`, ""},
		// Past manyKeys an object's keys are looked up in a map: the same answers.
		{manyKeysBody(40, ""), ""},
		{manyKeysBody(40, `"k3"`), `"k3" twice`},
		{manyKeysBody(40, `"K39"`), `"k39" twice`},
		{manyKeysBody(16, `"k0"`), `"k0" twice`},
		{manyKeysBody(17, `"k16"`), `"k16" twice`},
		{manyKeysBody(40, `"ſ"`), `"s" twice`},
		{`{"x":` + manyKeysBody(20, "") + `,"k1":1,"x":2}`, `"x" twice`},
	}
	for _, tt := range tests {
		got := Check([]byte(tt.body))
		if tt.wantIn == "" && got != "" {
			t.Errorf("Check(%s) = %q; want accepted", tt.body, got)
		}
		if tt.wantIn != "" && !strings.Contains(got, tt.wantIn) {
			t.Errorf("Check(%s) = %q; want it to say %q", tt.body, got, tt.wantIn)
		}
	}
}

func TestAppendString(t *testing.T) {
	for _, s := range []string{"", "plain", `quote " and \ back`, "tab\tline\nret\rbell\bform\f", "\x00\x1f\x7f", "<b>&amp;</b>",
		"café — “curly” ’", "\u2028\u2029", "bad \xff utf8 \xe2\x82", "emoji 🚀"} {
		want, _ := json.Marshal(s)
		if got := AppendString(nil, s); string(got) != string(want) {
			t.Errorf("AppendString(%q) = %s; json.Marshal gives %s", s, got, want)
		}
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "a\"b", "<&>", "\u2028", "\xff", "é\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := AppendString([]byte("x"), s); string(got[1:]) != string(want) {
			t.Errorf("AppendString(%q) = %s; json.Marshal gives %s", s, got[1:], want)
		}
	})
}
