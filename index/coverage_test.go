package index

import (
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/search"
)

// The article's title covers a concept its passage leaves out: the
// passage saying where the London summit was held need not say "summit".
func TestTitleCoversConcepts(t *testing.T) {
	ix := openMem(t, []testArticle{
		{"s1", "Leaders meet at the London summit in Paris", []string{
			"Starmer hosted 18 leaders at Lancaster House on Sunday.",
		}},
	})
	cs, tc := ix.concepts("where was the London summit held")
	got := ix.conceptsInTitle(&search.DocumentMatch{ID: "s1/0"}, len(cs), tc)
	var in []string
	for i, c := range cs {
		if got[i] {
			in = append(in, c.terms[0])
		}
	}
	if strings.Join(in, ",") != "london,summit" {
		t.Errorf("concepts in the title: %v", in)
	}
	// "French" is in the title through its synonym group (Paris)
	cs, tc = ix.concepts("French summit")
	if got := ix.conceptsInTitle(&search.DocumentMatch{ID: "s1/0"}, len(cs), tc); !got[0] || !got[1] {
		t.Errorf("French summit: %v", got)
	}
}

// Coverage weighs each concept by its idf: lacking a word most passages
// have costs less than lacking a rare one.
func TestCoverageWeighsRareConcepts(t *testing.T) {
	cs := []concept{{idf: 3}, {idf: 0.5}}
	rareOnly := coverageFactor(cs, [][]int{{1}, nil}, []bool{false, false}, []bool{false, false})
	commonOnly := coverageFactor(cs, [][]int{nil, {1}}, []bool{false, false}, []bool{false, false})
	if rareOnly <= commonOnly {
		t.Errorf("matching the rare concept %.3f, the common one %.3f", rareOnly, commonOnly)
	}
	if all := coverageFactor(cs, [][]int{{1}, {2}}, []bool{false, false}, []bool{false, false}); all != 1 {
		t.Errorf("every concept: %.3f", all)
	}
}

// windowCoverage finds the clause that holds most of the question, in
// any order, weighing concepts by idf.
func TestWindowCoverage(t *testing.T) {
	cs := []concept{{idf: 1}, {idf: 1}, {idf: 2}}
	near := [][]int{{1}, {30}, {3}} // concepts 0 and 2 within a clause
	if got := windowCoverage(cs, near); got != 0.75 {
		t.Errorf("two of three (weights 1+2 of 4): %.3f", got)
	}
	far := [][]int{{1}, {30}, {60}}
	if got := windowCoverage(cs, far); got != 0.5 {
		t.Errorf("none together: %.3f, want the best single concept's share", got)
	}
	if got := windowCoverage(cs[:1], near[:1]); got != 0 {
		t.Errorf("one concept: %.3f", got)
	}
}
