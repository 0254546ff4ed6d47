// Package serving owns a running bot or server's lifecycle: the index
// generation being served (Current), building generations and reloading
// them (on SIGHUP, or when the corpus changes with --watch), the health
// and metrics endpoints, the garbage collector's serving settings, and
// the background work that runs beside the Discord transports (Service).
// The transports themselves live in bot and reach the current generation
// only through Current.
package serving

import (
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"talkbot/answer"
	"talkbot/commands"
	"talkbot/index"
)

// Generation is one built index: the engine answering from it and the
// router over that engine. A reload builds a new Generation and swaps it
// in whole, so a request sees one index from start to end.
type Generation struct {
	Engine   *answer.Engine
	Router   *commands.Router
	Articles int
	Passages int
	// dir is the directory a reload built the index in, removed once the
	// generation is replaced and closed, or made the index directory's
	// own when it is the last one served (Current.keepLastIn); "" for
	// none.
	dir string
}

// Current is the generation being served. Requests take it with Acquire
// and give it back when done; a swapped-out index is closed only after
// its last request finished, so no request fails or waits on a swap.
type Current struct {
	h   holder[*Generation]
	log *slog.Logger
	// keepIn is the index directory reloads build beside (keepLastIn).
	keepIn atomic.Pointer[string]
	// mu orders Swap with Close: a generation swapped in after Close is
	// closed, never served.
	mu     sync.Mutex
	closed bool
	last   atomic.Pointer[Generation] // served when Close was called
	// open counts the generations stored and not yet closed: Close waits
	// for them before keeping the last one.
	open atomic.Int64
}

// NewCurrent serves g until the first Swap. logger may be nil.
func NewCurrent(g *Generation, logger *slog.Logger) *Current {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	c := &Current{log: logger}
	c.open.Add(1)
	c.h.store(g, c.closeGen)
	return c
}

// Acquire returns the generation to answer from and the func to call when
// the answer is sent; ok is false after Close.
func (c *Current) Acquire() (g *Generation, release func(), ok bool) {
	return c.h.acquire()
}

// Swap starts serving g; the old generation's index is closed once idle.
func (c *Current) Swap(g *Generation) {
	c.open.Add(1)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		c.closeGen(g)
		return
	}
	c.h.store(g, c.closeGen)
}

// closeWait is how long Close waits for the requests still holding an
// index before giving up on keeping a reloaded one (keepLastIn).
var closeWait = 10 * time.Second

// Close stops serving; the index is closed once the last request is done.
// When a reload built the generation served (keepLastIn), Close waits
// for every index to close and makes that one the directory's, for the
// next start to reuse.
func (c *Current) Close() {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return
	}
	c.closed = true
	last, release, ok := c.h.acquire()
	if ok {
		c.last.Store(last)
		release()
	}
	c.h.shutdown()
	c.mu.Unlock()
	dir := c.keepIn.Load()
	if !ok || dir == nil || last.dir == "" {
		return
	}
	// Every index closed first: the first one holds dir's lock, and the
	// files of the last must be still when they move.
	for deadline := time.Now().Add(closeWait); c.open.Load() > 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			c.log.Warn("the reloaded index is not kept for the next start: requests still held an index", "dir", last.dir)
			return // removed at the next start, which checks the one before it
		}
	}
	if err := index.Promote(last.dir, *dir); err != nil {
		c.log.Warn("the reloaded index is not kept for the next start", "err", err)
		_ = os.RemoveAll(last.dir)
		return
	}
	c.log.Info("the reloaded index is kept for the next start", "dir", *dir)
}

// keepLastIn has the last generation served, if a reload built it in a
// directory of its own, made dir's index when the service closes.
func (c *Current) keepLastIn(dir string) { c.keepIn.Store(&dir) }

func (c *Current) closeGen(g *Generation) {
	defer c.open.Add(-1)
	if g == nil || g.Engine == nil {
		return
	}
	if err := g.Engine.Close(); err != nil {
		c.log.Warn("closing a replaced index", "err", err)
	}
	if g.dir != "" && (c.keepIn.Load() == nil || c.last.Load() != g) {
		if err := os.RemoveAll(g.dir); err != nil {
			c.log.Warn("removing a replaced index", "dir", g.dir, "err", err)
		}
	}
}
