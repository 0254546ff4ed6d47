package answer

import (
	"context"
	"runtime"
	"sync"
	"weak"

	"talkbot/corpus"
	"talkbot/corpus/annotate"
	"talkbot/corpus/text"
	"talkbot/index"
	"talkbot/internal/lru"
)

// Bounds of what one index generation's memo keeps. A passage entry is
// its text and sentence stems (a few KB), an article entry its passages
// and quotations (tens of KB at most), a search entry up to 100 IDs: tens
// of MB in all even on a 10,000-article corpus.
const (
	memoPassages = 4096
	memoArticles = 512
	memoSearches = 512
	memoAnswers  = 256
)

// memo remembers, for one index, what answers re-derive from it: passage
// text is immutable for an index generation, so its sentences, the hits of
// a search and an article's quotations can be kept; whole answers are the
// last layer.
type memo struct {
	passages *lru.Cache[string, *passageInfo]
	articles *lru.Cache[string, *articleInfo]
	searches *lru.Cache[index.Query, []string]
	pledges  *lru.Cache[string, Pledges]
	quotes   *lru.Cache[[2]string, Quotes]
}

func newMemo() *memo {
	return &memo{
		passages: lru.New[string, *passageInfo](memoPassages),
		articles: lru.New[string, *articleInfo](memoArticles),
		searches: lru.New[index.Query, []string](memoSearches),
		pledges:  lru.New[string, Pledges](memoAnswers),
		quotes:   lru.New[[2]string, Quotes](memoAnswers),
	}
}

// memos holds one memo per live index. The key is weak, and a cleanup
// drops the memo when its index is collected, so a reload never keeps an
// old index (or its memo) alive.
var memos = struct {
	sync.Mutex
	m map[weak.Pointer[index.Index]]*memo
}{m: map[weak.Pointer[index.Index]]*memo{}}

func memoFor(ix *index.Index) *memo {
	wp := weak.Make(ix)
	memos.Lock()
	defer memos.Unlock()
	if m, ok := memos.m[wp]; ok {
		return m
	}
	m := newMemo()
	memos.m[wp] = m
	runtime.AddCleanup(ix, func(wp weak.Pointer[index.Index]) {
		memos.Lock()
		delete(memos.m, wp)
		memos.Unlock()
	}, wp)
	return m
}

// passageInfo is a passage with its article and, computed on first use,
// its sentences and their stems.
type passageInfo struct {
	p       corpus.Passage
	article corpus.Article
	once    sync.Once
	spans   []text.Span
	words   []annotate.Words // per sentence
}

func (pi *passageInfo) sentences() ([]text.Span, []annotate.Words) {
	pi.once.Do(func() {
		pi.spans = text.Sentences(pi.p.Text)
		pi.words = make([]annotate.Words, len(pi.spans))
		for i, sp := range pi.spans {
			pi.words[i] = annotate.WordsOf(pi.p.Text[sp.Start:sp.End])
		}
	})
	return pi.spans, pi.words
}

// passage returns a passage by ID through the memo; nil when the index
// has none.
func (m *memo) passage(ix *index.Index, id string) *passageInfo {
	if pi, ok := m.passages.Get(id); ok {
		return pi
	}
	p, ok := ix.Passage(id)
	if !ok {
		return nil
	}
	a, _ := ix.Article(p.ArticleID)
	pi := &passageInfo{p: p, article: a}
	m.passages.Put(id, pi)
	return pi
}

// before is the text of the passage just before pi in its article ("" for
// the first), as index.Neighbours gives it.
func (m *memo) before(ix *index.Index, pi *passageInfo) string {
	if pi.p.Seq == 0 {
		return ""
	}
	if b := m.passage(ix, corpus.PassageID(pi.p.ArticleID, pi.p.Seq-1)); b != nil {
		return b.p.Text
	}
	return ""
}

// search returns the passages q finds, in the index's order, remembering
// their IDs (highlighting and scores are not used by these answers).
func (m *memo) search(ctx context.Context, ix *index.Index, q index.Query) ([]*passageInfo, error) {
	ids, ok := m.searches.Get(q)
	if !ok {
		res, err := ix.Search(ctx, q)
		if err != nil {
			return nil, err
		}
		ids = make([]string, len(res.Hits))
		for i, h := range res.Hits {
			ids[i] = h.Passage.ID
			if _, ok := m.passages.Get(h.Passage.ID); !ok {
				m.passages.Put(h.Passage.ID, &passageInfo{p: h.Passage, article: h.Article})
			}
		}
		m.searches.Put(q, ids)
	}
	out := make([]*passageInfo, 0, len(ids))
	for _, id := range ids {
		if pi := m.passage(ix, id); pi != nil {
			out = append(out, pi)
		}
	}
	return out, nil
}

// articleInfo is an article's passages in order; the quotations of each
// are read on first use, with the article's earlier text as context.
type articleInfo struct {
	ps   []corpus.Passage
	once []sync.Once
	qs   [][]annotate.Quotation
}

// quotations returns the quotations of passage i.
func (a *articleInfo) quotations(i int) []annotate.Quotation {
	a.once[i].Do(func() {
		prev := ""
		for _, p := range a.ps[:i] {
			prev = joinContext(prev, p.Text)
		}
		a.qs[i] = annotate.Quotations(a.ps[i].Text, prev)
	})
	return a.qs[i]
}

// article returns an article's passages through the memo.
func (m *memo) article(ix *index.Index, id string) *articleInfo {
	if a, ok := m.articles.Get(id); ok {
		return a
	}
	a := &articleInfo{}
	for seq := 0; ; seq++ {
		pi := m.passage(ix, corpus.PassageID(id, seq))
		if pi == nil {
			break
		}
		a.ps = append(a.ps, pi.p)
	}
	a.once = make([]sync.Once, len(a.ps))
	a.qs = make([][]annotate.Quotation, len(a.ps))
	m.articles.Put(id, a)
	return a
}
