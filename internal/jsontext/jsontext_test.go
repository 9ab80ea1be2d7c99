package jsontext

import (
	"strings"
	"testing"
)

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
