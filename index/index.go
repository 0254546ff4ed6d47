package index

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
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
	// Rebuild builds the on-disk index afresh even when the one there
	// checks out (after it failed while answering).
	Rebuild bool
	// Verify rereads every corpus file and every file of the index
	// before reusing an on-disk index; otherwise only the files whose
	// size or modification time changed since they were summed are read.
	Verify bool
	// Live opens the index for updates while it serves (Update): an
	// on-disk index is opened writable, and its manifest is kept true
	// after every update.
	Live bool
	// CheckLater reuses an on-disk index built from a corpus directory
	// (OpenSource) as its manifest describes it, without looking at the
	// corpus files, and leaves their check to CorpusChanges: a server
	// answers at once and takes in what changed while it was down
	// afterwards. At 100,000 files the check was most of a start. It
	// does nothing with Verify, or when the index must be built anyway.
	CheckLater bool
	// OnDamage, when set, is called once if reading the index fails while
	// answering (a panic inside Bleve, a segment it cannot load): the
	// files changed under it, and the owner should build a new one.
	OnDamage func(error)
}

// ErrDamaged is reading the index failing: a file of it changed after it
// was checked. The answer is lost; a new index must be built.
var ErrDamaged = errors.New("index damaged")

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
	onePass                              *passageAnalyzer
	textOptions, synOptions, kindOptions bindex.FieldIndexingOptions

	articles map[string]corpus.Article // without Paragraphs
	newest   func() []string           // article ids, newest first; sorted on first use
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
	// titleKeys holds what each article's title matches, keyed as
	// concepts' terms are (field, NUL, term), joined (joinTitleKeys).
	titleKeys map[string]string
	count     int
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

	onDamage func(error)
	damaged  sync.Once

	// cat is the catalog this value was made from, and live the shared
	// writable handle of an index opened with Options.Live (update.go).
	cat  catalog
	live *liveHandle
	// later is the corpus check left to CorpusChanges by
	// Options.CheckLater (nil: checked at open).
	later *pendingCheck
}

// Cache budgets, in bytes (as estimated by the size funcs below): a
// few MB each, whatever the corpus's size.
const (
	cachedPassageBytes = 8 << 20
	cachedWordBytes    = 1 << 20
	cachedResultBytes  = 16 << 20
)

// entryOverhead is a rough size of a cache entry's fixed parts (map and
// list entries, struct headers, article metadata strings).
const entryOverhead = 256

func passageSize(_ string, p corpus.Passage) int64 {
	n := len(p.ID) + len(p.ArticleID) + len(p.Text)
	for _, s := range p.Actors {
		n += len(s)
	}
	for _, s := range p.Speakers {
		n += len(s)
	}
	return int64(n + entryOverhead)
}

func wordSize(k, v string) int64 { return int64(len(k) + len(v) + entryOverhead) }

func resultSize(q Query, r Result) int64 {
	n := len(q.Text) + len(r.Suggestion) + entryOverhead
	for _, h := range r.Hits {
		n += int(passageSize("", h.Passage)) + len(h.Highlighted) + len(h.Article.Title) + len(h.Article.URL) + entryOverhead
	}
	return int64(n)
}

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
	ix := &Index{m: m, log: log, onDamage: opts.OnDamage,
		passageCache: lru.NewSized(cachedPassageBytes, passageSize),
		spellCache:   lru.NewSized(cachedWordBytes, wordSize),
	}
	if !opts.NoResultCache {
		ix.resultCache = lru.NewSized(cachedResultBytes, resultSize)
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
	if ix.kindOptions, err = fieldOptions(m, fKind); err != nil {
		return nil, err
	}

	if opts.Dir == "" {
		bi, err := bleve.NewUsing("", m, "scorch", "scorch", nil)
		if err != nil {
			return nil, fmt.Errorf("create in-memory index: %w", err)
		}
		// No merger runs in memory, so few large batches keep the segment
		// count (and search time) low.
		articles := c.articles()
		endGC := buildGC(opts, articles)
		cat, _, _, err := ix.fill(ctx, bi, c, articles, memoryBatch, false, opts.Progress)
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
		if opts.Live {
			ix.live = newLiveHandle(bi, nil, "", manifest{})
		}
		return ix, nil
	}
	reusedBy, err := ix.openDir(ctx, opts, c)
	if err != nil {
		return nil, err
	}
	if opts.Live {
		if err := ix.goLive(opts.Dir, reusedBy); err != nil {
			ix.Close()
			return nil, err
		}
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

// failed turns a panic or read error from Bleve while answering into
// ErrDamaged, telling the owner once (Options.OnDamage); call it deferred
// with the error being returned. A cancelled context is not damage.
func (ix *Index) failed(ctx context.Context, err *error) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("%w: %v", ErrDamaged, p)
	} else if *err == nil || ctx.Err() != nil || errors.Is(*err, ErrDamaged) {
		return
	} else {
		*err = fmt.Errorf("%w: %v", ErrDamaged, *err)
	}
	ix.log.Error("reading the index failed; it must be rebuilt", "err", *err)
	ix.damaged.Do(func() {
		if ix.onDamage != nil {
			ix.onDamage(*err)
		}
	})
}

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
	if ix.live != nil {
		return ix.live.release() // the values an update made share it
	}
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
		fCopy:    copyKey(p.Text),
	}
	var src []string
	for _, s := range append([]string{a.Publisher, a.OriginalSource}, a.OtherPublishers()...) {
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
