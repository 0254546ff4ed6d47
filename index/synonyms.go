package index

import (
	"bufio"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"talkbot/corpus/text"
)

//go:embed synonyms.txt
var synonymsData string

// synonymFilterName is the token filter that turns every word or phrase
// of a synonym group into the group's one canonical term, in the "syn"
// field. Synonyms are applied when indexing rather than with Bleve's
// synonym source because its searcher divides a term's score by the size
// of the group (coord) and drops phrase queries holding a thesaurus word;
// one canonical term per group avoids both and lets multi-word variants
// ("United States", "coalition of the willing") match like single words.
const synonymFilterName = "talkbot_synonyms"

// thesaurus is the parsed synonyms file.
type thesaurus struct {
	groups []synGroup
	// byFirst maps the first stem of an entry to the entries starting with
	// it, longest first, for greedy matching in a token stream.
	byFirst map[string][]synEntry
	// byWord maps an entry as typed (folded, lower case) and its stem key
	// to its group.
	byWord map[string]int
	hash   string
	stems  analysis.Analyzer
	// phrases are the entries of several words, as folded lower-case
	// words ("coalition of the willing"), by their first word.
	phrases map[string][][]string
}

type synGroup struct {
	line    int
	entries []string // as written in the file
	canon   string   // the term the group is indexed as
}

type synEntry struct {
	stems []string
	group int
}

// synonyms is parsed once from the embedded file, on first use (after
// the analysis components are registered); a bad file is a programming
// error caught by the package's tests.
var synonyms = sync.OnceValue(func() *thesaurus { return mustParseThesaurus(synonymsData) })

func mustParseThesaurus(data string) *thesaurus {
	t, err := parseThesaurus(data, "index/synonyms.txt")
	if err != nil {
		panic(err)
	}
	return t
}

// stemChain is the text analysis without the synonym step, used to turn
// file entries into the stems the synonym filter sees.
func stemChain() analysis.Analyzer {
	c := registry.NewCache()
	a, err := c.DefineAnalyzer("stems", map[string]interface{}{
		"type":          "custom",
		"tokenizer":     analysisConfig[analyzerText]["tokenizer"],
		"token_filters": analysisConfig[analyzerText]["token_filters"],
	})
	if err != nil {
		panic(err)
	}
	return a
}

func parseThesaurus(data, name string) (*thesaurus, error) {
	an := stemChain()
	t := &thesaurus{byFirst: map[string][]synEntry{}, byWord: map[string]int{}, stems: an, phrases: map[string][][]string{}}
	keyLine := map[string]int{}
	sc := bufio.NewScanner(strings.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		g := synGroup{line: line}
		gi := len(t.groups)
		seen := map[string]bool{}
		for _, e := range strings.Split(l, ",") {
			e = strings.TrimSpace(e)
			if e == "" {
				continue
			}
			stems := termsOf(an.Analyze([]byte(e)))
			if len(stems) == 0 {
				return nil, fmt.Errorf("%s:%d: %q is only stop words, so it can never match", name, line, e)
			}
			g.entries = append(g.entries, e)
			t.byWord[strings.ToLower(text.Fold(e))] = gi
			if ws := questionWordsOf(e); len(ws) > 1 {
				t.phrases[ws[0]] = append(t.phrases[ws[0]], ws)
			}
			key := strings.Join(stems, " ")
			if seen[key] {
				continue // "guarantee, guarantees": same stems
			}
			if other, ok := keyLine[key]; ok {
				return nil, fmt.Errorf("%s:%d: %q is also in the group on line %d; merge the groups", name, line, e, other)
			}
			seen[key] = true
			keyLine[key] = line
			t.byWord[key] = gi
			if g.canon == "" {
				g.canon = strings.Join(stems, "_")
			}
			t.byFirst[stems[0]] = append(t.byFirst[stems[0]], synEntry{stems: stems, group: gi})
		}
		if len(seen) < 2 {
			return nil, fmt.Errorf("%s:%d: a group needs at least two different entries", name, line)
		}
		t.groups = append(t.groups, g)
	}
	for k, es := range t.byFirst {
		sort.SliceStable(es, func(i, j int) bool { return len(es[i].stems) > len(es[j].stems) })
		t.byFirst[k] = es
	}
	sum := sha256.Sum256([]byte(data))
	t.hash = hex.EncodeToString(sum[:8])
	return t, nil
}

func termsOf(ts analysis.TokenStream) []string {
	out := make([]string, len(ts))
	for i, tok := range ts {
		out[i] = string(tok.Term)
	}
	return out
}

// Filter keeps only the tokens that start a synonym entry, each replaced
// by its group's canonical term and spanning the whole entry, so the
// field holds one term per mention of a group. An entry of several words
// also gets its exact-entry term (exactTerm) at the same position: the
// query's exact phrase is then one term to look up, where a phrase query
// on the text field walks the postings of every word ("United States":
// those of "united" and of "state") and checks their positions.
//
// It returns new tokens and leaves its input as it was, so that indexing
// can take a passage's text terms and synonym terms from one analysis
// (passageAnalyzer).
func (t *thesaurus) Filter(in analysis.TokenStream) analysis.TokenStream {
	var out analysis.TokenStream
	for i := 0; i < len(in); {
		matched := 0
		for _, e := range t.byFirst[string(in[i].Term)] {
			if i+len(e.stems) > len(in) {
				continue
			}
			ok := true
			for k, s := range e.stems {
				if string(in[i+k].Term) != s {
					ok = false
					break
				}
			}
			if ok {
				tok := *in[i]
				tok.End = in[i+len(e.stems)-1].End
				canon := t.groups[e.group].canon
				tok.Term = []byte(canon)
				out = append(out, &tok)
				if len(e.stems) > 1 {
					exact := tok
					exact.Term = []byte(exactTerm(canon, e.stems))
					out = append(out, &exact)
				}
				matched = len(e.stems)
				break
			}
		}
		if matched == 0 {
			matched = 1
		}
		i += matched
	}
	return out
}

// exactTerm is the syn-field term of one multi-word entry of a group:
// the group's canonical term, "=", and the entry's stems. Canonical
// terms never hold "=", so it is told apart by that.
func exactTerm(canon string, stems []string) string {
	return canon + "=" + strings.Join(stems, "_")
}

// expansions returns the entries of the group word belongs to, as written
// in the file, or nil.
func (t *thesaurus) expansions(word string) []string {
	w := strings.ToLower(text.Fold(strings.TrimSpace(word)))
	gi, ok := t.byWord[w]
	if !ok {
		stems := termsOf(t.stems.Analyze([]byte(word)))
		gi, ok = t.byWord[strings.Join(stems, " ")]
	}
	if !ok {
		return nil
	}
	return append([]string(nil), t.groups[gi].entries...)
}

// inPhrases marks the words of ws (questionWordsOf) that belong to an
// entry of several words: "willing" in "coalition of the willing" is a
// name's word, not a question's.
func (t *thesaurus) inPhrases(ws []string) []bool {
	var out []bool
	for i, w := range ws {
		for _, p := range t.phrases[w] {
			if i+len(p) <= len(ws) && slices.Equal(ws[i:i+len(p)], p) {
				if out == nil {
					out = make([]bool, len(ws))
				}
				for k := range p {
					out[i+k] = true
				}
			}
		}
	}
	return out
}

// known reports whether a word appears in the synonyms file, so spelling
// correction leaves variants such as "Kiev" alone.
func (t *thesaurus) known(word string) bool {
	_, ok := t.byWord[strings.ToLower(text.Fold(word))]
	return ok
}

func init() {
	if err := registry.RegisterTokenFilter(synonymFilterName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return synonyms(), nil
	}); err != nil {
		panic(err)
	}
}
