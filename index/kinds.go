package index

import (
	"bufio"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"math/bits"
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

// kindsHash identifies kinds.txt, so an index on disk tagged with other
// words is rebuilt (versionString).
var kindsHash = sync.OnceValue(func() string {
	sum := sha256.Sum256([]byte(kindsData))
	return hex.EncodeToString(sum[:8])
})

// kindLexicon is kinds.txt parsed: the question openings and the
// passage cue words.
type kindLexicon struct {
	// openings maps a question's first words to what it asks for;
	// anywhere maps words found anywhere in it.
	openings, anywhere map[string]Kinds
	anywherePrefixes   []prefixKind // "refus*": any word starting so
	maxOpening         int          // words in the longest opening
	// frame words shape a question without being what it is about
	frame map[string]bool
	// words holds what each passage cue word shows on its own and the
	// roles it plays beside others: one map read a word when indexing.
	words map[string]wordInfo
	// prefixes ("refus*") by their first byte
	prefixes map[byte][]prefixKind
}

// wordInfo is a passage word's entry in the lexicon.
type wordInfo struct {
	kind  Kinds
	roles wordRole
}

// wordRole is what a word does for the words beside it.
type wordRole uint16

const (
	roleDurationUnit    wordRole = 1 << iota // "hours": a duration after a number
	roleDurationLead                         // "few": a duration before a unit
	roleDateLead                             // "last": a date before a period
	roleDatePeriod                           // "week": a date after a lead
	roleDateCapitalised                      // "May": a date with a capital, mid-sentence
	rolePlaceLead                            // "in", "at": a place before a name
	roleTitle                                // "General": a name after it
	rolePairFirst                            // "ruled" of "ruled out"
	rolePairSecond                           // "out" of "ruled out"
	roleStop                                 // a stop word ("The" opening a sentence is no name)
	rolePlaceName                            // "House", "Sea": a capitalised name holding it is a place
	roleOrgName                              // "States", "Ministry": a capitalised name holding it is no person
	roleLabel                                // "Article": a figure after it is a label, not an amount
)

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
	l := &kindLexicon{openings: map[string]Kinds{}, anywhere: map[string]Kinds{}, frame: map[string]bool{},
		words: map[string]wordInfo{}, prefixes: map[byte][]prefixKind{}}
	roles := map[string]wordRole{
		"duration unit": roleDurationUnit, "duration lead": roleDurationLead, "date lead": roleDateLead,
		"date period": roleDatePeriod, "date capitalised": roleDateCapitalised, "place lead": rolePlaceLead,
		"person title": roleTitle, "place name word": rolePlaceName, "organisation name word": roleOrgName,
		"label word": roleLabel,
	}
	kindNamed := map[string]Kinds{"number": KindQuantity, "place word": KindPlace,
		"definition verb": KindDefinition, "definition namer": KindDefinition}
	for i, t := range kindTerms {
		kindNamed[t] = 1 << i
	}
	addWord := func(w string, k Kinds, r wordRole) {
		inf := l.words[w]
		inf.kind |= k
		inf.roles |= r
		l.words[w] = inf
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
		case name == "ask frame":
			for _, e := range entries {
				l.frame[e] = true
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
				if p, ok := strings.CutSuffix(e, "*"); ok && (k == KindRefusal || k == KindPledge) {
					l.anywherePrefixes = append(l.anywherePrefixes, prefixKind{p, k})
					continue
				}
				target[e] |= k
				l.maxOpening = max(l.maxOpening, len(strings.Fields(e)))
			}
		case roles[name] != 0:
			for _, e := range entries {
				addWord(e, 0, roles[name])
			}
		case name == "refusal pair":
			for _, e := range entries {
				first, second, ok := strings.Cut(e, " ")
				if !ok {
					return nil, fmt.Errorf("index/kinds.txt:%d: %q is not two words", line, e)
				}
				addWord(first, 0, rolePairFirst)
				addWord(second, 0, rolePairSecond)
			}
		default:
			k, ok := kindNamed[name]
			if !ok {
				return nil, fmt.Errorf("index/kinds.txt:%d: unknown list %q", line, name)
			}
			for _, e := range entries {
				if p, ok := strings.CutSuffix(e, "*"); ok && p != "" {
					l.prefixes[p[0]] = append(l.prefixes[p[0]], prefixKind{p, k})
				} else {
					addWord(e, k, 0)
				}
			}
		}
	}
	for w := range stopWords() {
		addWord(w, 0, roleStop)
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
	// the words of a name ("coalition of the willing") ask for nothing
	named := synonyms().inPhrases(ws)
	for i, w := range ws {
		if named != nil && named[i] {
			continue
		}
		for n := 1; n <= 2 && i+n <= len(ws); n++ {
			if n == 2 && named != nil && named[i+1] {
				break
			}
			k |= l.anywhere[strings.Join(ws[i:i+n], " ")]
		}
		for _, p := range l.anywherePrefixes {
			if strings.HasPrefix(w, p.prefix) {
				k |= p.kind
			}
		}
	}
	return k, openingWords
}

// lookup is a word's lexicon entry, its kind by prefix ("refused")
// included.
func (l *kindLexicon) lookup(w []byte) wordInfo {
	inf := l.words[string(w)]
	if len(w) > 0 {
		for _, p := range l.prefixes[w[0]] {
			if len(w) > len(p.prefix) && string(w[:len(p.prefix)]) == p.prefix {
				inf.kind |= p.kind
			}
		}
	}
	return inf
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

// tagName tags the capitalised words toks[a:b], one name, as a person or
// a place: a name holding a place word ("Lancaster House", "Black Sea")
// is a place, one holding an organisation's word ("United States",
// "Foreign Ministry") is neither; otherwise a person's name is two words
// or more ("Nick Perry") or one after a title ("General Perry"), one
// capitalised word alone being as often a place or a country, and a name
// after a place lead ("in Paris") is a place. first is where the run of
// capitalised words that holds the name starts.
func tagName(toks analysis.TokenStream, infos []wordInfo, kinds []Kinds, a, b, first int) {
	var roles wordRole
	for m := a; m < b; m++ {
		roles |= infos[m].roles
	}
	place := roles&rolePlaceName != 0 || first > 0 && (infos[first-1].roles&rolePlaceLead != 0 ||
		first > 1 && string(toks[first-1].Term) == "the" && infos[first-2].roles&rolePlaceLead != 0)
	person := roles&(rolePlaceName|roleOrgName) == 0 &&
		(b-a >= 2 || a > 0 && infos[a-1].roles&roleTitle != 0)
	for m := a; m < b; m++ {
		if infos[m].roles&roleStop == 0 {
			if person {
				kinds[m] |= KindPerson
			}
			if place {
				kinds[m] |= KindPlace
			}
		}
	}
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
// src, which gives capitals and punctuation). Cheap by design (one map
// read a word), as every passage goes through it when it is indexed.
func kindTokens(src string, toks analysis.TokenStream) analysis.TokenStream {
	if len(toks) == 0 {
		return nil
	}
	l := kindLexiconOnce()
	kinds := make([]Kinds, len(toks))
	infos := make([]wordInfo, len(toks))
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
	for i, t := range toks {
		w := t.Term
		inf := l.lookup(w)
		infos[i] = inf
		k := inf.kind
		if k&KindQuantity != 0 && !hasDigit(w) && capital(i) && !sentenceStart(i) {
			k &^= KindQuantity // a number word in a name: "Air Force One"
		}
		if hasDigit(w) {
			switch {
			case isYear(w):
				k |= KindDate
			case i > 0 && joined(i) && infos[i-1].roles&roleLabel != 0:
				// a label, not an amount: "Article 5", "Resolution 2231"
			default:
				k |= KindQuantity
			}
		}
		if inf.roles&roleDateCapitalised != 0 && capital(i) && !sentenceStart(i) {
			k |= KindDate
		}
		if i > 0 {
			prev := infos[i-1].roles
			if inf.roles&roleDatePeriod != 0 && prev&roleDateLead != 0 {
				k |= KindDate
			}
			if inf.roles&roleDurationUnit != 0 && (kinds[i-1]&KindQuantity != 0 || prev&roleDurationLead != 0 ||
				i > 1 && kinds[i-2]&KindQuantity != 0 && string(toks[i-1].Term) != "of") {
				k |= KindDuration
			}
			if inf.roles&rolePairSecond != 0 && prev&rolePairFirst != 0 {
				k |= KindRefusal
				kinds[i-1] |= KindRefusal
			}
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
		for first < j && sentenceStart(first) && infos[first].roles&roleStop != 0 {
			first++
		}
		if first < j && (j-first >= 2 || !sentenceStart(first) || i > 0 && infos[i-1].roles&roleTitle != 0) {
			// A title starts a name of its own: "NATO Secretary General
			// Mark Rutte" is "NATO" and "Secretary General Mark Rutte".
			for a := first; a < j; {
				b := a + 1
				for b < j && !(infos[b].roles&roleTitle != 0 && infos[b-1].roles&roleTitle == 0) {
					b++
				}
				tagName(toks, infos, kinds, a, b, first)
				a = b
			}
		}
		i = j
	}
	n := 0
	for _, k := range kinds {
		n += bits.OnesCount16(uint16(k))
	}
	out := make(analysis.TokenStream, 0, n)
	tokens := make([]analysis.Token, n)
	for i, t := range toks {
		for b := 0; kinds[i] != 0 && b < kindCount; b++ {
			if kinds[i]&(1<<b) != 0 {
				tok := &tokens[len(out)]
				*tok = analysis.Token{Term: kindTermBytes[b], Position: t.Position, Start: t.Start, End: t.End, Type: analysis.AlphaNumeric}
				out = append(out, tok)
			}
		}
	}
	return out
}
