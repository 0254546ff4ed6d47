package annotate

import "strings"

// stem cuts common English endings so "logistics" meets "logistical",
// "force" meets "forces" and "monitor" meets "monitoring".
func stem(w string) string {
	w = strings.ToLower(w)
	if strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3 {
		w = w[:len(w)-1]
	}
	for range 2 {
		for _, suf := range []string{"ical", "ment", "ing", "ion", "ic", "al", "ed", "e"} {
			if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 3 {
				w = w[:len(w)-len(suf)]
				break
			}
		}
	}
	return w
}

// topicMatcher finds a topic and its synonyms among words.
type topicMatcher [][]string

func newTopicMatcher(terms []string) topicMatcher {
	var m topicMatcher
	for _, t := range terms {
		var ws []string
		for _, tok := range tokenize(t) {
			if tok.Word {
				ws = append(ws, tok.Lower)
			}
		}
		if len(ws) > 0 {
			m = append(m, ws)
		}
	}
	return m
}

// airForce reports a "force" that is an air force or a navy's task force
// when the topic itself is not about the air: troops are not aircraft.
func (m topicMatcher) airForce(toks []token, i int) bool {
	if i == 0 || !strings.HasPrefix(toks[i].Lower, "force") {
		return false
	}
	prev := toks[i-1].Lower
	if prev != "air" && prev != "naval" && prev != "space" {
		return false
	}
	for _, ws := range m {
		for _, w := range ws {
			if w == prev {
				return false
			}
		}
	}
	return true
}

// Topic is a topic with its synonyms, prepared once for asking about many
// sentences: the terms' words and their stems.
type Topic struct {
	m     topicMatcher
	stems [][]string // stem of each word of m
}

// NewTopic prepares terms (a topic and its synonyms) for Stances and In.
func NewTopic(terms []string) *Topic {
	t := &Topic{m: newTopicMatcher(terms)}
	for _, ws := range t.m {
		ss := make([]string, len(ws))
		for i, w := range ws {
			ss[i] = stem(w)
		}
		t.stems = append(t.stems, ss)
	}
	return t
}

// Words is a sentence's words (punctuation left out) reduced to their
// stems: enough to tell cheaply whether a topic occurs in it.
type Words []string

// WordsOf tokenises s once and keeps the stems of its words.
func WordsOf(s string) Words {
	var w Words
	for _, t := range tokenize(s) {
		if t.Word {
			w = append(w, stem(t.Lower))
		}
	}
	return w
}

// In reports whether any term of the topic occurs in w. It is true
// whenever Stances could find the topic in that sentence, so a false
// answer lets a caller skip the sentence.
func (t *Topic) In(w Words) bool {
	for i := range w {
		if t.matchAt(w, i) {
			return true
		}
	}
	return false
}

// matchAt is topicMatcher.at on stems: a term's words on consecutive
// words (punctuation between them skipped, as at does).
func (t *Topic) matchAt(w Words, i int) bool {
	for _, ss := range t.stems {
		if i+len(ss) > len(w) {
			continue
		}
		ok := true
		for n, s := range ss {
			if !stemsMatch(s, w[i+n]) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// stemsMatch is stemMatch on stems already cut.
func stemsMatch(a, b string) bool {
	return a == b || len(a) >= 5 && strings.HasPrefix(b, a)
}
