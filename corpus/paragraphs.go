package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a piece of the source file: bytes [start, end) beginning on a
// 1-based line. Paragraphs are kept as spans so that their text is always
// exactly the source's.
type span struct {
	start, end int
	line       int
}

func (s span) text(src string) string { return src[s.start:s.end] }

// srcLine is one line of the file without its line break.
type srcLine struct {
	start, end int // bytes of the line, "\r" excluded
	num        int
}

// splitLines cuts src[from:] into lines; the first one is line firstNum.
func splitLines(src string, from, firstNum int) []srcLine {
	var lines []srcLine
	for off, n := from, firstNum; off < len(src); n++ {
		i := strings.IndexByte(src[off:], '\n')
		end := len(src)
		if i >= 0 {
			end = off + i
		}
		l := srcLine{start: off, end: end, num: n}
		if l.end > l.start && src[l.end-1] == '\r' {
			l.end--
		}
		lines = append(lines, l)
		off = end + 1
	}
	return lines
}

// isSpaceLike is true for the runes that print as nothing: spaces,
// non-breaking spaces and zero-width characters.
func isSpaceLike(r rune) bool {
	switch r {
	case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF':
		return true
	}
	return unicode.IsSpace(r)
}

func isBlank(s string) bool { return strings.TrimFunc(s, isSpaceLike) == "" }

// bulletRunes open a list item when followed by a space.
const bulletRunes = "•·▪●◦‣-*–"

// trimSpan narrows sp to its text without surrounding space or a leading
// list bullet, moving its line on past any line breaks skipped.
func trimSpan(src string, sp span) span {
	s := src[sp.start:sp.end]
	lead := len(s) - len(strings.TrimLeftFunc(s, isSpaceLike))
	if r, size := utf8.DecodeRuneInString(s[lead:]); strings.ContainsRune(bulletRunes, r) {
		if after := s[lead+size:]; after != "" && len(after) > len(strings.TrimLeftFunc(after, isSpaceLike)) {
			lead += size + len(after) - len(strings.TrimLeftFunc(after, isSpaceLike))
		}
	}
	sp.line += strings.Count(s[:lead], "\n")
	sp.start += lead
	sp.end = sp.start + len(strings.TrimRightFunc(src[sp.start:sp.end], isSpaceLike))
	return sp
}

// startsWithBullet reports whether a line opens a list item.
func startsWithBullet(s string) bool {
	s = strings.TrimLeftFunc(s, isSpaceLike)
	r, size := utf8.DecodeRuneInString(s)
	next, _ := utf8.DecodeRuneInString(s[size:])
	return strings.ContainsRune(bulletRunes, r) && size < len(s) && isSpaceLike(next)
}

// paragraphs groups lines into paragraphs. Each non-blank line is one,
// except in a body that is clearly hard-wrapped, where a line that was
// broken only because the next word did not fit is joined with the next.
func paragraphs(src string, lines []srcLine) []span {
	width, wrapped := wrapWidth(src, lines)
	var out []span
	var cur *span
	for i, l := range lines {
		s := src[l.start:l.end]
		if isBlank(s) {
			cur = nil
			continue
		}
		if cur != nil && wrapped && continues(src, lines[i-1], s, width) {
			cur.end = l.end
			continue
		}
		out = append(out, span{start: l.start, end: l.end, line: l.num})
		cur = &out[len(out)-1]
	}
	for i := range out {
		out[i] = trimSpan(src, out[i])
	}
	return out
}

// continues reports whether line s carries on the paragraph of prev in a
// hard-wrapped body of the given width.
func continues(src string, prev srcLine, s string, width int) bool {
	if startsWithBullet(s) {
		return false
	}
	p := strings.TrimRightFunc(src[prev.start:prev.end], isSpaceLike)
	next := strings.TrimLeftFunc(s, isSpaceLike)
	word, _, _ := strings.Cut(next, " ")
	if utf8.RuneCountInString(p)+1+utf8.RuneCountInString(word) > width {
		return true // the next word did not fit: the break is the wrapper's
	}
	return !endsSentence(p) && startsLower(next)
}

// wrapWidth decides whether a body is hard-wrapped: its lines are at most
// about 100 characters, several of them come close to the longest, and at
// least one sentence runs on from one line into the next.
func wrapWidth(src string, lines []srcLine) (int, bool) {
	width := 0
	for _, l := range lines {
		width = max(width, utf8.RuneCountInString(strings.TrimRightFunc(src[l.start:l.end], isSpaceLike)))
	}
	if width < 30 || width > 100 {
		return 0, false
	}
	long, runOn := 0, false
	for i, l := range lines {
		s := strings.TrimRightFunc(src[l.start:l.end], isSpaceLike)
		if utf8.RuneCountInString(s)*4 >= width*3 {
			long++
		}
		if i+1 < len(lines) && s != "" && !endsSentence(s) {
			next := strings.TrimLeftFunc(src[lines[i+1].start:lines[i+1].end], isSpaceLike)
			runOn = runOn || startsLower(next)
		}
	}
	return width, long >= 3 && runOn
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// endsSentence reports whether s ends with sentence punctuation, looking
// past closing quotes and brackets.
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return isSpaceLike(r) || strings.ContainsRune("\"'”’»)]", r)
	})
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…;:", r)
}
