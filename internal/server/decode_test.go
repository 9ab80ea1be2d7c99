package server

import (
	"encoding/json"
	"reflect"
	"testing"
)

// oddTags is a struct whose tags and types test decodeFlat's reading of
// encoding/json's rules.
type oddTags struct {
	Plain   string
	Dash    string `json:"-,"`
	Skipped string `json:"-"`
	Omit    string `json:"omit,omitempty"`
	Quoted  bool   `json:"quoted,string"`
	Rating  rating `json:"rating"`
	Upper   upper  `json:"upper"`
	Ptr     *string
	Bad     string `json:"a\\b"`
	hidden  string
}

type rating string

type upper string

func (u *upper) UnmarshalText(b []byte) error { *u = upper("U:" + string(b)); return nil }

type clash struct {
	A string `json:"name"`
	B string `json:"NAME"`
}

type embeds struct {
	oddTags
	Message string `json:"message"`
}

// flatTargets are the types decodeFlat is tried on: the request bodies and
// the odd ones above.
func flatTargets() []func() any {
	return []func() any{
		func() any { return new(chatBody) },
		func() any { return new(FeedbackBody) },
		func() any { return new(AssessRequest) },
		func() any { return new(planBody) },
		func() any { return new(icsBody) },
		func() any { return new(oddTags) },
		func() any { return new(clash) },
		func() any { return new(embeds) },
		func() any { return new(map[string]any) },
	}
}

// TestDecodeFlat: what decodeFlat reads, and what it leaves to
// json.Unmarshal; whenever it reads a body, json.Unmarshal reads the same.
func TestDecodeFlat(t *testing.T) {
	tests := []struct {
		body string
		new  func() any
		flat bool
	}{
		{`{"message":"What does a Senior PM do?"}`, func() any { return new(chatBody) }, true},
		{" {\n\t\"message\" : \"x\" ,\r\"stream\":true } \n", func() any { return new(chatBody) }, true},
		{`{"stream":false,"message":"café ✓"}`, func() any { return new(chatBody) }, true},
		{`{}`, func() any { return new(chatBody) }, true},
		{`{"rating":"up"}`, func() any { return new(FeedbackBody) }, true},
		{`{"current":"senior","target":"director","offline":true}`, func() any { return new(planBody) }, true},
		{`{"Plain":"a","-":"b","omit":"c","rating":"r"}`, func() any { return new(oddTags) }, true},
		// Left to json.Unmarshal:
		{`{"message":"a \"quote\""}`, func() any { return new(chatBody) }, false},
		{`{"message":"a\nb"}`, func() any { return new(chatBody) }, false},
		{"{\"message\":\"a\tb\"}", func() any { return new(chatBody) }, false},
		{"{\"message\":\"\xff\"}", func() any { return new(chatBody) }, false},
		{`{"Message":"x"}`, func() any { return new(chatBody) }, false},
		{`{"message":"x","message":"y"}`, func() any { return new(chatBody) }, false},
		{`{"message":"x","extra":1}`, func() any { return new(chatBody) }, false},
		{`{"message":null}`, func() any { return new(chatBody) }, false},
		{`{"message":1}`, func() any { return new(chatBody) }, false},
		{`{"stream":"true"}`, func() any { return new(chatBody) }, false},
		{`{"stream":truex}`, func() any { return new(chatBody) }, false},
		{`{"message":"x","history":[]}`, func() any { return new(chatBody) }, false},
		{`{"message":"x",}`, func() any { return new(chatBody) }, false},
		{`{"message":"x"} {}`, func() any { return new(chatBody) }, false},
		{`{"message":"x"`, func() any { return new(chatBody) }, false},
		{`["message"]`, func() any { return new(chatBody) }, false},
		{`{"weeks":12}`, func() any { return new(planBody) }, false},
		{`{"quoted":true}`, func() any { return new(oddTags) }, false},
		{`{"upper":"x"}`, func() any { return new(oddTags) }, false},
		{`{"Ptr":"x"}`, func() any { return new(oddTags) }, false},
		{`{"Skipped":"x"}`, func() any { return new(oddTags) }, false},
		{`{"hidden":"x"}`, func() any { return new(oddTags) }, false},
		{`{"Bad":"x"}`, func() any { return new(oddTags) }, true},
		{`{"a\\b":"x"}`, func() any { return new(oddTags) }, false},
		{`{"name":"x"}`, func() any { return new(clash) }, false},
		{`{"message":"x"}`, func() any { return new(embeds) }, false},
		{`{"a":"x"}`, func() any { return new(map[string]any) }, false},
	}
	for _, tt := range tests {
		v := tt.new()
		if got := decodeFlat([]byte(tt.body), v); got != tt.flat {
			t.Errorf("decodeFlat(%q) into %T = %v; want %v", tt.body, v, got, tt.flat)
			continue
		}
		if !tt.flat {
			if !reflect.ValueOf(v).Elem().IsZero() {
				t.Errorf("decodeFlat(%q) left to json.Unmarshal, but set %+v", tt.body, v)
			}
			continue
		}
		want := tt.new()
		if err := json.Unmarshal([]byte(tt.body), want); err != nil || !reflect.DeepEqual(v, want) {
			t.Errorf("decodeFlat(%q) read %+v; json.Unmarshal %+v, %v", tt.body, v, want, err)
		}
	}
}

// FuzzDecodeFlat: a body decodeFlat reads, json.Unmarshal reads without an
// error and into the same value; one it leaves is left untouched.
func FuzzDecodeFlat(f *testing.F) {
	for _, s := range []string{`{"message":"hi","stream":true}`, `{"rating":"up"}`, `{"current":"a","target":"b","offline":false,"context":"c"}`,
		`{"Plain":"a","-":"b","omit":"c","rating":"r","upper":"u"}`, `{"message":"a\"b"}`, `{"name":"x"}`, ` { "message" : "x" } `} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		for _, mk := range flatTargets() {
			v := mk()
			if !decodeFlat([]byte(body), v) {
				if !reflect.ValueOf(v).Elem().IsZero() {
					t.Fatalf("decodeFlat(%q) into %T refused but set %+v", body, v, v)
				}
				continue
			}
			want := mk()
			if err := json.Unmarshal([]byte(body), want); err != nil || !reflect.DeepEqual(v, want) {
				t.Fatalf("decodeFlat(%q) into %T read %+v; json.Unmarshal %+v, %v", body, v, v, want, err)
			}
		}
	})
}
