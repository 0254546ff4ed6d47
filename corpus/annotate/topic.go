package annotate

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
)

//go:embed topics.json
var topicsJSON []byte

// stem cuts common English endings so "logistics" meets "logistical",
// "force" meets "forces" and "monitor" meets "monitoring".
func stem(w string) string { return stemLower(strings.ToLower(w)) }

// stemLower is stem of a word already in lower case.
func stemLower(w string) string {
	if len(w) > 3 && w[len(w)-1] == 's' && w[len(w)-2] != 's' {
		w = w[:len(w)-1]
	}
	for range 2 {
		for _, suf := range stemSuffixes {
			if len(w)-len(suf) >= 3 && strings.HasSuffix(w, suf) {
				w = w[:len(w)-len(suf)]
				break
			}
		}
	}
	return w
}

var stemSuffixes = []string{"ical", "ment", "ing", "ion", "ic", "al", "ed", "e"}

// stemsMatch compares a term's stem with a word's: equal, or a prefix of
// five letters or more ("logist" meets "logistician").
func stemsMatch(a, b string) bool {
	return a == b || len(a) >= 5 && strings.HasPrefix(b, a)
}

// wordMatch compares a term's word with a text's (both lower case, with
// their stems): the same word, its plural or singular, or for stems of
// five letters or more the same stem ("logistics", "logistical"). Short
// stems must not meet: "plans" is not "planes", "forced" not "forces".
func wordMatch(tw, ts, w, ws string) bool {
	if w == tw || w == tw+"s" || w+"s" == tw || w == tw+"es" || w+"es" == tw {
		return true
	}
	return len(ts) >= 5 && stemsMatch(ts, ws)
}

// TopicDef is one topic of topics.json.
type TopicDef struct {
	Name  string   `json:"name"`
	Label string   `json:"label"`
	Terms []string `json:"terms"`
	Typed []string `json:"typed"`
}

type topicTerm struct {
	topic        int
	words, stems []string
}

// TopicSet is a set of topics prepared for finding their terms in
// sentences: the longest term starting at a word wins, so "naval forces"
// is naval and not troops.
type TopicSet struct {
	defs   []TopicDef
	byStem map[string][]topicTerm // first word's stem → terms, longest first
}

// NewTopicSet prepares topics.
func NewTopicSet(defs []TopicDef) *TopicSet {
	ts := &TopicSet{defs: defs, byStem: map[string][]topicTerm{}}
	for n, d := range defs {
		for _, term := range append([]string{d.Name}, d.Terms...) {
			var ws, ss []string
			for _, tok := range tokenize(term) {
				if tok.Word {
					ws = append(ws, tok.Lower)
					ss = append(ss, stemLower(tok.Lower))
				}
			}
			if len(ss) == 0 {
				continue
			}
			ts.byStem[ss[0]] = append(ts.byStem[ss[0]], topicTerm{topic: n, words: ws, stems: ss})
		}
	}
	for k, ts2 := range ts.byStem {
		sort.SliceStable(ts2, func(i, j int) bool { return len(ts2[i].stems) > len(ts2[j].stems) })
		ts.byStem[k] = ts2
	}
	return ts
}

// Topics is the topic set of topics.json, the topics every passage is
// annotated with.
var Topics = sync.OnceValue(func() *TopicSet {
	var f struct {
		Topics []TopicDef `json:"topics"`
	}
	if err := json.Unmarshal(topicsJSON, &f); err != nil || len(f.Topics) == 0 {
		panic(fmt.Errorf("annotate: topics.json: %v", err))
	}
	return NewTopicSet(f.Topics)
})

// Defs are the topics, in order.
func (ts *TopicSet) Defs() []TopicDef { return append([]TopicDef(nil), ts.defs...) }

// Name is the name of topic n.
func (ts *TopicSet) Name(n int) string { return ts.defs[n].Name }

// termAt finds the longest term starting at word i (words in lower
// case, and their stems): its topic and how many words it spans (-1, 0
// for none).
func (ts *TopicSet) termAt(words, stems []string, i int) (int, int) {
	w := stems[i]
	if w == "" {
		return -1, 0
	}
	best, bestN := -1, 0
	try := func(key string) {
		for _, t := range ts.byStem[key] {
			if len(t.stems) <= bestN || i+len(t.stems) > len(stems) {
				continue
			}
			ok := true
			for n := 0; ok && n < len(t.stems); n++ {
				ok = wordMatch(t.words[n], t.stems[n], words[i+n], stems[i+n])
			}
			if ok {
				best, bestN = t.topic, len(t.stems)
			}
		}
	}
	try(w)
	for k := 5; k < len(w); k++ { // a term's stem may be a prefix of the word's
		try(w[:k])
	}
	return best, bestN
}

// Topic is one topic given by its terms (a topic and its synonyms), for
// Stances on topics outside topics.json.
type Topic struct {
	ts   *TopicSet    // the topic alone
	all  *TopicSet    // the topic, then the known topics
	only map[int]bool // the topics of all that count as this one
}

// NewTopic prepares terms (a topic and its synonyms) for Stances and In.
func NewTopic(terms []string) *Topic {
	name := ""
	if len(terms) > 0 {
		name = terms[0]
	}
	t := &Topic{ts: NewTopicSet([]TopicDef{{Name: name, Terms: terms}})}
	t.all, t.only = t.withKnown()
	return t
}

// Words is a sentence's words (punctuation left out), in lower case and
// reduced to their stems: enough to tell cheaply whether a topic occurs
// in it.
type Words struct{ lower, stems []string }

// WordsOf tokenises s once and keeps its words.
func WordsOf(s string) Words {
	var w Words
	for _, t := range tokenize(s) {
		if t.Word {
			w.lower = append(w.lower, t.Lower)
			w.stems = append(w.stems, stemLower(t.Lower))
		}
	}
	return w
}

// In reports whether any term of the topic (or of a known topic sharing
// a term with it) occurs in w: when it does not, Stances finds nothing.
func (t *Topic) In(w Words) bool {
	for i := range w.stems {
		if tp, n := t.all.termAt(w.lower, w.stems, i); n > 0 && t.only[tp] {
			return true
		}
	}
	return false
}

// In reports whether any term of a topic of the set occurs in w.
func (ts *TopicSet) In(w Words) bool {
	for i := range w.stems {
		if _, n := ts.termAt(w.lower, w.stems, i); n > 0 {
			return true
		}
	}
	return false
}

// TopicsIn names the topics whose terms occur in s, longest term first
// at each word, in order of appearance, each once.
func (ts *TopicSet) TopicsIn(s string) []string {
	w := WordsOf(s)
	var out []string
	for i := 0; i < len(w.stems); i++ {
		tp, n := ts.termAt(w.lower, w.stems, i)
		if n == 0 {
			continue
		}
		if name := ts.Name(tp); !hasString(out, name) {
			out = append(out, name)
		}
		i += n - 1
	}
	return out
}
