package answer

import (
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// TestStreamLongMarker: a marker longer than 32 bytes went out unchecked
// when streamed ("[1, 2, ..., 12, 99]" with three sources kept its 99),
// while the plain answer fixed it.
func TestStreamLongMarker(t *testing.T) {
	in := "See [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 99] now."
	want := "See [1, 2, 3] now."
	for i := 0; i <= len(in); i++ {
		for j := i; j <= len(in); j += 3 {
			if got, _ := filterAll(3, in[:i], in[i:j], in[j:]); got != want {
				t.Fatalf("filter(%q | %q | %q) = %q, want %q", in[:i], in[i:j], in[j:], got, want)
			}
		}
	}
	if got, _ := FilterCitations(in, llmTestHits[:3]); got != want {
		t.Errorf("FilterCitations = %q, want %q", got, want)
	}
	// Marker-like text too long to hold is dropped, never let through.
	long := "x [" + strings.Repeat("1, ", 200) + "99] y"
	for _, cut := range []int{1, 7, 100, len(long)} {
		var pieces []string
		for s := long; s != ""; {
			n := min(cut, len(s))
			pieces, s = append(pieces, s[:n]), s[n:]
		}
		// Whole in one piece it is a marker like any other: [1].
		if got, _ := filterAll(3, pieces...); strings.Contains(got, "99") || strings.Contains(got, "1, 1") || !strings.HasSuffix(got, " y") {
			t.Errorf("pieces of %d: %q", cut, got)
		}
	}
}

// TestMarkersSignedAndFullWidth: [９９] and [-1] survived in both modes.
func TestMarkersSignedAndFullWidth(t *testing.T) {
	in := "A [９９] b [-1] c [+2] d [1, -3] e [２]."
	if got, _ := filterAll(3, in); got != "A b c d [1] e [2]." {
		t.Errorf("streamed: %q", got)
	}
	if got, _ := FilterCitations(in, llmTestHits[:3]); got != "A b c d [1] e [2]." {
		t.Errorf("plain: %q", got)
	}
}

// TestStreamGuardsHoldLittle: a stream of one endless word (or of spaces)
// made the leak check and the marker filter hold all of it and redo their
// work on every piece. What they hold back must stay small.
func TestStreamGuardsHoldLittle(t *testing.T) {
	var g leakGuard
	f := newMarkerFilter(3, nil)
	for i := range 20_000 {
		if _, leak := g.write("a"); leak {
			t.Fatal("leak")
		}
		if len(g.pending) > maxInstructionWord()+1 {
			t.Fatalf("after %d letters the leak guard holds %d bytes", i+1, len(g.pending))
		}
		f.write(" ")
		if len(f.pending) > maxSpaceHold {
			t.Fatalf("after %d spaces the marker filter holds %d bytes", i+1, len(f.pending))
		}
	}
	// Words of the instructions far apart go out too.
	g = leakGuard{}
	g.write("You are ")
	for i := range 2000 {
		g.write("!")
		if len(g.pending) > maxGuardHold+1 {
			t.Fatalf("after %d marks the leak guard holds %d bytes", i+1, len(g.pending))
		}
	}
}

// TestLLMReplyCapped: a 10 MB answer became a 10.5 MB reply, seconds after
// the LLM deadline. Both modes cut it at MaxReplyBytes and say so.
func TestLLMReplyCapped(t *testing.T) {
	huge := strings.Repeat("Grow your influence [1]. ", 400_000) // 10 MB
	var pieces []string
	for s := huge; s != ""; s = s[min(len(s), 1000):] {
		pieces = append(pieces, s[:min(len(s), 1000)])
	}
	s := fakeLLMService(&fakeStreamer{pieces: pieces}, 5*time.Second)
	s.MaxReplyBytes = 4096
	rep, err := s.Chat(context.Background(), Request{Message: "What should I build to become a Senior PM?"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Answer) > 4096+len(cutMessage)+2 || !strings.HasSuffix(rep.Answer, cutMessage) || !rep.Degraded || rep.Mode != ModeLLM {
		t.Errorf("plain: %d bytes, degraded %v, mode %s, ends %q", len(rep.Answer), rep.Degraded, rep.Mode, rep.Answer[max(0, len(rep.Answer)-80):])
	}
	evs, err := collect(t, s, Request{Message: "What should I build to become a Senior PM?"})
	if err != nil {
		t.Fatal(err)
	}
	_, text, _, serr, done := streamed(t, evs)
	if len(text) > 4096 || !utf8.ValidString(text) || serr == nil || serr.Message != cutStreamMessage || !done.Degraded {
		t.Errorf("streamed: %d bytes, error %v, done %+v", len(text), serr, done)
	}
}
