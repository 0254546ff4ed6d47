package commands

import (
	"github.com/bwmarrin/discordgo"

	"talkbot/answer"
)

// AskReply is the Discord reply to /ask for an answer already found: the
// quoted passages as embeds with article buttons, or the no-match notice.
// The benchmark (bench/) formats both engines' answers with it, so "ask
// latency" includes the same rendering work the bot does.
func AskReply(q string, res answer.Search, public bool) *discordgo.InteractionResponse {
	if len(res.Results) == 0 {
		return noMatch(q, res.Suggestion, func(s string) string { return "/ask question: " + escapeMarkdown(s, false) })
	}
	embeds := resultEmbeds(res.Results, shorten("Best passages for “"+q+"”", 256))
	return reply(&discordgo.InteractionResponseData{
		Embeds:     embeds,
		Components: articleButtons(articlesOf(res.Results), maxRows),
	}, !public)
}
