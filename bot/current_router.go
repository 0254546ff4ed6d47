package bot

import (
	"context"
	"errors"

	"github.com/bwmarrin/discordgo"
)

// errShuttingDown answers interactions that arrive after Close.
var errShuttingDown = errors.New("talkbot is shutting down; try again in a moment")

// Handle answers from the generation being served, so gateway mode gets
// the same hot reloads as HTTP mode: Current is itself a Router.
func (c *Current) Handle(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
	resp, _, err := c.HandleOutcome(ctx, i)
	return resp, err
}

// HandleOutcome passes on the generation's router's outcome (an
// OutcomeRouter), so the transport's log line and metrics carry it.
func (c *Current) HandleOutcome(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, string, error) {
	g, release, ok := c.Acquire()
	if !ok {
		return nil, "", errShuttingDown
	}
	defer release()
	return handleOutcome(ctx, g.Router, i)
}
