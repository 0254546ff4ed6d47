package corpus

import (
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"talkbot/corpus/text"
)

// slug makes an article id from a file name: lower case, runs of anything
// but letters and digits turned into one "-" ("000_aa38.txt" → "000-aa38").
func slug(name string) string {
	name = strings.TrimSuffix(name, path.Ext(name))
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(text.Fold(name)) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// titleMinCut is how long a title taken from the lead sentence is at least
// before it is cut at a comma.
const titleMinCut = 40

// titleMax is the longest title taken from a lead sentence without a
// comma to cut at; longer ones are cut at a word and end in "…".
const titleMax = 200

// txtTitle derives the title of a .txt article from its paragraphs (before
// boilerplate removal): the first line when it is a headline, else the
// lead sentence cut at the first comma after 40 characters.
func txtTitle(src string, paras []span) string {
	if len(paras) == 0 {
		return ""
	}
	first := paras[0].text(src)
	if isTitleLine(first) {
		// "NewsUS backs X" then "US backs X": a section label is glued to
		// the headline; the clean repeat just below is the title.
		k := text.Key(first)
		for _, p := range paras[1:min(len(paras), 5)] {
			if s := p.text(src); isTitleLine(s) && isHeadline(k, text.Key(s)) && len(text.Key(s)) < len(k) {
				return oneLine(s)
			}
		}
		return oneLine(first)
	}
	lead := first
	if spans := text.Sentences(first); len(spans) > 0 {
		lead = first[spans[0].Start:spans[0].End]
	}
	return leadTitle(oneLine(lead))
}

// leadTitle cuts a lead sentence to a title.
func leadTitle(lead string) string {
	for i, r := range lead {
		if r == ',' && utf8.RuneCountInString(lead[:i]) >= titleMinCut {
			return strings.TrimSpace(lead[:i])
		}
	}
	lead = strings.TrimSuffix(lead, ".")
	if utf8.RuneCountInString(lead) <= titleMax {
		return lead
	}
	cut := []rune(lead)[:titleMax]
	s := string(cut)
	if i := strings.LastIndexByte(s, ' '); i > titleMinCut {
		s = s[:i]
	}
	return strings.TrimRight(s, " ,;:") + "…"
}

// isTitleLine: a headline is one line, not too long, that does not end
// like a sentence (a question or exclamation may still be a headline).
func isTitleLine(s string) bool {
	if strings.ContainsRune(s, '\n') {
		return false
	}
	f := strings.TrimSpace(s)
	words := len(strings.Fields(f))
	if words < 2 || words > 25 || utf8.RuneCountInString(f) > titleMax {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(f)
	return !strings.ContainsRune(".,;:", last)
}

// oneLine collapses runs of white space (line breaks, non-breaking
// spaces) to one space, for titles shown on one line.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, isSpaceLike), " ")
}
