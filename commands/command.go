// Package commands is talkbot's Discord front: the slash commands, one
// router for every transport (gateway, HTTP), the handlers that turn an
// interaction into a response, the rendering of answers within Discord's
// limits, /search paging through custom_id, and a per-user rate limit.
//
// A slash command is one value (command), declared in a file of its own
// and listed once in registry: its definition, its handler, what its
// options complete to, its buttons and its line in /help all come from
// there.
package commands

import (
	"context"
	"slices"

	"github.com/bwmarrin/discordgo"
)

// registry is every slash command, in the order Discord and /help list
// them. Adding a command is a file declaring it plus one line here.
var registry = []*command{
	&askCommand,
	&searchCommand,
	&whoPledgedCommand,
	&quoteCommand,
	&sourcesCommand,
	&addArticleCommand,
	&helpCommand,
}

// A command is everything about one slash command.
type command struct {
	// definition is what Discord registers, without the public option
	// (visibility adds it).
	definition discordgo.ApplicationCommand
	visibility visibility
	handle     handler
	// complete answers autocomplete, by option name: exactly the options
	// with Autocomplete set have one (a test checks).
	complete map[string]completer
	// buttons are the message components this command's replies carry.
	buttons []button
	help    helpEntry
}

// visibility says who sees a command's reply.
type visibility int

const (
	// publicByDefault adds a public: option (default true); public:
	// false makes the reply visible only to the asker.
	publicByDefault visibility = iota
	// alwaysPrivate replies only to the asker (/help).
	alwaysPrivate
)

// A handler turns a command's options (and who asked) into the response.
// It is a plain function: data in, response out.
type handler func(ctx context.Context, r *Router, req request) (*discordgo.InteractionResponse, error)

// request is what a handler needs from the interaction.
type request struct {
	opts   options
	userID string
	// perms are the asker's permissions in the channel (0 outside a server).
	perms int64
	// ephemeral is the reply's visibility, read once by the router.
	ephemeral bool
}

// A completer offers values for an option while it is typed. It never
// fails: nothing to offer is an empty list.
type completer func(r *Router, typed string) []string

// A button answers presses of the message components whose custom_id it
// matches.
type button struct {
	matches func(customID string) bool
	press   func(ctx context.Context, r *Router, i *discordgo.Interaction, customID string) (*discordgo.InteractionResponse, error)
}

// helpEntry is a command's line in /help.
type helpEntry struct{ usage, what, example string }

// Definitions are the slash commands talkbot registers (bulk overwrite at
// every start). Required options come first, as Discord demands.
func Definitions() []*discordgo.ApplicationCommand {
	out := make([]*discordgo.ApplicationCommand, 0, len(registry))
	for _, c := range registry {
		out = append(out, c.applicationCommand())
	}
	return out
}

// applicationCommand is the command as Discord registers it.
func (c *command) applicationCommand() *discordgo.ApplicationCommand {
	d := c.definition
	d.Options = slices.Clone(d.Options)
	if c.visibility == publicByDefault {
		d.Options = append(d.Options, publicOpt())
	}
	return &d
}
