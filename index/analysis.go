package index

import (
	"bytes"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	_ "github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"

	"talkbot/corpus/text"
)

// Analyzer and filter names. They are stored in the index mapping, so
// renaming one means bumping mappingVersion.
const (
	foldFilterName = "talkbot_fold"
	// stopFilterName drops Bleve's English stop words and the words that
	// only shape a question ("how much", "how many", "tell me").
	stopFilterName = "talkbot_stop"
	// stemFilterName is Bleve's Snowball English stemmer with a cache of
	// the stems already computed.
	stemFilterName = "talkbot_stem"
	// analyzerText is English search analysis: stems, no stop words.
	analyzerText = "talkbot_en"
	// analyzerWords keeps whole words (folded, lower case): the dictionary
	// for spelling correction and autocomplete.
	analyzerWords = "talkbot_words"
	// analyzerSyn is analyzerText keeping only synonym-group terms, each
	// as its group's canonical term.
	analyzerSyn = "talkbot_syn"
	// analyzerLower is a keyword analyzer that lower-cases, for filters.
	analyzerLower = "talkbot_lower"
	// analyzerKinds gives the kinds of answer a passage's words show
	// (kindTokens), one term per kind at each word's position.
	analyzerKinds = "talkbot_kinds"
	// kindsTokenizerName tokenizes as analyzerWords does, then keeps the
	// kind tokens: a tokenizer, because kinds read the text's capitals and
	// punctuation, which token filters never see.
	kindsTokenizerName = "talkbot_kinds"
)

// questionWords are stop words in a question though not in Bleve's list:
// left in, "how much has the US spent" matched "much superior".
var questionWords = []string{"much", "many", "tell", "please", "me"}

func init() {
	if err := registry.RegisterTokenFilter(foldFilterName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return foldFilter{}, nil
	}); err != nil {
		panic(err)
	}
	if err := registry.RegisterTokenFilter(stopFilterName, func(_ map[string]interface{}, c *registry.Cache) (analysis.TokenFilter, error) {
		words, err := c.TokenMapNamed(en.StopName)
		if err != nil {
			return nil, err
		}
		all := analysis.NewTokenMap()
		for w := range words {
			all.AddToken(w)
		}
		for _, w := range questionWords {
			all.AddToken(w)
		}
		return stop.NewStopTokensFilter(all), nil
	}); err != nil {
		panic(err)
	}
	if err := registry.RegisterTokenFilter(stemFilterName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return stems, nil
	}); err != nil {
		panic(err)
	}
	if err := registry.RegisterTokenizer(kindsTokenizerName, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return kindsTokenizer{}, nil
	}); err != nil {
		panic(err)
	}
}

// kindsTokenizer is analyzerWords' tokenizer and filters followed by
// kindTokens. Indexing takes the kind tokens from the one-pass analysis
// (passageAnalyzer); this gives the same from the mapping alone.
type kindsTokenizer struct{}

func (kindsTokenizer) Tokenize(input []byte) analysis.TokenStream {
	src := string(input) // before the lower-case filter writes into input
	toks := unicode.NewUnicodeTokenizer().Tokenize(input)
	for _, f := range []analysis.TokenFilter{foldFilter{}, en.NewPossessiveFilter(), lowercase.NewLowerCaseFilter()} {
		toks = f.Filter(toks)
	}
	return kindTokens(src, toks)
}

// stemCache is the Snowball English stemmer (as Bleve's
// stemmer_en_snowball) remembering the stems it computed. Stemming was a
// fifth of the CPU of building an index, and a corpus repeats a small
// vocabulary; a cached stem is a map read, under one read lock per token
// stream (a lock per token had the cores contend for it). At most
// maxStems words are kept (a corpus of numbers and codes must not grow it
// without bound); the first words seen are the commonest, so a full cache
// still answers most.
//
// Every token with the same stem gets the same cached bytes as its Term:
// nothing may write into a Term after this filter (no filter does; Bleve
// and the index only read terms).
type stemCache struct {
	mu sync.RWMutex
	m  map[string][]byte // word → stem
}

const (
	maxStems       = 200_000
	maxStemWordLen = 24
)

var stems = &stemCache{m: map[string][]byte{}}

func (c *stemCache) Filter(in analysis.TokenStream) analysis.TokenStream {
	var missed []*analysis.Token
	c.mu.RLock()
	for _, tok := range in {
		if s, ok := c.m[string(tok.Term)]; ok { // no allocation for the lookup
			tok.Term = s
		} else {
			missed = append(missed, tok)
		}
	}
	c.mu.RUnlock()
	for _, tok := range missed {
		word := string(tok.Term)
		env := snowballstem.NewEnv(word)
		english.Stem(env)
		stem := []byte(env.Current())
		if len(word) <= maxStemWordLen {
			c.mu.Lock()
			if len(c.m) < maxStems {
				c.m[word] = stem
			}
			c.mu.Unlock()
		}
		tok.Term = stem // Term may alias the field's text: never write into it
	}
	return in
}

// foldFilter normalises each token's term the way text.Fold does (curly
// quotes and apostrophes straightened, accents removed) and spells the
// United States and United Kingdom abbreviations one way. It runs on
// terms, never on the field text, so Start/End still point into the
// original text and highlighting stays exact.
type foldFilter struct{}

func (foldFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, tok := range in {
		tok.Term = foldTerm(tok.Term)
	}
	return in
}

// abbreviations maps the case-sensitive forms that the unicode tokenizer
// leaves ("U.S." becomes "U.S") to one term. "US" must be upper case:
// lower-case "us" is the pronoun and a stop word.
var abbreviations = map[string]string{
	"US": "usa", "U.S": "usa", "U.S.": "usa", "USA": "usa", "U.S.A": "usa", "u.s": "usa", "u.s.a": "usa",
	"UK": "uk", "U.K": "uk", "U.K.": "uk", "u.k": "uk",
	"EU": "eu", "E.U": "eu", "UN": "un", "U.N": "un",
}

func foldTerm(term []byte) []byte {
	ascii := true
	for _, c := range term {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		if bytes.IndexByte(term, '.') < 0 && len(term) > 3 {
			return term
		}
		if a, ok := abbreviations[string(term)]; ok {
			return []byte(a)
		}
		return term
	}
	folded := text.Fold(string(term))
	if a, ok := abbreviations[folded]; ok {
		return []byte(a)
	}
	return []byte(folded)
}

// analysisConfig is the custom analyzers, added to every index mapping.
// The fold filter comes first so that possessive_en sees straight
// apostrophes ("Zelenskyy’s" → "zelenskyy").
var analysisConfig = map[string]map[string]interface{}{
	analyzerText: {
		"type":          "custom",
		"tokenizer":     unicode.Name,
		"token_filters": []string{foldFilterName, en.PossessiveName, lowercase.Name, stopFilterName, stemFilterName},
	},
	analyzerWords: {
		"type":          "custom",
		"tokenizer":     unicode.Name,
		"token_filters": []string{foldFilterName, en.PossessiveName, lowercase.Name},
	},
	analyzerSyn: {
		"type":          "custom",
		"tokenizer":     unicode.Name,
		"token_filters": []string{foldFilterName, en.PossessiveName, lowercase.Name, stopFilterName, stemFilterName, synonymFilterName},
	},
	analyzerLower: {
		"type":          "custom",
		"tokenizer":     single.Name,
		"token_filters": []string{lowercase.Name},
	},
	analyzerKinds: {
		"type":      "custom",
		"tokenizer": kindsTokenizerName,
	},
}
