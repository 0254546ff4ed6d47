package commands

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"talkbot/answer"
	"talkbot/corpus"
	"talkbot/index"
)

// PageSize is how many passages a /search page shows.
const PageSize = 5

// handleAsk answers /ask with the best quoted passages.
func handleAsk(ctx context.Context, r *Router, req request) (*discordgo.InteractionResponse, error) {
	q, err := req.opts.text(optQuestion, true, MaxQuestionRunes)
	if err != nil {
		return nil, err
	}
	public, err := req.opts.flag(optPublic, true)
	if err != nil {
		return nil, err
	}
	res, err := answer.Ask(ctx, r.ix, q)
	if err != nil {
		return nil, err
	}
	return AskReply(q, res, public), nil
}

// handleSearch answers /search with its first page.
func handleSearch(ctx context.Context, r *Router, req request) (*discordgo.InteractionResponse, error) {
	q, err := req.opts.text(optQuery, true, MaxSearchRunes)
	if err != nil {
		return nil, err
	}
	if err := answer.CheckQuery(q); err != nil {
		return nil, err
	}
	pub, err := req.opts.text(optPublisher, false, MaxPublisherRunes)
	if err != nil {
		return nil, err
	}
	from, err := req.opts.date(optFrom)
	if err != nil {
		return nil, err
	}
	to, err := req.opts.date(optTo)
	if err != nil {
		return nil, err
	}
	if !from.IsZero() && !to.IsZero() && from.After(to) {
		return nil, userErrorf("The from date %s is after the to date %s.", from.Format(corpus.DateLayout), to.Format(corpus.DateLayout))
	}
	public, err := req.opts.flag(optPublic, true)
	if err != nil {
		return nil, err
	}
	uid, _ := strconv.ParseUint(req.userID, 10, 64)
	st := PageState{UserID: uid, From: clampDate(from), To: clampDate(to), Publisher: pub, Query: q}
	return r.searchPage(ctx, st, !public, false)
}

// page answers a Previous/Next press: only the person who searched may
// turn the pages, and the page is rebuilt from the custom_id alone.
func (r *Router) page(ctx context.Context, i *discordgo.Interaction, id string) (*discordgo.InteractionResponse, error) {
	st, err := ParsePageID(id)
	if err != nil {
		return nil, &userError{msg: "That button is damaged; run /search again.", cause: fmt.Errorf("bad page button: %w", err)}
	}
	if strconv.FormatUint(st.UserID, 10) != userID(i) {
		return notice(fmt.Sprintf("Only the person who ran this search can turn its pages. Run %s yourself.",
			searchCommandText(st))), nil
	}
	return r.searchPage(ctx, st, false, true)
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

// searchPage runs the search st describes and renders that page: as a
// new message, or (update) replacing the message whose button was pressed.
func (r *Router) searchPage(ctx context.Context, st PageState, ephemeral, update bool) (*discordgo.InteractionResponse, error) {
	res, err := answer.SearchPage(ctx, r.ix, index.Query{
		Text: st.Query, Publisher: st.Publisher, From: st.From, To: st.To,
		Limit: PageSize, Offset: st.Page * PageSize,
	})
	if err != nil {
		return nil, err
	}
	if res.Total == 0 {
		return noMatch(st.Query, res.Suggestion, func(s string) string {
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
	data := &discordgo.InteractionResponseData{Embeds: resultEmbeds(res.Results, shorten(header, 256))}
	rows := maxRows
	if nav := navRow(st, pages); nav != nil {
		data.Components = append(data.Components, nav)
		rows--
	}
	data.Components = append(data.Components, articleButtons(articlesOf(res.Results), rows)...)
	if update {
		data.AllowedMentions = noMentions()
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
