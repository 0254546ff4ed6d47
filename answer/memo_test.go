package answer

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
)

func TestLRUBounded(t *testing.T) {
	c := newLRU[int, int](3)
	for i := range 10 {
		c.put(i, i)
		c.get(0) // keep 0 in use: it must survive
	}
	if c.len() != 3 {
		t.Fatalf("len %d, want 3", c.len())
	}
	if _, ok := c.get(0); !ok {
		t.Error("the most used entry was evicted")
	}
	if _, ok := c.get(1); ok {
		t.Error("an old entry survived")
	}
	if v, ok := c.get(9); !ok || v != 9 {
		t.Errorf("newest entry: %d %v", v, ok)
	}
}

// TestConcurrentAnswersMatch asks the same questions from several
// goroutines on a cold memo (run with -race): every answer equals the one
// computed alone, and editing a returned answer does not change the next.
func TestConcurrentAnswersMatch(t *testing.T) {
	ix := annotateIndex(t)
	ctx := context.Background()
	m := newMemo()
	want := map[string]string{}
	for _, tp := range benchTopics {
		p, err := whoPledged(ctx, ix, newMemo(), tp)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(p)
		want[tp] = string(b)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range len(benchTopics) * 2 {
				tp := benchTopics[(i+g)%len(benchTopics)]
				p, err := whoPledged(ctx, ix, m, tp)
				if err != nil {
					errs <- err
					return
				}
				if b, _ := json.Marshal(p); string(b) != want[tp] {
					errs <- fmt.Errorf("%q: concurrent answer differs", tp)
				}
				q := benchQuotes[(i+g)%len(benchQuotes)]
				if _, err := QuotesBy(ctx, ix, q[0], q[1]); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	p, err := WhoPledged(ctx, ix, "troops")
	if err != nil || len(p.Pledged) == 0 {
		t.Fatalf("troops: %v %+v", err, p)
	}
	p.Pledged[0].Quotes[0].Passage = "edited"
	p.Pledged = p.Pledged[:0]
	again, _ := WhoPledged(ctx, ix, "troops")
	if b, _ := json.Marshal(again); string(b) != want["troops"] {
		t.Error("editing a returned answer changed the cached one")
	}
}
