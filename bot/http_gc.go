package bot

import (
	"math"
	"runtime"
	"runtime/debug"
	"sync"
)

// Serving makes a few KiB of short-lived garbage per request over a small
// live heap (the index), so at the runtime's GOGC=100 the collector runs
// many times a second: in the load test ~12 cycles/s with a 22 MB goal,
// ~15% of the CPU. A higher GC percentage trades memory for CPU; the
// memory limit caps that trade.
const (
	// DefaultGCPercent is serve's GC target unless ServeConfig says
	// otherwise or GOGC was set to something other than 100.
	DefaultGCPercent = 400
	// minMemoryLimit is the floor of the default memory limit.
	minMemoryLimit = 512 << 20
)

// The settings are the process's: the first server to start applies its
// own, the last to stop restores what was there before.
var gcTuning struct {
	sync.Mutex
	servers int
	restore func()
}

// tuneGC applies the GC settings for a server starting and returns the
// func to call when it stops.
func tuneGC(gcPercent int, memoryLimit int64) (done func()) {
	gcTuning.Lock()
	defer gcTuning.Unlock()
	if gcTuning.servers == 0 {
		gcTuning.restore = applyGC(gcPercent, memoryLimit)
	}
	gcTuning.servers++
	return func() {
		gcTuning.Lock()
		defer gcTuning.Unlock()
		if gcTuning.servers--; gcTuning.servers == 0 {
			gcTuning.restore()
		}
	}
}

// applyGC applies the settings and returns a func that restores the
// previous ones. A GOGC or GOMEMLIMIT the operator set (anything but the
// runtime's defaults, 100 and no limit) is left alone.
func applyGC(gcPercent int, memoryLimit int64) (restore func()) {
	prevPercent := debug.SetGCPercent(100)
	debug.SetGCPercent(prevPercent)
	prevLimit := debug.SetMemoryLimit(-1)

	percent := prevPercent
	switch {
	case gcPercent < 0: // leave the runtime's
	case gcPercent > 0:
		percent = gcPercent
	case prevPercent == 100:
		percent = DefaultGCPercent
	}
	limit := prevLimit
	switch {
	case memoryLimit < 0:
	case memoryLimit > 0:
		limit = memoryLimit
	case prevLimit == math.MaxInt64 && percent != prevPercent:
		limit = defaultMemoryLimit()
	}
	debug.SetGCPercent(percent)
	debug.SetMemoryLimit(limit)
	return func() {
		debug.SetGCPercent(prevPercent)
		debug.SetMemoryLimit(prevLimit)
	}
}

// defaultMemoryLimit is four times the memory in use when serving starts
// (the index loaded), and at least minMemoryLimit: room for a reload's
// second index and the request garbage, without letting a higher GC
// percentage grow a large heap five-fold.
func defaultMemoryLimit() int64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return max(int64(4*(ms.Sys-ms.HeapReleased)), minMemoryLimit)
}
