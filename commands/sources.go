package commands

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"talkbot/answer"
)

// SourcesPageSize is how many articles a /sources page lists.
const SourcesPageSize = 10

var sourcesCommand = command{
	definition: discordgo.ApplicationCommand{
		Name:        "sources",
		Description: "The articles talkbot quotes, newest first: title, publisher, date and link",
		Options:     filterOptions(),
	},
	handle: handleSources,
	complete: map[string]completer{
		optPublisher: completePublisher,
	},
	buttons: []button{
		{matches: func(id string) bool { return strings.HasPrefix(id, sourcesPrefix) }, press: pressSourcesPage},
	},
	help: helpEntry{"/sources [publisher:] [from:] [to:]",
		"The articles talkbot quotes, newest first, ten a page: title, publisher, original source, date and link.",
		"/sources publisher: Reuters"},
}

// handleSources lists the articles, newest first, a page at a time:
// title linked, publisher, original source, date.
func handleSources(_ context.Context, r *Router, req request) (*discordgo.InteractionResponse, error) {
	st, err := req.pageState()
	if err != nil {
		return nil, err
	}
	st.Sources = true
	return r.sourcesPage(st, req.ephemeral, false)
}

// pressSourcesPage turns a /sources page; like /search, only the asker
// may, and the page comes from the custom_id alone.
func pressSourcesPage(_ context.Context, r *Router, i *discordgo.Interaction, id string) (*discordgo.InteractionResponse, error) {
	st, err := ParsePageID(id)
	if err != nil {
		return nil, &userError{msg: "That button is damaged; run /sources again.", cause: fmt.Errorf("bad sources button: %w", err)}
	}
	if strconv.FormatUint(st.UserID, 10) != userID(i) {
		return notice("Only the person who listed these sources can turn the pages. Run /sources yourself."), nil
	}
	return r.sourcesPage(st, false, true)
}

func (r *Router) sourcesPage(st PageState, ephemeral, update bool) (*discordgo.InteractionResponse, error) {
	page, err := r.engine.SourcesPage(answer.SourcesQuery{Publisher: st.Publisher, From: st.From, To: st.To},
		answer.Page{Offset: st.Page * SourcesPageSize, Limit: SourcesPageSize})
	if err != nil {
		return nil, err
	}
	if page.Total == 0 {
		if st.Publisher == "" && st.From.IsZero() && st.To.IsZero() {
			return notice("No article is loaded."), nil
		}
		return notice("No article" + filterLabel(st) + " is loaded."), nil
	}
	if len(page.Articles) == 0 {
		return notice("That page no longer exists (the articles have changed); run /sources again."), nil
	}
	lines := make([]string, 0, len(page.Articles))
	for _, a := range page.Articles {
		title := escapeLinkText(shorten(a.Title, 200))
		if linkable(a.URL) {
			title = "[" + title + "](<" + a.URL + ">)"
		}
		lines = append(lines, "**"+title+"**\n"+escapeMarkdown(sourceLine(a), false))
	}
	pages := min((page.Total+SourcesPageSize-1)/SourcesPageSize, MaxPages)
	title := fmt.Sprintf("The %d articles talkbot quotes%s", page.Total, filterLabel(st))
	if page.Total == 1 {
		title = "The article talkbot quotes" + filterLabel(st)
	}
	if pages > 1 {
		first := st.Page*SourcesPageSize + 1
		title += fmt.Sprintf(" · %d–%d, page %d/%d", first, first+len(page.Articles)-1, st.Page+1, pages)
	}
	title = shorten(title, maxEmbedTitle)
	e := &discordgo.MessageEmbed{Title: title, Color: embedColor}
	e.Description = blocksDescription(lines, min(maxEmbedDesc, maxEmbedTotal-embedSlack-utf8.RuneCountInString(title)))
	data := &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}}
	if nav := navRow(st, pages); nav != nil {
		data.Components = append(data.Components, nav)
	}
	if update {
		data.AllowedMentions = NoMentions()
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage, Data: data}, nil
	}
	return reply(data, ephemeral), nil
}
