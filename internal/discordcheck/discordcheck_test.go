package discordcheck

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

func none() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

func str(opt string, required bool) *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: opt, Description: "a " + opt, Required: required}
}

func goodCommand() *discordgo.ApplicationCommand {
	min := 1
	return &discordgo.ApplicationCommand{
		Name: "who-pledged", Description: "Who pledged what",
		Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "what", Description: "a pledge", Required: true, Autocomplete: true, MinLength: &min, MaxLength: 200},
			{Type: discordgo.ApplicationCommandOptionString, Name: "publisher", Description: "outlet",
				Choices: []*discordgo.ApplicationCommandOptionChoice{{Name: "Reuters", Value: "reuters"}}},
			{Type: discordgo.ApplicationCommandOptionBoolean, Name: "public", Description: "show to all"},
		},
	}
}

// wantProblem fails unless err names path and contains msg.
func wantProblem(t *testing.T, err error, path, msg string) {
	t.Helper()
	e, ok := err.(Error)
	if !ok {
		t.Fatalf("want an Error naming %s, got %v", path, err)
	}
	for _, p := range e {
		if p.Path == path && strings.Contains(p.Msg, msg) {
			return
		}
	}
	t.Fatalf("want %s: %q in %v", path, msg, err)
}

func TestCommands(t *testing.T) {
	if err := Commands([]*discordgo.ApplicationCommand{goodCommand(), {Name: "ask", Description: "ask", Options: []*discordgo.ApplicationCommandOption{str("question", true)}}}); err != nil {
		t.Fatalf("valid commands rejected: %v", err)
	}
	long := strings.Repeat("x", 101)
	many := make([]*discordgo.ApplicationCommandOptionChoice, 26)
	for i := range many {
		many[i] = &discordgo.ApplicationCommandOptionChoice{Name: "c", Value: "v"}
	}
	tests := []struct {
		name       string
		mutate     func(c *discordgo.ApplicationCommand)
		path, want string
	}{
		{"upper case", func(c *discordgo.ApplicationCommand) { c.Name = "Ask" }, "[0].name", "lower case"},
		{"space", func(c *discordgo.ApplicationCommand) { c.Name = "who pledged" }, "[0].name", "does not match"},
		{"too long name", func(c *discordgo.ApplicationCommand) { c.Name = strings.Repeat("a", 33) }, "[0].name", "does not match"},
		{"no description", func(c *discordgo.ApplicationCommand) { c.Description = "" }, "[0].description", "required"},
		{"long description", func(c *discordgo.ApplicationCommand) { c.Description = long }, "[0].description", "101 > 100"},
		{"required after optional", func(c *discordgo.ApplicationCommand) {
			c.Options = append(c.Options, str("late", true))
		}, "[0].options[3].required", "listed first"},
		{"choices and autocomplete", func(c *discordgo.ApplicationCommand) { c.Options[1].Autocomplete = true }, "[0].options[1].autocomplete", "together with choices"},
		{"26 choices", func(c *discordgo.ApplicationCommand) { c.Options[1].Choices = many }, "[0].options[1].choices", "26 choices > 25"},
		{"long choice", func(c *discordgo.ApplicationCommand) { c.Options[1].Choices[0].Value = long }, "[0].options[1].choices[0].value", "101 > 100"},
		{"duplicate option", func(c *discordgo.ApplicationCommand) { c.Options[2].Name = "what" }, "[0].options[2].name", "already used"},
		{"option description", func(c *discordgo.ApplicationCommand) { c.Options[0].Description = "" }, "[0].options[0].description", "required"},
		{"max length", func(c *discordgo.ApplicationCommand) { c.Options[0].MaxLength = 6001 }, "[0].options[0].max_length", "outside"},
		{"26 options", func(c *discordgo.ApplicationCommand) {
			for i := 0; i < 23; i++ {
				c.Options = append(c.Options, str("o"+strings.Repeat("x", i), false))
			}
		}, "[0].options", "26 options > 25"},
		{"autocomplete on boolean", func(c *discordgo.ApplicationCommand) { c.Options[2].Autocomplete = true }, "[0].options[2].autocomplete", "only string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := goodCommand()
			tt.mutate(c)
			wantProblem(t, Commands([]*discordgo.ApplicationCommand{c}), tt.path, tt.want)
		})
	}
}

func TestCommandsList(t *testing.T) {
	wantProblem(t, Commands([]*discordgo.ApplicationCommand{goodCommand(), goodCommand()}), "[1].name", "already used by command [0]")
	var cmds []*discordgo.ApplicationCommand
	for i := 0; i < 101; i++ {
		c := goodCommand()
		c.Name = "c" + strings.Repeat("x", i%30) + string(rune('a'+i/30))
		cmds = append(cmds, c)
	}
	wantProblem(t, Commands(cmds), "", "101 slash commands > 100")
	// Accented and non-Latin lower-case names are legal.
	if err := Commands([]*discordgo.ApplicationCommand{{Name: "запит", Description: "x"}, {Name: "it's", Description: "x"}}); err != nil {
		t.Fatalf("valid unicode names rejected: %v", err)
	}
}

func goodReply() *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Embeds: []*discordgo.MessageEmbed{{
				Title: "Article", Description: "quote", URL: "https://example.org/a",
				Footer: &discordgo.MessageEmbedFooter{Text: "Reuters"},
				Fields: []*discordgo.MessageEmbedField{{Name: "Date", Value: "2025-03-01"}},
			}},
			Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.Button{Label: "Next", CustomID: "s:1", Style: discordgo.PrimaryButton},
				discordgo.Button{Label: "Read the article", URL: "https://example.org/a", Style: discordgo.LinkButton},
			}}},
			AllowedMentions: none(),
		},
	}
}

func TestResponse(t *testing.T) {
	if err := Response(goodReply()); err != nil {
		t.Fatalf("valid reply rejected: %v", err)
	}
	row := func(r *discordgo.InteractionResponse) *discordgo.ActionsRow {
		a := r.Data.Components[0].(discordgo.ActionsRow)
		r.Data.Components[0] = &a
		return &a
	}
	tests := []struct {
		name       string
		mutate     func(r *discordgo.InteractionResponse)
		path, want string
	}{
		{"content", func(r *discordgo.InteractionResponse) { r.Data.Content = strings.Repeat("é", 2001) }, "data.content", "2001 > 2000"},
		{"description", func(r *discordgo.InteractionResponse) { r.Data.Embeds[0].Description = strings.Repeat("a", 4097) }, "data.embeds[0].description", "4097 > 4096"},
		{"title", func(r *discordgo.InteractionResponse) { r.Data.Embeds[0].Title = strings.Repeat("a", 257) }, "data.embeds[0].title", "257 > 256"},
		{"field value", func(r *discordgo.InteractionResponse) { r.Data.Embeds[0].Fields[0].Value = strings.Repeat("a", 1025) }, "data.embeds[0].fields[0].value", "1025 > 1024"},
		{"empty field", func(r *discordgo.InteractionResponse) { r.Data.Embeds[0].Fields[0].Value = "" }, "data.embeds[0].fields[0].value", "required"},
		{"footer", func(r *discordgo.InteractionResponse) { r.Data.Embeds[0].Footer.Text = strings.Repeat("a", 2049) }, "data.embeds[0].footer.text", "2049 > 2048"},
		{"author", func(r *discordgo.InteractionResponse) {
			r.Data.Embeds[0].Author = &discordgo.MessageEmbedAuthor{Name: strings.Repeat("a", 257)}
		}, "data.embeds[0].author.name", "257 > 256"},
		{"11 embeds", func(r *discordgo.InteractionResponse) {
			for i := 0; i < 10; i++ {
				r.Data.Embeds = append(r.Data.Embeds, &discordgo.MessageEmbed{Title: "t"})
			}
		}, "data.embeds", "11 embeds > 10"},
		{"6000 in all", func(r *discordgo.InteractionResponse) {
			for i := 0; i < 2; i++ {
				r.Data.Embeds = append(r.Data.Embeds, &discordgo.MessageEmbed{Description: strings.Repeat("a", 3000)})
			}
		}, "data.embeds", "> 6000"},
		{"26 fields", func(r *discordgo.InteractionResponse) {
			for i := 0; i < 25; i++ {
				r.Data.Embeds[0].Fields = append(r.Data.Embeds[0].Fields, &discordgo.MessageEmbedField{Name: "n", Value: "v"})
			}
		}, "data.embeds[0].fields", "26 fields > 25"},
		{"no allowed mentions", func(r *discordgo.InteractionResponse) { r.Data.AllowedMentions = nil }, "data.allowed_mentions", "missing"},
		{"null parse", func(r *discordgo.InteractionResponse) { r.Data.AllowedMentions = &discordgo.MessageAllowedMentions{} }, "data.allowed_mentions.parse", "null"},
		{"parse everyone", func(r *discordgo.InteractionResponse) {
			r.Data.AllowedMentions.Parse = []discordgo.AllowedMentionType{discordgo.AllowedMentionTypeEveryone}
		}, "data.allowed_mentions", "no mentions"},
		{"empty", func(r *discordgo.InteractionResponse) { r.Data.Embeds, r.Data.Components = nil, nil }, "data", "empty message"},
		{"link with custom id", func(r *discordgo.InteractionResponse) {
			a := row(r)
			b := a.Components[1].(discordgo.Button)
			b.CustomID = "x"
			a.Components[1] = b
		}, "data.components[0].components[1].custom_id", "cannot have a custom_id"},
		{"link without url", func(r *discordgo.InteractionResponse) {
			a := row(r)
			a.Components[1] = &discordgo.Button{Label: "Read", Style: discordgo.LinkButton}
		}, "data.components[0].components[1].url", "needs a url"},
		{"long custom id", func(r *discordgo.InteractionResponse) {
			row(r).Components[0] = discordgo.Button{Label: "n", CustomID: strings.Repeat("c", 101)}
		}, "data.components[0].components[0].custom_id", "101 > 100"},
		{"duplicate custom id", func(r *discordgo.InteractionResponse) {
			a := row(r)
			a.Components = append(a.Components, discordgo.Button{Label: "again", CustomID: "s:1"})
		}, "data.components[0].components[2].custom_id", "already used"},
		{"6 buttons", func(r *discordgo.InteractionResponse) {
			a := row(r)
			for i := 0; i < 4; i++ {
				a.Components = append(a.Components, discordgo.Button{Label: "b", CustomID: string(rune('a' + i))})
			}
		}, "data.components[0].components", "6 components in a row > 5"},
		{"6 rows", func(r *discordgo.InteractionResponse) {
			for i := 0; i < 5; i++ {
				r.Data.Components = append(r.Data.Components, discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.Button{Label: "b", CustomID: string(rune('a' + i))}}})
			}
		}, "data.components", "6 action rows > 5"},
		{"bare button", func(r *discordgo.InteractionResponse) {
			r.Data.Components = []discordgo.MessageComponent{discordgo.Button{Label: "b", CustomID: "b"}}
		}, "data.components[0]", "must be action rows"},
		{"bad type", func(r *discordgo.InteractionResponse) { r.Type = 42 }, "type", "unknown"},
		{"deferred with content", func(r *discordgo.InteractionResponse) {
			r.Type = discordgo.InteractionResponseDeferredChannelMessageWithSource
		}, "data", "carries no message"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := goodReply()
			tt.mutate(r)
			wantProblem(t, Response(r), tt.path, tt.want)
		})
	}
}

func TestResponseKinds(t *testing.T) {
	ok := []*discordgo.InteractionResponse{
		{Type: discordgo.InteractionResponsePong},
		{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource},
		{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource, Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}},
		{Type: discordgo.InteractionApplicationCommandAutocompleteResult, Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{}}},
		{Type: discordgo.InteractionResponseUpdateMessage, Data: &discordgo.InteractionResponseData{Content: "page 2", AllowedMentions: none()}},
	}
	for i, r := range ok {
		if err := Response(r); err != nil {
			t.Errorf("[%d] valid response rejected: %v", i, err)
		}
	}
	choices := make([]*discordgo.ApplicationCommandOptionChoice, 26)
	for i := range choices {
		choices[i] = &discordgo.ApplicationCommandOptionChoice{Name: "n", Value: "v"}
	}
	ac := &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult, Data: &discordgo.InteractionResponseData{Choices: choices}}
	wantProblem(t, Response(ac), "data.choices", "26 choices > 25")
	ac.Data.Choices = ac.Data.Choices[:1]
	ac.Data.Choices[0] = &discordgo.ApplicationCommandOptionChoice{Name: strings.Repeat("n", 101), Value: "v"}
	wantProblem(t, Response(ac), "data.choices[0].name", "101 > 100")
	wantProblem(t, Response(&discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsCrossPosted}}), "data.flags", "only the ephemeral")
}

func TestWebhookEdit(t *testing.T) {
	content := "ok"
	embeds := []*discordgo.MessageEmbed{{Title: "t", Description: "d"}}
	if err := WebhookEdit(&discordgo.WebhookEdit{Content: &content, Embeds: &embeds, AllowedMentions: none()}); err != nil {
		t.Fatalf("valid edit rejected: %v", err)
	}
	wantProblem(t, WebhookEdit(&discordgo.WebhookEdit{Content: &content}), "allowed_mentions", "missing")
	long := strings.Repeat("a", 4097)
	embeds[0].Description = long
	wantProblem(t, WebhookEdit(&discordgo.WebhookEdit{Embeds: &embeds, AllowedMentions: none()}), "embeds[0].description", "4097 > 4096")
	wantProblem(t, WebhookParams(&discordgo.WebhookParams{AllowedMentions: none()}), "", "empty message")
}

func TestErrorString(t *testing.T) {
	err := Error{{Path: "data.embeds[0].description", Msg: "4097 > 4096"}, {Msg: "other"}}
	if got, want := err.Error(), "data.embeds[0].description: 4097 > 4096; other"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestFiles(t *testing.T) {
	png := Attachment{Name: "timeline.png", ContentType: "image/png", Size: 1000, PNG: true}
	img := []*discordgo.MessageEmbed{{Image: &discordgo.MessageEmbedImage{URL: "attachment://timeline.png"}}}
	if err := Files([]Attachment{png}, img); err != nil {
		t.Errorf("a PNG the embed shows: %v", err)
	}
	for name, c := range map[string]struct {
		files  []Attachment
		embeds []*discordgo.MessageEmbed
	}{
		"missing upload":  {nil, img},
		"too big":         {[]Attachment{{Name: "timeline.png", Size: MaxFileBytes + 1, PNG: true}}, img},
		"not a PNG":       {[]Attachment{{Name: "timeline.png", Size: 10}}, img},
		"same name twice": {[]Attachment{png, png}, nil},
		"unnamed":         {[]Attachment{{Size: 10}}, nil},
		"empty":           {[]Attachment{{Name: "a.txt"}}, nil},
		"eleven files": {func() []Attachment {
			var fs []Attachment
			for i := 0; i < 11; i++ {
				fs = append(fs, Attachment{Name: string(rune('a'+i)) + ".txt", Size: 1})
			}
			return fs
		}(), nil},
	} {
		if err := Files(c.files, c.embeds); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
