package commands

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"talkbot/answer"
	"talkbot/corpus"
	"talkbot/timeline"
)

// quoteRunes bounds one quoted passage in a list answer so several
// actors or quotations fit in one message.
const quoteRunes = 350

// timelineFile is the name of the PNG a who-pledged answer attaches.
const timelineFile = "timeline.png"

var whoPledgedCommand = command{
	definition: discordgo.ApplicationCommand{
		Name:        "who-pledged",
		Description: "Who pledged, offered or refused something, with quotes and a timeline",
		Options: []*discordgo.ApplicationCommandOption{
			str(optWhat, "What was pledged, e.g. troops, air defence, monitoring, money", true, false, MaxTopicRunes),
		},
	},
	handle: handleWhoPledged,
	help: helpEntry{"/who-pledged what:", "Who pledged, offered or refused something, each with the quote that shows it, and a timeline of their stances.",
		"/who-pledged what: troops"},
}

// handleWhoPledged answers /who-pledged: one line per actor (actors
// sharing a quote together) with its stance, the quote below, the source
// linked, groups and opposition apart, and the timeline attached.
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
	if res.Unknown {
		return notice(unknownTopic(topic, res.Nearest)), nil
	}
	e, arts := pledgesEmbed(res, topic)
	if e == nil {
		return notice(fmt.Sprintf("I found no one in the articles pledging or refusing %s. Try /search query: %s",
			quoteInline(topic), escapeMarkdown(topic, false))), nil
	}
	data := &discordgo.InteractionResponseData{
		Embeds:     []*discordgo.MessageEmbed{e},
		Components: articleButtons(arts, maxRows),
	}
	if png := r.timeline(res); png != nil {
		e.Image = &discordgo.MessageEmbedImage{URL: "attachment://" + timelineFile}
		data.Files = []*discordgo.File{{Name: timelineFile, ContentType: "image/png", Reader: bytes.NewReader(png)}}
	}
	return reply(data, req.ephemeral), nil
}

// pledgesEmbed is a who-pledged answer as an embed, with the articles
// its quotes come from; nil when it names no one.
func pledgesEmbed(res answer.Pledges, topic string) (*discordgo.MessageEmbed, []corpus.Article) {
	blocks, arts := pledgeBlocks(res)
	if len(blocks) == 0 {
		return nil, nil
	}
	title := "Who pledged " + topic
	if res.Label != "" && !strings.EqualFold(res.Label, topic) {
		title += " (" + res.Label + ")"
	}
	if res.Among != "" {
		title += ", among " + res.Among
	}
	e := &discordgo.MessageEmbed{Title: shorten(title, maxEmbedTitle), Color: embedColor}
	e.Description = blocksDescription(blocks, min(maxEmbedDesc, maxEmbedTotal-embedSlack-utf8.RuneCountInString(e.Title)))
	return e, arts
}

// timeline is the answer's PNG, drawn once per topic and generation; nil
// when there is nothing to draw or drawing failed.
func (r *Router) timeline(p answer.Pledges) []byte {
	key := p.Label + "\x00" + p.Topic + "\x00" + p.Among // a group draws fewer actors
	if b, ok := r.timelines.Get(key); ok {
		return b
	}
	// Drawn once however many ask at the same moment: a chart takes tens
	// of milliseconds of CPU.
	v, _, _ := r.drawing.Do(key, func() (any, error) {
		b, _, err := timeline.FromPledges(p).Render()
		if err != nil {
			b = nil
		}
		r.timelines.Put(key, b)
		return b, nil
	})
	return v.([]byte)
}

// unknownTopic says a topic is none who-pledged knows, with the nearest.
func unknownTopic(topic string, nearest []string) string {
	msg := fmt.Sprintf("I don't know the topic %s.", quoteInline(topic))
	if len(nearest) > 0 {
		msg += " Nearest known topics: " + escapeMarkdown(strings.Join(nearest, ", "), false) + "."
	}
	return msg + " All topics: " + escapeMarkdown(strings.Join(answer.KnownTopics(), ", "), false) + "."
}

// pledgeBlocks renders the sections: actors whose first quote is the
// same passage share one block, so a passage is never repeated under
// each actor it names.
func pledgeBlocks(p answer.Pledges) ([]string, []corpus.Article) {
	var blocks []string
	var arts []corpus.Article
	for _, sec := range p.Sections() {
		for _, idx := range answer.SharedQuotes(sec.Actors, 1) {
			a := sec.Actors[idx[0]]
			blocks = append(blocks, actorBlock(sec.Actors, idx))
			if len(a.Quotes) > 0 {
				arts = append(arts, a.Quotes[0].Article)
			}
		}
	}
	return blocks, arts
}

var stanceMark = map[string]string{"pledged": "✅ pledged", "declined": "❌ declined", "unclear": "❔ unclear",
	"contested": "⚖️ contested", "opposes": "⛔ opposes"}

// actorBlock is the block of the actors at idx of as (one quote).
func actorBlock(as []answer.Actor, idx []int) string {
	a := as[idx[0]]
	var b strings.Builder
	name := escapeMarkdown(answer.ActorNames(as, idx), false)
	stance := stanceMark[a.Stance]
	if a.Kind == "group" {
		name += " (group)"
	}
	if a.Stance == "contested" && len(a.Between) > 0 {
		stance += " (" + strings.Join(a.Between, " / ") + ")"
	}
	fmt.Fprintf(&b, "**%s** — %s", name, stance)
	if len(a.Quotes) > 0 && a.Quotes[0].Condition != "" && a.Stance == "pledged" {
		fmt.Fprintf(&b, ", %s", escapeMarkdown(shorten(a.Quotes[0].Condition, 80), false))
	}
	for _, n := range idx {
		if h := as[n].History; len(h) > 0 {
			who := ""
			if len(idx) > 1 {
				who = " " + as[n].Actor
			}
			fmt.Fprintf(&b, " (earlier%s: %s)", escapeMarkdown(who, false), escapeMarkdown(strings.Join(h, "; "), false))
		}
	}
	quotes := a.Quotes
	if a.Stance != "contested" && len(quotes) > 1 {
		quotes = quotes[:1]
	}
	for _, q := range quotes {
		b.WriteString("\n> ")
		if a.Stance == "contested" {
			b.WriteString(q.Stance + ": ")
		}
		b.WriteString(quoteLine(q.Passage))
		b.WriteString("\n— " + sourceLink(q.Article))
	}
	return b.String()
}

// quoteLine is a passage as one escaped, shortened line.
func quoteLine(s string) string {
	return shorten(escapeMarkdown(strings.Join(strings.Fields(s), " "), true), quoteRunes)
}
