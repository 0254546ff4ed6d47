package extract

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// dateLayouts are the ways pages write dates in their markup, most
// common first. A time without a zone is taken as UTC.
var dateLayouts = []string{
	"2006-01-02T15:04:05.999999999Z07:00", // RFC 3339, fraction optional
	"2006-01-02T15:04:05.999999999Z0700",  // zone without a colon
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999 -0700",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"January 2, 2006",
	"Jan 2, 2006",
	"2 January 2006",
	"2 Jan 2006 15:04 MST",
	"Mon Jan 2 2006 15:04:05 GMT-0700", // JavaScript's Date.toString
}

// parseDate reads a date in any of dateLayouts; ok is false for anything
// else and for dates no article can have.
func parseDate(s string) (t time.Time, ok bool) {
	s = strings.TrimSpace(s)
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil && plausibleDate(t) {
			return t, true
		}
	}
	return time.Time{}, false
}

// plausibleDate rules out placeholders (0001-01-01, 1970-01-01) and dates
// in the future beyond a time zone's difference.
func plausibleDate(t time.Time) bool {
	return t.Year() >= 1990 && t.Before(time.Now().Add(48*time.Hour))
}

// urlDateRe finds a date in a URL's path: /2025/08/17/, /2019/nov/18/
// or 2025-08-17.
var urlDateRe = regexp.MustCompile(`(?i)/((?:19|20)\d\d)/(\d\d?|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/(\d\d?)(?:/|$)` +
	`|\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b`)

var monthNames = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

// urlDate is the date a URL's path gives, at midnight UTC.
func urlDate(u *url.URL) (time.Time, bool) {
	if u == nil {
		return time.Time{}, false
	}
	m := urlDateRe.FindStringSubmatch(u.Path)
	if m == nil {
		return time.Time{}, false
	}
	y, mo, d := m[1], m[2], m[3]
	if y == "" {
		y, mo, d = m[4], m[5], m[6]
	}
	year, _ := strconv.Atoi(y)
	month, err := strconv.Atoi(mo)
	if err != nil {
		month = monthNames[strings.ToLower(mo)]
	}
	day, _ := strconv.Atoi(d)
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	// time.Date normalises 2025-02-30 to March: such a path is no date.
	if t.Month() != time.Month(month) || t.Day() != day || !plausibleDate(t) {
		return time.Time{}, false
	}
	return t, true
}
