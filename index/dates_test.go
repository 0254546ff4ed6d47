package index

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// covered expands terms back into the days they stand for.
func covered(t *testing.T, terms []string) []string {
	t.Helper()
	var days []string
	for _, term := range terms {
		var start, end time.Time
		switch len(term) {
		case len(yearLayout):
			start, _ = time.Parse(yearLayout, term)
			end = start.AddDate(1, 0, 0)
		case len(monthLayout):
			start, _ = time.Parse(monthLayout, term)
			end = start.AddDate(0, 1, 0)
		case len(dayLayout):
			start, _ = time.Parse(dayLayout, term)
			end = start.AddDate(0, 0, 1)
		default:
			t.Fatalf("term %q", term)
		}
		for d := start; d.Before(end); d = d.AddDate(0, 0, 1) {
			days = append(days, d.Format(dayLayout))
		}
	}
	return days
}

// Every range's terms cover exactly its days, once each, with years and
// months wherever they fit.
func TestRangeTermsCoverExactly(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	base := time.Date(1999, 11, 20, 0, 0, 0, 0, time.UTC)
	for range 2000 {
		first := base.AddDate(0, 0, r.IntN(2000))
		last := first.AddDate(0, 0, r.IntN(1500)-30)
		var want []string
		for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
			want = append(want, d.Format(dayLayout))
		}
		terms := rangeTerms(first.Add(13*time.Hour), last.Add(5*time.Hour)) // times of day are ignored
		got := covered(t, terms)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Fatalf("%s..%s: terms %v cover %d days, want %d", first.Format(dayLayout), last.Format(dayLayout), terms, len(got), len(want))
		}
		if len(terms) > 2*31+2*12+int(last.Sub(first).Hours()/24/365)+2 {
			t.Fatalf("%s..%s: %d terms", first, last, len(terms))
		}
	}
	if got := rangeTerms(base, base.AddDate(0, 0, -1)); got != nil {
		t.Errorf("an empty range gave %v", got)
	}
	if got := rangeTerms(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 2, 2, 0, 0, 0, 0, time.UTC)); !slices.Equal(got, []string{"2024", "2025-01", "2025-02-01", "2025-02-02"}) {
		t.Errorf("2024-01-01..2025-02-02: %v", got)
	}
}

func TestDateTermsUTC(t *testing.T) {
	d := time.Date(2025, 12, 31, 23, 30, 0, 0, time.FixedZone("X", -2*3600)) // 2026-01-01 in UTC
	if got := dateTerms(d); !slices.Equal(got, []string{"2026", "2026-01", "2026-01-01"}) {
		t.Errorf("dateTerms = %v", got)
	}
}
