package serving

import (
	"math"
	"runtime/debug"
	"testing"
)

// Serving's own defaults; the mechanism (nesting, restoring, an
// operator's GOGC kept) is tested in internal/gctune.
func TestServingGCDefaults(t *testing.T) {
	p0 := debug.SetGCPercent(100)
	l0 := debug.SetMemoryLimit(math.MaxInt64)
	defer func() { debug.SetGCPercent(p0); debug.SetMemoryLimit(l0) }()

	done := ServingGC(0, 0)
	p := debug.SetGCPercent(-1)
	debug.SetGCPercent(p)
	l := debug.SetMemoryLimit(-1)
	done()
	if p != DefaultGCPercent || l < minMemoryLimit || l == math.MaxInt64 {
		t.Errorf("serving: GC %d, limit %d; want %d and a limit of at least %d", p, l, DefaultGCPercent, minMemoryLimit)
	}
	if p := debug.SetGCPercent(100); p != 100 {
		t.Errorf("after serving: GC %d, want the runtime's 100", p)
	}
}
