package text

import (
	"sync"
	"testing"
)

// Fold runs in every analysis, so concurrent searches call it at once;
// go test -race catches any state shared between calls.
func TestFoldConcurrently(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 200 {
				if got := Fold("Zelenskyy’s café in Kraków"); got != "Zelenskyy's cafe in Krakow" {
					t.Errorf("Fold = %q", got)
					return
				}
			}
		}()
	}
	wg.Wait()
}
