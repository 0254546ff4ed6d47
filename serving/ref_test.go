package serving

import (
	"sync"
	"sync/atomic"
	"testing"
)

// TestHolderNeverHandsOutClosed swaps values while many goroutines take
// and use them: no goroutine may ever see a closed value, and every
// replaced value must end up closed exactly once.
func TestHolderNeverHandsOutClosed(t *testing.T) {
	type val struct{ closed atomic.Int32 }
	var h holder[*val]
	var closes atomic.Int32
	closeFn := func(v *val) {
		if v.closed.Add(1) != 1 {
			t.Error("closed twice")
		}
		closes.Add(1)
	}
	h.store(&val{}, closeFn)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				v, release, ok := h.acquire()
				if !ok {
					t.Error("nothing stored")
					return
				}
				if v.closed.Load() != 0 {
					t.Error("acquired a closed value")
				}
				release()
			}
		}()
	}
	const swaps = 2000
	for k := 0; k < swaps; k++ {
		h.store(&val{}, closeFn)
	}
	close(stop)
	wg.Wait()
	if got := closes.Load(); got != swaps {
		t.Fatalf("%d values closed, want %d", got, swaps)
	}
	h.shutdown()
	if got := closes.Load(); got != swaps+1 {
		t.Fatalf("after shutdown %d closed, want %d", got, swaps+1)
	}
	if _, _, ok := h.acquire(); ok {
		t.Fatal("acquire after shutdown returned a value")
	}
}

// TestHolderWaitsForInFlight: a value in use is closed only when its last
// user lets go.
func TestHolderWaitsForInFlight(t *testing.T) {
	var h holder[string]
	var closed []string
	h.store("old", func(s string) { closed = append(closed, s) })
	v, release, _ := h.acquire()
	h.store("new", func(s string) { closed = append(closed, s) })
	if len(closed) != 0 {
		t.Fatalf("closed %v while %q still in use", closed, v)
	}
	if v2, r2, _ := h.acquire(); v2 != "new" {
		t.Fatalf("acquired %q after swap, want new", v2)
	} else {
		r2()
	}
	release()
	if len(closed) != 1 || closed[0] != "old" {
		t.Fatalf("closed %v, want [old]", closed)
	}
}
