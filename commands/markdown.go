package commands

import (
	"strings"
	"talkbot/answer"
	"unicode"
	"unicode/utf8"
)

// escapeMarkdown makes source text show literally in Discord: formatting
// characters, masked links, headings, lists and quotes at a line start,
// and mentions (which AllowedMentions already keeps from pinging, but
// would still render as a ping). atLineStart tells whether s begins a
// line.
func escapeMarkdown(s string, atLineStart bool) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	lineStart := atLineStart
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\\' || r == '*' || r == '_' || r == '~' || r == '`' || r == '|' ||
			r == '[' || r == ']' || r == '<':
			// Escaped brackets cannot open a masked link, so ( ) stay as
			// they are.
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '@':
			// A zero-width space keeps @everyone and @here from reading as
			// mentions; the text looks the same.
			b.WriteString("@\u200b")
		case lineStart && (r == '>' || r == '#' || r == '-' || r == '+'):
			b.WriteByte('\\')
			b.WriteRune(r)
		case lineStart && r >= '0' && r <= '9':
			// "1. " at a line start would become a numbered list.
			k := i
			for k < len(s) && s[k] >= '0' && s[k] <= '9' {
				k++
			}
			b.WriteString(s[i:k])
			if k < len(s) && s[k] == '.' {
				b.WriteString("\\.")
				k++
			}
			i = k
			lineStart = false
			continue
		default:
			b.WriteRune(r)
		}
		if r == '\n' {
			lineStart = true
		} else if !(lineStart && (r == ' ' || r == '\t')) {
			lineStart = false
		}
		i += size
	}
	return b.String()
}

// renderQuote writes a highlighted passage as Discord markdown of at most
// limit runes: source text escaped, matched terms bold, cut at a word
// boundary with "…" when too long. A bold run is always closed.
func renderQuote(raw, highlighted string, limit int) string {
	segs := answer.Segments(raw, highlighted)
	var b strings.Builder
	used := 0
	lineStart := true
	for k, sg := range segs {
		startsLine := lineStart
		esc := escapeMarkdown(sg.Text, startsLine)
		lineStart = strings.HasSuffix(sg.Text, "\n")
		cost := utf8.RuneCountInString(esc)
		if sg.Bold {
			cost += 4
		}
		last := k == len(segs)-1
		reserve := 0
		if !last {
			reserve = 1 // room for "…"
		}
		if used+cost+reserve <= limit {
			if sg.Bold {
				b.WriteString("**" + esc + "**")
			} else {
				b.WriteString(esc)
			}
			used += cost
			continue
		}
		// This segment does not fit: keep what does, at a word boundary.
		room := limit - used - 1
		if sg.Bold {
			room -= 4
		}
		if part := cutWords(sg.Text, room, startsLine); part != "" {
			if sg.Bold {
				b.WriteString("**" + part + "**")
			} else {
				b.WriteString(part)
			}
		}
		return strings.TrimRightFunc(b.String(), unicode.IsSpace) + "…"
	}
	return b.String()
}

// cutWords returns the longest escaped prefix of text, ending at a word
// boundary, whose escaped form has at most room runes.
func cutWords(text string, room int, lineStart bool) string {
	if room <= 0 {
		return ""
	}
	best := ""
	for i, r := range text {
		if !unicode.IsSpace(r) {
			continue
		}
		esc := escapeMarkdown(strings.TrimRightFunc(text[:i], unicode.IsSpace), lineStart)
		if utf8.RuneCountInString(esc) > room {
			break
		}
		best = esc
	}
	return best
}

// shorten cuts plain text (already markdown, or not markdown at all) to
// at most limit runes at a word boundary, ending with "…".
func shorten(s string, limit int) string {
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	if limit < 1 {
		return ""
	}
	runes := []rune(s)[:limit-1]
	cut := len(runes)
	for k := len(runes) - 1; k > limit/2; k-- {
		if unicode.IsSpace(runes[k]) {
			cut = k
			break
		}
	}
	out := strings.TrimRightFunc(string(runes[:cut]), unicode.IsSpace)
	// A cut must not leave a dangling escape backslash or half a bold pair.
	if n := len(out) - len(strings.TrimRight(out, "\\")); n%2 == 1 {
		out = out[:len(out)-1]
	}
	if strings.Count(out, "**")%2 == 1 {
		out = out[:strings.LastIndex(out, "**")]
	}
	return out + "…"
}
