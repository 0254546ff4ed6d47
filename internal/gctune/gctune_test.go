package gctune

import (
	"math"
	"runtime/debug"
	"testing"
)

// now reads the runtime's settings without changing them.
func now() (int, int64) {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p, debug.SetMemoryLimit(-1)
}

func TestStart(t *testing.T) {
	p0, l0 := now()
	defer func() { debug.SetGCPercent(p0); debug.SetMemoryLimit(l0) }()
	serve := Phase{DefaultPercent: 400, DefaultLimit: func() int64 { return 512 << 20 }}

	debug.SetGCPercent(100)
	debug.SetMemoryLimit(math.MaxInt64)
	end := Start(serve)
	if p, l := now(); p != 400 || l != 512<<20 {
		t.Errorf("defaults: GC %d, limit %d; want 400 and 512 MiB", p, l)
	}
	inner := Start(Phase{Percent: 50, Limit: 1 << 30}) // a nested phase: the first one's settings stand
	if p, _ := now(); p != 400 {
		t.Errorf("nested phase changed GC to %d", p)
	}
	inner()
	inner() // ending twice ends once
	if p, _ := now(); p != 400 {
		t.Errorf("the outer phase ended with the inner: GC %d", p)
	}
	end()
	if p, l := now(); p != 100 || l != math.MaxInt64 {
		t.Errorf("after the end: GC %d, limit %d; want 100 and none", p, l)
	}

	// An operator's GOGC and GOMEMLIMIT are kept.
	debug.SetGCPercent(150)
	debug.SetMemoryLimit(3 << 30)
	end = Start(serve)
	if p, l := now(); p != 150 || l != 3<<30 {
		t.Errorf("operator's settings: GC %d, limit %d; want 150 and %d", p, l, int64(3<<30))
	}
	end()

	// Explicit values win; negative leaves the runtime's.
	debug.SetGCPercent(100)
	debug.SetMemoryLimit(math.MaxInt64)
	end = Start(Phase{Percent: 250, Limit: 2 << 30})
	if p, l := now(); p != 250 || l != 2<<30 {
		t.Errorf("explicit: GC %d, limit %d", p, l)
	}
	end()
	end = Start(Phase{Percent: -1, Limit: -1, DefaultPercent: 400, DefaultLimit: func() int64 { return 1 }})
	if p, l := now(); p != 100 || l != math.MaxInt64 {
		t.Errorf("negative: GC %d, limit %d; want the runtime's", p, l)
	}
	end()
	if InUse() <= 0 {
		t.Error("no memory in use")
	}
}
