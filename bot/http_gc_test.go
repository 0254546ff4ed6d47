package bot

import (
	"math"
	"runtime/debug"
	"testing"
)

// gcNow reads the runtime's settings without changing them.
func gcNow() (int, int64) {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p, debug.SetMemoryLimit(-1)
}

func TestTuneGC(t *testing.T) {
	p0, l0 := gcNow()
	defer func() { debug.SetGCPercent(p0); debug.SetMemoryLimit(l0) }()

	debug.SetGCPercent(100)
	debug.SetMemoryLimit(math.MaxInt64)
	done := tuneGC(0, 0)
	if p, l := gcNow(); p != DefaultGCPercent || l < minMemoryLimit || l == math.MaxInt64 {
		t.Errorf("defaults: GC %d, limit %d; want %d and a limit of at least %d", p, l, DefaultGCPercent, minMemoryLimit)
	}
	inner := tuneGC(50, 1<<30) // a second server: the first one's settings stand
	if p, _ := gcNow(); p != DefaultGCPercent {
		t.Errorf("second server changed GC to %d", p)
	}
	inner()
	done()
	if p, l := gcNow(); p != 100 || l != math.MaxInt64 {
		t.Errorf("after stop: GC %d, limit %d; want 100 and none", p, l)
	}

	// An operator's GOGC and GOMEMLIMIT are kept.
	debug.SetGCPercent(150)
	debug.SetMemoryLimit(3 << 30)
	done = tuneGC(0, 0)
	if p, l := gcNow(); p != 150 || l != 3<<30 {
		t.Errorf("operator's settings: GC %d, limit %d; want 150 and %d", p, l, int64(3<<30))
	}
	done()

	// Explicit values win; negative leaves the runtime's.
	debug.SetGCPercent(100)
	debug.SetMemoryLimit(math.MaxInt64)
	done = tuneGC(250, 2<<30)
	if p, l := gcNow(); p != 250 || l != 2<<30 {
		t.Errorf("explicit: GC %d, limit %d", p, l)
	}
	done()
	done = tuneGC(-1, -1)
	if p, l := gcNow(); p != 100 || l != math.MaxInt64 {
		t.Errorf("negative: GC %d, limit %d; want the runtime's", p, l)
	}
	done()
}
