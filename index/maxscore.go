package index

import (
	"cmp"
	"container/heap"
	"context"
	"math"
	"slices"
	"sort"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// The first pass of a search (ranking.top) chooses the passages the
// full query then scores with term locations. Bleve's disjunction scores
// every passage holding any clause's term, through a collector whose
// per-hit cost was most of a search's CPU at 10,000 articles; so on a
// scorch index the first pass is run here instead, as MaxScore (Turtle
// and Flood, "Query evaluation: strategies and optimizations", 1995;
// the dynamic pruning Lucene uses): once the k best so far are known,
// a clause whose term cannot lift a passage above the k-th on its own
// stops choosing passages and only adds to those the others found, its
// postings skipped to them instead of read in full. The scores are
// Bleve's BM25 for the same disjunction (the same idf, length norm,
// boost and coord factor, less the query norm every passage shares), so
// the k passages chosen are the ones Bleve's collector would choose.

// scoredTerm is one term query of the disjunction, as maxScoreTop
// scores it.
type scoredTerm struct {
	field, term string
	// weight is boost × idf² (Bleve's query weight times its idf), avg
	// the field's average length as Bleve reads it.
	weight, avg float64
	// bound is the most this term can add to a passage: BM25's
	// saturation never reaches k1.
	bound float64
}

// docScore is a passage chosen by the first pass, by its global
// document number in the snapshot.
type docScore struct {
	num   uint64
	score float64
}

// topDocs is a min-heap of the k best so far: the worst first, and of
// equal scores the later passage (Bleve keeps the first seen).
type topDocs []docScore

func (h topDocs) Len() int { return len(h) }
func (h topDocs) Less(i, j int) bool {
	if h[i].score != h[j].score {
		return h[i].score < h[j].score
	}
	return h[i].num > h[j].num
}
func (h topDocs) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *topDocs) Push(x any)   { *h = append(*h, x.(docScore)) }
func (h *topDocs) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// cursor walks one term's postings in one segment.
type cursor struct {
	t   *scoredTerm
	it  segment.PostingsIterator
	num uint64 // the current posting's document number (local)
	tf  float64
	len float64
	end bool
}

func (c *cursor) read(p segment.Posting, err error) error {
	if err != nil {
		return err
	}
	if p == nil {
		c.end = true
		return nil
	}
	c.num = p.Number()
	c.tf = math.Sqrt(float64(p.Frequency()))
	n := p.Norm()
	c.len = 1 / (n * n)
	return nil
}

func (c *cursor) next() error { return c.read(c.it.Next()) }

// advance moves to the first posting at or after num; the iterator must
// not be asked for one at or before its current posting.
func (c *cursor) advance(num uint64) error {
	if c.end || c.num >= num {
		return nil
	}
	return c.read(c.it.Advance(num))
}

// score is what the current posting adds, as Bleve's BM25 term scorer
// computes it.
func (c *cursor) score() float64 {
	k1, b := search.BM25_k1, search.BM25_b
	return c.t.weight * (c.tf * k1) / (c.tf + k1*(1-b+b*c.len/c.t.avg))
}

// maxScoreTop returns the k passages of snap scoring best for the
// disjunction of terms, best first, and how many passages hold any of
// them; of only the passages in only (one bitmap of local document
// numbers per segment) when it is not nil. ok is false when snap cannot
// be read this way (a segment of another kind); the caller then asks
// Bleve.
func maxScoreTop(ctx context.Context, snap *scorch.IndexSnapshot, stats *search.BM25Stats, terms []*scoredTerm, only []*roaring.Bitmap, k int) (top []docScore, total uint64, ok bool, err error) {
	segs := snap.Segments()
	n := uint64(stats.DocCount)
	// Each term's document count across the segments, for its idf, as
	// Bleve's term searcher counts it (deleted passages excluded).
	lists := make([][]segment.PostingsList, len(terms))
	dfs := make([]uint64, len(terms))
	for ti := range terms {
		lists[ti] = make([]segment.PostingsList, len(segs))
	}
	for si, s := range segs {
		dicts := map[string]segment.TermDictionary{} // each field's, opened once
		for ti, t := range terms {
			d, opened := dicts[t.field]
			if !opened {
				var err error
				if d, err = s.Segment().Dictionary(t.field); err != nil {
					return nil, 0, false, err
				}
				dicts[t.field] = d
			}
			pl, err := d.PostingsList([]byte(t.term), s.Deleted(), nil)
			if err != nil {
				return nil, 0, false, err
			}
			lists[ti][si] = pl
			dfs[ti] += pl.Count()
		}
	}
	for ti, t := range terms {
		df := dfs[ti]
		card, has := stats.FieldCardinality[t.field]
		if !has || n == 0 {
			return nil, 0, false, nil
		}
		t.avg = math.Ceil(float64(card) / float64(n))
		idf := math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
		t.weight *= idf * idf
		t.bound = t.weight * search.BM25_k1
	}
	// MaxScore goes through the terms from the least they can add.
	order := make([]int, len(terms))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(terms[a].bound, terms[b].bound) })
	h := make(topDocs, 0, k)
	var base uint64
	bitmaps := make([]*roaring.Bitmap, 0, len(terms))
	cs := make([]cursor, len(terms))
	for si, s := range segs {
		if err := ctx.Err(); err != nil {
			return nil, 0, false, err
		}
		bitmaps = bitmaps[:0]
		live := cs[:0]
		var allow *roaring.Bitmap
		if only != nil {
			if allow = only[si]; allow.IsEmpty() {
				base += uint64(s.FullSize())
				continue // the filters keep none of the segment
			}
		}
		for _, ti := range order {
			pl := lists[ti][si]
			if pl.Count() == 0 {
				continue
			}
			it := pl.Iterator(true, true, false, nil)
			bm, isOpt := postingsBitmap(it)
			if !isOpt {
				return nil, 0, false, nil
			}
			bitmaps = append(bitmaps, bm)
			c := cursor{t: terms[ti], it: it}
			if err := c.next(); err != nil {
				return nil, 0, false, err
			}
			if !c.end {
				live = append(live, c)
			}
		}
		switch {
		case len(bitmaps) == 0:
		case allow != nil:
			total += roaring.FastOr(bitmaps...).AndCardinality(allow)
		case len(bitmaps) == 1:
			total += bitmaps[0].GetCardinality()
		default:
			total += roaring.FastOr(bitmaps...).GetCardinality()
		}
		if err := scoreSegment(ctx, live, len(terms), base, k, allow, &h); err != nil {
			return nil, 0, false, err
		}
		base += uint64(s.FullSize())
	}
	top = make([]docScore, len(h))
	for i := len(h) - 1; i >= 0; i-- {
		top[i] = heap.Pop(&h).(docScore)
	}
	return top, total, true, nil
}

// cancelEvery is how many passages a segment's scoring goes through
// between looks at its context (Bleve's collector looks every 1,024).
const cancelEvery = 1024

// scoreSegment runs MaxScore over one segment's cursors (in ascending
// order of their bounds), adding what beats the k best to h; only the
// passages in allow (local numbers) when it is not nil. of is the
// number of terms in the disjunction, for Bleve's coord factor (a
// passage's score is the sum of its terms' times the share of the
// query's terms it holds).
func scoreSegment(ctx context.Context, cs []cursor, of int, base uint64, k int, allow *roaring.Bitmap, h *topDocs) error {
	if len(cs) == 0 {
		return nil
	}
	// prefix[i] is the bound of cs[:i] together.
	prefix := make([]float64, len(cs)+1)
	for i, c := range cs {
		prefix[i+1] = prefix[i] + c.t.bound
	}
	coord := func(sum float64, matched int) float64 { return sum * float64(matched) / float64(of) }
	full := func() bool { return len(*h) >= k }
	threshold := func() float64 { return (*h)[0].score }
	// essential is the first cursor that must choose passages: a passage
	// holding only terms before it cannot beat the k-th.
	essential := 0
	settle := func() {
		if !full() {
			return
		}
		for essential < len(cs) && coord(prefix[essential+1], essential+1) <= threshold() {
			essential++
		}
	}
	settle()
	// what each term adds to the passage at hand, summed in one order
	// at the end so that identical passages score identically
	adds := make([]float64, len(cs))
	for n := 0; essential < len(cs); n++ {
		if n%cancelEvery == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		// the next passage any essential term holds
		num, found := uint64(math.MaxUint64), false
		for i := essential; i < len(cs); i++ {
			if !cs[i].end && cs[i].num < num {
				num, found = cs[i].num, true
			}
		}
		if !found {
			return nil
		}
		clear(adds)
		sum, matched := 0.0, 0
		allowed := allow == nil || allow.Contains(uint32(num))
		for i := essential; i < len(cs); i++ {
			c := &cs[i]
			if !c.end && c.num == num {
				if allowed {
					adds[i] = c.score()
					sum += adds[i]
					matched++
				}
				if err := c.next(); err != nil {
					return err
				}
			}
		}
		if !allowed {
			continue
		}
		// the others, from the most they can add, while they can still
		// lift the passage above the k-th
		for i := essential - 1; i >= 0; i-- {
			if full() && coord(sum+prefix[i+1], matched+i+1) <= threshold() {
				break
			}
			c := &cs[i]
			if err := c.advance(num); err != nil {
				return err
			}
			if !c.end && c.num == num {
				adds[i] = c.score()
				sum += adds[i]
				matched++
			}
		}
		sum = 0
		for _, a := range adds {
			sum += a
		}
		d := docScore{num: base + num, score: coord(sum, matched)}
		switch {
		case !full():
			heap.Push(h, d)
			settle()
		case d.score > threshold():
			(*h)[0] = d
			heap.Fix(h, 0)
			settle()
		}
	}
	return nil
}

// firstByMaxScore is the first pass by maxScoreTop over r: the document
// numbers in r of the k passages matching filters best for the
// disjunction of cls, best first, and how many hold any. ok is false
// when r cannot be read this way (not a scorch snapshot, no BM25
// statistics, no clauses, a filter keeping few passages); the caller
// asks Bleve.
func (ix *Index) firstByMaxScore(ctx context.Context, r indexReader, cls []clause, filters []termFilter, k int) (nums []uint64, total uint64, ok bool, err error) {
	if len(cls) == 0 || k <= 0 || !useMaxScore {
		return nil, 0, false, nil
	}
	stats := ix.bm25Stats()
	snap, isSnap := r.(*scorch.IndexSnapshot)
	if stats == nil || !isSnap {
		return nil, 0, false, nil
	}
	var only []*roaring.Bitmap
	if len(filters) > 0 {
		if only, ok, err = filtered(snap, filters); err != nil || !ok {
			return nil, 0, false, err
		}
		// Bleve's conjunction skips from one passage the filters keep to
		// the next: for a filter keeping few passages (an outlet, last
		// week) that beats reading the terms' postings
		var kept, held uint64
		for _, bm := range only {
			kept += bm.GetCardinality()
		}
		for _, c := range cls {
			held += c.df
		}
		if selectiveFilter > 0 && kept*selectiveFilter < held {
			return nil, 0, false, nil
		}
	}
	terms := make([]*scoredTerm, len(cls))
	for i, c := range cls {
		terms[i] = &scoredTerm{field: c.field, term: c.term, weight: c.boost}
	}
	top, total, ok, err := maxScoreTop(ctx, snap, stats, terms, only, k)
	if err != nil || !ok {
		return nil, 0, ok, err
	}
	nums = make([]uint64, len(top))
	for i, d := range top {
		nums[i] = d.num
	}
	return nums, total, true, nil
}

// selectiveFilter is how many times fewer passages than the clauses'
// postings a filter keeps for Bleve's conjunction to choose them
// faster: at 100,000 articles, a filter of one outlet took 2.6 ms there
// against 4.0 by MaxScore, one of half the corpus 712 ms against 73. A
// variable so that a test can have MaxScore take every filter (0).
var selectiveFilter uint64 = 8

// useMaxScore turns the MaxScore first pass on; a variable only so that
// tests and TestScale can compare it with Bleve's.
var useMaxScore = true

// docNumQuery matches the passages of the given document numbers of one
// reader (ascending), scoring nothing: the second pass's restriction to
// the first pass's choice, without looking each id up in every
// segment's dictionary as Bleve's DocIDQuery does (at 100,000 articles,
// 55 segments, that lookup was a fifth of a search).
type docNumQuery struct{ nums []uint64 }

func (q docNumQuery) Searcher(context.Context, index.IndexReader, mapping.IndexMapping, search.SearcherOptions) (search.Searcher, error) {
	return &docNumSearcher{nums: q.nums}, nil
}

type docNumSearcher struct {
	nums []uint64
	next int
}

func (s *docNumSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if s.next >= len(s.nums) {
		return nil, nil
	}
	d := ctx.DocumentMatchPool.Get()
	d.IndexInternalID = index.NewIndexInternalID(d.IndexInternalID, s.nums[s.next])
	s.next++
	return d, nil
}

func (s *docNumSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	num := id.Value()
	s.next += sort.Search(len(s.nums)-s.next, func(i int) bool { return s.nums[s.next+i] >= num })
	return s.Next(ctx)
}

func (s *docNumSearcher) Close() error               { return nil }
func (s *docNumSearcher) Weight() float64            { return 0 } // out of the query norm
func (s *docNumSearcher) SetQueryNorm(float64)       {}
func (s *docNumSearcher) Count() uint64              { return uint64(len(s.nums)) }
func (s *docNumSearcher) Min() int                   { return 0 }
func (s *docNumSearcher) Size() int                  { return 48 + 8*len(s.nums) }
func (s *docNumSearcher) DocumentMatchPoolSize() int { return 1 }

// postingsBitmap is the bitmap of the passages a postings iterator
// will visit, deleted ones left out; ok is false for an iterator of a
// kind that does not tell. It must not be changed: it may be the
// segment's own.
func postingsBitmap(it segment.PostingsIterator) (bm *roaring.Bitmap, ok bool) {
	opt, ok := it.(segment.OptimizablePostingsIterator)
	if !ok {
		return nil, false
	}
	// a term one passage of the segment holds is kept as that passage's
	// number alone, without a bitmap
	if num, one := opt.DocNum1Hit(); one {
		return roaring.BitmapOf(uint32(num)), true
	}
	if bm = opt.ActualBitmap(); bm == nil {
		return roaring.New(), true
	}
	return bm, true
}

// filtered are the passages of snap matching every filter, as a bitmap
// of local document numbers per segment: the union of each filter's
// terms' postings, intersected, read from the postings' bitmaps alone
// (a filter on a publisher of half the corpus costs no more than one of
// a few articles).
func filtered(snap *scorch.IndexSnapshot, filters []termFilter) (only []*roaring.Bitmap, ok bool, err error) {
	segs := snap.Segments()
	only = make([]*roaring.Bitmap, len(segs))
	for si, s := range segs {
		var in *roaring.Bitmap
		for _, f := range filters {
			d, err := s.Segment().Dictionary(f.field)
			if err != nil {
				return nil, false, err
			}
			held := roaring.New()
			for _, t := range f.terms {
				pl, err := d.PostingsList([]byte(t), s.Deleted(), nil)
				if err != nil {
					return nil, false, err
				}
				if pl.Count() == 0 {
					continue
				}
				bm, isOpt := postingsBitmap(pl.Iterator(false, false, false, nil))
				if !isOpt {
					return nil, false, nil
				}
				held.Or(bm)
			}
			if in == nil {
				in = held
			} else {
				in.And(held)
			}
		}
		only[si] = in
	}
	return only, true, nil
}

// searchReader runs q on r as Bleve's SearchInContext would with the
// index's BM25 statistics (the scoring model and statistics it puts in
// the context), the size best hits with their term locations: the second
// pass on the reader the first pass numbered passages in.
func (ix *Index) searchReader(ctx context.Context, r indexReader, q query.Query, size int) (search.DocumentMatchCollection, error) {
	ctx = context.WithValue(ctx, search.GetScoringModelCallbackKey,
		search.GetScoringModelCallbackFn(func() string { return index.BM25Scoring }))
	if s := ix.bm25Stats(); s != nil {
		ctx = context.WithValue(ctx, search.BM25StatsKey, s)
	}
	sr, err := q.Searcher(ctx, r, ix.m, search.SearcherOptions{IncludeTermVectors: true})
	if err != nil {
		return nil, err
	}
	defer sr.Close()
	coll := collector.NewTopNCollector(size, 0, search.SortOrder{&search.SortScore{Desc: true}})
	if err := coll.Collect(ctx, sr, r); err != nil {
		return nil, err
	}
	return coll.Results(), nil
}
