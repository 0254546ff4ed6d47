package index

import (
	"context"
	"path/filepath"
	"reflect"
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

// TestBM25StatsKeptByTheBuild: an index built on disk keeps its BM25
// statistics in the catalog, and a start that reuses it takes them from
// there: the same as reading them from the index.
func TestBM25StatsKeptByTheBuild(t *testing.T) {
	dir := t.TempDir()
	openSmall(t, dir).Close()
	cat, err := readCatalog(filepath.Join(dir, currentDir))
	if err != nil {
		t.Fatal(err)
	}
	if cat.BM25 == nil {
		t.Fatal("the build kept no BM25 statistics")
	}
	ix := openSmall(t, dir)
	defer ix.Close()
	if !ix.Reused() {
		t.Fatal("not reused")
	}
	kept := ix.bm25.Load()
	if kept == nil {
		t.Fatal("the start did not take the kept statistics")
	}
	r, err := ix.reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if read := bm25StatsOf(r); !reflect.DeepEqual(read, kept) {
		t.Errorf("kept %+v, read from the index %+v", kept, read)
	}
}
