package index

import (
	"context"
	"testing"
)

// Bleve's own BM25 average length is vocabulary over passages, which
// falls towards 1 as a corpus grows; bm25Stats must give the passages'
// real average: distinct terms per passage, summed over passages.
func TestBM25StatsAverageLength(t *testing.T) {
	ix := openBundled(t)
	_, ps := bundled()
	want := map[string]int{}
	for _, p := range ps {
		want[fText] += len(termSet(ix.textAn, p.Text))
		want[fSyn] += len(termSet(ix.synAn, p.Text))
	}
	s := ix.bm25Stats()
	if s == nil || int(s.DocCount) != len(ps) {
		t.Fatalf("stats %+v for %d passages", s, len(ps))
	}
	for _, f := range []string{fText, fSyn} {
		if s.FieldCardinality[f] != want[f] {
			t.Errorf("%s: total length %d, want %d", f, s.FieldCardinality[f], want[f])
		}
	}
	// every filter field has stats, or Bleve fails the search
	for _, f := range []string{fSource, fPublished, fActor, fSpeaker} {
		if _, ok := s.FieldCardinality[f]; !ok {
			t.Errorf("no stats for %s", f)
		}
	}
	if _, err := ix.Search(context.Background(), Query{Text: "troops", Speaker: "nobody at all", Publisher: "x"}); err != nil {
		t.Error(err)
	}
}
