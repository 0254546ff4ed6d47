package main

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"
)

// ansiRe matches the escape sequences textStyle writes: they take no
// room on screen.
var ansiRe = regexp.MustCompile("\x1b\\[[0-9;]*m")

// visibleWidth is the columns s takes on a terminal (one per rune, as
// for the Latin and Cyrillic text of the corpus).
func visibleWidth(s string) int { return utf8.RuneCountInString(ansiRe.ReplaceAllString(s, "")) }

// markerRe is a line's hanging indent: its leading spaces and a list
// marker ("1. ", "- ", "> "), under which the wrapped lines continue.
var markerRe = regexp.MustCompile(`^ *(?:\d+\. |- |> )?`)

// lineWrapper wraps each line written through it to width columns at
// word boundaries, continuing under the line's text (hanging indent). A
// word longer than the line (a URL) is never broken: it stays whole on a
// line of its own, so it can still be clicked. Call Flush at the end.
type lineWrapper struct {
	w     io.Writer
	width int
	buf   bytes.Buffer
}

func (lw *lineWrapper) Write(p []byte) (int, error) {
	lw.buf.Write(p)
	for {
		line, err := lw.buf.ReadString('\n')
		if err != nil { // no whole line yet: keep it
			lw.buf.Reset()
			lw.buf.WriteString(line)
			return len(p), nil
		}
		if _, err := io.WriteString(lw.w, wrapLine(strings.TrimSuffix(line, "\n"), lw.width)+"\n"); err != nil {
			return 0, err
		}
	}
}

// Flush writes what is left of an unfinished last line.
func (lw *lineWrapper) Flush() error {
	if lw.buf.Len() == 0 {
		return nil
	}
	_, err := io.WriteString(lw.w, wrapLine(lw.buf.String(), lw.width))
	lw.buf.Reset()
	return err
}

func wrapLine(line string, width int) string {
	if width <= 0 || visibleWidth(line) <= width {
		return line
	}
	lead := markerRe.FindString(line)
	indent := strings.Repeat(" ", len(lead))
	if len(indent) > width/2 {
		indent = "  "
	}
	var b strings.Builder
	b.WriteString(lead)
	col := len(lead)
	first := true
	for _, word := range strings.Fields(line[len(lead):]) {
		w := visibleWidth(word)
		switch {
		case first:
		case col+1+w > width:
			b.WriteString("\n" + indent)
			col = len(indent)
		default:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(word)
		col += w
		first = false
	}
	return b.String()
}
