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

// quoteRunes bounds one quoted passage in a list answer so several
// actors or quotations fit in one message.
const quoteRunes = 350

var whoPledgedCommand = command{
	definition: discordgo.ApplicationCommand{
		Name:        "who-pledged",
		Description: "Who pledged, offered or refused something, with quotes",
		Options: []*discordgo.ApplicationCommandOption{
			str(optWhat, "What was pledged, e.g. troops", true, false, MaxTopicRunes),
		},
	},
	handle: handleWhoPledged,
	help: helpEntry{"/who-pledged what:", "Who pledged, offered or refused something, each with the quote that shows it.",
		"/who-pledged what: troops"},
}

// handleWhoPledged answers /who-pledged: one line per actor with its
// stance, the quote below, the source linked.
func handleWhoPledged(ctx context.Context, r *Router, req request) (*discordgo.InteractionResponse, error) {
	in, err := req.opts.input(optWhat, true, MaxTopicRunes)
	if err != nil {
		return nil, err
	}
	topic := in.String()
	res, err := r.engine.WhoPledged(ctx, in)
	if err != nil {
		return nil, err
	}
	var blocks []string
	var arts []corpus.Article
	for _, group := range []struct {
		stance string
		actors []answer.Actor
	}{{"pledged", res.Pledged}, {"declined", res.Declined}, {"unclear", res.Unclear}} {
		for _, a := range group.actors {
			blocks = append(blocks, actorBlock(a, group.stance))
			if len(a.Quotes) > 0 {
				arts = append(arts, a.Quotes[0].Article)
			}
		}
	}
	if len(blocks) == 0 {
		return notice(fmt.Sprintf("I found no one in the articles pledging or refusing %s. Try /search query: %s",
			quoteInline(topic), escapeMarkdown(topic, false))), nil
	}
	e := &discordgo.MessageEmbed{
		Title: shorten("Who pledged "+topic, maxEmbedTitle),
		Color: embedColor,
	}
	e.Description = blocksDescription(blocks, min(maxEmbedDesc, maxEmbedTotal-embedSlack-utf8.RuneCountInString(e.Title)))
	return reply(&discordgo.InteractionResponseData{
		Embeds:     []*discordgo.MessageEmbed{e},
		Components: articleButtons(arts, maxRows),
	}, req.ephemeral), nil
}

var stanceMark = map[string]string{"pledged": "✅ pledged", "declined": "❌ declined", "unclear": "❔ unclear"}

func actorBlock(a answer.Actor, stance string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** — %s", escapeMarkdown(a.Actor, false), stanceMark[stance])
	if len(a.History) > 0 {
		fmt.Fprintf(&b, " (history: %s)", escapeMarkdown(strings.Join(a.History, "; "), false))
	}
	if len(a.Quotes) > 0 {
		q := a.Quotes[0]
		b.WriteString("\n> " + quoteLine(q.Passage))
		b.WriteString("\n— " + sourceLink(q.Article))
	}
	return b.String()
}

// quoteLine is a passage as one escaped, shortened line.
func quoteLine(s string) string {
	return shorten(escapeMarkdown(strings.Join(strings.Fields(s), " "), true), quoteRunes)
}
