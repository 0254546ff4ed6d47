package index

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"talkbot/corpus"
)

// TestScaleFiltered times filtered searches both ways, Bleve's first
// pass and MaxScore's, alternating: a filter of half the corpus (the
// Brown texts' publisher, their month) and of a few articles (one
// outlet, the bundled articles' year).
//
//	go test -run TestScaleFiltered -v ./index -args -scale.corpus ../bench/.cache/tiers/brown-100k -scale.index /tmp/ix100k
func TestScaleFiltered(t *testing.T) {
	if *scaleCorpus == "" {
		t.Skip("no -scale.corpus")
	}
	ix, err := OpenSource(context.Background(), corpus.SourceOf(*scaleCorpus), Options{Dir: *scaleIndex, NoResultCache: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	qs := []string{"who pledged troops for Ukraine", "which countries will send peacekeepers", "the city council meeting", "what did Macron propose", "nuclear weapons and the Soviet Union", "jazz musicians in New York"}
	fs := []Query{{Publisher: "Brown Corpus"}, {Publisher: ix.Publishers()[0]}, {From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}, {From: time.Date(1961, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(1961, 1, 10, 0, 0, 0, 0, time.UTC)}}
	defer func(u bool) { useMaxScore = u }(useMaxScore)
	for _, f := range fs {
		ds := [2][]time.Duration{}
		for _, q := range qs {
			for run := 0; run < 3; run++ {
				for m := 0; m < 2; m++ {
					useMaxScore = m == 1
					qq := f
					qq.Text, qq.Limit = q, 5
					s := time.Now()
					if _, err := ix.Search(context.Background(), qq); err != nil {
						t.Fatal(err)
					}
					ds[m] = append(ds[m], time.Since(s))
				}
			}
		}
		for m := range ds {
			slices.Sort(ds[m])
		}
		fmt.Printf("scale filtered by %q from %s to %s: median of %d, Bleve's first pass %s, MaxScore %s\n", f.Publisher, f.From.Format(time.DateOnly), f.To.Format(time.DateOnly), len(ds[0]), ds[0][len(ds[0])/2].Round(10*time.Microsecond), ds[1][len(ds[1])/2].Round(10*time.Microsecond))
	}
}
