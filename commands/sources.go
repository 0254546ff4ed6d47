package commands

import (
	"context"
	"fmt"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

var sourcesCommand = command{
	definition: discordgo.ApplicationCommand{
		Name:        "sources",
		Description: "The articles talkbot quotes: title, publisher, date and link",
	},
	handle: handleSources,
	help:   helpEntry{"/sources", "The articles talkbot quotes: title, publisher, original source, date and link.", "/sources"},
}

// handleSources lists every article: title linked, publisher, original
// source, date.
func handleSources(_ context.Context, r *Router, req request) (*discordgo.InteractionResponse, error) {
	src := r.engine.Sources()
	if len(src.Articles) == 0 {
		return notice("No article is loaded."), nil
	}
	lines := make([]string, 0, len(src.Articles))
	for _, a := range src.Articles {
		title := escapeLinkText(shorten(a.Title, 200))
		if linkable(a.URL) {
			title = "[" + title + "](<" + a.URL + ">)"
		}
		lines = append(lines, "**"+title+"**\n"+escapeMarkdown(sourceLine(a), false))
	}
	title := fmt.Sprintf("The %d articles talkbot quotes", len(src.Articles))
	if len(src.Articles) == 1 {
		title = "The article talkbot quotes"
	}
	e := &discordgo.MessageEmbed{Title: title, Color: embedColor}
	e.Description = blocksDescription(lines, min(maxEmbedDesc, maxEmbedTotal-embedSlack-utf8.RuneCountInString(title)))
	return reply(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}}, req.ephemeral), nil
}
