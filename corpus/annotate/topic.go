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

func stemMatch(term, word string) bool {
	a, b := stem(term), stem(word)
	if a == b {
		return true
	}
	return len(a) >= 5 && strings.HasPrefix(b, a)
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

// at reports whether a topic term starts at word token i; it returns the
// token after the match.
func (m topicMatcher) at(toks []token, i int) (int, bool) {
	for _, ws := range m {
		k, ok := i, true
		for _, w := range ws {
			for k < len(toks) && !toks[k].Word {
				k++
			}
			if k >= len(toks) || !stemMatch(w, toks[k].Lower) {
				ok = false
				break
			}
			k++
		}
		if ok {
			return k, true
		}
	}
	return i, false
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
