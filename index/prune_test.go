package index

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/blevesearch/bleve/v2/search"

	"talkbot/corpus"
)

func TestRareClauses(t *testing.T) {
	cls := []clause{{df: 120}, {df: 40000}, {df: 9}, {df: 9000}}
	rare, pruned := rareClauses(cls, 386000)
	if !pruned || len(rare) != 3 || rare[0].df != 120 || rare[1].df != 9 || rare[2].df != 9000 {
		t.Errorf("got %v, %v", rare, pruned)
	}
	// every clause common: the rarest still chooses
	rare, pruned = rareClauses([]clause{{df: 90000}, {df: 60000}}, 386000)
	if !pruned || len(rare) != 1 || rare[0].df != 60000 {
		t.Errorf("all common: got %v, %v", rare, pruned)
	}
	// a small corpus is never pruned
	if _, pruned := rareClauses([]clause{{df: 90}, {df: 2}}, 93); pruned {
		t.Error("pruned a 93-passage corpus")
	}
}

// A search that leaves a common word out of its first pass still ranks
// and scores by every word: the passage with both words comes first,
// though by the rare word alone the short one would.
func TestPrunedSearchScoresByEveryWord(t *testing.T) {
	arts := []corpus.Article{{ID: "a", Title: "t"}}
	var ps []corpus.Passage
	add := func(text string) {
		ps = append(ps, corpus.Passage{ID: fmt.Sprintf("a/%d", len(ps)), ArticleID: "a", Seq: len(ps), Text: text})
	}
	add("Zeppelins drifted over the harbour while the commonplace fleet waited for orders to sail at dawn.")
	add("Zeppelins.")
	for i := range minCommon + 100 {
		add(fmt.Sprintf("A commonplace note, number w%dx.", i))
	}
	ix, err := Open(context.Background(), arts, ps, Options{NoResultCache: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	search := func() Result {
		res, err := ix.Search(context.Background(), Query{Text: "zeppelins commonplace", Limit: 2})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	pruned := search()
	defer func(s float64) { commonShare = s }(commonShare)
	commonShare = 2 // nothing is common
	full := search()
	if len(pruned.Hits) != 2 || pruned.Hits[0].Passage.ID != "a/0" {
		t.Fatalf("pruned search: %+v", pruned.Hits)
	}
	for i := range pruned.Hits {
		if pruned.Hits[i].Passage.ID != full.Hits[i].Passage.ID || pruned.Hits[i].Score != full.Hits[i].Score {
			t.Errorf("hit %d: pruned %s %.6f, full %s %.6f", i, pruned.Hits[i].Passage.ID, pruned.Hits[i].Score, full.Hits[i].Passage.ID, full.Hits[i].Score)
		}
	}
	if pruned.Total != 2 || full.Total != len(ps) {
		t.Errorf("totals: pruned %d (want 2), full %d (want %d)", pruned.Total, full.Total, len(ps))
	}
}

// A passage next to one that answers well gains a share of its score;
// passages apart, or in other articles, gain nothing.
func TestNeighbourSupport(t *testing.T) {
	hits := search.DocumentMatchCollection{
		{ID: "a/3", Score: 10}, {ID: "a/4", Score: 1}, {ID: "a/6", Score: 1}, {ID: "b/2", Score: 1}, {ID: "a/10", Score: 2}, {ID: "a/11", Score: 1},
	}
	addNeighbourSupport(hits)
	want := []float64{10 + neighbourShare*1, 1 + neighbourShare*10, 1, 1, 2 + neighbourShare*1, 1 + neighbourShare*2}
	for i, h := range hits {
		if math.Abs(h.Score-want[i]) > 1e-9 {
			t.Errorf("%s: %.3f, want %.3f", h.ID, h.Score, want[i])
		}
	}
}
