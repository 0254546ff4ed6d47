package index

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"

	"talkbot/corpus"
	"talkbot/internal/lru"
)

// ErrLocked is returned (wrapped, naming the directory) when another
// process holds the on-disk index.
var ErrLocked = errors.New("index is locked by another process")

// Options says where the index lives and how to report progress.
type Options struct {
	// Dir keeps the index on disk and reuses it while the corpus and the
	// mapping are unchanged; "" builds it in memory.
	Dir string
	// Progress, when set, is called as passages are indexed.
	Progress func(done, total int)
	// Logger receives build and reuse messages (nil: discarded).
	Logger *slog.Logger
	// NoResultCache answers every search afresh, for benchmarks that
	// measure the engine rather than repeated questions.
	NoResultCache bool
}

// Index is the searchable corpus. It is safe for concurrent use.
type Index struct {
	bi     bleve.Index
	m      mapping.IndexMapping
	textAn analysis.Analyzer // stems, as the text field
	synAn  analysis.Analyzer // synonym-group terms, as the syn field
	wordAn analysis.Analyzer // whole words, as the words field

	articles map[string]corpus.Article // without Paragraphs
	newest   []string                  // article ids, newest first
	// sources is every distinct publisher and original source, for the
	// publisher filter and Publishers.
	sources  []string
	speakers []string
	actors   []string
	// phrases are the completion phrases, written once by countPhrases
	// before phrasesReady is closed.
	phrases      []phrase
	phrasesReady chan struct{}
	// titleStems holds each article's distinct title stems.
	titleStems map[string][]string
	count      int

	// The index never changes once open, so what is derived from it is
	// cached for its lifetime: decoded passages, spelling corrections and
	// whole results (paging and popular questions repeat).
	passageCache *lru.Cache[string, corpus.Passage]
	spellCache   *lru.Cache[string, string]
	resultCache  *lru.Cache[Query, Result] // nil: Options.NoResultCache

	reused bool
	lock   *dirLock
	log    *slog.Logger
}

// Cache sizes: bounded so that a 10,000-article corpus costs a few MB.
const (
	cachedPassages = 4096
	cachedWords    = 4096
	cachedResults  = 1024
)

// Open indexes passages (built by corpus.Passages from articles) or, with
// opts.Dir, reuses the index already there when it was built from the
// same content with the same mapping.
func Open(ctx context.Context, articles []corpus.Article, passages []corpus.Passage, opts Options) (*Index, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	m, err := newMapping()
	if err != nil {
		return nil, fmt.Errorf("index mapping: %w", err)
	}
	ix := &Index{m: m, log: log, count: len(passages),
		passageCache: lru.New[string, corpus.Passage](cachedPassages),
		spellCache:   lru.New[string, string](cachedWords),
	}
	if !opts.NoResultCache {
		ix.resultCache = lru.New[Query, Result](cachedResults)
	}
	ix.textAn = m.AnalyzerNamed(analyzerText)
	ix.synAn = m.AnalyzerNamed(analyzerSyn)
	ix.wordAn = m.AnalyzerNamed(analyzerWords)
	if ix.textAn == nil || ix.synAn == nil || ix.wordAn == nil {
		return nil, errors.New("index mapping: custom analyzers missing")
	}
	ix.setCatalog(articles, passages)

	if opts.Dir == "" {
		bi, err := bleve.NewUsing("", m, "scorch", "scorch", nil)
		if err != nil {
			return nil, fmt.Errorf("create in-memory index: %w", err)
		}
		// No merger runs in memory, so few large batches keep the segment
		// count (and search time) low.
		if err := ix.fill(ctx, bi, articles, passages, max(5000, len(passages)/4), opts.Progress); err != nil {
			_ = bi.Close()
			return nil, err
		}
		ix.bi = bi
		return ix, nil
	}
	if err := ix.openDir(ctx, opts.Dir, articles, passages, opts.Progress); err != nil {
		return nil, err
	}
	return ix, nil
}

// Reused reports whether Open found an up-to-date index on disk instead
// of building one.
func (ix *Index) Reused() bool { return ix.reused }

// PassageCount is the number of passages indexed.
func (ix *Index) PassageCount() int { return ix.count }

// Close releases the index and its directory lock.
func (ix *Index) Close() error {
	var err error
	if ix.bi != nil {
		err = ix.bi.Close()
	}
	if ix.lock != nil {
		ix.lock.release()
	}
	return err
}

// fill indexes every passage in batches of size n.
func (ix *Index) fill(ctx context.Context, bi bleve.Index, articles []corpus.Article, passages []corpus.Passage, n int, progress func(done, total int)) error {
	byID := make(map[string]*corpus.Article, len(articles))
	for i := range articles {
		byID[articles[i].ID] = &articles[i]
	}
	b := bi.NewBatch()
	for i, p := range passages {
		if err := ctx.Err(); err != nil {
			return err
		}
		a := byID[p.ArticleID]
		if a == nil {
			return fmt.Errorf("passage %s: article %q not loaded", p.ID, p.ArticleID)
		}
		if err := b.Index(p.ID, passageDoc(a, p)); err != nil {
			return fmt.Errorf("index passage %s: %w", p.ID, err)
		}
		if b.Size() >= n || i == len(passages)-1 {
			if err := bi.Batch(b); err != nil {
				return fmt.Errorf("index batch: %w", err)
			}
			b.Reset()
			if progress != nil {
				progress(i+1, len(passages))
			}
		}
	}
	if len(passages) == 0 && progress != nil {
		progress(0, 0)
	}
	return nil
}

func passageDoc(a *corpus.Article, p corpus.Passage) map[string]interface{} {
	d := map[string]interface{}{
		fText:    p.Text,
		fSyn:     p.Text,
		fWords:   p.Text,
		fArticle: a.ID,
		fSeq:     float64(p.Seq),
		fMeta:    encodeMeta(p),
	}
	var src []string
	for _, s := range []string{a.Publisher, a.OriginalSource} {
		if s != "" {
			src = append(src, strings.ToLower(s))
		}
	}
	if len(src) > 0 {
		d[fSource] = src
	}
	if !a.Published.IsZero() {
		d[fPublished] = a.Published.Time
	}
	if len(p.Actors) > 0 {
		d[fActor] = lowerAll(p.Actors)
	}
	if len(p.Speakers) > 0 {
		d[fSpeaker] = lowerAll(p.Speakers)
	}
	return d
}

func lowerAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.ToLower(s)
	}
	return out
}

// setCatalog keeps what lists and hits need in memory: article metadata
// (without bodies) and the distinct publishers, speakers and actors. The
// passages themselves stay in the index.
func (ix *Index) setCatalog(articles []corpus.Article, passages []corpus.Passage) {
	ix.articles = make(map[string]corpus.Article, len(articles))
	ix.titleStems = make(map[string][]string, len(articles))
	for _, a := range articles {
		for t := range termSet(ix.textAn, a.Title) {
			ix.titleStems[a.ID] = append(ix.titleStems[a.ID], t)
		}
		a.Paragraphs = nil
		ix.articles[a.ID] = a
		ix.newest = append(ix.newest, a.ID)
	}
	sort.SliceStable(ix.newest, func(i, j int) bool {
		a, b := ix.articles[ix.newest[i]], ix.articles[ix.newest[j]]
		if !a.Published.Equal(b.Published.Time) {
			return a.Published.After(b.Published.Time)
		}
		return a.ID < b.ID
	})
	src, sp, ac := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, a := range articles {
		for _, s := range []string{a.Publisher, a.OriginalSource} {
			if s != "" {
				src[s] = true
			}
		}
	}
	for _, p := range passages {
		for _, s := range p.Speakers {
			sp[s] = true
		}
		for _, s := range p.Actors {
			ac[s] = true
		}
	}
	ix.sources, ix.speakers, ix.actors = sortedKeys(src), sortedKeys(sp), sortedKeys(ac)
	ix.countPhrases(articles, passages)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i]) < strings.ToLower(out[j]) })
	return out
}
