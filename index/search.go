package index

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"talkbot/corpus"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

const (
	defaultLimit = 5
	maxLimit     = 100
	// maxQueryBytes bounds the work one query can cause; the rest of a
	// longer input is ignored.
	maxQueryBytes = 1000
)

// Reranking weights and windows, measured in docs/tuning.md. They are
// variables only so that an experiment can try others.
var (
	// firstWindow is how many hits a search re-ranks first (more when
	// de-duplication leaves too few for the page).
	firstWindow = 30
	// Reranking weights: how much an exact or near phrase and a match in
	// the article title add to the BM25 score (as fractions of it).
	weightProximity = 0.6
	weightTitle     = 0.15
	// weightAnswer is what holding the kind of answer the question asks
	// for, next to its words, adds (answerNear).
	weightAnswer = 0.5
	// answerMissing multiplies the score of a passage holding no word of
	// the strict kinds a question asks for (strictKinds).
	answerMissing = 0.5
	// weightWindow is what holding the question's concepts within a
	// clause adds (windowCoverage).
	weightWindow = 0.5
	// weightBound is what an answer of the kind asked for that belongs
	// to something the question names adds (boundCoverage).
	weightBound = 1.0
	// coverageExponent sets how much matching fewer of the query's
	// concepts costs: the score is multiplied by coverage^exponent. On a
	// large corpus many passages match part of a question strongly (a
	// short one repeating "Russia" and "Ukraine"); 2.5 lets the passage
	// that answers all of it ("Moscow ... occupying a fifth of Ukrainian
	// territory") win, where 1 and 2 did not.
	coverageExponent = 2.5
)

// Search returns the passages that best answer q. An index that cannot
// be read gives ErrDamaged, never a panic.
func (ix *Index) Search(ctx context.Context, q Query) (_ Result, err error) {
	defer ix.failed(ctx, &err)
	if ix.resultCache == nil {
		return ix.search(ctx, q)
	}
	if res, ok := ix.resultCache.Get(q); ok {
		return res.clone(), nil
	}
	res, err := ix.search(ctx, q)
	if err != nil {
		return Result{}, err
	}
	ix.resultCache.Put(q, res)
	return res.clone(), nil
}

// clone gives each caller its own Hits slice, so no caller can change
// what the cache holds.
func (r Result) clone() Result {
	r.Hits = append([]Hit(nil), r.Hits...)
	return r
}

func (ix *Index) search(ctx context.Context, q Query) (Result, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = defaultLimit
	}
	limit = min(limit, maxLimit)
	offset := max(q.Offset, 0)

	termFilters, ok := ix.filters(q)
	filters := filterQueries(termFilters)
	if !ok {
		return Result{}, nil // a publisher no article has
	}
	raw := strings.TrimSpace(truncate(q.Text, maxQueryBytes))

	r, err := ix.reader()
	if err != nil {
		return Result{}, err
	}
	defer r.Close()

	var res Result
	corrected := raw
	if raw != "" {
		if c, changed := ix.correctSpelling(ctx, r, raw); changed {
			corrected, res.Suggestion = c, c
		}
	}
	cs, termConcept, clauses, n, err := ix.queryClauses(ctx, r, corrected)
	if err != nil {
		return Result{}, err
	}
	if len(cs) == 0 {
		if len(filters) == 0 {
			return res, nil // nothing to search for
		}
		return ix.browse(ctx, filters, limit, offset)
	}
	full := withFilters(disjunction(clauses), filters)
	chosenBy, pool := clauses, 0
	if rare, pruned := rareClauses(clauses, n); pruned {
		chosenBy, pool = rare, candidatePool
		if onlyAnnotationsLeftOut(clauses, rare) {
			pool = annotationPool
		}
	}
	titleTerms := termSet(ix.textAn, corrected)
	wants := QuestionKinds(corrected)
	lastKept := 0
	rk := ranking{ix: ix, r: r, full: full, pool: pool, chosenBy: chosenBy, filters: termFilters}

	for want := max(firstWindow, 2*(offset+limit)); ; want = nextWindow(want, offset+limit, lastKept) {
		sr, err := rk.top(ctx, want)
		if err != nil {
			return Result{}, err
		}
		if err := addKindLocations(ctx, r, sr.Hits, wants); err != nil {
			return Result{}, err
		}
		for _, h := range sr.Hits {
			pos := conceptPositions(h, cs, termConcept)
			var matched map[int]bool // read only for a question asking a kind of answer
			if wants != 0 {
				matched = matchedPositions(pos)
			}
			near, holds := answerNear(h, wants, pos, matched)
			if strict(wants) && !holds {
				h.Score *= answerMissing
			}
			gain := 1 + weightProximity*proximity(cs, pos) + weightTitle*ix.titleMatch(h, titleTerms) +
				weightAnswer*near + weightWindow*windowCoverage(cs, pos)
			bound := 0.0
			for _, k := range boundKinds(wants) {
				bound = max(bound, boundCoverage(h, cs, pos, matched, k))
			}
			gain += weightBound * bound
			h.Score *= gain * coverageFactor(cs, pos, annotationMatches(h, cs), ix.conceptsInTitle(h, len(cs), termConcept))
		}
		addNeighbourSupport(sr.Hits)
		// ties (identical passages) break by id so results are repeatable
		sort.SliceStable(sr.Hits, func(i, j int) bool {
			if sr.Hits[i].Score != sr.Hits[j].Score {
				return sr.Hits[i].Score > sr.Hits[j].Score
			}
			return sr.Hits[i].ID < sr.Hits[j].ID
		})
		hits, dups := ix.collect(sr.Hits, q.MaxPerArticle, offset+limit, true, r, rk.copies)
		lastKept = len(hits)
		if len(hits) >= offset+limit || uint64(len(sr.Hits)) >= sr.Total || want >= maxWindow {
			res.Total = int(sr.Total) - dups
			res.Hits = page(hits, offset, limit)
			break
		}
	}
	return res, nil
}

// queryClauses are the concepts of the question q, with their idf, and
// the term clauses that search for them in r, of n passages.
func (ix *Index) queryClauses(ctx context.Context, r indexReader, q string) (cs []concept, termConcept map[string][]int, clauses []clause, n uint64, err error) {
	cs, termConcept = ix.concepts(q)
	if len(cs) == 0 {
		return nil, nil, nil, 0, nil
	}
	n, err = r.DocCount()
	if err != nil {
		return nil, nil, nil, 0, fmt.Errorf("search: %w", err)
	}
	boosts := make([]float64, len(cs))
	for i := range cs {
		cs[i].idf = conceptIDF(ctx, r, n, cs[i])
		if cs[i].syn != "" {
			boosts[i] = synBoost(ctx, r, n, cs[i])
		}
	}
	return cs, termConcept, textClauses(ctx, r, n, cs, boosts), n, nil
}

// maxWindow bounds how many hits one search ranks to fill a page.
const maxWindow = 1600

// nextWindow sizes the next, larger ranking window when de-duplication
// and the per-article cap left fewer than need hits out of want: grown in
// proportion to what was lost (syndicated copies of one story can fill a
// window many times over), so one more pass usually suffices.
func nextWindow(want, need, kept int) int {
	grow := 2
	if kept > 0 && need > kept {
		grow = max(grow, 2*need/kept+1)
	} else if kept == 0 {
		grow = 8
	}
	return min(maxWindow, want*grow)
}

// annotationPool is the candidate pool when only annotation clauses were
// left out of choosing candidates: they add a share of a word to a
// passage's score, so the full query's best are among the rare clauses'
// first hundred, and re-scoring 400 passages with their locations cost
// a tenth of such a search.
var annotationPool = 100

// onlyAnnotationsLeftOut reports whether every clause missing from rare
// is an annotation clause.
func onlyAnnotationsLeftOut(all, rare []clause) bool {
	left := len(all) - len(rare)
	for _, c := range all {
		if c.annotation {
			left--
		}
	}
	for _, c := range rare {
		if c.annotation {
			left++
		}
	}
	return left == 0
}

// candidatePool is how many passages the rare clauses choose for the
// full query to score when common clauses were left out (rareClauses);
// a variable only so that TestScale can try others.
var candidatePool = 400

// ranking finds the best hits of one search by BM25 with their term
// locations (for proximity, coverage and highlighting). Asking Bleve for
// locations makes it decode them for every matching passage, which on a
// large corpus costs more than the search itself; so a first pass ranks
// candidates without them and a second scores the best alone, with
// locations, by the full query. When chosenBy is every clause the passes
// agree; otherwise the first ranks max(want, pool) passages by the rare
// clauses and the second puts them in the full query's order.
type ranking struct {
	ix   *Index
	r    indexReader // the search's, for MaxScore's document numbers
	full query.Query
	pool int
	// The first pass chooses among the passages the filters keep by the
	// disjunction of chosenBy: as MaxScore (maxScoreTop) where the index
	// allows, else through Bleve's collector.
	chosenBy []clause
	filters  []termFilter

	// The first pass of the last window, kept while the window grows
	// within it: on a corpus full of syndicated copies, de-duplication
	// sends a search back for a larger window, and the candidates the
	// rare clauses choose are the same each time. With byNumber, nums
	// are the document numbers in r that MaxScore chose (ascending);
	// else ids are the passage ids Bleve's collector chose.
	firstSize int
	total     uint64
	byNumber  bool
	nums      []uint64
	ids       []string
	// copies are the exact copies folded into each candidate after
	// MaxScore, by document number in r (copies.go).
	copies map[uint64][]uint64
}

// top returns the want best hits (the second pass), running the first
// pass again only when the window outgrows it.
func (r *ranking) top(ctx context.Context, want int) (*bleve.SearchResult, error) {
	if size := max(want, r.pool); r.firstSize == 0 || size != r.firstSize {
		if err := r.choose(ctx, size); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
	}
	if r.byNumber {
		if len(r.nums) == 0 {
			return &bleve.SearchResult{Total: r.total}, nil
		}
		q := query.NewConjunctionQuery([]query.Query{r.full, docNumQuery{r.nums}})
		hits, err := r.ix.searchReader(ctx, r.r, q, want)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		return &bleve.SearchResult{Total: r.total, Hits: hits}, nil
	}
	if len(r.ids) == 0 {
		return &bleve.SearchResult{Total: r.total}, nil
	}
	// A boost of 0 keeps the id clause out of the score and out of the
	// query norm, so the second pass scores exactly as the full query
	// does on its own.
	only := query.NewDocIDQuery(r.ids)
	only.SetBoost(0)
	req := bleve.NewSearchRequestOptions(query.NewConjunctionQuery([]query.Query{r.full, only}), want, 0, false)
	req.IncludeLocations = true
	second, err := r.ix.bi.SearchInContext(ctx, r.ix.withBM25(req))
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	second.Total = r.total
	return second, nil
}

// choose runs the first pass for the size best candidates: MaxScore on
// the search's reader where it can run, else Bleve's collector.
func (r *ranking) choose(ctx context.Context, size int) error {
	r.firstSize = size
	nums, total, ok, err := r.ix.firstByMaxScore(ctx, r.r, r.chosenBy, r.filters, size)
	if err != nil {
		return err
	}
	if ok {
		var copies map[uint64][]uint64
		if snap, isSnap := r.r.(*scorch.IndexSnapshot); isSnap && foldCopies {
			nums, copies = foldByText(snap, nums)
		}
		slices.Sort(nums)
		r.byNumber, r.nums, r.ids, r.total, r.copies = true, nums, nil, total, copies
		return nil
	}
	r.copies = nil
	candidates := withFilters(disjunction(r.chosenBy), filterQueries(r.filters))
	first, err := r.ix.bi.SearchInContext(ctx, r.ix.withBM25(bleve.NewSearchRequestOptions(candidates, size, 0, false)))
	if err != nil {
		return err
	}
	r.byNumber, r.nums, r.total = false, nil, first.Total
	r.ids = make([]string, len(first.Hits))
	for i, h := range first.Hits {
		r.ids[i] = h.ID
	}
	return nil
}

// browse lists the passages matching filters alone: newest article
// first, then in article order.
func (ix *Index) browse(ctx context.Context, filters []query.Query, limit, offset int) (Result, error) {
	var q query.Query = filters[0]
	if len(filters) > 1 {
		q = query.NewConjunctionQuery(filters)
	}
	for want := max(20, 2*(offset+limit)); ; want *= 2 {
		req := bleve.NewSearchRequestOptions(q, want, 0, false)
		req.SortBy([]string{"-" + fDay, fArticle, fSeq})
		sr, err := ix.bi.SearchInContext(ctx, req)
		if err != nil {
			return Result{}, fmt.Errorf("search: %w", err)
		}
		hits, dups := ix.collect(sr.Hits, 0, offset+limit, false, nil, nil)
		if len(hits) >= offset+limit || uint64(len(sr.Hits)) >= sr.Total || want >= 1600 {
			return Result{Total: int(sr.Total) - dups, Hits: page(hits, offset, limit)}, nil
		}
	}
}

func page(hits []Hit, offset, limit int) []Hit {
	if offset >= len(hits) {
		return nil
	}
	return hits[offset:min(len(hits), offset+limit)]
}

// collect turns Bleve hits into Hits, loading stored fields only for the
// hits it examines, dropping near-duplicates and hits over the
// per-article cap, until n are kept; dups counts the near-duplicates seen.
// A hit's copies (by document number in r, when r is not nil) name their
// outlets on the hit that shows it and count as near-duplicates.
func (ix *Index) collect(in search.DocumentMatchCollection, perArticle, n int, mark bool, r indexReader, copies map[uint64][]uint64) (hits []Hit, dups int) {
	var seen []dupKey
	// Copies with the very same text (syndication) are most duplicates
	// and need no key: on a 10,000-article corpus the keys cost a tenth
	// of a search.
	seenText := map[string]int{} // text → its index in seen
	// kept[i] is the hit that shows seen[i] (-1: over the per-article
	// cap): a copy dropped names its outlet there (outlets.go)
	var kept []int
	perArt := map[string]int{}
	var hp *hitPassages
	if r != nil {
		hp = ix.hitPassagesIn(r)
	} else {
		hp = ix.hitPassages()
	}
	defer hp.close()
	// the copies folded into a hit name their outlets on the hit that
	// shows it
	nameCopies := func(folded []uint64, shownBy int) {
		for _, num := range folded {
			dups++
			if c, ok := hp.numbered(num); ok {
				ix.nameOutlet(hits, shownBy, c)
			}
		}
	}
	// capped[i]: copies of seen[i]'s text in articles over the cap while
	// no hit shows it; the hit that comes to show it names their outlets
	capped := map[int][]corpus.Passage{}
	for _, h := range in {
		if len(hits) >= n {
			break
		}
		p, ok := hp.of(h)
		if !ok {
			continue
		}
		var folded []uint64
		if len(copies) > 0 && len(h.IndexInternalID) == 8 {
			folded = copies[h.IndexInternalID.Value()]
		}
		i, dup := seenText[p.Text]
		if !dup {
			k := newDupKey(p.Text)
			if i = k.dupIndex(seen); i >= 0 {
				dup = true
			} else {
				i = len(seen)
				seen = append(seen, k)
				kept = append(kept, -1)
			}
			seenText[p.Text] = i
		}
		if dup && kept[i] >= 0 {
			dups++
			ix.nameOutlet(hits, kept[i], p)
			nameCopies(folded, kept[i])
			continue
		}
		if perArticle > 0 && perArt[p.ArticleID] >= perArticle {
			// a copy in another article shows the text instead, as a
			// later copy would have had it not been folded
			alt, ok := corpus.Passage{}, false
			for _, num := range folded {
				if c, found := hp.numbered(num); found {
					if !ok && perArt[c.ArticleID] < perArticle {
						alt, ok = c, true
						continue
					}
					capped[i] = append(capped[i], c)
				}
			}
			capped[i] = append(capped[i], p)
			if !ok {
				dups += len(folded)
				continue
			}
			dups += len(folded) - 1
			p, folded = alt, nil
		}
		kept[i] = len(hits)
		perArt[p.ArticleID]++
		hl := p.Text
		if mark {
			hl = highlight(p.Text, h.Locations)
		}
		a, _ := ix.Article(p.ArticleID)
		hits = append(hits, Hit{Passage: p, Article: a, Highlighted: hl, Score: h.Score})
		for _, c := range capped[i] {
			ix.nameOutlet(hits, kept[i], c)
		}
		delete(capped, i)
		nameCopies(folded, kept[i])
	}
	return hits, dups
}

// filters turns the query's filters into Bleve queries; ok is false when
// the publisher filter matches no article at all.
func (ix *Index) filters(q Query) (fs []termFilter, ok bool) {
	if strings.TrimSpace(q.Publisher) != "" {
		f := termFilter{field: fSource}
		for _, s := range ix.MatchingPublishers(q.Publisher) {
			f.terms = append(f.terms, strings.ToLower(s))
		}
		if len(f.terms) == 0 {
			return nil, false
		}
		fs = append(fs, f)
	}
	if !q.From.IsZero() || !q.To.IsZero() {
		fs = append(fs, termFilter{field: fPublished, terms: ix.publishedTerms(q.From, q.To)})
	}
	for _, kv := range [][2]string{{fActor, q.Actor}, {fSpeaker, q.Speaker}} {
		if v := strings.ToLower(strings.TrimSpace(kv[1])); v != "" {
			fs = append(fs, termFilter{field: kv[0], terms: []string{v}})
		}
	}
	return fs, true
}

// A termFilter keeps the passages holding any of its terms in its field
// (none when it has no terms): a publisher, a date range as the day,
// month and year terms that cover it, an actor or a speaker.
type termFilter struct {
	field string
	terms []string
}

// query matches what f keeps, scoring nothing: a filter restricts, it
// does not rank (a passage found through a day term of a date filter
// scored above one found through its year term, a rare publisher above
// a common one), and MaxScore's first pass leaves filters out of the
// scores it compares.
func (f termFilter) query() query.Query {
	if len(f.terms) == 0 {
		return query.NewMatchNoneQuery()
	}
	qs := make([]query.Query, len(f.terms))
	for i, t := range f.terms {
		tq := query.NewTermQuery(t)
		tq.SetField(f.field)
		tq.SetBoost(0)
		qs[i] = tq
	}
	return query.NewDisjunctionQuery(qs)
}

func filterQueries(fs []termFilter) []query.Query {
	qs := make([]query.Query, len(fs))
	for i, f := range fs {
		qs[i] = f.query()
	}
	return qs
}

func (ix *Index) reader() (indexReader, error) { return readerOf(ix.bi) }

// readerOf is a reader of bi's current contents; close it.
func readerOf(bi bleve.Index) (indexReader, error) {
	adv, err := bi.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	if r == nil {
		return nil, errors.New("index closed")
	}
	return r, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }

// titleMatch is the fraction of the query's stems found in the title of
// the hit's article.
func (ix *Index) titleMatch(h *search.DocumentMatch, terms map[string]bool) float64 {
	if len(terms) == 0 {
		return 0
	}
	art, _, _ := strings.Cut(h.ID, "/")
	n := 0
	for k := range ix.titleKeysOfArticle(art) {
		if t, ok := strings.CutPrefix(k, fText+"\x00"); ok && terms[t] {
			n++
		}
	}
	return float64(n) / float64(len(terms))
}
