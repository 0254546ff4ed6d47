package answer

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
)

// TestConcurrentAnswersMatch asks the same questions from several
// goroutines on a cold memo (run with -race): every answer equals the one
// computed alone, and editing a returned answer does not change the next.
func TestConcurrentAnswersMatch(t *testing.T) {
	ix := annotateIndex(t)
	ctx := context.Background()
	e := NewEngine(ix)
	want := map[string]string{}
	for _, tp := range benchTopics {
		p := NewEngine(ix).whoPledged(tp)
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
				p := e.whoPledged(tp)
				if b, _ := json.Marshal(p); string(b) != want[tp] {
					errs <- fmt.Errorf("%q: concurrent answer differs", tp)
				}
				q := benchQuotes[(i+g)%len(benchQuotes)]
				if _, err := e.QuotesBy(ctx, in(t, q[0]), in(t, q[1])); err != nil {
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
	p, err := e.WhoPledged(ctx, in(t, "troops"))
	if err != nil || len(p.Pledged) == 0 {
		t.Fatalf("troops: %v %+v", err, p)
	}
	p.Pledged[0].Quotes[0].Passage = "edited"
	p.Pledged = p.Pledged[:0]
	again, _ := e.WhoPledged(ctx, in(t, "troops"))
	if b, _ := json.Marshal(again); string(b) != want["troops"] {
		t.Error("editing a returned answer changed the cached one")
	}
}
