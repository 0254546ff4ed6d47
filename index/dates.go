package index

import (
	"time"

	"talkbot/corpus"
)

// An article's date is indexed in fPublished as three terms: its year
// ("2025"), month ("2025-08") and day ("2025-08-26"). A date range is
// then the fewest such terms that cover it, as a precision trie does for
// numbers: whole years, whole months at either end, days at the edges.
// Bleve's date field indexes 16 terms per date for the same purpose.

const (
	yearLayout  = "2006"
	monthLayout = "2006-01"
	dayLayout   = corpus.DateLayout
)

// dateTerms are the terms a date is indexed under in fPublished.
func dateTerms(t time.Time) []string {
	d := t.UTC()
	return []string{d.Format(yearLayout), d.Format(monthLayout), d.Format(dayLayout)}
}

// dayOf is t's calendar day in UTC, at midnight.
func dayOf(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// rangeTerms lists the fewest fPublished terms covering the days from
// first to last, both included; none when last is before first.
func rangeTerms(first, last time.Time) []string {
	first, last = dayOf(first), dayOf(last)
	var out []string
	for d := first; !d.After(last); {
		switch {
		case d.YearDay() == 1 && !d.AddDate(1, 0, -1).After(last):
			out = append(out, d.Format(yearLayout))
			d = d.AddDate(1, 0, 0)
		case d.Day() == 1 && !d.AddDate(0, 1, -1).After(last):
			out = append(out, d.Format(monthLayout))
			d = d.AddDate(0, 1, 0)
		default:
			out = append(out, d.Format(dayLayout))
			d = d.AddDate(0, 0, 1)
		}
	}
	return out
}

// publishedTerms are the date terms of the articles published from
// from to to, both days included (none when no article has a date); a
// zero bound is open. The open ends are closed at the corpus's first and
// last dates, so the terms stay few.
func (ix *Index) publishedTerms(from, to time.Time) []string {
	first, last := ix.firstDay, ix.lastDay
	if !from.IsZero() && dayOf(from).After(first) {
		first = dayOf(from)
	}
	if !to.IsZero() && dayOf(to).Before(last) {
		last = dayOf(to)
	}
	if ix.firstDay.IsZero() {
		return nil
	}
	return rangeTerms(first, last)
}
