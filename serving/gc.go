package serving

import "talkbot/internal/gctune"

// Serving makes a few KiB of short-lived garbage per request over a small
// live heap (the index), so at the runtime's GOGC=100 the collector runs
// many times a second (figures in docs/tuning.md). A higher GC percentage
// trades memory for CPU; the memory limit caps that trade.
const (
	// DefaultGCPercent is the GC target while serving unless Config says
	// otherwise or GOGC was set.
	DefaultGCPercent = 400
	// minMemoryLimit is the floor of the default memory limit.
	minMemoryLimit = 512 << 20
)

// ServingGC applies the GC settings for answering interactions (HTTP or
// gateway) and returns the func to call when serving stops. gcPercent is
// the target (0: DefaultGCPercent; negative leaves the runtime's setting
// alone, as when GOGC is set); memoryLimit the soft limit in bytes (0:
// four times the memory in use when serving starts, at least 512 MiB;
// negative leaves it alone). Servers and index builds share the
// process's settings: see gctune. Service.Run calls it; the benchmark
// and the load test do too, so they answer as the bot does.
func ServingGC(gcPercent int, memoryLimit int64) (done func()) {
	return gctune.Start(gctune.Phase{Percent: gcPercent, Limit: memoryLimit,
		DefaultPercent: DefaultGCPercent, DefaultLimit: defaultMemoryLimit})
}

// defaultMemoryLimit is four times the memory in use when serving starts
// (the index loaded), and at least minMemoryLimit: room for a reload's
// second index and the request garbage, without letting a higher GC
// percentage grow a large heap five-fold.
func defaultMemoryLimit() int64 { return max(4*gctune.InUse(), minMemoryLimit) }
