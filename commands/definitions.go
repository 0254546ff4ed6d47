// Package commands is talkbot's Discord front: the slash command
// definitions, one router for every transport (gateway, HTTP), the
// handlers that turn an interaction into a response, the rendering of
// answers within Discord's limits, /search paging through custom_id, and
// a per-user rate limit.
package commands

import "github.com/bwmarrin/discordgo"

// Command and option names, shared by the definitions and the handlers.
const (
	cmdAsk        = "ask"
	cmdSearch     = "search"
	cmdWhoPledged = "who-pledged"
	cmdQuote      = "quote"
	cmdSources    = "sources"
	cmdHelp       = "help"

	optQuestion  = "question"
	optQuery     = "query"
	optPublisher = "publisher"
	optFrom      = "from"
	optTo        = "to"
	optWhat      = "what"
	optWho       = "who"
	optAbout     = "about"
	optPublic    = "public"
)

// Option lengths. /search's are bounded so that its page buttons'
// custom_ids always fit (see customid.go).
const (
	MaxQuestionRunes = 300
	MaxTopicRunes    = 100
	MaxNameRunes     = 100
)

func intp(n int) *int { return &n }

func str(name, desc string, required, autocomplete bool, maxLen int) *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{
		Type: discordgo.ApplicationCommandOptionString, Name: name, Description: desc,
		Required: required, Autocomplete: autocomplete, MinLength: intp(1), MaxLength: maxLen,
	}
}

func dateOpt(name, desc string) *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{
		Type: discordgo.ApplicationCommandOptionString, Name: name, Description: desc,
		MinLength: intp(10), MaxLength: 10,
	}
}

func publicOpt() *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{
		Type: discordgo.ApplicationCommandOptionBoolean, Name: optPublic,
		Description: "Show the answer to everyone (default) or only to you (false)",
	}
}

// Definitions are the slash commands talkbot registers (bulk overwrite at
// every start). Required options come first, as Discord demands.
func Definitions() []*discordgo.ApplicationCommand {
	return []*discordgo.ApplicationCommand{
		{
			Name:        cmdAsk,
			Description: "Ask about the talks on Ukraine's security guarantees; get quoted passages",
			Options: []*discordgo.ApplicationCommandOption{
				str(optQuestion, "Your question, e.g. who pledged troops?", true, true, MaxQuestionRunes),
				publicOpt(),
			},
		},
		{
			Name:        cmdSearch,
			Description: "Search the articles' passages, with filters and pages",
			Options: []*discordgo.ApplicationCommandOption{
				str(optQuery, "Words to search for, e.g. air defence", true, true, MaxSearchRunes),
				str(optPublisher, "Only this publisher or original outlet", false, true, MaxPublisherRunes),
				dateOpt(optFrom, "Published on or after this date (YYYY-MM-DD)"),
				dateOpt(optTo, "Published on or before this date (YYYY-MM-DD)"),
				publicOpt(),
			},
		},
		{
			Name:        cmdWhoPledged,
			Description: "Who pledged, offered or refused something, with quotes",
			Options: []*discordgo.ApplicationCommandOption{
				str(optWhat, "What was pledged, e.g. troops", true, false, MaxTopicRunes),
				publicOpt(),
			},
		},
		{
			Name:        cmdQuote,
			Description: "What a person is quoted as saying",
			Options: []*discordgo.ApplicationCommandOption{
				str(optWho, "The person, e.g. Zelensky", true, true, MaxNameRunes),
				str(optAbout, "Only quotes about this topic", false, false, MaxTopicRunes),
				publicOpt(),
			},
		},
		{
			Name:        cmdSources,
			Description: "The articles talkbot quotes: title, publisher, date and link",
			Options:     []*discordgo.ApplicationCommandOption{publicOpt()},
		},
		{
			Name:        cmdHelp,
			Description: "What each talkbot command does, with an example",
		},
	}
}
