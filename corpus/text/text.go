// Package text holds the small text routines every other package shares:
// folding text the way search sees it, and splitting it into sentences
// without ever cutting one.
package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// FoldRune maps typographic variants to their plain form: curly and
// angled quotes to straight ones, exotic spaces to a space, dashes to a
// hyphen. Runes it does not know are returned as they are.
func FoldRune(r rune) rune {
	switch r {
	case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u02BC', '\u0060', '\u00B4':
		return '\''
	case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u00AB', '\u00BB':
		return '"'
	case '\u00A0', '\u2007', '\u202F', '\u2009', '\u200A', '\u2002', '\u2003', '\u3000':
		return ' '
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212':
		return '-'
	}
	return r
}

// stripMarks makes the transformer that removes accents. A chain keeps
// state while it runs, so each call gets its own: one shared chain raced
// between concurrent searches.
func stripMarks() transform.Transformer {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}

// Fold returns s as search sees it: quotes, apostrophes, spaces and dashes
// straightened and accents removed ("Zelenskyy’s café" → "Zelenskyy's
// cafe"). Case is kept; callers lower-case when they need to.
func Fold(s string) string {
	s = strings.Map(FoldRune, s)
	if isASCII(s) {
		return s
	}
	out, _, err := transform.String(stripMarks(), s)
	if err != nil {
		return s
	}
	return out
}

// Key folds s, lower-cases it and collapses runs of white space to one
// space: the form used to compare a quote with a passage.
func Key(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(Fold(s))), " ")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Span is a half-open byte range [Start, End) of a string.
type Span struct{ Start, End int }

// abbreviations end with a full stop that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true,
	"gen": true, "lt": true, "col": true, "maj": true, "sgt": true, "capt": true,
	"sen": true, "rep": true, "gov": true, "pres": true, "amb": true, "adm": true,
	"jr": true, "sr": true, "vs": true, "e.g": true, "i.e": true,
	"u.s": true, "u.k": true, "u.n": true, "e.u": true, "u.s.a": true,
	"no": true, "nos": true, "art": true, "approx": true, "est": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true,
	"aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

// Sentences splits s into sentence spans. Together the spans cover every
// non-space byte of s; white space between sentences belongs to none.
// A sentence ends at . ! ? or … (with any closing quotes or brackets that
// follow), when white space and then a capital, a digit or an opening
// quote come next, and the full stop does not end a known abbreviation or
// an initial ("J. Smith").
func Sentences(s string) []Span {
	var spans []Span
	start := skipSpace(s, 0)
	for i := start; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isTerminal(r) {
			i += size
			continue
		}
		end := i + size
		// absorb repeated terminals and closing punctuation: ?!" ’ ) ]
		for end < len(s) {
			r2, sz := utf8.DecodeRuneInString(s[end:])
			if isTerminal(r2) || isCloser(r2) {
				end += sz
				continue
			}
			break
		}
		next := skipSpace(s, end)
		if next == end && end < len(s) { // no space after: "U.S.-led", "3.5"
			i = end
			continue
		}
		if next < len(s) && !startsSentence(s[next:]) {
			i = end
			continue
		}
		if r == '.' && isAbbreviation(s[start:i]) {
			i = end
			continue
		}
		spans = appendSpan(spans, s, Span{start, end})
		start = next
		i = next
	}
	if start < len(s) {
		end := len(strings.TrimRightFunc(s, unicode.IsSpace))
		if end > start {
			spans = appendSpan(spans, s, Span{start, end})
		}
	}
	return spans
}

// appendSpan adds sp, or joins it to the previous sentence when it holds
// no word at all (a stray closing quote or ellipsis).
func appendSpan(spans []Span, s string, sp Span) []Span {
	if len(spans) > 0 && strings.IndexFunc(s[sp.Start:sp.End], func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	}) < 0 {
		spans[len(spans)-1].End = sp.End
		return spans
	}
	return append(spans, sp)
}

// SentenceStrings is Sentences returning the sentence texts.
func SentenceStrings(s string) []string {
	spans := Sentences(s)
	out := make([]string, len(spans))
	for i, sp := range spans {
		out[i] = s[sp.Start:sp.End]
	}
	return out
}

func isTerminal(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '…' }

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', ')', ']', '\u201D', '\u2019', '\u00BB':
		return true
	}
	return false
}

func startsSentence(rest string) bool {
	r, size := utf8.DecodeRuneInString(rest)
	switch r {
	case '"', '\u201C', '\u2018', '\'', '(', '[', '\u00AB', '-', '\u2013', '\u2014', '\u2022', '*':
		if size < len(rest) {
			r2, _ := utf8.DecodeRuneInString(rest[size:])
			return unicode.IsUpper(r2) || unicode.IsDigit(r2) || r2 == ' ' || r == '(' || r == '['
		}
		return true
	}
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// isAbbreviation reports whether the sentence so far ends with a word
// whose full stop is part of the word.
func isAbbreviation(sentence string) bool {
	j := strings.LastIndexFunc(sentence, func(r rune) bool {
		return unicode.IsSpace(r) || r == '(' || r == '"' || r == '\u201C'
	})
	word := sentence[j+1:]
	if j >= 0 {
		_, sz := utf8.DecodeRuneInString(sentence[j:])
		word = sentence[j+sz:]
	}
	word = strings.TrimLeft(word, "'\u2018")
	if word == "" {
		return false
	}
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return unicode.IsUpper(r) // an initial: "J. Smith"
	}
	return abbreviations[strings.ToLower(word)]
}

func skipSpace(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return i
}
