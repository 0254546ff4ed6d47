package commands

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"strings"
	"time"
	"unicode/utf8"
)

// A /search page button carries the whole search in its custom_id, so any
// replica (or the same one after a restart) can rebuild the page without
// state. The format, version 1, is fixed-width where it can be:
//
//	p1:UUUUUUUUUUUPFFFTTTLpublisherquery
//
//	p1:  prefix and version
//	U×11 the asking user's id, base 62, zero-padded
//	P    the 0-based page, base 36 (so at most MaxPages pages)
//	F×3  the from date as days since 1970-01-01, base 36; "000" is open
//	T×3  the to date, likewise
//	L    the publisher's length in runes, base 36 (0: no filter)
//	then the publisher and the query, as typed, unescaped
//
// Dates and numbers have exactly one spelling and parsing rejects any
// other, so Encode(Parse(id)) == id for every id Parse accepts.
const pagePrefix = "p1:"

// sourcesPrefix starts a /sources page button: the same fields, with no
// query.
const sourcesPrefix = "s1:"

const (
	uidWidth  = 11
	dateWidth = 3
	// headerLen is everything before the publisher.
	headerLen = len(pagePrefix) + uidWidth + 1 + 2*dateWidth + 1
	// MaxCustomID is Discord's limit on a custom_id, in characters.
	MaxCustomID = 100
	// MaxPages is how far paging goes (one base-36 digit).
	MaxPages = 36
	// MaxPublisherRunes and MaxSearchRunes bound the /search options so
	// that every page id fits in MaxCustomID.
	MaxPublisherRunes = 28
	MaxSearchRunes    = MaxCustomID - headerLen - MaxPublisherRunes
)

const (
	base36 = "0123456789abcdefghijklmnopqrstuvwxyz"
	base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
)

// epoch is day 0 of the date fields; the last day they can hold is
// maxDay (2097-09-26). Dates outside are open bounds (see clampDate).
var epoch = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

const maxDay = 36*36*36 - 1

// PageState is everything needed to rebuild one /search (or /sources)
// page.
type PageState struct {
	UserID    uint64
	Page      int
	From, To  time.Time // zero: open
	Publisher string
	Query     string
	// Sources marks a /sources page, which has no query.
	Sources bool
}

func (s PageState) prefix() string {
	if s.Sources {
		return sourcesPrefix
	}
	return pagePrefix
}

// ErrBadCustomID is wrapped by every Parse error.
var ErrBadCustomID = errors.New("malformed page custom_id")

func badID(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrBadCustomID, fmt.Sprintf(format, args...))
}

// Encode writes the state as a custom_id. It fails when the result would
// not fit in Discord's 100 characters or a field is out of range.
func (s PageState) Encode() (string, error) {
	if s.UserID == 0 {
		return "", errors.New("page custom_id: no user id")
	}
	if s.Page < 0 || s.Page >= MaxPages {
		return "", fmt.Errorf("page custom_id: page %d outside 0-%d", s.Page, MaxPages-1)
	}
	from, err := dayOf(s.From)
	if err != nil {
		return "", err
	}
	to, err := dayOf(s.To)
	if err != nil {
		return "", err
	}
	pl := utf8.RuneCountInString(s.Publisher)
	if pl >= 36 {
		return "", fmt.Errorf("page custom_id: publisher %q too long", s.Publisher)
	}
	if (s.Query == "") != s.Sources {
		return "", errors.New("page custom_id: a /search page needs a query and a /sources page has none")
	}
	var b strings.Builder
	b.WriteString(s.prefix())
	b.WriteString(encodeBase(s.UserID, base62, uidWidth))
	b.WriteByte(base36[s.Page])
	b.WriteString(encodeBase(uint64(from), base36, dateWidth))
	b.WriteString(encodeBase(uint64(to), base36, dateWidth))
	b.WriteByte(base36[pl])
	b.WriteString(s.Publisher)
	b.WriteString(s.Query)
	id := b.String()
	if n := utf8.RuneCountInString(id); n > MaxCustomID {
		return "", fmt.Errorf("page custom_id is %d characters, Discord allows %d", n, MaxCustomID)
	}
	return id, nil
}

// ParsePageID reads a custom_id written by Encode, strictly.
func ParsePageID(id string) (PageState, error) {
	var s PageState
	switch {
	case strings.HasPrefix(id, pagePrefix):
	case strings.HasPrefix(id, sourcesPrefix):
		s.Sources = true
	default:
		return s, badID("does not start with %q or %q", pagePrefix, sourcesPrefix)
	}
	if !utf8.ValidString(id) {
		return s, badID("not valid UTF-8")
	}
	if n := utf8.RuneCountInString(id); n > MaxCustomID {
		return s, badID("%d characters, more than %d", n, MaxCustomID)
	}
	if len(id) < headerLen {
		return s, badID("too short")
	}
	rest := id[len(pagePrefix):]
	uid, ok := decodeBase(rest[:uidWidth], base62)
	if !ok || uid == 0 {
		return s, badID("bad user id %q", rest[:uidWidth])
	}
	rest = rest[uidWidth:]
	page := strings.IndexByte(base36, rest[0])
	if page < 0 {
		return s, badID("bad page %q", rest[:1])
	}
	rest = rest[1:]
	var days [2]uint64
	for k := range days {
		d, ok := decodeBase(rest[:dateWidth], base36)
		if !ok {
			return s, badID("bad date %q", rest[:dateWidth])
		}
		days[k] = d
		rest = rest[dateWidth:]
	}
	if days[0] != 0 && days[1] != 0 && days[0] > days[1] {
		return s, badID("from date after to date")
	}
	pl := strings.IndexByte(base36, rest[0])
	if pl < 0 {
		return s, badID("bad publisher length %q", rest[:1])
	}
	rest = rest[1:]
	// Walk pl runes for the publisher; the query is the rest and must not
	// be empty.
	cut := 0
	for k := 0; k < pl; k++ {
		if cut >= len(rest) {
			return s, badID("publisher length %d past the end", pl)
		}
		_, size := utf8.DecodeRuneInString(rest[cut:])
		cut += size
	}
	s.Publisher, s.Query = rest[:cut], rest[cut:]
	if (s.Query == "") != s.Sources {
		return s, badID("a /search page needs a query and a /sources page has none")
	}
	if strings.TrimSpace(s.Query) != s.Query || strings.TrimSpace(s.Publisher) != s.Publisher {
		return s, badID("query or publisher not trimmed")
	}
	s.UserID = uid
	s.Page = page
	s.From = dateOf(days[0])
	s.To = dateOf(days[1])
	return s, nil
}

// dayOf is the date field for t: 0 when open.
func dayOf(t time.Time) (int, error) {
	if t.IsZero() {
		return 0, nil
	}
	d := t.Sub(epoch).Hours() / 24
	if d < 1 || d > maxDay || d != math.Trunc(d) {
		return 0, fmt.Errorf("page custom_id: date %s outside 1970-01-02..2097-09-26 or not midnight UTC", t.Format(time.RFC3339))
	}
	return int(d), nil
}

func dateOf(day uint64) time.Time {
	if day == 0 {
		return time.Time{}
	}
	return epoch.AddDate(0, 0, int(day))
}

// clampDate turns a date the custom_id cannot hold into an open bound: no
// article predates 1970, and 2097 is open-ended enough.
func clampDate(t time.Time) time.Time {
	if d, err := dayOf(t); err != nil || d == 0 {
		return time.Time{}
	}
	return t
}

func encodeBase(v uint64, digits string, width int) string {
	base := uint64(len(digits))
	buf := make([]byte, width)
	for k := width - 1; k >= 0; k-- {
		buf[k] = digits[v%base]
		v /= base
	}
	return string(buf) // callers bound v so it always fits width
}

// decodeBase reads a fixed-width number; false on a foreign digit or
// overflow of uint64.
func decodeBase(s, digits string) (uint64, bool) {
	base := uint64(len(digits))
	var v uint64
	for k := 0; k < len(s); k++ {
		d := strings.IndexByte(digits, s[k])
		if d < 0 {
			return 0, false
		}
		hi, lo := bits.Mul64(v, base)
		if hi != 0 || lo+uint64(d) < lo {
			return 0, false
		}
		v = lo + uint64(d)
	}
	return v, true
}
