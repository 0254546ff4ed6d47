package index

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"talkbot/corpus/text"
)

type searchCase struct {
	Q    string   `json:"q"`
	Keys []string `json:"keys"`
}

func loadCases(t *testing.T, path string) []searchCase {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	var f struct {
		Search []searchCase `json:"search"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(f.Search) == 0 {
		t.Fatalf("%s: no search cases", path)
	}
	return f.Search
}

type evalFigures struct {
	n            int
	at1, at3, rr float64
}

func (f evalFigures) String() string {
	return fmt.Sprintf("%d cases: success@1 %.3f, success@3 %.3f, MRR@10 %.3f",
		f.n, f.at1/float64(f.n), f.at3/float64(f.n), f.rr/float64(f.n))
}

// evaluate runs every case with Limit 10; a case passes at rank r when
// the r-th passage contains one of its keys (both sides compared as
// text.Key).
func evaluate(t *testing.T, ix *Index, cases []searchCase) evalFigures {
	var f evalFigures
	for _, c := range cases {
		res, err := ix.Search(context.Background(), Query{Text: c.Q, Limit: 10})
		if err != nil {
			t.Errorf("%q: %v", c.Q, err)
			continue
		}
		rank := 0
		for i, h := range res.Hits {
			pk := text.Key(h.Passage.Text)
			for _, k := range c.Keys {
				if strings.Contains(pk, text.Key(k)) {
					rank = i + 1
					break
				}
			}
			if rank > 0 {
				break
			}
		}
		f.n++
		if rank == 1 {
			f.at1++
		}
		if rank >= 1 && rank <= 3 {
			f.at3++
		}
		if rank > 0 {
			f.rr += 1 / float64(rank)
		}
		if rank != 1 {
			top := ""
			if len(res.Hits) > 0 {
				top = res.Hits[0].Passage.Text
				if len(top) > 90 {
					top = top[:90]
				}
			}
			t.Logf("rank %d for %q (suggest %q); top: %q", rank, c.Q, res.Suggestion, top)
		}
	}
	return f
}

func TestEvalDev(t *testing.T) {
	ix := openBundled(t)
	f := evaluate(t, ix, loadCases(t, "../testdata/eval/dev.json"))
	fmt.Printf("eval dev.json: %v\n", f)
	if f.at3/float64(f.n) < 0.99 || f.at1/float64(f.n) < 0.89 {
		t.Errorf("dev.json below its floor (success@3 >= 0.99, success@1 >= 0.89): %v", f)
	}
}

func TestEvalExtra(t *testing.T) {
	ix := openBundled(t)
	f := evaluate(t, ix, loadCases(t, "../testdata/eval/search_extra.json"))
	fmt.Printf("eval search_extra.json: %v\n", f)
	if f.at3/float64(f.n) < 0.97 || f.at1/float64(f.n) < 0.93 {
		t.Errorf("search_extra.json below its floor (success@3 >= 0.97, success@1 >= 0.93): %v", f)
	}
}
