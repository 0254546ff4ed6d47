// Package gctune raises the garbage collector's target for the phases of
// the process that make much short-lived garbage over a small live heap
// (serving interactions, building an index), capped by a soft memory
// limit, and puts the runtime's settings back when the phase ends.
package gctune

import (
	"math"
	"runtime"
	"runtime/debug"
	"sync"
)

// Phase says how to tune the collector while a phase runs.
type Phase struct {
	// Percent is the GC target (debug.SetGCPercent): positive sets it,
	// 0 means DefaultPercent unless the runtime's is not 100 (GOGC was
	// set), negative leaves the runtime's alone.
	Percent int
	// Limit is the soft memory limit in bytes (debug.SetMemoryLimit):
	// positive sets it, 0 means DefaultLimit() when the percentage was
	// raised and no limit is set (GOMEMLIMIT), negative leaves it alone.
	Limit int64

	DefaultPercent int
	DefaultLimit   func() int64
}

// The settings are the process's: the first phase to start applies its
// own, later ones share them, and the last to end restores what was
// there before (a reload's build while serving runs at serve's).
var state struct {
	sync.Mutex
	phases  int
	restore func()
}

// Start applies p unless another phase is running, and returns the func
// that ends the phase.
func Start(p Phase) (end func()) {
	state.Lock()
	defer state.Unlock()
	if state.phases == 0 {
		state.restore = apply(p)
	}
	state.phases++
	var once sync.Once
	return func() {
		once.Do(func() {
			state.Lock()
			defer state.Unlock()
			if state.phases--; state.phases == 0 {
				state.restore()
			}
		})
	}
}

func apply(p Phase) (restore func()) {
	prevPercent := debug.SetGCPercent(100)
	debug.SetGCPercent(prevPercent)
	prevLimit := debug.SetMemoryLimit(-1)

	percent := prevPercent
	switch {
	case p.Percent < 0: // leave the runtime's
	case p.Percent > 0:
		percent = p.Percent
	case prevPercent == 100 && p.DefaultPercent > 0:
		percent = p.DefaultPercent
	}
	limit := prevLimit
	switch {
	case p.Limit < 0:
	case p.Limit > 0:
		limit = p.Limit
	case prevLimit == math.MaxInt64 && percent != prevPercent && p.DefaultLimit != nil:
		limit = p.DefaultLimit()
	}
	debug.SetGCPercent(percent)
	debug.SetMemoryLimit(limit)
	return func() {
		debug.SetGCPercent(prevPercent)
		debug.SetMemoryLimit(prevLimit)
	}
}

// InUse is the memory the process holds from the system now, for limits
// relative to it.
func InUse() int64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.Sys - ms.HeapReleased)
}
