package index

import (
	"context"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"
	zap "github.com/blevesearch/zapx/v17"

	"talkbot/corpus"
)

// maxScoreQuestions mix rare and common words, synonyms, names read as
// actors or speakers, and repeated words, so that MaxScore both prunes
// and keeps clauses.
var maxScoreQuestions = []string{
	"who pledged troops for Ukraine",
	"what did Starmer say about the coalition of the willing",
	"how many soldiers would Europe deploy",
	"when did Trump meet Putin in Alaska",
	"Macron Paris Macron reassurance force",
	"the the said said",
	"minesweepers Black Sea ceasefire",
	"Norway defence minister Tore Sandvik",
	"security guarantees United States Washington America",
	"zzzqqq",
}

// The MaxScore first pass chooses the passages Bleve's disjunction
// ranks first, in its order, and counts the same matching passages, on
// an index of several segments with deleted passages (live updates
// that add and replace articles). Ties (identical scores) may come in
// another order only within the tie.
func TestMaxScoreChoosesAsBleve(t *testing.T) {
	ctx := context.Background()
	dir := copyBundled(t)
	ix, err := OpenSource(ctx, corpus.SourceOf(dir), Options{Dir: t.TempDir(), Live: true, NoResultCache: true})
	if err != nil {
		t.Fatal(err)
	}
	ix = addLiveArticle(t, ix, dir, "2026-02-01-fjord-post-norway.md", "zanzibarite")
	ix = addLiveArticle(t, ix, dir, "2026-02-02-fjord-post-norway.md", "quokkalite")
	// removing a bundled article deletes passages of the first segment
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	next, err := ix.Update(ctx, []Change{writeChange(t, dir, ents[0].Name(), nil)})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	ix = next
	defer ix.Close()

	r, err := ix.reader()
	if err != nil {
		t.Fatal(err)
	}
	snap := r.(*scorch.IndexSnapshot)
	deleted := uint64(0)
	for _, s := range snap.Segments() {
		if d := s.Deleted(); d != nil {
			deleted += d.GetCardinality()
		}
	}
	if len(snap.Segments()) < 2 || deleted == 0 {
		t.Fatalf("want several segments and deletions: %d segments, %d deleted", len(snap.Segments()), deleted)
	}
	_ = r.Close()

	r, err = ix.reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var sets [][]clause
	for _, q := range maxScoreQuestions {
		_, _, cls, _, err := ix.queryClauses(ctx, r, q)
		if err != nil {
			t.Fatal(err)
		}
		sets = append(sets, cls)
	}
	// terms one passage holds, alone and beside a common one
	term := func(field, t string) clause { return clause{field: field, term: t, boost: 1} }
	var once []clause
	for _, field := range []string{fText, fSpeaker, fActor} {
		fd, err := r.FieldDict(field)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for e, err := fd.Next(); err == nil && e != nil && n < 3; e, err = fd.Next() {
			if e.Count == 1 {
				once = append(once, term(field, e.Term))
				n++
			}
		}
		_ = fd.Close()
	}
	if len(once) < 6 {
		t.Fatalf("only %d terms held once", len(once))
	}
	sets = append(sets, once[:1], once, append([]clause{term(fText, "said")}, once[2:5]...))
	// filters MaxScore takes however few passages they keep
	defer func(s uint64) { selectiveFilter = s }(selectiveFilter)
	selectiveFilter = 0
	pubs := ix.Publishers()
	filterSets := [][]termFilter{
		{{field: fSource, terms: []string{strings.ToLower(pubs[0])}}},
		{{field: fSource, terms: []string{strings.ToLower(pubs[0]), strings.ToLower(pubs[1]), strings.ToLower(pubs[2])}}},
		{{field: fPublished, terms: ix.publishedTerms(time.Date(2025, 7, 20, 0, 0, 0, 0, time.UTC), time.Time{})}},
		{{field: fSource, terms: []string{strings.ToLower(pubs[0]), strings.ToLower(pubs[1])}},
			{field: fPublished, terms: ix.publishedTerms(time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC), time.Time{})}},
		{{field: fSource, terms: nil}},
	}
	for si, cls := range sets {
		q := fmt.Sprint(si)
		if si < len(maxScoreQuestions) {
			q = maxScoreQuestions[si]
		}
		if len(cls) == 0 {
			continue
		}
		// Bleve's ranking of every matching passage, for the scores of
		// passages in a tie
		all, err := ix.bi.SearchInContext(ctx, ix.withBM25(bleve.NewSearchRequestOptions(disjunction(cls), 10000, 0, false)))
		if err != nil {
			t.Fatal(err)
		}
		score := map[string]float64{}
		for _, h := range all.Hits {
			score[h.ID] = h.Score
		}
		// with filters (Bleve's first pass is their conjunction, scoring
		// nothing for the filters): the same passages, the same count,
		// whether the window holds all they keep or not
		for fi, f := range filterSets {
			for _, k := range []int{3, 10, 30, 1000} {
				nums, total, ok, err := ix.firstByMaxScore(ctx, r, cls, f, k)
				if err != nil || !ok {
					t.Fatalf("%q filtered: ok %v, err %v", q, ok, err)
				}
				sr, err := ix.bi.SearchInContext(ctx, ix.withBM25(bleve.NewSearchRequestOptions(withFilters(disjunction(cls), filterQueries(f)), k, 0, false)))
				if err != nil {
					t.Fatal(err)
				}
				var want, got []string
				for _, h := range sr.Hits {
					want = append(want, h.ID)
				}
				for _, num := range nums {
					id, _ := r.ExternalID(bindex.NewIndexInternalID(nil, num))
					got = append(got, id)
				}
				slices.Sort(want)
				slices.Sort(got)
				if total != sr.Total || !slices.Equal(got, want) {
					t.Errorf("%q filtered by %v, k=%d: %v of %d, Bleve %v of %d", q, filterSets[fi], k, got, total, want, sr.Total)
				}
			}
		}
		for _, k := range []int{1, 2, 3, 5, 10, 40, 1000} {
			nums, total, ok, err := ix.firstByMaxScore(ctx, r, cls, nil, k)
			if err != nil || !ok {
				t.Fatalf("%q k=%d: ok %v, err %v", q, k, ok, err)
			}
			ids := make([]string, len(nums))
			for i, num := range nums {
				if ids[i], err = r.ExternalID(bindex.NewIndexInternalID(nil, num)); err != nil {
					t.Fatal(err)
				}
			}
			if total != all.Total {
				t.Errorf("%q k=%d: total %d, Bleve %d", q, k, total, all.Total)
			}
			want := min(k, len(all.Hits))
			if len(ids) != want {
				t.Errorf("%q k=%d: %d ids, want %d", q, k, len(ids), want)
				continue
			}
			for i, id := range ids {
				got, in := score[id]
				if !in {
					t.Errorf("%q k=%d: #%d %s matches nothing", q, k, i+1, id)
					continue
				}
				if b := all.Hits[i].Score; math.Abs(got-b) > 1e-9*math.Abs(b) {
					t.Errorf("%q k=%d: #%d is %s (Bleve's score %.6f), Bleve ranks %s (%.6f) there", q, k, i+1, id, got, all.Hits[i].ID, b)
				}
			}
		}
	}
}

// A search whose first pass runs as MaxScore, its second on document
// numbers, ranks and scores as one whose passes both run through Bleve's
// collector, on every development question.
func TestMaxScoreSearchAsBleve(t *testing.T) {
	ix := openBundled(t)
	defer func(u bool) { useMaxScore = u }(useMaxScore)
	var qs []string
	for _, path := range []string{"../testdata/eval/dev.json", "../testdata/eval/search_extra.json"} {
		for _, c := range loadCases(t, path) {
			qs = append(qs, c.Q)
		}
	}
	search := func(q Query, maxScore bool) Result {
		useMaxScore = maxScore
		res, err := ix.search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	// filters that leave fewer passages than the first window, where
	// both first passes choose every match (MaxScore's leaves the
	// filters' own scores out of choosing)
	filters := []Query{{}, {Publisher: ix.Publishers()[0]},
		{From: time.Date(2025, 8, 17, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 8, 20, 0, 0, 0, 0, time.UTC)}}
	found := make([]int, len(filters))
	for _, text := range append(qs, maxScoreQuestions...) {
		for fi, f := range filters {
			q := f
			q.Text, q.Limit = text, 10
			a, b := search(q, false), search(q, true)
			if len(b.Hits) > 0 {
				found[fi]++
			}
			if a.Total != b.Total || len(a.Hits) != len(b.Hits) {
				t.Errorf("%+v: Bleve %d hits of %d, MaxScore %d of %d", q, len(a.Hits), a.Total, len(b.Hits), b.Total)
				continue
			}
			for i := range a.Hits {
				if a.Hits[i].Passage.ID != b.Hits[i].Passage.ID || math.Abs(a.Hits[i].Score-b.Hits[i].Score) > 1e-9*a.Hits[i].Score ||
					a.Hits[i].Highlighted != b.Hits[i].Highlighted {
					t.Errorf("%+v #%d: Bleve %s %.6f, MaxScore %s %.6f", q, i+1, a.Hits[i].Passage.ID, a.Hits[i].Score, b.Hits[i].Passage.ID, b.Hits[i].Score)
				}
			}
		}
	}
	for fi, n := range found {
		if n < 10 {
			t.Errorf("filter %+v: only %d questions found anything", filters[fi], n)
		}
	}
}

// docNumSearcher's Advance lands on the first number at or after the
// one asked for, from where it stands.
func TestDocNumSearcherAdvance(t *testing.T) {
	s := &docNumSearcher{nums: []uint64{3, 7, 8, 20}}
	ctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(4, 0)}
	at := func(d *search.DocumentMatch, err error) int64 {
		if err != nil {
			t.Fatal(err)
		}
		if d == nil {
			return -1
		}
		return int64(d.IndexInternalID.Value())
	}
	id := func(n uint64) bindex.IndexInternalID { return bindex.NewIndexInternalID(nil, n) }
	for _, step := range []struct {
		advance uint64
		want    int64
	}{{7, 7}, {7, 8}, {9, 20}, {21, -1}} {
		if got := at(s.Advance(ctx, id(step.advance))); got != step.want {
			t.Errorf("advance to %d: at %d, want %d", step.advance, got, step.want)
		}
	}
	s = &docNumSearcher{nums: []uint64{3, 7}}
	if got := at(s.Next(ctx)); got != 3 {
		t.Errorf("next: %d", got)
	}
}

// A term one passage of a merged segment holds, freq 1 and no
// locations, is kept as that passage's number alone, without a bitmap
// (zap's 1-hit encoding; every field here keeps term vectors today, so
// only a mapping change would bring it): postingsBitmap gives it as a
// bitmap all the same, and an iterator of no passages as an empty one.
func TestPostingsBitmap(t *testing.T) {
	it, err := zap.PostingsIteratorFrom1Hit(41, true, false)
	if err != nil {
		t.Fatal(err)
	}
	bm, ok := postingsBitmap(it)
	if !ok || bm.GetCardinality() != 1 || !bm.Contains(41) {
		t.Errorf("one hit: %v %v", bm, ok)
	}
	it, err = zap.PostingsIteratorFromBitmap(roaring.BitmapOf(3, 9, 70000), true, false)
	if err != nil {
		t.Fatal(err)
	}
	if bm, ok = postingsBitmap(it); !ok || bm.GetCardinality() != 3 || !bm.Contains(70000) {
		t.Errorf("bitmap: %v %v", bm, ok)
	}
	// read as a cursor, the one hit is a posting of freq 1, and
	// advancing reaches it or the end
	it, _ = zap.PostingsIteratorFrom1Hit(41, true, false)
	c := cursor{it: it, t: &scoredTerm{weight: 1, avg: 10}}
	if err := c.next(); err != nil || c.end || c.num != 41 || c.tf != 1 {
		t.Errorf("cursor on one hit: %+v %v", c, err)
	}
	if err := c.next(); err != nil || !c.end {
		t.Errorf("cursor past one hit: %+v %v", c, err)
	}
	for _, to := range []uint64{40, 41} {
		it, _ = zap.PostingsIteratorFrom1Hit(41, true, false)
		c = cursor{it: it}
		if err := c.advance(to); err != nil || c.end || c.num != 41 {
			t.Errorf("advance to %d on one hit: %+v %v", to, c, err)
		}
	}
	it, _ = zap.PostingsIteratorFrom1Hit(41, true, false)
	c = cursor{it: it}
	if err := c.advance(42); err != nil || !c.end {
		t.Errorf("advance past one hit: %+v %v", c, err)
	}
}

// On a corpus large enough to leave common clauses out of choosing
// (rareClauses, with a pool), MaxScore chooses as Bleve does: the
// bundled corpus, with the cut-offs lowered so that it is that large.
func TestMaxScorePrunedSearchAsBleve(t *testing.T) {
	ix := openBundled(t)
	defer func(u bool, m int, c float64, p, a int) {
		useMaxScore, minCommon, commonShare, candidatePool, annotationPool = u, m, c, p, a
	}(useMaxScore, minCommon, commonShare, candidatePool, annotationPool)
	minCommon, commonShare, candidatePool, annotationPool = 5, 0.01, 12, 12
	var qs []string
	for _, path := range []string{"../testdata/eval/dev.json", "../testdata/eval/search_extra.json"} {
		for _, c := range loadCases(t, path) {
			qs = append(qs, c.Q)
		}
	}
	pruned := 0
	for _, text := range append(qs, maxScoreQuestions...) {
		q := Query{Text: text, Limit: 5}
		if r, err := ix.reader(); err == nil {
			if _, _, cls, n, err := ix.queryClauses(context.Background(), r, text); err == nil {
				if _, p := rareClauses(cls, n); p {
					pruned++
				}
			}
			_ = r.Close()
		}
		useMaxScore = false
		a, err := ix.search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		useMaxScore = true
		b, err := ix.search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if a.Total != b.Total || len(a.Hits) != len(b.Hits) {
			t.Errorf("%q: Bleve %d hits of %d, MaxScore %d of %d", text, len(a.Hits), a.Total, len(b.Hits), b.Total)
			continue
		}
		for i := range a.Hits {
			if a.Hits[i].Passage.ID != b.Hits[i].Passage.ID {
				t.Errorf("%q #%d: Bleve %s, MaxScore %s", text, i+1, a.Hits[i].Passage.ID, b.Hits[i].Passage.ID)
			}
		}
	}
	if pruned < len(qs)/2 {
		t.Errorf("only %d of %d questions left a clause out: the cut-offs did not make the corpus large", pruned, len(qs))
	}
}

// Searches at once on one index, filtered and not, give what each gives
// alone (run with -race, as CI does).
func TestMaxScoreConcurrentSearches(t *testing.T) {
	ix := openBundled(t)
	var qs []Query
	for _, text := range maxScoreQuestions {
		qs = append(qs, Query{Text: text, Limit: 10}, Query{Text: text, Limit: 10, From: time.Date(2025, 7, 20, 0, 0, 0, 0, time.UTC)},
			Query{Text: text, Limit: 10, Publisher: ix.Publishers()[0]})
	}
	want := make([]Result, len(qs))
	for i, q := range qs {
		var err error
		if want[i], err = ix.search(context.Background(), q); err != nil {
			t.Fatal(err)
		}
	}
	errs := make(chan string, 4)
	for range 4 {
		go func() {
			for range 3 {
				for i, q := range qs {
					got, err := ix.search(context.Background(), q)
					if err != nil || got.Total != want[i].Total || len(got.Hits) != len(want[i].Hits) {
						errs <- fmt.Sprintf("%+v: %d hits of %d (%v), alone %d of %d", q, len(got.Hits), got.Total, err, len(want[i].Hits), want[i].Total)
						return
					}
					for j := range got.Hits {
						if got.Hits[j].Passage.ID != want[i].Hits[j].Passage.ID {
							errs <- fmt.Sprintf("%+v #%d: %s, alone %s", q, j+1, got.Hits[j].Passage.ID, want[i].Hits[j].Passage.ID)
							return
						}
					}
				}
			}
			errs <- ""
		}()
	}
	for range 4 {
		if e := <-errs; e != "" {
			t.Error(e)
		}
	}
}
