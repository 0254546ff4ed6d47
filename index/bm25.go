package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
)

// bm25Stats are the corpus statistics BM25 scores the text and syn
// fields with. Bleve v2.6.1 takes a field's average length to be its
// vocabulary size over the document count (FieldCardinality / DocCount,
// rounded up), which shrinks towards 1 as a corpus grows: at 10,000
// articles every passage then counted as dozens of times the average
// length, so the longest passages sank whatever they said and the short
// syn field outweighed the text. The real average is the sum, over the
// field's terms, of the passages holding each (its total length less
// repeated words, which BM25's length norm barely feels); it is given to
// Bleve in the field-cardinality slot, which Bleve divides by the
// document count. A build keeps them in the catalog; an index without
// them (a live update changed it) reads them once, at its first search.
func (ix *Index) bm25Stats() *search.BM25Stats {
	if s := ix.bm25.Load(); s != nil {
		return s
	}
	r, err := ix.reader()
	if err != nil {
		return nil
	}
	defer r.Close()
	s := bm25StatsOf(r)
	if s != nil {
		ix.bm25.Store(s)
	}
	return s
}

// bm25StatsOf reads the statistics of bm25Stats from r: at 100,000
// articles walking the text dictionary takes a fifth of a second, so a
// build keeps them in the catalog (catalog.BM25) and a start reads them
// there.
func bm25StatsOf(r indexReader) *search.BM25Stats {
	n, err := r.DocCount()
	if err != nil || n == 0 {
		return nil
	}
	s := &search.BM25Stats{DocCount: float64(n), FieldCardinality: map[string]int{}}
	// Bleve fails a search on any field without stats, so every other
	// field (the filters, whose scores rank nothing) keeps Bleve's own.
	br, ok := r.(index.BM25Reader)
	if !ok {
		return nil
	}
	fields, err := r.Fields()
	if err != nil {
		return nil
	}
	// a field no passage has yet (no speaker quoted) may still be queried
	for _, field := range append(fields, fSource, fPublished, fDay, fArticle, fSeq, fActor, fSpeaker) {
		c, err := br.FieldCardinality(field)
		if err != nil {
			return nil
		}
		s.FieldCardinality[field] = c
	}
	for _, field := range []string{fText, fSyn} {
		fd, err := r.FieldDict(field)
		if err != nil {
			return nil
		}
		total := 0
		for e, err := fd.Next(); err == nil && e != nil; e, err = fd.Next() {
			total += int(e.Count)
		}
		_ = fd.Close()
		s.FieldCardinality[field] = total
	}
	return s
}

// bm25StatsOfIndex is bm25StatsOf of bi's current contents; nil when
// they cannot be read (a search then reads them itself).
func bm25StatsOfIndex(bi bleve.Index) *search.BM25Stats {
	r, err := readerOf(bi)
	if err != nil {
		return nil
	}
	defer r.Close()
	return bm25StatsOf(r)
}

// withBM25 makes a search request score with bm25Stats.
func (ix *Index) withBM25(req *bleve.SearchRequest) *bleve.SearchRequest {
	if s := ix.bm25Stats(); s != nil {
		req.PreSearchData = map[string]interface{}{search.BM25PreSearchDataKey: s}
	}
	return req
}
