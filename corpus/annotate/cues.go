package annotate

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
)

//go:embed cues.json
var cuesJSON []byte

type cueKind int

const (
	cuePledge   cueKind = iota + 1
	cueSupport          // support, back, help: the topic must be the means ("via its air force")
	cueModal            // ready, willing, agreed: takes its meaning from the verb after "to"
	cueConsider         // considering, discussing: weighs a commitment without making it
	cueDecline
	cueOppose // "legitimate targets", "unacceptable": a verdict on others' troops
)

// phraseList matches words and runs of words: exact words, prefixes
// (an entry ending in *) and phrases of several words.
type phraseList struct {
	exact   map[string]bool
	prefix  []string
	phrases map[string][][]string // first word → the phrases starting with it, longest first
}

func newPhraseList(entries []string) phraseList {
	l := phraseList{exact: map[string]bool{}, phrases: map[string][][]string{}}
	for _, e := range entries {
		e = strings.ToLower(strings.TrimSpace(e))
		var ws []string
		for _, t := range tokenize(strings.TrimSuffix(e, "*")) {
			if t.Word || t.Lower == "-" {
				ws = append(ws, t.Lower)
			}
		}
		switch {
		case len(ws) == 0:
		case len(ws) > 1:
			ps := append(l.phrases[ws[0]], ws)
			for i := len(ps) - 1; i > 0 && len(ps[i]) > len(ps[i-1]); i-- {
				ps[i], ps[i-1] = ps[i-1], ps[i]
			}
			l.phrases[ws[0]] = ps
		case strings.HasSuffix(e, "*"):
			l.prefix = append(l.prefix, ws[0])
		default:
			l.exact[ws[0]] = true
		}
	}
	return l
}

// at returns how many tokens from i the list matches (0 for none),
// phrases first, the longest winning.
func (l *phraseList) at(toks []token, i int) int {
	w := toks[i].Lower
	for _, p := range l.phrases[w] {
		k, n := i, 0
		for n < len(p) && k < len(toks) && toks[k].Lower == p[n] {
			k++
			n++
		}
		if n == len(p) {
			return k - i
		}
	}
	if !toks[i].Word {
		return 0
	}
	if l.exact[w] {
		return 1
	}
	if strings.HasSuffix(w, "ly") {
		return 0 // an adverb: "completely" is no "complet*"
	}
	for _, p := range l.prefix {
		if strings.HasPrefix(w, p) {
			return 1
		}
	}
	return 0
}

type cueData struct {
	pledge, support, modal, consider, decline, oppose phraseList
	negations, hedges, conditions, sayVerbs           phraseList
	outside, conditionWords, softHedges, firm         phraseList
	deontic, elliptic, echo                           phraseList
	// the cue lists indexed for cueAt: by a word (exact words and the
	// first word of phrases) and by a word's first four letters
	// (prefixes), each in cueAt's order
	byWord, byPrefix map[string][]cueCand
}

// cueCand is one entry of a cue list: a phrase, a word or a prefix.
type cueCand struct {
	kind   cueKind
	words  []string // a phrase or a single word
	prefix string   // a prefix entry
}

// prefixKey is how long the key of a prefix entry is: every prefix in
// cues.json has at least this many letters.
const prefixKey = 4

func (c *cueData) index() {
	c.byWord, c.byPrefix = map[string][]cueCand{}, map[string][]cueCand{}
	for _, k := range []struct {
		kind cueKind
		l    *phraseList
	}{{cueOppose, &c.oppose}, {cueDecline, &c.decline}, {cueConsider, &c.consider}, {cueModal, &c.modal},
		{cueSupport, &c.support}, {cuePledge, &c.pledge}} {
		for first, ps := range k.l.phrases {
			for _, p := range ps {
				c.byWord[first] = append(c.byWord[first], cueCand{kind: k.kind, words: p})
			}
		}
		for w := range k.l.exact {
			c.byWord[w] = append(c.byWord[w], cueCand{kind: k.kind, words: []string{w}})
		}
		for _, p := range k.l.prefix {
			if len(p) < prefixKey {
				panic(fmt.Errorf("annotate: cues.json: prefix %q* shorter than %d letters", p, prefixKey))
			}
			c.byPrefix[p[:prefixKey]] = append(c.byPrefix[p[:prefixKey]], cueCand{kind: k.kind, prefix: p})
		}
	}
	rank := func(cs []cueCand) {
		sort.SliceStable(cs, func(i, j int) bool {
			if cs[i].kind != cs[j].kind {
				return kindOrder(cs[i].kind) < kindOrder(cs[j].kind)
			}
			return len(cs[i].words) > len(cs[j].words)
		})
	}
	for _, cs := range c.byWord {
		rank(cs)
	}
	for _, cs := range c.byPrefix {
		rank(cs)
	}
}

// kindOrder is the order cueAt tries the lists in.
func kindOrder(k cueKind) int {
	switch k {
	case cueOppose:
		return 0
	case cueDecline:
		return 1
	case cueConsider:
		return 2
	case cueModal:
		return 3
	case cueSupport:
		return 4
	}
	return 5
}

var cues = sync.OnceValue(func() *cueData {
	var f map[string]json.RawMessage
	if err := json.Unmarshal(cuesJSON, &f); err != nil {
		panic(fmt.Errorf("annotate: cues.json: %w", err))
	}
	list := func(name string) phraseList {
		var ss []string
		if err := json.Unmarshal(f[name], &ss); err != nil || len(ss) == 0 {
			panic(fmt.Errorf("annotate: cues.json: list %q missing or bad", name))
		}
		return newPhraseList(ss)
	}
	c := &cueData{pledge: list("pledge"), support: list("support"), modal: list("modal"),
		consider: list("consider"), decline: list("decline"), oppose: list("oppose"),
		negations: list("negations"), hedges: list("hedges"), conditions: list("conditions"),
		sayVerbs: list("say_verbs"), outside: list("outside"), conditionWords: list("condition_words"),
		softHedges: list("soft_hedges"), firm: list("firm_conditions"), deontic: list("deontic"),
		elliptic: list("elliptic"), echo: list("echo")}
	c.index()
	return c
})

// cueAt classifies the words at token i: the kind of cue and how many
// tokens it spans (0 for none). Oppose and decline phrases come first so
// that "would not accept" is a refusal, not an acceptance; within a kind
// the longest phrase wins.
func cueAt(toks []token, i int) (cueKind, int) {
	c := cues()
	w := toks[i].Lower
	best, bestN, bestOrder := cueKind(0), 0, 99
	for _, cd := range c.byWord[w] {
		if kindOrder(cd.kind) > bestOrder {
			break
		}
		k, n := i, 0
		for n < len(cd.words) && k < len(toks) && toks[k].Lower == cd.words[n] {
			k++
			n++
		}
		if n == len(cd.words) && (n > 1 || toks[i].Word) {
			best, bestN, bestOrder = cd.kind, n, kindOrder(cd.kind)
			break
		}
	}
	if toks[i].Word && len(w) >= prefixKey && !strings.HasSuffix(w, "ly") {
		for _, cd := range c.byPrefix[w[:prefixKey]] {
			if kindOrder(cd.kind) >= bestOrder {
				break
			}
			if strings.HasPrefix(w, cd.prefix) {
				best, bestN = cd.kind, 1
				break
			}
		}
	}
	return best, bestN
}
