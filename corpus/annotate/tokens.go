package annotate

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"talkbot/corpus/text"
)

// token is a word or a punctuation mark of the original text. Norm is the
// folded form compared with the gazetteer (accents and curly quotes
// straightened, dots dropped from abbreviations: "U.S." → "US"); Start and
// End are byte offsets into the original text, so quoted words stay exact.
type token struct {
	Norm       string
	Lower      string
	Start, End int
	Word       bool
}

// tokenize splits s into words and punctuation marks. Hyphens split words
// ("US-led" names the US); "n't" and "'s" become tokens of their own so
// negation and possessives are visible.
func tokenize(s string) []token {
	toks := make([]token, 0, len(s)/5+1) // about a token per five bytes of prose
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case isWordRune(r):
			j, norm := scanWord(s, i)
			toks = appendWord(toks, s, i, j, norm)
			i = j
		default:
			f := text.FoldRune(r)
			toks = append(toks, token{Norm: string(f), Lower: string(f), Start: i, End: i + size})
			i += size
		}
	}
	return toks
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// scanWord reads a word from i: letters and digits, a dotted abbreviation
// (U.S., U.K., J.D.) read as one word without its dots, and apostrophes
// inside a word (O'Brien, didn't).
func scanWord(s string, i int) (int, string) {
	if j, norm, ok := scanDotted(s, i); ok {
		return j, norm
	}
	j := i
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if isWordRune(r) {
			j += size
			continue
		}
		if f := text.FoldRune(r); f == '\'' && j+size < len(s) {
			r2, _ := utf8.DecodeRuneInString(s[j+size:])
			if unicode.IsLetter(r2) {
				j += size
				continue
			}
		}
		break
	}
	return j, text.Fold(s[i:j])
}

// scanDotted recognises single letters joined by dots: "U.S.", "U.S.A".
func scanDotted(s string, i int) (int, string, bool) {
	var b strings.Builder
	j := i
	for {
		r, size := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsUpper(r) || j+size >= len(s) || s[j+size] != '.' {
			break
		}
		b.WriteRune(r)
		j += size + 1
		if j >= len(s) {
			break
		}
		r2, _ := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsUpper(r2) {
			break
		}
		if k := j + utf8.RuneLen(r2); k < len(s) && isWordRune(rune(s[k])) && s[k] != '.' {
			// "U.Sa" is no abbreviation; stop before the word.
			break
		}
	}
	if utf8.RuneCountInString(b.String()) < 2 {
		return 0, "", false
	}
	return j, text.Fold(b.String()), true
}

// appendWord adds the word s[i:j], splitting off "n't" and "'s".
func appendWord(toks []token, s string, i, j int, norm string) []token {
	cut := -1 // byte offset of the last apostrophe in the original word
	for k, r := range s[i:j] {
		if r != '\'' && text.FoldRune(r) == '\'' {
			cut = i + k
		} else if r == '\'' {
			cut = i + k
		}
	}
	if cut > i {
		_, size := utf8.DecodeRuneInString(s[cut:])
		stem, suffix := strings.ToLower(s[i:cut]), strings.ToLower(s[cut+size:j])
		switch {
		case suffix == "t" && len(stem) > 1 && strings.HasSuffix(stem, "n"):
			toks = append(toks, mkWord(s, i, cut-1))
			return append(toks, token{Norm: "n't", Lower: "n't", Start: cut - 1, End: j, Word: true})
		case suffix == "s":
			toks = append(toks, mkWord(s, i, cut))
			return append(toks, token{Norm: "'s", Lower: "'s", Start: cut, End: j, Word: true})
		}
	}
	return append(toks, token{Norm: norm, Lower: strings.ToLower(norm), Start: i, End: j, Word: true})
}

func mkWord(s string, i, j int) token {
	n := text.Fold(s[i:j])
	return token{Norm: n, Lower: strings.ToLower(n), Start: i, End: j, Word: true}
}

// capitalised reports whether a word starts with a capital letter.
func (t token) capitalised() bool {
	r, _ := utf8.DecodeRuneInString(t.Norm)
	return t.Word && unicode.IsUpper(r)
}
