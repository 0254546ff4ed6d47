package answer

import (
	"bufio"
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"

	"talkbot/corpus/annotate"
	"talkbot/corpus/text"
	"talkbot/index"
)

// IntentKind is what answers a question best.
type IntentKind string

const (
	// IntentPassages: quoted passages (Ask), ranked by what the question
	// asks for (QuestionIntent.Answers).
	IntentPassages IntentKind = "passages"
	// IntentWhoPledged: "who pledged troops?", "which countries refused
	// to send soldiers?": who pledged, offered or refused the Topic.
	IntentWhoPledged IntentKind = "who-pledged"
	// IntentQuote: "what did Zelensky say about guarantees?": the
	// Person's quotations, about the Topic when there is one.
	IntentQuote IntentKind = "quote"
)

// QuestionIntent is how a question reads: what would answer it, and its
// parts.
type QuestionIntent struct {
	Kind IntentKind
	// Answers are the kinds of answer the question asks for (a number,
	// a date, a place...), as the index ranks passages by them.
	Answers index.Kinds
	// Topic is what was pledged (IntentWhoPledged) or what the person
	// spoke about (IntentQuote, "" for anything).
	Topic string
	// Person is the canonical name of the person quoted (IntentQuote).
	Person string
	// Refusals: the question asks who refused or did not pledge
	// (IntentWhoPledged: "which countries ruled out troops?", "who has
	// not offered soldiers?").
	Refusals bool
	// Group is the group of actors the question narrows to
	// (IntentWhoPledged: "which European countries": annotate.GroupNamed),
	// "" for all.
	Group string
}

// Intent reads a question's form: who pledged or refused what, what a
// person said, or else a question passages answer (with the kinds of
// answer it asks for). It is a hook for the front ends: Ask answers
// every question with passages whatever Intent says.
func Intent(question string) QuestionIntent {
	in := QuestionIntent{Kind: IntentPassages, Answers: index.QuestionKinds(question)}
	ws := intentWords(question)
	if topic, refusals, group, ok := intentLexicon().pledgeTopic(ws); ok {
		in.Kind, in.Topic, in.Refusals, in.Group = IntentWhoPledged, topic, refusals, group
		return in
	}
	if person, topic, ok := intentLexicon().quoteOf(question, ws); ok {
		in.Kind, in.Person, in.Topic = IntentQuote, person, topic
	}
	return in
}

//go:embed intents.txt
var intentsData string

// intentCues is intents.txt parsed: each list as a set of phrases (words
// joined by one space), with the longest phrase's word count.
type intentCues struct {
	lists map[string]map[string]bool
	words map[string]int // longest phrase per list, in words
}

var intentLexicon = sync.OnceValue(func() *intentCues {
	c, err := parseIntentCues(intentsData)
	if err != nil {
		panic(err) // embedded and covered by the package's tests
	}
	return c
})

// intentLists are the lists intents.txt must give.
var intentLists = []string{"pledge subject", "pledge qualifier", "pledge group", "pledge auxiliary", "pledge negation", "pledge verb", "pledge refusal", "pledge link", "pledge tail",
	"quote opening", "quote verb", "quote about", "quote reaction"}

func parseIntentCues(data string) (*intentCues, error) {
	c := &intentCues{lists: map[string]map[string]bool{}, words: map[string]int{}}
	for _, n := range intentLists {
		c.lists[n] = map[string]bool{}
	}
	sc := bufio.NewScanner(strings.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		name, list, ok := strings.Cut(l, ":")
		if !ok || c.lists[name] == nil {
			return nil, fmt.Errorf("answer/intents.txt:%d: not a known \"list: entries\" line", line)
		}
		for _, e := range strings.Split(list, ",") {
			if e = strings.Join(strings.Fields(e), " "); e != "" {
				c.lists[name][e] = true
				c.words[name] = max(c.words[name], len(strings.Fields(e)))
			}
		}
	}
	return c, nil
}

// intentWords are a question's folded, lower-case words, apostrophes
// kept ("won't").
func intentWords(q string) []string {
	return strings.FieldsFunc(strings.ToLower(text.Fold(q)), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
}

// match is the length in words of the longest phrase of list that ws
// starts with, 0 for none.
func (c *intentCues) match(list string, ws []string) int {
	for n := min(c.words[list], len(ws)); n > 0; n-- {
		if c.lists[list][strings.Join(ws[:n], " ")] {
			return n
		}
	}
	return 0
}

// pledgeTopic reads "who|which countries [aux...] VERB [link] TOPIC
// [tail]"; refusals reports a verb of refusal or a negation before it.
func (c *intentCues) pledgeTopic(ws []string) (topic string, refusals bool, group string, ok bool) {
	i := c.match("pledge subject", ws)
	if i == 0 && len(ws) > 2 && (ws[0] == "which" || ws[0] == "what") {
		// "which European countries", "which of the NATO members"
		if end, g, found := c.groupPhrase(ws, 1); found {
			i, group = end, g
		}
	}
	if i == 0 {
		return "", false, "", false
	}
	if ws[i-1] == "any" {
		// "did any European country", "would any of the allies"
		if end, g, found := c.groupPhrase(ws, i); found {
			i, group = end, g
		}
	}
	for i < len(ws) && (c.lists["pledge auxiliary"][ws[i]] || c.lists["pledge negation"][ws[i]]) {
		refusals = refusals || c.lists["pledge negation"][ws[i]]
		i++
	}
	n := c.match("pledge verb", ws[i:])
	if n == 0 {
		return "", false, "", false
	}
	refusals = refusals != (c.match("pledge refusal", ws[i:]) == n) // "have not refused" asks who did not refuse
	i += n
	i += c.match("pledge link", ws[i:])
	words := ws[i:]
	for k := 1; k < len(words); k++ {
		if c.match("pledge tail", words[k:]) == len(words)-k {
			words = words[:k]
			break
		}
	}
	if len(words) == 0 {
		return "", false, "", false
	}
	return strings.Join(words, " "), refusals, group, true
}

// namedBefore reports the person's surname among ws.
func namedBefore(person string, ws []string) bool {
	names := intentWords(person)
	if len(names) == 0 {
		return false
	}
	return slices.Contains(ws, names[len(names)-1])
}

// groupPhrase reads, from ws[j], the words that narrow a subject to a
// group ("European", "NATO", "other", "of the") and the group's noun
// ("countries", "members"); end is past the noun, group the one the
// words name (annotate.GroupNamed), "" for none. A noun may be a
// qualifier too ("NATO member states"): the last one read is the noun.
func (c *intentCues) groupPhrase(ws []string, j int) (end int, group string, ok bool) {
	qualifier := func(w string) bool {
		return c.lists["pledge qualifier"][w] || annotate.GroupNamed(w) != "" || w == "of" || w == "the"
	}
	k := j
	for k < len(ws) && qualifier(ws[k]) {
		k++
	}
	switch {
	case k < len(ws) && c.lists["pledge group"][ws[k]]:
		k++
	case k > j && c.lists["pledge group"][ws[k-1]]:
		// "did any NATO member pledge": "member" was the noun
	default:
		return 0, "", false
	}
	for _, w := range ws[j:k] {
		if g := annotate.GroupNamed(w); g != "" {
			group = g
		}
	}
	return k, group, true
}

// quoteOf reads "what did PERSON say [about TOPIC]" and "quote PERSON
// [on TOPIC]": a person the gazetteer knows, and a verb of saying (or
// "quote") before the topic.
func (c *intentCues) quoteOf(q string, ws []string) (person, topic string, ok bool) {
	if c.match("quote opening", ws) == 0 {
		return "", "", false
	}
	people := annotate.People(q)
	if len(people) == 0 {
		// typed in lower case: a known name only, as every word is
		// capitalised ("Say About" is no one)
		for _, p := range annotate.People(annotate.TitleCase(q)) {
			if annotate.IsKnownPerson(p) {
				people = append(people, p)
			}
		}
	}
	if len(people) == 0 {
		// "what did the German chancellor say": the office's holder now
		for _, h := range annotate.RoleHolders(q) {
			people = append(people, h.Person)
		}
	}
	if len(people) == 0 {
		return "", "", false
	}
	said := ws[0] == "quote" || ws[0] == "quotes"
	for i, w := range ws {
		if !said && c.lists["quote verb"][w] {
			if c.lists["quote reaction"][w] && !namedBefore(people[0], ws[:i]) {
				// "how did Kyiv respond to Putin's demands": Putin is
				// what was responded to, not who responded
				return "", "", false
			}
			said = true
			continue
		}
		about := c.lists["quote about"][w] || w == "to" && i > 0 && c.lists["quote reaction"][ws[i-1]]
		if said && about && i+1 < len(ws) {
			return people[0], strings.Join(ws[i+1:], " "), true
		}
	}
	return people[0], "", said
}
