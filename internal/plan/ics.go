package plan

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ICS is the plan's check-ins as an iCalendar file (RFC 5545) that common
// calendars open: one all-day event a check-in question, spread evenly over
// its phase's weeks (the last on the phase's last week), on the fifth day
// of the week counted from start. stamp is the file's DTSTAMP. This is the
// one generator of the plan's calendar: the CLI's --ics and the page's
// "Download .ics" (through POST /api/plan/ics) both use it.
func ICS(p Plan, start, stamp time.Time) string {
	start = time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, time.UTC)
	lines := []string{"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//coach//growth plan//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"}
	uid := strings.TrimSuffix(FileName(p), ".md")
	for i, ph := range p.Phases {
		lo, hi := phaseSpan(ph.Weeks)
		m := len(ph.Checkins)
		for j, q := range ph.Checkins {
			week := lo + max(0, int(math.Round(float64((j+1)*(hi-lo+1))/float64(m)))-1)
			day := start.AddDate(0, 0, (week-1)*7+4)
			lines = append(lines, "BEGIN:VEVENT",
				fmt.Sprintf("UID:%s-%d-%d@coach", uid, i, j),
				"DTSTAMP:"+stamp.UTC().Format("20060102T150405Z"),
				"DTSTART;VALUE=DATE:"+day.Format("20060102"),
				"DTEND;VALUE=DATE:"+day.AddDate(0, 0, 1).Format("20060102"),
				"SUMMARY:"+icsText(fmt.Sprintf("Check-in (week %d): %s → %s", week, p.Current.Name, p.Target.Name)),
				"DESCRIPTION:"+icsText(q+"\n\nPhase "+weeksLabel(ph.Weeks)+": "+ph.Title+"\nMilestone: "+ph.Milestone),
				"END:VEVENT")
		}
	}
	lines = append(lines, "END:VCALENDAR")
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(icsFold(l))
		b.WriteString("\r\n")
	}
	return b.String()
}

// phaseSpan reads a phase's "3-6" weeks.
func phaseSpan(weeks string) (lo, hi int) {
	a, b, _ := strings.Cut(weeks, "-")
	lo, _ = strconv.Atoi(a)
	hi, err := strconv.Atoi(b)
	if err != nil {
		hi = lo
	}
	return max(lo, 1), max(hi, lo, 1)
}

// icsText escapes a TEXT value: backslash, semicolon, comma and newline.
var icsEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`)

func icsText(s string) string { return icsEscaper.Replace(s) }

// icsFold folds a content line at 75 octets, the next part starting with a
// space, never inside a character.
func icsFold(line string) string {
	var b strings.Builder
	octets := 0
	for _, r := range line {
		n := utf8.RuneLen(r)
		if octets+n > 75 {
			b.WriteString("\r\n ")
			octets = 1
		}
		b.WriteRune(r)
		octets += n
	}
	return b.String()
}

var slugRE = regexp.MustCompile(`[^a-z0-9]+`)

// FileName is the plan's Markdown file name, as the page names its
// download: "growth-plan-vp-of-product-cpo-to-ic-track-8w.md".
func FileName(p Plan) string {
	slug := func(s string) string { return strings.Trim(slugRE.ReplaceAllString(strings.ToLower(s), "-"), "-") }
	return "growth-plan-" + slug(p.Current.Name) + "-to-" + slug(p.Target.Name) + "-" + strconv.Itoa(p.Weeks) + "w.md"
}
