package commands

import (
	"context"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

func strOpt(name, v string) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionString, Value: v}
}

func commandInteraction(name string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	return &discordgo.Interaction{
		ID: "1204299982656463099", AppID: "1204010203040506070", Type: discordgo.InteractionApplicationCommand,
		GuildID: "1203945609451032576", Token: "t", Version: 1,
		Member: &discordgo.Member{User: &discordgo.User{ID: "80351110224678912"}},
		Data:   discordgo.ApplicationCommandInteractionData{ID: "1", Name: name, Options: opts},
	}
}

// FuzzHandlers: whatever a person types into any option, every response
// the handlers build (and the page buttons behind it) passes Discord's
// limits, never pings, and never panics.
func FuzzHandlers(f *testing.F) {
	f.Add("security guarantees", "RBC-Ukraine", "2025-01-01", "2026-12-31", "Zelensky")
	f.Add("troops", "", "", "", "Macron")
	f.Add("**bold** _it_ @everyone <@123> [x](http://e.vil) # h", "Daily*Wrap", "2025-13-40", "x", "@here")
	f.Add(strings.Repeat("Ukraine security ", 30), strings.Repeat("p", 40), "2026-01-01", "2025-01-01", strings.Repeat("z", 200))
	f.Add("guarentees", "Bloomberg", "1900-01-01", "2200-01-01", "")
	f.Add("a", "é", "2025-02-29", "2024-02-29", "ж")
	r := NewRouter(Deps{Engine: bundledEngine(f), RateLimit: RateLimit{PerSecond: 1e6, Burst: 1 << 20}})
	f.Fuzz(func(t *testing.T, q, pub, from, to, who string) {
		ctx := context.Background()
		var ins []*discordgo.Interaction
		ins = append(ins,
			commandInteraction("ask", strOpt("question", q)),
			commandInteraction("search", strOpt("query", q), strOpt("publisher", pub), strOpt("from", from), strOpt("to", to)),
			commandInteraction("who-pledged", strOpt("what", q)),
			commandInteraction("quote", strOpt("who", who), strOpt("about", q)),
		)
		for _, name := range []string{"question", "query", "who", "publisher"} {
			o := strOpt(name, q)
			o.Focused = true
			in := commandInteraction("search", o)
			in.Type = discordgo.InteractionApplicationCommandAutocomplete
			ins = append(ins, in)
		}
		for _, in := range ins {
			resp := r.Handle(ctx, in).Response
			check(t, in.ApplicationCommandData().Name, resp)
			// Follow the page buttons once: the pages they lead to are
			// valid too.
			for _, id := range customIDs(resp) {
				press := &discordgo.Interaction{Type: discordgo.InteractionMessageComponent,
					Member: in.Member, Data: discordgo.MessageComponentInteractionData{CustomID: id, ComponentType: discordgo.ButtonComponent}}
				next := r.Handle(ctx, press).Response
				check(t, "page "+id, next)
			}
		}
	})
}
