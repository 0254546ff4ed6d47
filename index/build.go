package index

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"

	"talkbot/corpus"
	"talkbot/internal/ordered"
)

// builder indexes a corpus one article at a time and keeps only the
// catalog, so the whole corpus is never in memory at once. Preparing
// articles (parsing, splitting, analysing: on every core, see
// content.each), counting phrases and words, and Bleve's indexing of the
// previous batch run at once.
type builder struct {
	bi       bleve.Index
	batch    *bleve.Batch
	size     int            // passages per batch
	speakers map[string]int // occurrences, for completion weights
	actors   map[string]int
	cat      catalog
	progress func(done, total int)
	total    int  // articles expected, for progress
	onDisk   bool // batches are persisted asynchronously (unsafe_batch)

	batches  chan *bleve.Batch    // to the indexing goroutine
	indexed  chan error           // its first error, once batches is closed
	failed   atomic.Bool          // set when indexing failed, to stop early
	counts   chan preparedArticle // words and phrases, to their counters
	phrases  *phraseCounter
	words    *wordCounter
	counted  chan struct{} // closed when the counters are done
	stopOnce sync.Once
	stopErr  error

	// unpersisted holds a token per batch indexed but not yet written to
	// disk. With unsafe_batch, Batch returns before the segment is
	// written, so without this bound segments pile up in memory whenever
	// the persister falls behind (it waits for the merger).
	unpersisted chan struct{}
	persistMu   sync.Mutex
	persistErr  error
}

// maxUnpersisted is how many batches may wait in memory to be persisted.
const maxUnpersisted = 2

func (ix *Index) newBuilder(ctx context.Context, bi bleve.Index, size, total int, onDisk bool, progress func(int, int)) *builder {
	b := &builder{bi: bi, batch: bi.NewBatch(), size: size, onDisk: onDisk,
		speakers: map[string]int{}, actors: map[string]int{},
		progress: progress, total: total,
		batches: make(chan *bleve.Batch, 1), indexed: make(chan error, 1),
		counts: make(chan preparedArticle, 64), phrases: newPhraseCounter(), words: newWordCounter(), counted: make(chan struct{}),
		unpersisted: make(chan struct{}, maxUnpersisted),
	}
	go func() {
		var first error
		for bt := range b.batches {
			if first != nil {
				continue
			}
			if onDisk {
				if first = b.waitPersisted(ctx, maxUnpersisted-1); first != nil {
					b.failed.Store(true)
					continue
				}
				b.unpersisted <- struct{}{}
				bt.SetPersistedCallback(b.persisted)
			}
			if err := b.bi.Batch(bt); err != nil {
				first = fmt.Errorf("index batch: %w", err)
				b.failed.Store(true)
			}
		}
		b.indexed <- first
	}()
	go func() {
		defer close(b.counted)
		for pa := range b.counts {
			for i := range pa.words {
				b.phrases.add(pa.phrases[i])
				b.words.passage(pa.words[i])
			}
		}
	}()
	return b
}

// persisted is called by scorch once a batch is on disk.
func (b *builder) persisted(err error) {
	if err != nil {
		b.persistMu.Lock()
		if b.persistErr == nil {
			b.persistErr = fmt.Errorf("write index: %w", err)
		}
		b.persistMu.Unlock()
	}
	<-b.unpersisted
}

// waitPersisted waits until at most n batches wait to be persisted.
func (b *builder) waitPersisted(ctx context.Context, n int) error {
	if err := waitUntil(ctx, time.Millisecond, func() bool { return len(b.unpersisted) <= n }); err != nil {
		return err
	}
	b.persistMu.Lock()
	defer b.persistMu.Unlock()
	return b.persistErr
}

// stop ends both goroutines and returns the indexing error, if any.
func (b *builder) stop() error {
	b.stopOnce.Do(func() {
		close(b.batches)
		close(b.counts)
		b.stopErr = <-b.indexed
		<-b.counted
	})
	return b.stopErr
}

// add indexes the passages of one article, made ready by Index.prepare.
func (b *builder) add(ctx context.Context, pa preparedArticle) error {
	if pa.err != nil {
		return pa.err
	}
	for i, p := range pa.passages {
		if err := ctx.Err(); err != nil {
			return err
		}
		if b.batch.Size() >= b.size {
			if err := b.flush(); err != nil {
				return err
			}
		}
		if err := b.batch.IndexAdvanced(pa.docs[i]); err != nil {
			return fmt.Errorf("index passage %s: %w", p.ID, err)
		}
		for _, s := range p.Speakers {
			b.speakers[s]++
		}
		for _, s := range p.Actors {
			b.actors[s]++
		}
		if len(p.Stances) > 0 {
			b.cat.Stances = append(b.cat.Stances, stancePassage(p))
		}
	}
	b.counts <- preparedArticle{words: pa.words, phrases: pa.phrases}
	b.cat.Articles = append(b.cat.Articles, pa.a)
	b.cat.TitleKeys = append(b.cat.TitleKeys, pa.titleKeys)
	b.cat.Passages += len(pa.passages)
	if b.progress != nil {
		b.progress(len(b.cat.Articles), max(b.total, len(b.cat.Articles)))
	}
	return nil
}

// flush hands the batch to the indexing goroutine and starts a new one.
func (b *builder) flush() error {
	if b.failed.Load() {
		return b.stop()
	}
	if b.batch.Size() == 0 {
		return nil
	}
	b.batches <- b.batch
	b.batch = b.bi.NewBatch()
	return nil
}

// finish indexes what is left and returns the catalog. On disk it waits
// until every batch is persisted.
func (b *builder) finish(ctx context.Context, problems []corpus.Problem) (catalog, error) {
	if err := b.flush(); err != nil {
		return catalog{}, err
	}
	if err := b.stop(); err != nil {
		return catalog{}, err
	}
	// Close does not write what is still in memory: wait for it.
	if err := b.waitPersisted(ctx, 0); err != nil {
		return catalog{}, err
	}
	if b.progress != nil && len(b.cat.Articles) == 0 {
		b.progress(0, 0)
	}
	titles := make([]string, len(b.cat.Articles))
	for i, a := range b.cat.Articles {
		titles[i] = a.Title
	}
	for _, ph := range b.phrases.result(titles, b.speakers, b.actors) {
		b.cat.Phrases = append(b.cat.Phrases, catalogPhrase{ph.text, ph.count})
	}
	b.cat.Speakers, b.cat.Actors = sortedKeys(b.speakers), sortedKeys(b.actors)
	b.cat.SpeakerCounts, b.cat.ActorCounts = b.speakers, b.actors
	words, err := b.words.encode()
	if err != nil {
		return catalog{}, err
	}
	b.cat.Words = words
	b.cat.Problems = problems
	return b.cat, nil
}

// content is what an index is built from: articles in memory, or a
// corpus.Source read one article at a time.
type content struct {
	// fingerprint identifies the content without building anything, for
	// the check that an index on disk is up to date.
	fingerprint func(known []corpus.FileSum) (string, []corpus.FileSum)
	// each calls prepare with every article and its passages, on several
	// articles at once, and add with each result in article order; it
	// returns the fingerprint of what it read and the problems met.
	each func(prepare func(corpus.Article, []corpus.Passage) preparedArticle, add func(preparedArticle) error) (string, []corpus.FileSum, []corpus.Problem, error)
	// articles is how many articles each should give, for progress and
	// the build's memory settings: a listing of the corpus, so asked
	// only when building (at 100,000 files it was a fifth of a start).
	articles func() int
	// source is content read from a corpus.Source, whose files have sums
	// to check later (Options.CheckLater).
	source bool
}

func memoryContent(articles []corpus.Article, passages []corpus.Passage) content {
	return content{
		fingerprint: func([]corpus.FileSum) (string, []corpus.FileSum) {
			return contentHash(articles, passages), nil
		},
		each: func(prepare func(corpus.Article, []corpus.Passage) preparedArticle, add func(preparedArticle) error) (string, []corpus.FileSum, []corpus.Problem, error) {
			byArticle := make(map[string][]corpus.Passage, len(articles))
			known := make(map[string]bool, len(articles))
			for _, a := range articles {
				known[a.ID] = true
			}
			for _, p := range passages {
				if !known[p.ArticleID] {
					return "", nil, nil, fmt.Errorf("passage %s: article %q not loaded", p.ID, p.ArticleID)
				}
				byArticle[p.ArticleID] = append(byArticle[p.ArticleID], p)
			}
			i := 0
			next := func() (corpus.Article, bool) {
				if i >= len(articles) {
					return corpus.Article{}, false
				}
				i++
				return articles[i-1], true
			}
			prep := func(a corpus.Article) preparedArticle { return prepare(a, byArticle[a.ID]) }
			if err := ordered.Run(runtime.GOMAXPROCS(0), next, prep, add); err != nil {
				return "", nil, nil, err
			}
			return contentHash(articles, passages), nil, nil, nil
		},
		articles: func() int { return len(articles) },
	}
}

func sourceContent(src corpus.Source) content {
	return content{
		fingerprint: src.Fingerprint,
		each: func(prepare func(corpus.Article, []corpus.Passage) preparedArticle, add func(preparedArticle) error) (string, []corpus.FileSum, []corpus.Problem, error) {
			return corpus.EachPrepared(src, runtime.GOMAXPROCS(0),
				func(a corpus.Article) preparedArticle { return prepare(a, corpus.Passages(a)) },
				func(_ corpus.Article, pa preparedArticle) error { return add(pa) })
		},
		articles: src.Count,
		source:   true,
	}
}

// stancePassage is what the catalog keeps of a passage that states a
// stance: its text and stances, without actors or speakers.
func stancePassage(p corpus.Passage) corpus.Passage {
	return corpus.Passage{ID: p.ID, ArticleID: p.ArticleID, Seq: p.Seq, Text: p.Text, Line: p.Line, Stances: p.Stances}
}

// fill indexes c into bi in batches of size passages and returns the
// catalog, and the fingerprint and file sums of what was read.
func (ix *Index) fill(ctx context.Context, bi bleve.Index, c content, articles, size int, onDisk bool, progress func(int, int)) (catalog, string, []corpus.FileSum, error) {
	b := ix.newBuilder(ctx, bi, size, articles, onDisk, progress)
	defer b.stop()
	fp, sums, problems, err := c.each(ix.prepare, func(pa preparedArticle) error { return b.add(ctx, pa) })
	if err != nil {
		return catalog{}, "", nil, err
	}
	cat, err := b.finish(ctx, problems)
	return cat, fp, sums, err
}

// waitUntil polls done every so often until it holds or ctx ends: scorch
// says when a batch is persisted or a merge introduced only through
// callbacks and statistics, not a channel to wait on.
func waitUntil(ctx context.Context, every time.Duration, done func() bool) error {
	for !done() {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(every):
		}
	}
	return nil
}
