package plan

import (
	"strings"
	"testing"
	"time"
)

func TestICS(t *testing.T) {
	p := mustPlan(t, Request{Current: "Associate PM", Target: "Senior PM", Weeks: 24, Context: "strong at delivery; struggles to say no"})
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	ics := ICS(p, start, time.Date(2026, 1, 1, 9, 30, 0, 0, time.UTC))
	checkins := 0
	for _, ph := range p.Phases {
		checkins += len(ph.Checkins)
	}
	if checkins < 6 || strings.Count(ics, "BEGIN:VEVENT") != checkins {
		t.Fatalf("%d events for %d check-ins", strings.Count(ics, "BEGIN:VEVENT"), checkins)
	}
	for _, want := range []string{"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", "DTSTAMP:20260101T093000Z\r\n",
		// the first check-in on the fifth day of week 1; the plan's last on its last week's
		"DTSTART;VALUE=DATE:20260109\r\n", "DTSTART;VALUE=DATE:20260619\r\n",
		"UID:growth-plan-associate-pm-to-senior-pm-24w-0-0@coach\r\n", "END:VCALENDAR\r\n"} {
		if !strings.Contains(ics, want) {
			t.Errorf("the calendar lacks %q", want)
		}
	}
	for _, l := range strings.Split(strings.TrimSuffix(ics, "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("a line of %d octets: %q", len(l), l)
		}
		if strings.HasPrefix(l, "DESCRIPTION:") && strings.Contains(l, "\n") {
			t.Errorf("an unescaped newline: %q", l)
		}
	}
}

func TestICSText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a, b; c\\d\ne", `a\, b\; c\\d\ne`},
		{"plain", "plain"},
	}
	for _, tt := range tests {
		if got := icsText(tt.in); got != tt.want {
			t.Errorf("icsText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// folding never cuts a character: every part is valid UTF-8
	long := strings.Repeat("é", 60)
	for _, part := range strings.Split(icsFold("SUMMARY:"+long), "\r\n") {
		if len(part) > 75 || !strings.HasPrefix(part, " ") && !strings.HasPrefix(part, "SUMMARY:") {
			t.Errorf("bad fold part %q", part)
		}
	}
}
