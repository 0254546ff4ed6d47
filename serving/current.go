package serving

import (
	"context"
	"errors"

	"github.com/bwmarrin/discordgo"

	"talkbot/commands"
)

// errShuttingDown answers interactions that arrive after Close.
var errShuttingDown = errors.New("talkbot is shutting down; try again in a moment")

// Handle answers from the generation being served: both transports call
// it (Current is their bot.Handler), so each request holds one generation
// from start to answer and hot reloads reach both alike.
func (c *Current) Handle(ctx context.Context, i *discordgo.Interaction) commands.Reply {
	g, release, ok := c.Acquire()
	if !ok {
		return commands.Reply{Outcome: commands.OutcomeCancelled, Err: errShuttingDown}
	}
	defer release()
	return g.Router.Handle(ctx, i)
}

// Ephemeral asks the generation's router whether the reply to i will be
// private.
func (c *Current) Ephemeral(i *discordgo.Interaction) bool {
	g, release, ok := c.Acquire()
	if !ok {
		return true
	}
	defer release()
	return g.Router.Ephemeral(i)
}
