package commands

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestPageIDRoundTrip(t *testing.T) {
	cases := []PageState{
		{UserID: 80351110224678912, Page: 0, Query: "troops"},
		{UserID: 1, Page: 35, Query: "a"},
		{UserID: math.MaxUint64, Page: 3, From: day("2025-01-01"), To: day("2026-12-31"), Publisher: "RBC-Ukraine", Query: "air defence"},
		{UserID: 42, Page: 1, Publisher: strings.Repeat("é", MaxPublisherRunes), Query: strings.Repeat("ж", MaxSearchRunes)},
		{UserID: 42, Page: 1, Publisher: "x", Query: "p1:ab|:: **bold** 日本"},
		{UserID: 42, To: epoch.AddDate(0, 0, maxDay), From: day("1970-01-02"), Query: "edges"},
	}
	for _, st := range cases {
		id, err := st.Encode()
		if err != nil {
			t.Fatalf("Encode(%+v): %v", st, err)
		}
		if n := utf8.RuneCountInString(id); n > MaxCustomID {
			t.Errorf("Encode(%+v) is %d runes", st, n)
		}
		got, err := ParsePageID(id)
		if err != nil {
			t.Fatalf("Parse(%q): %v", id, err)
		}
		if got.UserID != st.UserID || got.Page != st.Page || !got.From.Equal(st.From) || !got.To.Equal(st.To) ||
			got.Publisher != st.Publisher || got.Query != st.Query {
			t.Errorf("round trip of %+v gave %+v", st, got)
		}
	}
}

func TestPageIDLongestFits(t *testing.T) {
	// The options' MaxLength values are what keep every id in 100.
	st := PageState{UserID: math.MaxUint64, Page: MaxPages - 1, From: day("2025-01-01"), To: day("2097-01-01"),
		Publisher: strings.Repeat("P", MaxPublisherRunes), Query: strings.Repeat("Q", MaxSearchRunes)}
	id, err := st.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if n := utf8.RuneCountInString(id); n != MaxCustomID {
		t.Errorf("longest id is %d runes; want exactly %d (the budget is used, not exceeded)", n, MaxCustomID)
	}
	st.Query += "Q"
	if _, err := st.Encode(); err == nil {
		t.Error("an id over 100 characters was encoded")
	}
}

func TestEncodeRejects(t *testing.T) {
	for name, st := range map[string]PageState{
		"no user":       {Query: "x"},
		"negative page": {UserID: 1, Page: -1, Query: "x"},
		"page too far":  {UserID: 1, Page: MaxPages, Query: "x"},
		"empty query":   {UserID: 1},
		"date before":   {UserID: 1, Query: "x", From: day("1969-12-31")},
		"date after":    {UserID: 1, Query: "x", To: day("2097-09-28")},
		"not midnight":  {UserID: 1, Query: "x", From: day("2025-01-01").Add(time.Hour)},
		"publisher 36":  {UserID: 1, Query: "x", Publisher: strings.Repeat("p", 36)},
	} {
		if id, err := st.Encode(); err == nil {
			t.Errorf("%s: Encode gave %q, want an error", name, id)
		}
	}
}

func TestParsePageIDRejects(t *testing.T) {
	good, err := PageState{UserID: 12345, Page: 2, From: day("2025-01-01"), To: day("2025-12-31"), Publisher: "DailyWrap", Query: "troops"}.Encode()
	if err != nil {
		t.Fatal(err)
	}
	hdr := good[:headerLen]
	bad := map[string]string{
		"empty":             "",
		"other prefix":      "s1:" + good[3:],
		"future version":    "p2:" + good[3:],
		"header only":       hdr[:headerLen-1] + "0",
		"short":             "p1:123",
		"zero user":         "p1:" + strings.Repeat("0", uidWidth) + good[3+uidWidth:],
		"uid overflow":      "p1:zzzzzzzzzzz" + good[3+uidWidth:],
		"bad uid digit":     "p1:0000000000-" + good[3+uidWidth:],
		"bad page":          good[:3+uidWidth] + "!" + good[3+uidWidth+1:],
		"upper page":        good[:3+uidWidth] + "A" + good[3+uidWidth+1:],
		"bad date":          good[:3+uidWidth+1] + "0Z0" + good[3+uidWidth+4:],
		"from after to":     good[:3+uidWidth+1] + "zzz" + good[3+uidWidth+4:],
		"publisher too far": good[:headerLen-1] + "z" + "ab",
		"no query":          good[:headerLen-1] + "9" + "DailyWrap",
		"untrimmed":         good + " ",
		"bad utf8":          good + "\xff",
		"too long":          good + strings.Repeat("x", 100),
	}
	for name, id := range bad {
		_, err := ParsePageID(id)
		if err == nil {
			t.Errorf("%s: ParsePageID(%q) accepted it", name, id)
			continue
		}
		if !errors.Is(err, ErrBadCustomID) {
			t.Errorf("%s: error %v does not wrap ErrBadCustomID", name, err)
		}
	}
}

// FuzzParseCustomID: the parser never panics, and whatever it accepts is
// canonical: encoding it again gives the same id.
func FuzzParseCustomID(f *testing.F) {
	for _, st := range []PageState{
		{UserID: 80351110224678912, Query: "troops"},
		{UserID: 7, Page: 4, From: day("2025-08-01"), To: day("2025-12-31"), Publisher: "RBC-Ukraine", Query: "air defence"},
		{UserID: 99, Page: 1, Publisher: "é", Query: "Zelenskyy’s “guarantees”"},
	} {
		id, err := st.Encode()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(id)
	}
	f.Add("p1:")
	f.Add("p1:zzzzzzzzzzzz000000000x")
	f.Add("help:1")
	f.Fuzz(func(t *testing.T, id string) {
		st, err := ParsePageID(id)
		if err != nil {
			if !errors.Is(err, ErrBadCustomID) {
				t.Fatalf("error %v does not wrap ErrBadCustomID", err)
			}
			return
		}
		again, err := st.Encode()
		if err != nil {
			t.Fatalf("ParsePageID(%q) accepted %+v, which does not encode: %v", id, st, err)
		}
		if again != id {
			t.Fatalf("ParsePageID(%q) is not canonical: encodes back as %q", id, again)
		}
	})
}
