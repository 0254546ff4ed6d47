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

// handleWhoPledged answers /who-pledged: one line per actor with its
// stance, the quote below, the source linked.
func handleWhoPledged(ctx context.Context, r *Router, req request) (*discordgo.InteractionResponse, error) {
	topic, err := req.opts.text(optWhat, true, MaxTopicRunes)
	if err != nil {
		return nil, err
	}
	if err := answer.CheckQuery(topic); err != nil {
		return nil, err
	}
	public, err := req.opts.flag(optPublic, true)
	if err != nil {
		return nil, err
	}
	res, err := answer.WhoPledged(ctx, r.ix, topic)
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
	}, !public), nil
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

// handleQuote answers /quote: the quotations by a person, each with the
// sentence around it and its source.
func handleQuote(ctx context.Context, r *Router, req request) (*discordgo.InteractionResponse, error) {
	who, err := req.opts.text(optWho, true, MaxNameRunes)
	if err != nil {
		return nil, err
	}
	if err := answer.CheckQuery(who); err != nil {
		return nil, err
	}
	about, err := req.opts.text(optAbout, false, MaxTopicRunes)
	if err != nil {
		return nil, err
	}
	public, err := req.opts.flag(optPublic, true)
	if err != nil {
		return nil, err
	}
	res, err := answer.QuotesBy(ctx, r.ix, who, about)
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
	title := "Quoted: " + res.Speaker
	if about != "" {
		title += " on " + about
	}
	var blocks []string
	var arts []corpus.Article
	for _, q := range res.Quotes {
		var b strings.Builder
		b.WriteString("> “" + shorten(escapeMarkdown(strings.Join(strings.Fields(q.Text), " "), false), quoteRunes) + "”")
		if q.Passage != "" && strings.TrimSpace(q.Passage) != strings.TrimSpace(q.Text) {
			b.WriteString("\n" + quoteLine(q.Passage))
		}
		b.WriteString("\n— " + sourceLink(q.Article))
		blocks = append(blocks, b.String())
		arts = append(arts, q.Article)
	}
	e := &discordgo.MessageEmbed{Title: shorten(title, maxEmbedTitle), Color: embedColor}
	e.Description = blocksDescription(blocks, min(maxEmbedDesc, maxEmbedTotal-embedSlack-utf8.RuneCountInString(e.Title)))
	return reply(&discordgo.InteractionResponseData{
		Embeds:     []*discordgo.MessageEmbed{e},
		Components: articleButtons(arts, maxRows),
	}, !public), nil
}

// handleSources lists every article: title linked, publisher, original
// source, date.
func handleSources(_ context.Context, r *Router, req request) (*discordgo.InteractionResponse, error) {
	public, err := req.opts.flag(optPublic, true)
	if err != nil {
		return nil, err
	}
	src := answer.SourcesOf(r.ix)
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
	return reply(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}}, !public), nil
}

// helpEntries are the commands with an example each, in the order /help
// shows them.
var helpEntries = []struct{ usage, what, example string }{
	{"/ask question:", "The best passages that answer a question, quoted word for word with their source.", "/ask question: who will monitor a ceasefire?"},
	{"/search query: [publisher:] [from:] [to:]", "Every matching passage, five a page, with Previous/Next buttons; filter by outlet and dates (YYYY-MM-DD).", "/search query: air defence from: 2025-08-01"},
	{"/who-pledged what:", "Who pledged, offered or refused something, each with the quote that shows it.", "/who-pledged what: troops"},
	{"/quote who: [about:]", "What a person is quoted as saying, with the sentence around it.", "/quote who: Zelensky about: guarantees"},
	{"/sources", "The articles talkbot quotes: title, publisher, original source, date and link.", "/sources"},
	{"/help", "This list.", "/help"},
}

func handleHelp(context.Context, *Router, request) (*discordgo.InteractionResponse, error) {
	e := &discordgo.MessageEmbed{
		Title:       "talkbot",
		Description: "Answers about the talks on Ukraine's security guarantees, quoted from news articles. Add public: False to any command to see the answer alone.",
		Color:       embedColor,
	}
	for _, h := range helpEntries {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
			Name:  h.usage,
			Value: h.what + "\nExample: `" + h.example + "`",
		})
	}
	return reply(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}}, true), nil
}
