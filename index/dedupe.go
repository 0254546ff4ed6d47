package index

import (
	"strings"
	"unicode"

	"talkbot/corpus/text"
)

// dupKey is a passage reduced to its words, to spot near-identical
// passages (a headline repeated with a prefix, a paragraph republished
// with different quotes or spacing).
type dupKey struct {
	flat  string
	words map[string]bool
}

func newDupKey(s string) dupKey {
	fields := strings.FieldsFunc(text.Key(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	w := make(map[string]bool, len(fields))
	for _, f := range fields {
		w[f] = true
	}
	return dupKey{flat: strings.Join(fields, " "), words: w}
}

// dupOf reports whether k is near-identical to one of seen: the same
// words, one text inside the other at nearly the same length, or word
// sets that overlap by at least 80%.
func (k dupKey) dupOf(seen []dupKey) bool { return k.dupIndex(seen) >= 0 }

// dupIndex is the index in seen of the first passage k is near-identical
// to (dupOf), or -1.
func (k dupKey) dupIndex(seen []dupKey) int {
	for i, o := range seen {
		if k.flat == o.flat {
			return i
		}
		short, long := k.flat, o.flat
		if len(short) > len(long) {
			short, long = long, short
		}
		if short != "" && strings.Contains(long, short) && len(short)*10 >= len(long)*8 {
			return i
		}
		a, b := len(k.words), len(o.words)
		if a >= 5 && b >= 5 && min(a, b)*10 >= max(a, b)*8 && jaccard(k.words, o.words) >= 0.8 {
			return i
		}
	}
	return -1
}

func jaccard(a, b map[string]bool) float64 {
	inter := 0
	for w := range a {
		if b[w] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}
