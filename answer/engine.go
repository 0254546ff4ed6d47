package answer

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"talkbot/corpus"
	"talkbot/index"
	"talkbot/internal/lru"
)

// Engine answers from one index generation: it owns the index and what
// the answers derive from it. Passage text never changes within a
// generation, so searches, quotations, stance ledgers and whole answers are
// kept (bounded) until the engine is closed with its index; a reload
// makes a new Engine. Safe for concurrent use.
type Engine struct {
	ix *index.Index

	passages *lru.Cache[string, *passageInfo]
	searches *lru.Cache[index.Query, []string]
	pledges  *lru.Cache[string, Pledges]
	quotes   *lru.Cache[[2]string, Quotes]
	ledgers  ledgers

	// newest is every article, newest first, sorted once.
	newest func() []corpus.Article

	// inflight coalesces identical requests arriving together (a popular
	// question in several servers at once): one computes, the others wait
	// for its answer.
	inflight singleflight.Group
}

// Budgets of what an engine keeps, in bytes as the size funcs estimate
// them: tens of MB in all, whatever the corpus's size.
const (
	memoPassageBytes = 16 << 20
	memoSearchBytes  = 4 << 20
	memoAnswerBytes  = 8 << 20
)

// entryOverhead is a rough size of an entry's fixed parts (map and list
// entries, struct headers, an article's metadata).
const entryOverhead = 256

// A passage's sentence stems cost about as much as its text again.
func passageInfoSize(_ string, pi *passageInfo) int64 {
	return int64(2*len(pi.p.Text) + entryOverhead)
}

func searchSize(q index.Query, ids []string) int64 {
	n := len(q.Text) + entryOverhead
	for _, id := range ids {
		n += len(id) + 16
	}
	return int64(n)
}

func quotesSize(qs []Quote) int {
	n := 0
	for _, q := range qs {
		n += len(q.Text) + len(q.Passage) + entryOverhead
	}
	return n
}

func pledgesSize(_ string, p Pledges) int64 {
	n := entryOverhead
	for _, list := range [][]Actor{p.Pledged, p.Declined, p.Unclear} {
		for _, a := range list {
			n += quotesSize(a.Quotes) + entryOverhead
			for _, h := range a.History {
				n += len(h)
			}
		}
	}
	return int64(n)
}

func quotesAnswerSize(_ [2]string, q Quotes) int64 {
	return int64(quotesSize(q.Quotes) + entryOverhead)
}

// NewEngine answers from ix; closing the engine closes ix.
func NewEngine(ix *index.Index) *Engine {
	e := &Engine{
		ix:       ix,
		passages: lru.NewSized(memoPassageBytes, passageInfoSize),
		searches: lru.NewSized(memoSearchBytes, searchSize),
		pledges:  lru.NewSized(memoAnswerBytes, pledgesSize),
		quotes:   lru.NewSized(memoAnswerBytes, quotesAnswerSize),
	}
	e.newest = sync.OnceValue(func() []corpus.Article { return newestFirst(ix.Articles()) })
	return e
}

// Close closes the index.
func (e *Engine) Close() error { return e.ix.Close() }

// Articles and Passages count what the index holds.
func (e *Engine) Articles() int { return e.ix.ArticleCount() }

// Passages is the number of passages indexed.
func (e *Engine) Passages() int { return e.ix.PassageCount() }

// Problems are the corpus files skipped when the index was built.
func (e *Engine) Problems() []corpus.Problem { return e.ix.Problems() }

// Reused reports an on-disk index opened without rebuilding.
func (e *Engine) Reused() bool { return e.ix.Reused() }

// Complete offers completions of what a reader is typing, most useful
// first.
func (e *Engine) Complete(typed string, n int) []string { return e.ix.Complete(typed, n) }

// Speakers are the people the corpus quotes directly.
func (e *Engine) Speakers() []string { return e.ix.Speakers() }

// Publishers are the publishers and original sources of the articles.
func (e *Engine) Publishers() []string { return e.ix.Publishers() }

// sharedTimeout bounds work shared by coalesced requests when the first
// asker set no deadline.
const sharedTimeout = 30 * time.Second

// shared runs f once for identical requests (key) made together, all
// getting its result. f runs detached from the first asker's
// cancellation, so its giving up does not fail the others, but within its
// deadline.
func (e *Engine) shared(ctx context.Context, key string, f func(context.Context) (any, error)) (any, error, bool) {
	return e.inflight.Do(key, func() (any, error) {
		detached := context.WithoutCancel(ctx)
		// The first asker's deadline bounds it still: work nobody waits
		// for any longer is not done.
		deadline, ok := ctx.Deadline()
		if !ok {
			deadline = time.Now().Add(sharedTimeout)
		}
		ctx, cancel := context.WithDeadline(detached, deadline)
		defer cancel()
		return f(ctx)
	})
}

// readyProbe is the tiny search Ready runs.
var readyProbe = index.Query{Text: "Ukraine", Limit: 1}

// Ready runs a tiny search: any corpus may be loaded, so only its success
// counts, not whether it found something.
func (e *Engine) Ready(ctx context.Context) error {
	if e == nil || e.ix == nil {
		return errors.New("no index loaded")
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if _, err := e.ix.Search(ctx, readyProbe); err != nil {
		return fmt.Errorf("search failed: %w", err)
	}
	return nil
}

// passageInfo is a passage with its article.
type passageInfo struct {
	p       corpus.Passage
	article corpus.Article
}

// passage returns a passage by ID through the cache; nil when the index
// has none.
func (e *Engine) passage(id string) *passageInfo {
	if pi, ok := e.passages.Get(id); ok {
		return pi
	}
	p, ok := e.ix.Passage(id)
	if !ok {
		return nil
	}
	a, _ := e.ix.Article(p.ArticleID)
	pi := &passageInfo{p: p, article: a}
	e.passages.Put(id, pi)
	return pi
}

// searchPassages returns the passages q finds, in the index's order,
// remembering their IDs (highlighting and scores are not used by the
// answers that call it).
func (e *Engine) searchPassages(ctx context.Context, q index.Query) ([]*passageInfo, error) {
	ids, ok := e.searches.Get(q)
	if !ok {
		res, err := e.gatedSearch(ctx, q)
		if err != nil {
			return nil, err
		}
		ids = make([]string, len(res.Hits))
		for i, h := range res.Hits {
			ids[i] = h.Passage.ID
			if _, ok := e.passages.Get(h.Passage.ID); !ok {
				e.passages.Put(h.Passage.ID, &passageInfo{p: h.Passage, article: h.Article})
			}
		}
		e.searches.Put(q, ids)
	}
	out := make([]*passageInfo, 0, len(ids))
	for _, id := range ids {
		if pi := e.passage(id); pi != nil {
			out = append(out, pi)
		}
	}
	return out, nil
}
