package commands

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/bwmarrin/discordgo"

	"talkbot/corpus"
)

// ArticleAdder adds an article from the web to the corpus and makes it
// searchable (serving implements it over corpus/ingest and the live
// index). The address comes from a Discord user: the adder fetches it
// only from public addresses (corpus/fetch).
type ArticleAdder interface {
	AddArticle(ctx context.Context, pageURL string) AddedArticle
}

// AddedArticle is what became of one /add-article.
type AddedArticle struct {
	// Action is "added", "updated" or "merged" (recorded as another
	// outlet of a story already in the corpus); "" when not added.
	Action   string
	File     string
	Article  corpus.Article
	Passages int
	// Reason says in one line why nothing was added.
	Reason string
}

const optURL = "url"

// maxURLOption bounds the url option: Discord allows 6000, no article
// address is anywhere near.
const maxURLOption = 2000

// manageServer is the permission /add-article needs: Discord shows the
// command only to members who have it (default_member_permissions), and
// the handler checks it again.
var manageServer int64 = discordgo.PermissionManageServer

var addArticleCommand = command{
	definition: discordgo.ApplicationCommand{
		Name:                     "add-article",
		Description:              "Add a news article to the corpus by its address (Manage Server only)",
		DefaultMemberPermissions: &manageServer,
		DMPermission:             new(bool),
		Options: []*discordgo.ApplicationCommandOption{
			str(optURL, "The article's address, https://...", true, false, maxURLOption),
		},
	},
	visibility: alwaysPrivate,
	handle:     handleAddArticle,
	help: helpEntry{"/add-article url:", "Adds a news article to the corpus by its address (members with Manage Server only); the reply is private.",
		"/add-article url: https://example.org/world/ukraine-talks"},
}

func handleAddArticle(ctx context.Context, r *Router, req request) (*discordgo.InteractionResponse, error) {
	if req.perms&(discordgo.PermissionManageServer|discordgo.PermissionAdministrator) == 0 {
		return notice("Only members with the Manage Server permission can add articles."), nil
	}
	if r.articles == nil {
		return notice("Adding articles is not enabled here: talkbot runs on its bundled articles (start it with --corpus DIR)."), nil
	}
	raw, err := req.opts.text(optURL, true, maxURLOption)
	if err != nil {
		return nil, err
	}
	raw = strings.Trim(strings.TrimSpace(raw), "<>") // Discord users wrap links to hide previews
	if u, err := url.Parse(raw); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return notice("Give the article's web address, starting with https://"), nil
	}
	res := r.articles.AddArticle(ctx, raw)
	if res.Action == "" {
		return notice("Not added: " + shorten(escapeMarkdown(res.Reason, false), maxContent-20)), nil
	}
	a := res.Article
	what := map[string]string{"added": "Added", "updated": "Updated", "merged": "Recorded as another outlet of a story already in the corpus"}[res.Action]
	e := &discordgo.MessageEmbed{
		Title:       shorten(what+": "+a.Title, 256),
		Description: escapeMarkdown(fmt.Sprintf("%s\n%d passages · %s", sourceLine(a), res.Passages, res.File), false),
		Color:       embedColor,
	}
	if linkable(a.URL) {
		e.URL = a.URL
	}
	return reply(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}}, true), nil
}
