package index

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/registry"

	"talkbot/corpus/text"
)

// phrase is a completion candidate with how often it occurs.
type phrase struct {
	text  string
	count int
}

const (
	maxPhrases     = 5000   // phrases kept for completion
	maxPhraseCount = 200000 // distinct n-grams counted before pruning
)

// phraseCounter collects completion phrases: article titles, speakers,
// actors, and the two- and three-word phrases that recur in passages
// (phrasesOf). It is fed one passage at a time while the index is built,
// and pruned as it goes so memory stays bounded on a large corpus.
type phraseCounter struct {
	counts   map[string]int
	minCount int
}

func newPhraseCounter() *phraseCounter {
	return &phraseCounter{counts: map[string]int{}, minCount: 2}
}

func (c *phraseCounter) addPhrase(s string, n int) {
	if s = phraseKey(s); s != "" {
		c.counts[s] += n
	}
}

// phraseKey is how a phrase is counted and offered: folded, lower case,
// single-spaced.
func phraseKey(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(text.Fold(s))), " ")
}

// add counts the phrases of one passage, as phrasesOf gives them.
func (c *phraseCounter) add(phrases []string) {
	for _, ph := range phrases {
		c.counts[ph]++
	}
	if len(c.counts) > maxPhraseCount {
		c.minCount = pruneRarest(c.counts, c.minCount, maxPhraseCount/2)
	}
}

// phrasesOf lists the two- and three-word phrases of a passage (keyed by
// phraseKey) from its analyzerWords tokens: words written next to each
// other, neither first nor last a stop word or a single letter. It is
// safe for concurrent use, so it runs where passages are analysed.
//
// Words apart are separated by white space only, so a phrase's key is
// its words' keys joined by single spaces: each word is keyed once, not once
// per phrase it is in (TestPhrasesOfMatchesSpans checks it against
// phraseKey of the whole span).
func phrasesOf(passage string, toks analysis.TokenStream, stop analysis.TokenMap) []string {
	var out []string
	keys := make([]string, len(toks)) // phraseKey of each word, when needed
	key := func(i int) string {
		if keys[i] == "" {
			keys[i] = wordKey(passage[toks[i].Start:toks[i].End])
		}
		return keys[i]
	}
	for i := range toks {
		if stop[string(toks[i].Term)] || len(toks[i].Term) < 2 {
			continue
		}
		for n := 2; n <= 3 && i+n <= len(toks); n++ {
			lastTok := toks[i+n-1]
			if stop[string(lastTok.Term)] || len(lastTok.Term) < 2 {
				continue
			}
			// only words written next to each other, not across punctuation
			if !adjacentWords(passage, toks[i:i+n]) {
				break
			}
			var k string
			switch {
			case !spaced(toks[i : i+n]):
				k = phraseKey(passage[toks[i].Start:lastTok.End]) // words written together, as in CJK
			case n == 2:
				k = key(i) + " " + key(i+1)
			default:
				k = key(i) + " " + key(i+1) + " " + key(i+2)
			}
			if strings.HasPrefix(k, " ") || strings.HasSuffix(k, " ") || strings.Contains(k, "  ") {
				k = phraseKey(passage[toks[i].Start:lastTok.End]) // a word that keys to nothing
			}
			if k != "" {
				out = append(out, k)
			}
		}
	}
	return out
}

// spaced reports whether something separates each token from the next
// (white space, once adjacentWords holds).
func spaced(toks analysis.TokenStream) bool {
	for i := 1; i < len(toks); i++ {
		if toks[i].Start <= toks[i-1].End {
			return false
		}
	}
	return true
}

// wordKey is phraseKey of one word, without copying a word that is
// already lower-case ASCII.
func wordKey(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' || c <= ' ' {
			return phraseKey(w)
		}
	}
	return w
}

// result is the maxPhrases most frequent phrases: passage phrases seen at
// least twice, titles, and speakers and actors weighted by how many
// passages name them.
func (c *phraseCounter) result(titles []string, speakers, actors map[string]int) []phrase {
	counts := c.counts
	for k, n := range counts {
		if n < 2 {
			delete(counts, k)
		}
	}
	for _, t := range titles {
		c.addPhrase(t, 2)
	}
	for _, m := range []map[string]int{speakers, actors} {
		for s, n := range m {
			c.addPhrase(s, 3*n)
		}
	}
	out := make([]phrase, 0, len(counts))
	for k, n := range counts {
		out = append(out, phrase{k, n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].count != out[j].count {
			return out[i].count > out[j].count
		}
		return out[i].text < out[j].text
	})
	if len(out) > maxPhrases {
		out = out[:maxPhrases]
	}
	return out
}

// pruneRarest drops the rarest entries of counts until at most keep
// remain, raising the count an entry needs to stay, and returns that
// count. Halving the map keeps pruning rare, so counting stays linear in
// the corpus (pruning only the entries seen once had it rescan a full map
// after every passage of a large corpus). The phrase and word counters
// both prune this way.
func pruneRarest[N int | uint64](counts map[string]N, minCount N, keep int) N {
	for len(counts) > keep {
		for k, c := range counts {
			if c < minCount {
				delete(counts, k)
			}
		}
		minCount++
	}
	return minCount
}

func adjacentWords(s string, toks analysis.TokenStream) bool {
	for i := 1; i < len(toks); i++ {
		if strings.TrimSpace(s[toks[i-1].End:toks[i].Start]) != "" {
			return false
		}
	}
	return true
}

func stopWords() analysis.TokenMap {
	m, err := registry.NewCache().TokenMapNamed(en.StopName)
	if err != nil {
		return analysis.TokenMap{}
	}
	return m
}

// Complete suggests up to n completions (lower case) of a partial input:
// known phrases that start with it, then the input with its last word
// completed from the index's words, most frequent first. It never fails;
// a problem yields fewer suggestions.
func (ix *Index) Complete(prefix string, n int) []string {
	if n <= 0 {
		n = 10
	}
	p := strings.ToLower(text.Fold(strings.TrimLeft(prefix, " \t")))
	p = truncate(p, 200)
	var out []string
	seen := map[string]bool{}
	push := func(s string) bool {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
		return len(out) >= n
	}
	phrases := ix.phrases
	for _, ph := range phrases {
		if strings.HasPrefix(ph.text, p) && push(ph.text) {
			return out
		}
	}
	if p == "" {
		return out
	}
	head, last := "", p
	if i := strings.LastIndexByte(p, ' '); i >= 0 {
		head, last = p[:i+1], p[i+1:]
	}
	if last == "" {
		return out
	}
	cands := ix.words.prefix(last, 2000)
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].freq > cands[j].freq })
	for _, c := range cands {
		if push(head + c.word) {
			return out
		}
	}
	// phrases with the input at a word start inside them, last
	for _, ph := range phrases {
		if strings.Contains(ph.text, " "+p) && push(ph.text) {
			return out
		}
	}
	return out
}
