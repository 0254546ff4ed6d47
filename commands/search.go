package commands

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"talkbot/answer"
	"talkbot/corpus"
)

// PageSize is how many passages a /search page shows.
const PageSize = 5

var searchCommand = command{
	definition: discordgo.ApplicationCommand{
		Name:        "search",
		Description: "Search the articles' passages, with filters and pages",
		Options: append([]*discordgo.ApplicationCommandOption{
			str(optQuery, "Words to search for, e.g. air defence", true, true, MaxSearchRunes),
		}, filterOptions()...),
	},
	handle: handleSearch,
	complete: map[string]completer{
		optQuery:     func(r *Router, typed string) []string { return completeText(r.engine, typed, MaxSearchRunes) },
		optPublisher: completePublisher,
	},
	buttons: []button{
		{matches: func(id string) bool { return strings.HasPrefix(id, pagePrefix) }, press: pressPage},
		// An older or newer page format: this replica cannot read it.
		{matches: func(id string) bool { return len(id) > 2 && id[0] == 'p' && id[2] == ':' }, press: otherVersionPage},
	},
	help: helpEntry{"/search query: [publisher:] [from:] [to:]",
		"Every matching passage, five a page, with Previous/Next buttons; filter by outlet and dates (YYYY-MM-DD).",
		"/search query: air defence from: 2025-08-01"},
}

// handleSearch answers /search with its first page.
func handleSearch(ctx context.Context, r *Router, req request) (*discordgo.InteractionResponse, error) {
	q, err := req.opts.text(optQuery, true, MaxSearchRunes)
	if err != nil {
		return nil, err
	}
	st, err := req.pageState()
	if err != nil {
		return nil, err
	}
	st.Query = q
	sq, err := answer.NewSearchQuery(q, st.Publisher, st.From, st.To)
	if err != nil {
		return nil, err
	}
	return r.searchPage(ctx, st, sq, req.ephemeral, false)
}

// pressPage answers a Previous/Next press: only the person who searched
// may turn the pages, and the page is rebuilt from the custom_id alone.
func pressPage(ctx context.Context, r *Router, i *discordgo.Interaction, id string) (*discordgo.InteractionResponse, error) {
	st, err := ParsePageID(id)
	if err != nil {
		return nil, &userError{msg: "That button is damaged; run /search again.", cause: fmt.Errorf("bad page button: %w", err)}
	}
	if strconv.FormatUint(st.UserID, 10) != userID(i) {
		return notice(fmt.Sprintf("Only the person who ran this search can turn its pages. Run %s yourself.",
			searchCommandText(st))), nil
	}
	q, err := answer.NewSearchQuery(st.Query, st.Publisher, st.From, st.To)
	if err != nil {
		return nil, err
	}
	return r.searchPage(ctx, st, q, false, true)
}

func otherVersionPage(context.Context, *Router, *discordgo.Interaction, string) (*discordgo.InteractionResponse, error) {
	return notice("This button comes from another version of talkbot; run /search again."), nil
}

// searchCommandText is the /search command that gives st's results.
func searchCommandText(st PageState) string {
	var b strings.Builder
	b.WriteString("/search query: " + escapeMarkdown(st.Query, false))
	if st.Publisher != "" {
		b.WriteString(" publisher: " + escapeMarkdown(st.Publisher, false))
	}
	if !st.From.IsZero() {
		b.WriteString(" from: " + st.From.Format(corpus.DateLayout))
	}
	if !st.To.IsZero() {
		b.WriteString(" to: " + st.To.Format(corpus.DateLayout))
	}
	return b.String()
}

// searchPage runs q, the search st describes, and renders that page: as a
// new message, or (update) replacing the message whose button was pressed.
func (r *Router) searchPage(ctx context.Context, st PageState, q answer.SearchQuery, ephemeral, update bool) (*discordgo.InteractionResponse, error) {
	res, err := r.engine.Search(ctx, q, answer.Page{Offset: st.Page * PageSize, Limit: PageSize})
	if err != nil {
		return nil, err
	}
	if res.Total == 0 {
		return noMatchFiltered(st.Query, q.Filters(), res.Suggestion, func(s string) string {
			st2 := st
			st2.Query = s
			return searchCommandText(st2)
		}), nil
	}
	if len(res.Results) == 0 {
		return notice("That page no longer exists (the articles have changed); run /search again."), nil
	}
	pages := min((res.Total+PageSize-1)/PageSize, MaxPages)
	first := st.Page*PageSize + 1
	header := fmt.Sprintf("Results %d–%d of %d for “%s”%s · page %d/%d",
		first, first+len(res.Results)-1, res.Total, st.Query, filterLabel(st), st.Page+1, pages)
	data := &discordgo.InteractionResponseData{Content: showingFor(res), Embeds: resultEmbeds(res.Results, shorten(header, 256))}
	rows := maxRows
	if nav := navRow(st, pages); nav != nil {
		data.Components = append(data.Components, nav)
		rows--
	}
	data.Components = append(data.Components, articleButtons(articlesOf(res.Results), rows)...)
	if update {
		data.AllowedMentions = NoMentions()
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage, Data: data}, nil
	}
	return reply(data, ephemeral), nil
}

func filterLabel(st PageState) string {
	var parts []string
	if st.Publisher != "" {
		parts = append(parts, "publisher "+st.Publisher)
	}
	if !st.From.IsZero() {
		parts = append(parts, "from "+st.From.Format(corpus.DateLayout))
	}
	if !st.To.IsZero() {
		parts = append(parts, "to "+st.To.Format(corpus.DateLayout))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// navRow is the Previous/Next row, or nil when there is one page or the
// asker is unknown (no one could page it).
func navRow(st PageState, pages int) discordgo.MessageComponent {
	if pages <= 1 || st.UserID == 0 {
		return nil
	}
	prev, next := st, st
	prev.Page = max(st.Page-1, 0)
	next.Page = min(st.Page+1, MaxPages-1)
	if next.Page == prev.Page {
		return nil
	}
	prevID, err1 := prev.Encode()
	nextID, err2 := next.Encode()
	if err1 != nil || err2 != nil {
		// Options are bounded so this cannot happen from Discord; show
		// the page without paging rather than fail.
		return nil
	}
	return discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "Previous", Style: discordgo.SecondaryButton, CustomID: prevID, Disabled: st.Page == 0},
		discordgo.Button{Label: "Next", Style: discordgo.PrimaryButton, CustomID: nextID, Disabled: st.Page >= pages-1},
	}}
}
