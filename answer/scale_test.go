package answer

import (
	"context"
	"flag"
	"fmt"
	"sort"
	"testing"
	"time"

	"talkbot/corpus"
	"talkbot/index"
)

var (
	stancesCorpus = flag.String("stances.corpus", "", "corpus directory for TestWhoPledgedScale")
	stancesIndex  = flag.String("stances.index", "", "on-disk index directory for TestWhoPledgedScale (built when stale)")
)

// TestWhoPledgedScale measures who-pledged on a large corpus: the first
// answer of a new engine (cold: the ledgers are built from the index's
// catalog, nothing is rescanned), then every topic again without the
// answer cache (warm: the ledgers are built, each answer is derived from
// its ledger) and with it. Skipped unless -stances.corpus is given:
//
//	go test -run TestWhoPledgedScale -v ./answer -args -stances.corpus ../bench/.cache/tiers/brown-10k -stances.index /tmp/ix10k
func TestWhoPledgedScale(t *testing.T) {
	if *stancesCorpus == "" {
		t.Skip("no -stances.corpus")
	}
	ctx := context.Background()
	start := time.Now()
	ix, err := index.OpenSource(ctx, corpus.SourceOf(*stancesCorpus), index.Options{Dir: *stancesIndex})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	open := time.Since(start)
	topics := []string{"troops", "air defence", "ceasefire monitoring", "intelligence", "logistics", "training",
		"money", "naval", "security guarantees", "peacekeepers", "boots on the ground", "weapons"}
	var cold []time.Duration
	for i := 0; i < 5; i++ {
		e := NewEngine(ix)
		s := time.Now()
		if _, err := e.WhoPledged(ctx, in(t, topics[i%len(topics)])); err != nil {
			t.Fatal(err)
		}
		cold = append(cold, time.Since(s))
	}
	e := NewEngine(ix)
	e.whoPledged("troops")
	var warm, cached []time.Duration
	for r := 0; r < 20; r++ {
		for _, tp := range topics {
			s := time.Now()
			e.whoPledged(tp)
			warm = append(warm, time.Since(s))
			s = time.Now()
			if _, err := e.WhoPledged(ctx, in(t, tp)); err != nil {
				t.Fatal(err)
			}
			cached = append(cached, time.Since(s))
		}
	}
	l, _ := e.Ledger("troops")
	obs := 0
	for _, a := range l.Actors {
		obs += len(a.Observations)
	}
	fmt.Printf("who-pledged at %d articles, %d passages (%d stating a stance; index %s in %v, reused %v):\n",
		len(ix.Articles()), ix.PassageCount(), len(ix.StancePassages()), *stancesIndex, open.Round(time.Millisecond), ix.Reused())
	fmt.Printf("  cold (new engine, first answer): median %v, max %v\n", median(cold), maxOf(cold))
	fmt.Printf("  warm without the answer cache: median %v, p99 %v\n", median(warm), pct(warm, 0.99))
	fmt.Printf("  warm with the answer cache: median %v, p99 %v\n", median(cached), pct(cached, 0.99))
	fmt.Printf("  troops ledger: %d actors, %d observations\n", len(l.Actors), obs)
}

func median(ds []time.Duration) time.Duration { return pct(ds, 0.5) }

func pct(ds []time.Duration, p float64) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, int(float64(len(s))*p))]
}

func maxOf(ds []time.Duration) time.Duration { return pct(ds, 1) }
