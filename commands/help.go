package commands

import (
	"context"

	"github.com/bwmarrin/discordgo"
)

var helpCommand = command{
	definition: discordgo.ApplicationCommand{
		Name:        "help",
		Description: "What each talkbot command does, with an example",
	},
	visibility: alwaysPrivate,
	handle:     handleHelp,
	help:       helpEntry{"/help", "This list.", "/help"},
}

// handleHelp lists every command the router answers, with an example.
func handleHelp(_ context.Context, r *Router, _ request) (*discordgo.InteractionResponse, error) {
	e := &discordgo.MessageEmbed{
		Title:       "talkbot",
		Description: "Answers about the talks on Ukraine's security guarantees, quoted from news articles. Add public: False to any command to see the answer alone.",
		Color:       embedColor,
	}
	for _, c := range r.commands {
		h := c.help
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
			Name:  h.usage,
			Value: h.what + "\nExample: `" + h.example + "`",
		})
	}
	return reply(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}}, true), nil
}
