package ordered

import (
	"errors"
	"math/rand/v2"
	"slices"
	"sync/atomic"
	"testing"
	"time"
)

// counter yields 0..n-1.
func counter(n int) func() (int, bool) {
	i := 0
	return func() (int, bool) {
		if i >= n {
			return 0, false
		}
		i++
		return i - 1, true
	}
}

func TestRunKeepsOrderAndUsesWorkers(t *testing.T) {
	const n = 500
	var running, peak atomic.Int32
	var got []int
	err := Run(4, counter(n), func(i int) int {
		r := running.Add(1)
		for p := peak.Load(); r > p && !peak.CompareAndSwap(p, r); p = peak.Load() {
		}
		time.Sleep(time.Duration(rand.IntN(200)) * time.Microsecond) // finish out of order
		running.Add(-1)
		return i * i
	}, func(sq int) error {
		got = append(got, sq)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := make([]int, n)
	for i := range want {
		want[i] = i * i
	}
	if !slices.Equal(got, want) {
		t.Fatalf("results out of order or missing: %d of %d", len(got), n)
	}
	if p := peak.Load(); p < 2 || p > 4 {
		t.Fatalf("peak concurrency %d, want 2..4", p)
	}
}

func TestRunStopsOnEmitError(t *testing.T) {
	boom := errors.New("boom")
	var nexts atomic.Int32
	next := counter(1_000_000)
	var emitted []int
	err := Run(3, func() (int, bool) { nexts.Add(1); return next() }, func(i int) int { return i }, func(i int) error {
		if i == 10 {
			return boom
		}
		emitted = append(emitted, i)
		return nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err %v", err)
	}
	if len(emitted) != 10 {
		t.Fatalf("emitted %d results before the error, want 10", len(emitted))
	}
	if n := nexts.Load(); n > 10+1+2*3+1 {
		t.Fatalf("next called %d times after emit failed at item 10", n)
	}
}

func TestRunBoundsItemsInFlight(t *testing.T) {
	var yielded, emitted atomic.Int32
	next := counter(100)
	err := Run(2, func() (int, bool) { yielded.Add(1); return next() }, func(i int) int { return i }, func(int) error {
		time.Sleep(100 * time.Microsecond) // a slow consumer
		if ahead := yielded.Load() - emitted.Add(1); ahead > 2*2+2 {
			return errors.New("too many items in flight")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestRunEmpty(t *testing.T) {
	called := false
	if err := Run(0, counter(0), func(i int) int { return i }, func(int) error { called = true; return nil }); err != nil || called {
		t.Fatalf("empty run: err %v, emit called %v", err, called)
	}
}
