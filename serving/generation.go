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
	"sync/atomic"

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
	// keepIn is the index directory a reload built beside (keepLastIn);
	// last is the generation served when Close was called.
	keepIn atomic.Pointer[string]
	last   atomic.Pointer[Generation]
}

// NewCurrent serves g until the first Swap. logger may be nil.
func NewCurrent(g *Generation, logger *slog.Logger) *Current {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	c := &Current{log: logger}
	c.h.store(g, c.closeGen)
	return c
}

// Acquire returns the generation to answer from and the func to call when
// the answer is sent; ok is false after Close.
func (c *Current) Acquire() (g *Generation, release func(), ok bool) {
	return c.h.acquire()
}

// Swap starts serving g; the old generation's index is closed once idle.
func (c *Current) Swap(g *Generation) { c.h.store(g, c.closeGen) }

// Close stops serving; the index is closed once the last request is done.
// A generation a reload built, served to the end, becomes the index the
// next start opens (keepLastIn).
func (c *Current) Close() {
	if g, release, ok := c.h.acquire(); ok {
		c.last.Store(g)
		release()
	}
	c.h.shutdown()
}

// keepLastIn has the last generation served, if a reload built it in a
// directory of its own, promoted to be dir's index when it is closed.
func (c *Current) keepLastIn(dir string) { c.keepIn.Store(&dir) }

func (c *Current) closeGen(g *Generation) {
	if g == nil || g.Engine == nil {
		return
	}
	if err := g.Engine.Close(); err != nil {
		c.log.Warn("closing a replaced index", "err", err)
	}
	if g.dir != "" {
		if dir := c.keepIn.Load(); dir != nil && c.last.Load() == g {
			err := index.Promote(g.dir, *dir)
			if err == nil {
				c.log.Info("the reloaded index is kept for the next start", "dir", *dir)
				return
			}
			c.log.Warn("keeping the reloaded index for the next start", "err", err)
		}
		if err := os.RemoveAll(g.dir); err != nil {
			c.log.Warn("removing a replaced index", "dir", g.dir, "err", err)
		}
	}
}
