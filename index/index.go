package index

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"

	"talkbot/corpus"
	"talkbot/internal/gctune"
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
	// Progress, when set, is called as articles are indexed, with the
	// articles done and expected.
	Progress func(done, total int)
	// Logger receives build and reuse messages (nil: discarded).
	Logger *slog.Logger
	// NoResultCache answers every search afresh, for benchmarks that
	// measure the engine rather than repeated questions.
	NoResultCache bool
	// GCPercent and MemoryLimit tune the garbage collector while an
	// index is built (see buildGC): 0 means the defaults unless GOGC or
	// GOMEMLIMIT was set, negative leaves the runtime's setting alone.
	GCPercent   int
	MemoryLimit int64
}

// Building an index makes a great deal of short-lived garbage (tokens,
// term frequencies, segments before they are written) over a live heap
// bounded by the batches in flight, and at the runtime's GOGC=100 the
// collector takes a large share of a build's CPU. While a build runs the
// GC target is raised to buildGCPercent, with a soft limit over the
// memory in use when it starts of buildHeadroomPerArticle for each
// article, within [minBuildHeadroom, maxBuildHeadroom]: less CPU for a
// bounded amount of memory (figures in docs/tuning.md). A build during
// serving (a reload) runs at serve's settings instead.
const (
	buildGCPercent          = 300
	buildHeadroomPerArticle = 32 << 10
	minBuildHeadroom        = 128 << 20
	maxBuildHeadroom        = 256 << 20
)

// buildGC starts the tuning of the collector for a build of articles;
// call the func it returns when the build is done.
func buildGC(opts Options, articles int) (end func()) {
	headroom := min(max(int64(articles)*buildHeadroomPerArticle, minBuildHeadroom), maxBuildHeadroom)
	return gctune.Start(gctune.Phase{Percent: opts.GCPercent, Limit: opts.MemoryLimit,
		DefaultPercent: buildGCPercent,
		DefaultLimit:   func() int64 { return gctune.InUse() + headroom }})
}

// Index is the searchable corpus. It is safe for concurrent use.
type Index struct {
	bi     bleve.Index
	m      mapping.IndexMapping
	textAn analysis.Analyzer // stems, as the text field
	synAn  analysis.Analyzer // synonym-group terms, as the syn field
	wordAn analysis.Analyzer // whole words, as the word dictionary
	// onePass analyses a passage for all three at once when indexing,
	// and the options say how its text and syn fields are indexed.
	onePass                 *passageAnalyzer
	textOptions, synOptions bindex.FieldIndexingOptions

	articles map[string]corpus.Article // without Paragraphs
	newest   []string                  // article ids, newest first
	// firstDay and lastDay are the earliest and latest article dates
	// (zero when no article has one), closing open date filters.
	firstDay, lastDay time.Time
	// sources is every distinct publisher and original source, for the
	// publisher filter and Publishers.
	sources  []string
	speakers []string
	actors   []string
	// phrases are the completion phrases, most frequent first.
	phrases []phrase
	// words is every word of the passages, for spelling and completion.
	words wordDict
	// titleStems holds each article's distinct title stems.
	titleStems map[string][]string
	count      int
	// problems are the corpus files skipped when the index was built.
	problems []corpus.Problem
	// stances are the passages stating a stance, in load order.
	stances []corpus.Passage

	// The index never changes once open, so what is derived from it is
	// cached for its lifetime: decoded passages, spelling corrections and
	// whole results (paging and popular questions repeat).
	passageCache *lru.Cache[string, corpus.Passage]
	spellCache   *lru.Cache[string, string]
	resultCache  *lru.Cache[Query, Result]        // nil: Options.NoResultCache
	bm25         atomic.Pointer[search.BM25Stats] // see bm25Stats

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
// same content with the same mapping. It holds the whole corpus; for a
// corpus on disk OpenSource does not.
func Open(ctx context.Context, articles []corpus.Article, passages []corpus.Passage, opts Options) (*Index, error) {
	return open(ctx, memoryContent(articles, passages), opts)
}

// OpenSource indexes the articles of src one at a time, never holding
// the whole corpus. With opts.Dir it first checks the index there
// against a fingerprint of the corpus files and, when it is up to date,
// opens it without reading the corpus at all. Files with a problem are
// skipped and reported by Problems, on reuse too.
func OpenSource(ctx context.Context, src corpus.Source, opts Options) (*Index, error) {
	return open(ctx, sourceContent(src), opts)
}

func open(ctx context.Context, c content, opts Options) (*Index, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	m, err := newMapping()
	if err != nil {
		return nil, fmt.Errorf("index mapping: %w", err)
	}
	ix := &Index{m: m, log: log,
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
	if ix.onePass, err = newPassageAnalyzer(m); err != nil {
		return nil, fmt.Errorf("index mapping: %w", err)
	}
	if ix.textOptions, err = fieldOptions(m, fText); err != nil {
		return nil, err
	}
	if ix.synOptions, err = fieldOptions(m, fSyn); err != nil {
		return nil, err
	}

	if opts.Dir == "" {
		bi, err := bleve.NewUsing("", m, "scorch", "scorch", nil)
		if err != nil {
			return nil, fmt.Errorf("create in-memory index: %w", err)
		}
		// No merger runs in memory, so few large batches keep the segment
		// count (and search time) low.
		endGC := buildGC(opts, c.articles)
		cat, _, err := ix.fill(ctx, bi, c, memoryBatch, false, opts.Progress)
		endGC()
		if err != nil {
			_ = bi.Close()
			return nil, err
		}
		ix.bi = bi
		if err := ix.setCatalog(cat); err != nil {
			_ = bi.Close()
			return nil, err
		}
		return ix, nil
	}
	if err := ix.openDir(ctx, opts, c); err != nil {
		return nil, err
	}
	return ix, nil
}

// Batch sizes, in passages. In memory no merger runs, so few large
// batches keep the segment count (and search time) low; on disk the
// merger runs and smaller batches bound the memory a batch holds (a
// batch's segment is built in memory before it is written; figures in
// docs/tuning.md).
const (
	memoryBatch = 20000
	diskBatch   = 1000
)

// Problems are the corpus files skipped when the index was built (each
// naming file and line), kept with an on-disk index so that reusing it
// reports them too.
func (ix *Index) Problems() []corpus.Problem { return append([]corpus.Problem(nil), ix.problems...) }

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

// passageDoc is a passage's fields for the mapping, but for the analysed
// text and syn fields, which prepare adds from one analysis pass.
func passageDoc(a *corpus.Article, p corpus.Passage) map[string]interface{} {
	d := map[string]interface{}{
		fArticle: a.ID,
		fSeq:     fmt.Sprintf("%08d", p.Seq),
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
		d[fPublished] = dateTerms(a.Published.Time)
		d[fDay] = a.Published.UTC().Format(dayLayout)
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
