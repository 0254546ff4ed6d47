package index

import (
	"errors"
	"fmt"
	"reflect"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"

	"talkbot/corpus"
)

// passageAnalyzer gives a passage's tokens for the three analyzers of an
// index from one pass: analyzerWords' tokenizer and filters make the
// words, analyzerText's remaining filters (stop words, stems) the text
// terms, and analyzerSyn's last filter the synonym-group terms. Each
// analyzer extends the one before, so the result is what each would give
// alone (TestPassageAnalyzerMatchesAnalyzers checks it), at a third of
// the tokenizing, folding and lower-casing.
type passageAnalyzer struct {
	tokenizer   analysis.Tokenizer
	wordFilters []analysis.TokenFilter
	textFilters []analysis.TokenFilter // after wordFilters
	synFilters  []analysis.TokenFilter // after wordFilters and textFilters
	stop        analysis.TokenMap      // for phrasesOf
}

func newPassageAnalyzer(m mapping.IndexMapping) (*passageAnalyzer, error) {
	get := func(name string) (*analysis.DefaultAnalyzer, error) {
		a, ok := m.AnalyzerNamed(name).(*analysis.DefaultAnalyzer)
		if !ok || len(a.CharFilters) > 0 {
			return nil, fmt.Errorf("analyzer %s is not a tokenizer and token filters", name)
		}
		return a, nil
	}
	words, err := get(analyzerWords)
	if err != nil {
		return nil, err
	}
	text, err := get(analyzerText)
	if err != nil {
		return nil, err
	}
	syn, err := get(analyzerSyn)
	if err != nil {
		return nil, err
	}
	extends := func(longer, shorter *analysis.DefaultAnalyzer) bool {
		return len(longer.TokenFilters) >= len(shorter.TokenFilters) &&
			reflect.DeepEqual(longer.Tokenizer, shorter.Tokenizer) &&
			reflect.DeepEqual(longer.TokenFilters[:len(shorter.TokenFilters)], shorter.TokenFilters)
	}
	if !extends(text, words) || !extends(syn, text) {
		return nil, errors.New("analyzers do not extend one another; a passage cannot be analysed once for all")
	}
	return &passageAnalyzer{
		tokenizer:   words.Tokenizer,
		wordFilters: words.TokenFilters,
		textFilters: text.TokenFilters[len(words.TokenFilters):],
		synFilters:  syn.TokenFilters[len(text.TokenFilters):],
		stop:        stopWords(),
	}, nil
}

// analysed is one passage's analysis: its distinct words and phrases for
// the word and phrase counters, and its text and syn tokens for Bleve.
type analysed struct {
	words, phrases  []string
	text, syn, kind analysis.TokenStream
}

func (pa *passageAnalyzer) analyse(s string) analysed {
	// []byte(s) is a copy: the lower-case filter writes into its input.
	toks := pa.tokenizer.Tokenize([]byte(s))
	for _, f := range pa.wordFilters {
		toks = f.Filter(toks)
	}
	an := analysed{words: distinctWords(toks), phrases: phrasesOf(s, toks, pa.stop), kind: kindTokens(s, toks)}
	// The text filters work on the word tokens in place (stop words drop
	// out, stems replace words): the words were taken above. The synonym
	// filter leaves its input alone and makes tokens of its own.
	for _, f := range pa.textFilters {
		toks = f.Filter(toks)
	}
	an.text = toks
	for _, f := range pa.synFilters {
		toks = f.Filter(toks)
	}
	an.syn = toks
	return an
}

// tokensOf is an analyzer that gives tokens already made, so Bleve
// indexes a field from the one pass instead of analysing it again. Bleve
// analyses a field once; the tokens are let go then, as Bleve keeps
// only the term frequencies it made of them.
type tokensOf struct{ ts analysis.TokenStream }

func (t *tokensOf) Analyze([]byte) analysis.TokenStream {
	ts := t.ts
	t.ts = nil
	return ts
}

// preparedArticle is an article ready to index: its passages as Bleve
// documents, and their words for the phrase and word counters. Preparing
// runs on several articles at once; adding them to the index, in order.
type preparedArticle struct {
	a        corpus.Article // Paragraphs nil
	passages []corpus.Passage
	docs     []*document.Document
	words    [][]string // per passage: its distinct words
	phrases  [][]string // per passage: its phrases, for completion
	// titleKeys is what the title matches (joinTitleKeys of titleKeysOf),
	// kept in the catalog so that no search analyses a title.
	titleKeys string
	err       error
}

// prepare makes the documents of an article's passages (from
// corpus.Passages). It is safe for concurrent use.
func (ix *Index) prepare(a corpus.Article, passages []corpus.Passage) preparedArticle {
	a.Paragraphs = nil // the passages hold the text now
	pa := preparedArticle{a: a, passages: passages,
		docs:  make([]*document.Document, len(passages)),
		words: make([][]string, len(passages)), phrases: make([][]string, len(passages)),
		titleKeys: joinTitleKeys(titleKeysOf(ix, a.Title))}
	for i, p := range passages {
		if p.ArticleID != a.ID {
			pa.err = fmt.Errorf("passage %s: article %q not loaded", p.ID, p.ArticleID)
			return pa
		}
		doc := document.NewDocument(p.ID)
		// The keyword, date and stored fields go through the mapping;
		// the analysed ones come from the one pass.
		if err := ix.m.MapDocument(doc, passageDoc(&a, p)); err != nil {
			pa.err = fmt.Errorf("index passage %s: %w", p.ID, err)
			return pa
		}
		an := ix.onePass.analyse(p.Text)
		value := []byte(p.Text)
		doc.AddField(document.NewTextFieldCustom(fText, nil, value, ix.textOptions, &tokensOf{an.text}))
		doc.AddField(document.NewTextFieldCustom(fSyn, nil, value, ix.synOptions, &tokensOf{an.syn}))
		doc.AddField(document.NewTextFieldCustom(fKind, nil, value, ix.kindOptions, &tokensOf{an.kind}))
		pa.docs[i], pa.words[i], pa.phrases[i] = doc, an.words, an.phrases
	}
	return pa
}
