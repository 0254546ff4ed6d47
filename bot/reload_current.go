package bot

import (
	"context"
	"log/slog"
	"os"

	"github.com/bwmarrin/discordgo"

	"talkbot/index"
)

// Router answers one interaction; *commands.Router is the real one.
type Router interface {
	Handle(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error)
}

// Generation is one built index and the router answering from it. A
// reload builds a new Generation and swaps it in whole, so a request sees
// one index from start to end.
type Generation struct {
	Index    *index.Index
	Router   Router
	Articles int
	Passages int
	// dir is the directory a reload built Index in, removed once the
	// generation is replaced and closed ("" for none).
	dir string
}

// Current is the generation being served. Requests take it with Acquire
// and give it back when done; a swapped-out index is closed only after
// its last request finished, so no request fails or waits on a swap.
type Current struct {
	h   holder[*Generation]
	log *slog.Logger
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
func (c *Current) Close() { c.h.shutdown() }

func (c *Current) closeGen(g *Generation) {
	if g == nil || g.Index == nil {
		return
	}
	if err := g.Index.Close(); err != nil {
		c.log.Warn("closing a replaced index", "err", err)
	}
	if g.dir != "" {
		if err := os.RemoveAll(g.dir); err != nil {
			c.log.Warn("removing a replaced index", "dir", g.dir, "err", err)
		}
	}
}
