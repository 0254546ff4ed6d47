package answer

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"talkbot/corpus"
)

// MaxQueryRunes bounds what a reader may type: longer input is a mistake
// (a pasted article), not a question, and would only slow the search.
const MaxQueryRunes = 500

// InputError is a problem with what the reader typed. Its message is
// meant to be shown to them as it is.
type InputError struct{ Msg string }

func (e *InputError) Error() string { return e.Msg }

// Input is free text a reader typed (a question, a topic, a name), checked
// once by CheckInput so that the engine and every front end can trust it.
// The zero Input is "nothing typed".
type Input struct{ s string }

// CheckInput trims s and rejects what no search should run on: nothing
// to search for, or far too much.
func CheckInput(s string) (Input, error) {
	s = strings.TrimSpace(s)
	if strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
		return Input{}, &InputError{"Type some words to search for."}
	}
	if n := utf8.RuneCountInString(s); n > MaxQueryRunes {
		return Input{}, &InputError{fmt.Sprintf("That is %d characters; ask in at most %d.", n, MaxQueryRunes)}
	}
	return Input{s}, nil
}

// CheckOptionalInput is CheckInput for text that may be left out ("" is
// the zero Input, not an error).
func CheckOptionalInput(s string) (Input, error) {
	if strings.TrimSpace(s) == "" {
		return Input{}, nil
	}
	return CheckInput(s)
}

// String is the text as typed, trimmed.
func (in Input) String() string { return in.s }

// Empty reports the zero Input.
func (in Input) Empty() bool { return in.s == "" }

// SearchQuery is a checked search with its filters; NewSearchQuery makes
// one.
type SearchQuery struct {
	Text Input
	// Publisher keeps articles whose publisher or original source
	// contains it, in any case ("" for all).
	Publisher string
	// From and To bound the publication date, inclusive; zero is open.
	From, To time.Time
}

// NewSearchQuery checks a search as a reader gave it: the words, and the
// dates in order.
func NewSearchQuery(text, publisher string, from, to time.Time) (SearchQuery, error) {
	in, err := CheckInput(text)
	if err != nil {
		return SearchQuery{}, err
	}
	if err := CheckDates(from, to); err != nil {
		return SearchQuery{}, err
	}
	return SearchQuery{Text: in, Publisher: strings.TrimSpace(publisher), From: from, To: to}, nil
}

// Filters describes what the query's filters keep, for a sentence that
// says why nothing matched: "from publishers matching “Reuters”,
// published from 2030-01-01"; "" without filters.
func (q SearchQuery) Filters() string {
	var parts []string
	if q.Publisher != "" {
		parts = append(parts, "from publishers matching “"+q.Publisher+"”")
	}
	switch {
	case !q.From.IsZero() && !q.To.IsZero():
		parts = append(parts, "published from "+q.From.Format(corpus.DateLayout)+" to "+q.To.Format(corpus.DateLayout))
	case !q.From.IsZero():
		parts = append(parts, "published from "+q.From.Format(corpus.DateLayout)+" on")
	case !q.To.IsZero():
		parts = append(parts, "published up to "+q.To.Format(corpus.DateLayout))
	}
	return strings.Join(parts, ", ")
}

// CheckDates rejects a from date after the to date (zero is open).
func CheckDates(from, to time.Time) error {
	if !from.IsZero() && !to.IsZero() && from.After(to) {
		return &InputError{fmt.Sprintf("The from date %s is after the to date %s.",
			from.Format(corpus.DateLayout), to.Format(corpus.DateLayout))}
	}
	return nil
}

// Page selects part of a search's results: Limit passages (1-100) after
// the first Offset.
type Page struct{ Offset, Limit int }
