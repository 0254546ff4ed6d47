package commands

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"talkbot/answer"
	"talkbot/corpus"
)

var quoteCommand = command{
	definition: discordgo.ApplicationCommand{
		Name:        "quote",
		Description: "What a person is quoted as saying",
		Options: []*discordgo.ApplicationCommandOption{
			str(optWho, "The person, e.g. Zelensky", true, true, MaxNameRunes),
			str(optAbout, "Only quotes about this topic", false, false, MaxTopicRunes),
		},
	},
	handle: handleQuote,
	complete: map[string]completer{
		optWho: func(r *Router, typed string) []string { return match(r.engine.Speakers(), typed, MaxNameRunes) },
	},
	help: helpEntry{"/quote who: [about:]", "What a person is quoted as saying, with the sentence around it.",
		"/quote who: Zelensky about: guarantees"},
}

// handleQuote answers /quote: the quotations by a person, each with the
// sentence around it and its source.
func handleQuote(ctx context.Context, r *Router, req request) (*discordgo.InteractionResponse, error) {
	whoIn, err := req.opts.input(optWho, true, MaxNameRunes)
	if err != nil {
		return nil, err
	}
	aboutIn, err := req.opts.input(optAbout, false, MaxTopicRunes)
	if err != nil {
		return nil, err
	}
	who, about := whoIn.String(), aboutIn.String()
	res, err := r.engine.QuotesBy(ctx, whoIn, aboutIn)
	if err != nil {
		return nil, err
	}
	if len(res.Quotes) == 0 {
		msg := fmt.Sprintf("I found no quotations by %s", quoteInline(who))
		if about != "" {
			msg += " about " + quoteInline(about)
		}
		msg += "."
		if len(res.Closest) > 0 {
			names := make([]string, 0, len(res.Closest))
			for _, n := range res.Closest {
				names = append(names, escapeMarkdown(n, false))
			}
			msg += " The articles quote: " + strings.Join(names, ", ") + "."
		}
		return notice(msg), nil
	}
	e, arts := quotesEmbed(res, about)
	return reply(&discordgo.InteractionResponseData{
		Embeds:     []*discordgo.MessageEmbed{e},
		Components: articleButtons(arts, maxRows),
	}, req.ephemeral), nil
}

// quotesEmbed is a person's quotations as an embed, each passage once
// under its quotations, with the articles they come from.
func quotesEmbed(res answer.Quotes, about string) (*discordgo.MessageEmbed, []corpus.Article) {
	title := "Quoted: " + res.Speaker
	if about != "" {
		title += " on " + about
	}
	var blocks []string
	var arts []corpus.Article
	for _, group := range answer.ByPassage(res.Quotes) {
		var b strings.Builder
		for k, q := range group {
			if k > 0 {
				b.WriteString("\n")
			}
			b.WriteString("> “" + shorten(escapeMarkdown(strings.Join(strings.Fields(q.Text), " "), false), quoteRunes) + "”")
		}
		q := group[0]
		if q.Passage != "" && strings.TrimSpace(q.Passage) != strings.TrimSpace(q.Text) {
			b.WriteString("\n" + quoteLine(q.Passage))
		}
		b.WriteString("\n— " + sourceLink(q.Article))
		blocks = append(blocks, b.String())
		arts = append(arts, q.Article)
	}
	e := &discordgo.MessageEmbed{Title: shorten(title, maxEmbedTitle), Color: embedColor}
	e.Description = blocksDescription(blocks, min(maxEmbedDesc, maxEmbedTotal-embedSlack-utf8.RuneCountInString(e.Title)))
	return e, arts
}
