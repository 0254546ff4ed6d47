package commands

import (
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"talkbot/answer"
	"talkbot/corpus"
)

// Discord's limits on what a message may carry.
const (
	maxContent      = 2000
	maxEmbeds       = 10
	maxEmbedTitle   = 256
	maxEmbedDesc    = 4096
	maxFields       = 25
	maxFieldName    = 256
	maxFieldValue   = 1024
	maxFooter       = 2048
	maxEmbedTotal   = 6000
	maxButtonsInRow = 5
	maxRows         = 5
	maxButtonLabel  = 80
	maxURL          = 512
	// embedSlack keeps a margin under maxEmbedTotal for rounding in the
	// per-embed budgets.
	embedSlack = 50
)

const embedColor = 0x3b82f6

// NoMentions goes on every reply: quoted text must never ping anyone.
func NoMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// reply wraps data as a new message, ephemeral when asked.
func reply(data *discordgo.InteractionResponseData, ephemeral bool) *discordgo.InteractionResponse {
	data.AllowedMentions = NoMentions()
	if ephemeral {
		data.Flags |= discordgo.MessageFlagsEphemeral
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: data}
}

// notice is a short text only the person who asked sees.
func notice(msg string) *discordgo.InteractionResponse {
	return reply(&discordgo.InteractionResponseData{Content: shorten(msg, maxContent)}, true)
}

// linkable reports whether u can be an embed or button link.
func linkable(u string) bool {
	if u == "" || utf8.RuneCountInString(u) > maxURL {
		return false
	}
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "https" || p.Scheme == "http") && p.Host != ""
}

// plain escapes text from the corpus for a place that renders markdown,
// shortened to limit.
func plain(s string, limit int) string {
	return shorten(escapeMarkdown(s, true), limit)
}

// sourceLine is "Publisher (original: X) · 2025-04-25 (approx.)".
func sourceLine(a corpus.Article) string {
	parts := []string{}
	if s := a.SourceLabel(); s != "" {
		parts = append(parts, s)
	}
	parts = append(parts, a.DateLabel())
	return strings.Join(parts, " · ")
}

// sourceLink is the source line as a markdown link to the article.
func sourceLink(a corpus.Article) string {
	label := escapeLinkText(sourceLine(a))
	if !linkable(a.URL) {
		return label
	}
	return "[" + label + "](<" + a.URL + ">)"
}

// escapeLinkText escapes text that goes inside [ ] of a masked link.
func escapeLinkText(s string) string {
	return escapeMarkdown(s, false)
}

// resultEmbeds renders quoted passages, one embed each, fitting every
// embed and their sum in Discord's limits.
func resultEmbeds(results []answer.Citation, header string) []*discordgo.MessageEmbed {
	if len(results) > maxEmbeds {
		results = results[:maxEmbeds]
	}
	embeds := make([]*discordgo.MessageEmbed, 0, len(results))
	fixed := 0
	for _, r := range results {
		e := &discordgo.MessageEmbed{
			Title:  plain(r.Article.Title, maxEmbedTitle),
			Color:  embedColor,
			Footer: &discordgo.MessageEmbedFooter{Text: shorten(sourceLine(r.Article), maxFooter)},
		}
		if linkable(r.Article.URL) {
			e.URL = r.Article.URL
		}
		fixed += utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Footer.Text)
		embeds = append(embeds, e)
	}
	if len(embeds) == 0 {
		return embeds
	}
	per := (maxEmbedTotal - embedSlack - fixed) / len(embeds)
	per = min(per, maxEmbedDesc)
	for k, r := range results {
		embeds[k].Description = renderQuote(r.Passage, r.Highlighted, max(per, 1))
	}
	if header != "" {
		embeds[0].Author = &discordgo.MessageEmbedAuthor{Name: shorten(header, 256)}
		// The header counts toward the total; take it from the last quote.
		if over := totalEmbedChars(embeds) - (maxEmbedTotal - embedSlack); over > 0 {
			last := embeds[len(embeds)-1]
			r := results[len(results)-1]
			last.Description = renderQuote(r.Passage, r.Highlighted, max(utf8.RuneCountInString(last.Description)-over, 1))
		}
	}
	return embeds
}

// totalEmbedChars counts what Discord sums toward its 6000 limit.
func totalEmbedChars(embeds []*discordgo.MessageEmbed) int {
	n := 0
	for _, e := range embeds {
		n += utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Description)
		if e.Footer != nil {
			n += utf8.RuneCountInString(e.Footer.Text)
		}
		if e.Author != nil {
			n += utf8.RuneCountInString(e.Author.Name)
		}
		for _, f := range e.Fields {
			n += utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
		}
	}
	return n
}

// articleButtons is one "Read the article" link button per distinct
// article, five to a row, in at most rows rows.
func articleButtons(arts []corpus.Article, rows int) []discordgo.MessageComponent {
	seen := map[string]bool{}
	var buttons []discordgo.MessageComponent
	numbered := len(arts) > 1
	for _, a := range arts {
		if !linkable(a.URL) || seen[a.URL] || len(buttons) >= rows*maxButtonsInRow {
			continue
		}
		seen[a.URL] = true
		label := "Read the article"
		if numbered {
			label = fmt.Sprintf("Read the article (%s)", a.Publisher)
		}
		buttons = append(buttons, discordgo.Button{
			Label: shorten(label, maxButtonLabel),
			Style: discordgo.LinkButton,
			URL:   a.URL,
		})
	}
	return intoRows(buttons)
}

// intoRows packs buttons five to a row.
func intoRows(buttons []discordgo.MessageComponent) []discordgo.MessageComponent {
	var rows []discordgo.MessageComponent
	for len(buttons) > 0 {
		n := min(len(buttons), maxButtonsInRow)
		rows = append(rows, discordgo.ActionsRow{Components: buttons[:n]})
		buttons = buttons[n:]
	}
	return rows
}

func articlesOf(results []answer.Citation) []corpus.Article {
	arts := make([]corpus.Article, len(results))
	for k, r := range results {
		arts[k] = r.Article
	}
	return arts
}

// noMatch is the ephemeral reply when nothing matched, with the "did you
// mean" suggestion when there is one.
func noMatch(what, suggestion string, retry func(string) string) *discordgo.InteractionResponse {
	return noMatchFiltered(what, "", suggestion, retry)
}

// noMatchFiltered is noMatch naming the filters that kept nothing.
func noMatchFiltered(what, filters, suggestion string, retry func(string) string) *discordgo.InteractionResponse {
	msg := fmt.Sprintf("Nothing in the articles matches %s.", quoteInline(what))
	if filters != "" {
		msg = fmt.Sprintf("Nothing in the articles %s matches %s.", escapeMarkdown(filters, false), quoteInline(what))
	}
	if suggestion != "" && !strings.EqualFold(suggestion, what) {
		msg += fmt.Sprintf(" Did you mean %s? Try %s", quoteInline(suggestion), retry(suggestion))
	} else {
		msg += " Try fewer or other words, or see /sources for what the articles cover."
	}
	return notice(msg)
}

// showingFor is the line above the results when spelling correction
// changed the words searched for, "" otherwise.
func showingFor(res answer.Search) string {
	if fixed := res.ShowingFor(); fixed != "" {
		return "Showing results for " + quoteInline(fixed)
	}
	return ""
}

// quoteInline shows user text inside a sentence, markdown escaped.
func quoteInline(s string) string {
	return "“" + shorten(escapeMarkdown(s, false), 200) + "”"
}

// block is a paragraph of a list answer (who-pledged, quote, sources).
// blocksEmbed fills one embed's description with whole blocks and says how
// many did not fit.
func blocksDescription(blocks []string, limit int) string {
	var b strings.Builder
	used := 0
	for k, bl := range blocks {
		n := utf8.RuneCountInString(bl) + 2
		more := fmt.Sprintf("…and %d more.", len(blocks)-k)
		if used+n+utf8.RuneCountInString(more) > limit && k < len(blocks)-1 || used+n > limit {
			if used == 0 {
				// Not even one whole block fits: shorten it.
				return shorten(bl, limit)
			}
			b.WriteString(more)
			return b.String()
		}
		b.WriteString(bl)
		b.WriteString("\n\n")
		used += n
	}
	return strings.TrimRight(b.String(), "\n")
}
