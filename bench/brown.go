package main

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
)

// BrownText is one text of the Brown Corpus turned back into plain English
// paragraphs.
type BrownText struct {
	ID         string // "ca01"
	Category   byte   // 'a'..'r'
	Paragraphs []string
}

// brownCategories names the genres as the corpus's CONTENTS file does.
var brownCategories = map[byte]string{
	'a': "Press: Reportage",
	'b': "Press: Editorial",
	'c': "Press: Reviews",
	'd': "Religion",
	'e': "Skill and Hobbies",
	'f': "Popular Lore",
	'g': "Belles-Lettres",
	'h': "Miscellaneous: Government & House Organs",
	'j': "Learned",
	'k': "Fiction: General",
	'l': "Fiction: Mystery",
	'm': "Fiction: Science",
	'n': "Fiction: Adventure",
	'p': "Fiction: Romance",
	'r': "Humor",
}

// isBrownTextName reports whether a file name in the package is a text
// ("ca01"), not README or CONTENTS.
func isBrownTextName(name string) bool {
	if len(name) != 4 || name[0] != 'c' {
		return false
	}
	if _, ok := brownCategories[name[1]]; !ok {
		return false
	}
	return name[2] >= '0' && name[2] <= '9' && name[3] >= '0' && name[3] <= '9'
}

// ParseBrown reads one tagged text ("The/at jury/nn said/vbd ./.", one
// sentence a line, paragraphs separated by blank lines) and rejoins its
// tokens into paragraphs. Headline lines (every tag ending in -hl) are
// dropped: they are fragments, not prose.
func ParseBrown(id string, data []byte) (BrownText, error) {
	if !isBrownTextName(id) {
		return BrownText{}, fmt.Errorf("%s: not a Brown text name (want c, a category letter, two digits)", id)
	}
	t := BrownText{ID: id, Category: id[1]}
	var para []string
	flush := func() {
		if len(para) > 0 {
			t.Paragraphs = append(t.Paragraphs, strings.Join(para, " "))
			para = para[:0]
		}
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	line := 0
	for sc.Scan() {
		line++
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			flush()
			continue
		}
		words, tags := make([]string, 0, len(fields)), make([]string, 0, len(fields))
		for _, f := range fields {
			i := strings.LastIndexByte(f, '/')
			if i <= 0 || i == len(f)-1 {
				return BrownText{}, fmt.Errorf("%s:%d: token %q is not word/tag", id, line, f)
			}
			words, tags = append(words, f[:i]), append(tags, f[i+1:])
		}
		if isHeadline(tags) {
			flush()
			continue
		}
		if s := Detokenize(words); s != "" {
			para = append(para, s)
		}
	}
	if err := sc.Err(); err != nil {
		return BrownText{}, fmt.Errorf("%s:%d: %v", id, line, err)
	}
	flush()
	if len(t.Paragraphs) == 0 {
		return BrownText{}, fmt.Errorf("%s: no prose paragraphs", id)
	}
	return t, nil
}

func isHeadline(tags []string) bool {
	for _, t := range tags {
		if !strings.HasSuffix(t, "-hl") {
			return false
		}
	}
	return true
}

// Detokenize joins Brown tokens into a sentence as it would be printed:
// no space before closing punctuation, none after opening quotes and
// brackets, the open and close quote tokens as straight double quotes.
// The corpus writes a semicolon that ends a line twice (";/. ;/.") and a
// full stop after an abbreviation that has one ("Jr./np ./."); the
// repeats are dropped.
func Detokenize(words []string) string {
	var b strings.Builder
	noSpaceNext := true
	prev := ""
	for _, w := range words {
		if (w == ";" && prev == ";") || (w == "." && strings.HasSuffix(prev, ".")) {
			continue
		}
		prev = w
		opening, closing := false, false
		switch w {
		case "``":
			w, opening = `"`, true
		case "''":
			w, closing = `"`, true
		case ",", ".", ";", ":", "?", "!", ")", "]", "'":
			closing = true
		case "(", "[", "`":
			opening = true
		}
		if !noSpaceNext && !closing && b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		noSpaceNext = opening
	}
	return b.String()
}
