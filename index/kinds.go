package index

import (
	"bufio"
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"

	"talkbot/corpus/text"
)

// Kinds is a set of kinds of answer: what a question asks for (a number,
// a date...) and what a passage holds. A passage that holds the kind
// asked for, near the question's words, answers it better than one that
// only repeats them: "how many troops could France send" wants "Paris
// could contribute several thousand troops", not the passage that says
// "France" and "send" twice.
type Kinds uint16

// The kinds of answer. Each is indexed as one term of the kind field at
// the positions of the words that show it.
const (
	KindQuantity   Kinds = 1 << iota // numbers, amounts, shares: "30,000", "a fifth", "$200 billion"
	KindDuration                     // "nearly three hours", "15 years"
	KindDate                         // "on 17 February", "last week", "Tuesday", "2025"
	KindPlace                        // "at Lancaster House", "in Paris"
	KindPerson                       // names: "Lieutenant General Nick Perry"
	KindDefinition                   // "X is ...", "known as X"
	KindRefusal                      // "will not send", "ruled out", "refused"
	KindPledge                       // "ready to", "offered", "committed"
	kindCount      = iota
)

// kindTerms are the kind field's terms, in the order of the Kinds bits.
var kindTerms = [kindCount]string{"quantity", "duration", "date", "place", "person", "definition", "refusal", "pledge"}

func (k Kinds) String() string {
	var names []string
	for i, t := range kindTerms {
		if k&(1<<i) != 0 {
			names = append(names, t)
		}
	}
	return strings.Join(names, "|")
}

// terms lists the kind field's terms of the kinds in k.
func (k Kinds) terms() []string {
	var out []string
	for i, t := range kindTerms {
		if k&(1<<i) != 0 {
			out = append(out, t)
		}
	}
	return out
}

//go:embed kinds.txt
var kindsData string

// kindLexicon is kinds.txt parsed: the question openings and the
// passage cue words.
type kindLexicon struct {
	// openings maps a question's first words to what it asks for;
	// anywhere maps words found anywhere in it.
	openings, anywhere map[string]Kinds
	maxOpening         int // words in the longest opening
	// passage cue words, whole and by prefix ("refus*")
	words    map[string]Kinds
	prefixes []prefixKind
	// words that only count in some company
	durationUnit, durationLead, dateLead, datePeriod map[string]bool
	dateCapitalised, placeLead, placeWord, title     map[string]bool
	refusalPairs, definitionVerb, definitionNamer    map[string]bool
	// frame words shape a question without being what it is about
	frame map[string]bool
}

type prefixKind struct {
	prefix string
	kind   Kinds
}

// questionLeaders may stand before a question's opening words.
var questionLeaders = map[string]bool{"and": true, "so": true, "but": true, "in": true, "on": true, "by": true,
	"for": true, "since": true, "until": true, "from": true, "then": true, "also": true, "ok": true, "okay": true,
	"please": true, "exactly": true, "roughly": true, "about": true}

var kindLexiconOnce = sync.OnceValue(func() *kindLexicon {
	l, err := parseKindLexicon(kindsData)
	if err != nil {
		panic(err)
	}
	return l
})

func parseKindLexicon(data string) (*kindLexicon, error) {
	l := &kindLexicon{openings: map[string]Kinds{}, anywhere: map[string]Kinds{}, words: map[string]Kinds{}}
	sets := map[string]*map[string]bool{
		"duration unit": &l.durationUnit, "duration lead": &l.durationLead, "date lead": &l.dateLead,
		"date period": &l.datePeriod, "date capitalised": &l.dateCapitalised, "place lead": &l.placeLead,
		"place word": &l.placeWord, "person title": &l.title, "refusal pair": &l.refusalPairs,
		"definition verb": &l.definitionVerb, "definition namer": &l.definitionNamer,
		"ask frame": &l.frame,
	}
	for _, p := range sets {
		*p = map[string]bool{}
	}
	kindNamed := map[string]Kinds{}
	for i, t := range kindTerms {
		kindNamed[t] = 1 << i
	}
	sc := bufio.NewScanner(strings.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		l0 := strings.TrimSpace(sc.Text())
		if l0 == "" || strings.HasPrefix(l0, "#") {
			continue
		}
		name, list, ok := strings.Cut(l0, ":")
		if !ok {
			return nil, fmt.Errorf("index/kinds.txt:%d: no \"name:\"", line)
		}
		var entries []string
		for _, e := range strings.Split(list, ",") {
			if e = strings.TrimSpace(e); e != "" {
				entries = append(entries, e)
			}
		}
		switch {
		case sets[name] != nil:
			for _, e := range entries {
				(*sets[name])[e] = true
			}
		case strings.HasPrefix(name, "ask "):
			k, ok := kindNamed[strings.TrimPrefix(name, "ask ")]
			if !ok {
				return nil, fmt.Errorf("index/kinds.txt:%d: unknown kind in %q", line, name)
			}
			target := l.openings
			if k == KindRefusal || k == KindPledge {
				target = l.anywhere
			}
			for _, e := range entries {
				e = strings.TrimSuffix(e, "*")
				target[e] |= k
				l.maxOpening = max(l.maxOpening, len(strings.Fields(e)))
			}
		default:
			k, ok := kindNamed[map[string]string{"number": "quantity"}[name]]
			if !ok {
				k, ok = kindNamed[name]
			}
			if !ok {
				return nil, fmt.Errorf("index/kinds.txt:%d: unknown list %q", line, name)
			}
			for _, e := range entries {
				if p, ok := strings.CutSuffix(e, "*"); ok {
					l.prefixes = append(l.prefixes, prefixKind{p, k})
				} else {
					l.words[e] |= k
				}
			}
		}
	}
	return l, nil
}

// questionWords splits a question into folded, lower-case words,
// apostrophes kept ("won't").
func questionWordsOf(q string) []string {
	q = strings.ToLower(text.Fold(q))
	return strings.FieldsFunc(q, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
}

// QuestionKinds is what kinds of answer a question asks for, read off its
// form: the opening ("how many", "when", "where", "who", "what is") and
// words anywhere in it that ask about a refusal or a commitment. A
// keyword query asks for none.
func QuestionKinds(q string) Kinds {
	k, _ := readQuestion(q)
	return k
}

// readQuestion is QuestionKinds with the words of the question's opening
// that only say what kind of answer it wants ("long" in "how long",
// "day" in "what day"): the question is not about them. The noun of
// "which leaders" is kept, as it says who is meant.
func readQuestion(q string) (k Kinds, openingWords []string) {
	l := kindLexiconOnce()
	ws := questionWordsOf(q)
	start := 0
	for start < len(ws) && questionLeaders[ws[start]] {
		start++
	}
	for n := min(l.maxOpening, len(ws)-start); n > 0; n-- {
		if found, ok := l.openings[strings.Join(ws[start:start+n], " ")]; ok {
			k |= found
			if w := ws[start]; w != "which" && w != "who" && w != "whom" && w != "whose" {
				openingWords = ws[start : start+n]
			}
			break
		}
	}
	if k&KindDuration != 0 {
		k |= KindQuantity // "how long" may be a length: "a 1,300-kilometre border"
	}
	if k&KindDefinition != 0 && len(ws) > start+1 && ws[start] == "what" && (ws[start+1] == "does" || ws[start+1] == "do") {
		// "what does X mean" asks for a definition; "what does X want"
		// does not.
		if last := ws[len(ws)-1]; last != "mean" && !(last == "for" && ws[len(ws)-2] == "stand") {
			k &^= KindDefinition
		}
	}
	for i := range ws {
		for n := 1; n <= 2 && i+n <= len(ws); n++ {
			k |= l.anywhere[strings.Join(ws[i:i+n], " ")]
		}
	}
	return k, openingWords
}

// kindOf is the kind a word shows on its own (a number word, a date
// word, a refusal), by whole word or prefix.
func (l *kindLexicon) kindOf(w []byte) Kinds {
	k := l.words[string(w)]
	for _, p := range l.prefixes {
		if len(w) > len(p.prefix) && string(w[:len(p.prefix)]) == p.prefix {
			k |= p.kind
		}
	}
	return k
}

func hasDigit(w []byte) bool {
	for _, c := range w {
		if c >= '0' && c <= '9' {
			return true
		}
	}
	return false
}

// isYear reports a four-digit 1900-2099.
func isYear(w []byte) bool {
	return len(w) == 4 && (string(w[:2]) == "19" || string(w[:2]) == "20") && w[2] >= '0' && w[2] <= '9' && w[3] >= '0' && w[3] <= '9'
}

// kindToken is a token of the kind field: the kind's term at the word's
// position and offsets.
func kindToken(k int, t *analysis.Token) *analysis.Token {
	return &analysis.Token{Term: kindTermBytes[k], Position: t.Position, Start: t.Start, End: t.End, Type: analysis.AlphaNumeric}
}

// kindTermBytes are the kind terms as token terms; they are shared by
// every token and never written.
var kindTermBytes = func() (b [kindCount][]byte) {
	for i, t := range kindTerms {
		b[i] = []byte(t)
	}
	return b
}()

// kindTokens are the kind field's tokens of a passage: src is its text,
// toks its word tokens (analyzerWords: folded, lower case, offsets into
// src, which gives capitals and punctuation). Cheap by design: a few map
// reads a word, once per passage when it is indexed.
func kindTokens(src string, toks analysis.TokenStream) analysis.TokenStream {
	l := kindLexiconOnce()
	var out analysis.TokenStream
	kinds := make([]Kinds, len(toks))
	capital := func(i int) bool {
		r, _ := utf8.DecodeRuneInString(src[toks[i].Start:])
		return unicode.IsUpper(r)
	}
	// sentenceStart: nothing but punctuation that ends or opens a
	// sentence (or a quotation) between the previous word and this one.
	sentenceStart := func(i int) bool {
		return i == 0 || strings.ContainsAny(src[toks[i-1].End:toks[i].Start], ".!?:;\"“”«»\n")
	}
	joined := func(i int) bool { // toks[i-1] and toks[i] are one name: "Nick Perry", "Rzeszow-Jasionka"
		gap := src[toks[i-1].End:toks[i].Start]
		return gap == " " || gap == "-"
	}
	isNumber := func(i int) bool { return kinds[i]&KindQuantity != 0 }
	for i, t := range toks {
		w := t.Term
		k := l.kindOf(w)
		if hasDigit(w) {
			if isYear(w) {
				k |= KindDate
			} else {
				k |= KindQuantity
			}
		}
		if l.dateCapitalised[string(w)] && capital(i) && !sentenceStart(i) {
			k |= KindDate
		}
		if i > 0 && l.datePeriod[string(w)] && l.dateLead[string(toks[i-1].Term)] {
			k |= KindDate
		}
		if l.durationUnit[string(w)] && i > 0 && (isNumber(i-1) || l.durationLead[string(toks[i-1].Term)] ||
			i > 1 && isNumber(i-2) && string(toks[i-1].Term) != "of") {
			k |= KindDuration
		}
		if i > 0 && l.refusalPairs[string(toks[i-1].Term)+" "+string(w)] {
			k |= KindRefusal
			kinds[i-1] |= KindRefusal
		}
		if l.definitionVerb[string(w)] || l.definitionNamer[string(w)] {
			k |= KindDefinition
		}
		kinds[i] |= k
	}
	// Names and places: capitalised words, not at a sentence start unless
	// another capitalised word follows ("Prime Minister Keir Starmer").
	for i := 0; i < len(toks); {
		if !capital(i) || kinds[i]&(KindDate|KindQuantity) != 0 {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) && capital(j) && joined(j) && kinds[j]&KindDate == 0 {
			j++
		}
		first := i
		// "The", "In": a capitalised stop word opening a sentence is no name
		for first < j && sentenceStart(first) && isStopWord(toks[first].Term) {
			first++
		}
		if first < j && (j-first >= 2 || !sentenceStart(first) || i > 0 && l.title[string(toks[i-1].Term)]) {
			place := first > 0 && (l.placeLead[string(toks[first-1].Term)] ||
				first > 1 && string(toks[first-1].Term) == "the" && l.placeLead[string(toks[first-2].Term)])
			for m := first; m < j; m++ {
				if !isStopWord(toks[m].Term) {
					kinds[m] |= KindPerson
					if place {
						kinds[m] |= KindPlace
					}
				}
			}
		}
		i = j
	}
	for i, t := range toks {
		if l.placeWord[string(t.Term)] {
			kinds[i] |= KindPlace
		}
		for b := 0; b < kindCount; b++ {
			if kinds[i]&(1<<b) != 0 {
				out = append(out, kindToken(b, t))
			}
		}
	}
	return out
}

// isStopWord reports one of Bleve's English stop words.
func isStopWord(w []byte) bool { return englishStop()[string(w)] }

var englishStop = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for w := range stopWords() {
		m[w] = true
	}
	return m
})
