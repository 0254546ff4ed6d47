package index

import (
	"bytes"
	"fmt"
	"sort"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/vellum"
)

// wordDict is every whole word of the passages (folded, lower case, as
// analyzerWords gives them) with the number of passages holding it: the
// dictionary that spelling correction and completion read. It is a vellum
// FST, Bleve's own term-dictionary format, kept beside the index rather
// than as a Bleve field: as a field, with every stop word's postings,
// the words cost a third of the CPU of building the index, for a
// dictionary no search ever scores.
type wordDict struct {
	fst *vellum.FST // nil: no words
}

// wordCounter counts, while an index is built, the passages each word is
// in. Its memory is the corpus's vocabulary; a corpus of endless distinct
// tokens (numbers, codes) is pruned of its rarest words past maxWords.
type wordCounter struct {
	counts   map[string]uint64
	minCount uint64
}

// maxWords bounds the distinct words counted. Ten thousand Brown texts
// hold about 50,000; what pruning drops is words seen in very few
// passages, which spelling correction still finds by their stems.
const maxWords = 1_000_000

func newWordCounter() *wordCounter {
	return &wordCounter{counts: map[string]uint64{}, minCount: 2}
}

// passage counts the distinct words of one passage (distinctWords).
func (c *wordCounter) passage(words []string) {
	for _, w := range words {
		c.counts[w]++
	}
	if len(c.counts) > maxWords {
		c.minCount = pruneRarest(c.counts, c.minCount, maxWords/2)
	}
}

// distinctWords lists each word of a passage's analyzerWords tokens once.
func distinctWords(toks analysis.TokenStream) []string {
	seen := seenPool.Get().(map[string]struct{})
	defer func() { clear(seen); seenPool.Put(seen) }()
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		if len(t.Term) == 0 {
			continue
		}
		if _, dup := seen[string(t.Term)]; dup {
			continue
		}
		w := string(t.Term)
		seen[w] = struct{}{}
		out = append(out, w)
	}
	return out
}

// seenPool keeps the sets distinctWords uses, one per concurrent call:
// a new map per passage was a tenth of the analysis.
var seenPool = sync.Pool{New: func() any { return map[string]struct{}{} }}

// encode writes the counted words as an FST.
func (c *wordCounter) encode() ([]byte, error) {
	keys := make([]string, 0, len(c.counts))
	for k := range c.counts {
		keys = append(keys, k)
	}
	sort.Strings(keys) // an FST takes its keys in byte order
	var buf bytes.Buffer
	b, err := vellum.New(&buf, nil)
	if err != nil {
		return nil, err
	}
	for _, k := range keys {
		if err := b.Insert([]byte(k), c.counts[k]); err != nil {
			return nil, fmt.Errorf("word dictionary: %w", err)
		}
	}
	if err := b.Close(); err != nil {
		return nil, fmt.Errorf("word dictionary: %w", err)
	}
	return buf.Bytes(), nil
}

// loadWordDict reads what wordCounter.encode wrote; empty data is an
// empty dictionary.
func loadWordDict(data []byte) (wordDict, error) {
	if len(data) == 0 {
		return wordDict{}, nil
	}
	f, err := vellum.Load(data)
	if err != nil {
		return wordDict{}, fmt.Errorf("word dictionary: %w", err)
	}
	return wordDict{fst: f}, nil
}

// freq is the number of passages holding word.
func (d wordDict) freq(word string) uint64 {
	if d.fst == nil {
		return 0
	}
	n, ok, err := d.fst.Get([]byte(word))
	if err != nil || !ok {
		return 0
	}
	return n
}

// wordFreq is a dictionary word with the passages holding it.
type wordFreq struct {
	word string
	freq uint64
}

// fuzzy lists, in byte order, at most limit words within fuzziness edits
// of word (1 or 2, as text.EditDistance counts them: a transposition is
// one edit).
func (d wordDict) fuzzy(word string, fuzziness, limit int) []wordFreq {
	if d.fst == nil || fuzziness < 1 || fuzziness > 2 {
		return nil
	}
	it, err := d.fst.Search(newOSAAutomaton(word, fuzziness), nil, nil)
	return collect(it, err, limit)
}

// prefix lists, in byte order, at most limit words starting with p.
func (d wordDict) prefix(p string, limit int) []wordFreq {
	if d.fst == nil || p == "" {
		return nil
	}
	it, err := d.fst.Iterator([]byte(p), prefixEnd([]byte(p)))
	return collect(it, err, limit)
}

func collect(it *vellum.FSTIterator, err error, limit int) []wordFreq {
	var out []wordFreq
	for err == nil && len(out) < limit {
		k, v := it.Current()
		out = append(out, wordFreq{string(k), v})
		err = it.Next()
	}
	return out
}

// prefixEnd is the first key after every key starting with p (nil when
// there is none: p is all 0xff bytes).
func prefixEnd(p []byte) []byte {
	end := append([]byte(nil), p...)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xff {
			end[i]++
			return end[:i+1]
		}
	}
	return nil
}
