package commands

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"

	"talkbot/answer"
)

var askCommand = command{
	definition: discordgo.ApplicationCommand{
		Name:        "ask",
		Description: "Ask about the talks on Ukraine's security guarantees; get quoted passages",
		Options: []*discordgo.ApplicationCommandOption{
			str(optQuestion, "Your question, e.g. who pledged troops?", true, true, MaxQuestionRunes),
		},
	},
	handle: handleAsk,
	complete: map[string]completer{
		optQuestion: func(r *Router, typed string) []string { return completeText(r.engine, typed, MaxQuestionRunes) },
	},
	help: helpEntry{"/ask question:", "The best passages that answer a question, quoted word for word with their source.",
		"/ask question: who will monitor a ceasefire?"},
}

// handleAsk answers /ask with the best quoted passages.
func handleAsk(ctx context.Context, r *Router, req request) (*discordgo.InteractionResponse, error) {
	q, err := req.opts.input(optQuestion, true, MaxQuestionRunes)
	if err != nil {
		return nil, err
	}
	res, err := r.engine.Ask(ctx, q)
	if err != nil {
		return nil, err
	}
	return AskReply(q.String(), res, !req.ephemeral), nil
}

// AskReply is the Discord reply to /ask for an answer already found: the
// quoted passages as embeds with article buttons, or the no-match notice.
// The benchmark (bench/) formats both engines' answers with it, so "ask
// latency" includes the same rendering work the bot does.
func AskReply(q string, res answer.Search, public bool) *discordgo.InteractionResponse {
	if len(res.Results) == 0 {
		return noMatch(q, res.Suggestion, func(s string) string { return "/ask question: " + escapeMarkdown(s, false) })
	}
	// A who-pledged or quote question leads with that answer, saying so;
	// /search has the passages.
	if res.Pledges != nil {
		if e, arts := pledgesEmbed(*res.Pledges, res.Pledges.Topic); e != nil {
			source := "as /who-pledged what: " + escapeMarkdown(res.Pledges.Topic, false) + " gives them"
			if res.Pledges.Among != "" {
				source = res.Pledges.Among + " alone (/who-pledged what: " + escapeMarkdown(res.Pledges.Topic, false) + " gives every actor)"
			}
			return reply(&discordgo.InteractionResponseData{
				Content: shorten("From the stances the articles state, "+source+
					". For the passages: /search query: "+escapeMarkdown(q, false), maxContent),
				Embeds:     []*discordgo.MessageEmbed{e},
				Components: articleButtons(arts, maxRows),
			}, !public)
		}
	}
	if res.Quotes != nil && len(res.Quotes.Quotes) > 0 {
		e, arts := quotesEmbed(*res.Quotes, "")
		return reply(&discordgo.InteractionResponseData{
			Content: shorten("What "+escapeMarkdown(res.Quotes.Speaker, false)+" is quoted as saying, as /quote gives it. For the passages: /search query: "+
				escapeMarkdown(q, false), maxContent),
			Embeds:     []*discordgo.MessageEmbed{e},
			Components: articleButtons(arts, maxRows),
		}, !public)
	}
	content := showingFor(res)
	if res.Pledges != nil && res.Pledges.Among != "" && !res.Pledges.Stated() {
		note := "No passage says whether any of the " + res.Pledges.Among + " pledged or refused " +
			escapeMarkdown(res.Pledges.Topic, false) + "; the passages that best match the question:"
		content = strings.TrimSpace(content + "\n" + note)
	}
	embeds := resultEmbeds(res.Results, shorten("Best passages for “"+q+"”", 256))
	return reply(&discordgo.InteractionResponseData{
		Content:    shorten(content, maxContent),
		Embeds:     embeds,
		Components: articleButtons(articlesOf(res.Results), maxRows),
	}, !public)
}
