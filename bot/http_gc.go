package bot

import "talkbot/internal/gctune"

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

// ServingGC applies the GC settings for answering interactions (HTTP or
// gateway) and returns the func to call when serving stops: gcPercent and
// memoryLimit as in ServeConfig. Servers (and index builds) share the
// process's settings: see gctune. Exported so that the benchmark answers
// as the bot does.
func ServingGC(gcPercent int, memoryLimit int64) (done func()) { return tuneGC(gcPercent, memoryLimit) }

// tuneGC is ServingGC.
func tuneGC(gcPercent int, memoryLimit int64) (done func()) {
	return gctune.Start(gctune.Phase{Percent: gcPercent, Limit: memoryLimit,
		DefaultPercent: DefaultGCPercent, DefaultLimit: defaultMemoryLimit})
}

// defaultMemoryLimit is four times the memory in use when serving starts
// (the index loaded), and at least minMemoryLimit: room for a reload's
// second index and the request garbage, without letting a higher GC
// percentage grow a large heap five-fold.
func defaultMemoryLimit() int64 { return max(4*gctune.InUse(), minMemoryLimit) }
