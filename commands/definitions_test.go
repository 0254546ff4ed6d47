package commands

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"talkbot/internal/discordcheck"
)

func TestDefinitionsValid(t *testing.T) {
	defs := Definitions()
	if err := discordcheck.Commands(defs); err != nil {
		t.Fatalf("Discord would reject the commands: %v", err)
	}
	if len(defs) != len(registry) {
		t.Fatalf("%d definitions for %d registered commands", len(defs), len(registry))
	}
	for k, d := range defs {
		if d.Name != registry[k].definition.Name {
			t.Errorf("definition %d is %q; the registry's is %q", k, d.Name, registry[k].definition.Name)
		}
	}
}

// TestRegistryComplete: every registered command has its help line, a
// completer for exactly the options that autocomplete, a public: option
// unless it always answers privately, and a unique name.
func TestRegistryComplete(t *testing.T) {
	names := map[string]bool{}
	for _, c := range registry {
		name := c.definition.Name
		if names[name] {
			t.Errorf("/%s registered twice", name)
		}
		names[name] = true
		if c.handle == nil {
			t.Errorf("/%s has no handler", name)
		}
		h := c.help
		if !strings.HasPrefix(h.usage, "/"+name) || h.what == "" || !strings.HasPrefix(h.example, "/"+name) {
			t.Errorf("/%s: help entry %+v lacks its usage, what it does or an example", name, h)
		}
		auto := map[string]bool{}
		for _, o := range c.applicationCommand().Options {
			if o.Autocomplete {
				auto[o.Name] = true
				if c.complete[o.Name] == nil {
					t.Errorf("/%s %s: autocompletes with no completer", name, o.Name)
				}
			}
		}
		for opt := range c.complete {
			if !auto[opt] {
				t.Errorf("/%s: completer for %q, which is not an autocomplete option", name, opt)
			}
		}
		var pub *discordgo.ApplicationCommandOption
		for _, o := range c.applicationCommand().Options {
			if o.Name == optPublic {
				pub = o
			}
		}
		hasPublic := pub != nil && pub.Type == discordgo.ApplicationCommandOptionBoolean && !pub.Required
		if hasPublic != (c.visibility == publicByDefault) {
			t.Errorf("/%s: optional boolean public option %v, visibility %v", name, hasPublic, c.visibility)
		}
		if c.definition.Options != nil && len(c.definition.Options) > 0 && c.definition.Options[len(c.definition.Options)-1].Name == optPublic {
			t.Errorf("/%s declares public itself; visibility adds it", name)
		}
	}
}

// TestRegistryRouted: every registered command is answered by its own
// handler (not the unknown-command notice), autocomplete goes by command
// and option, and /help lists every command.
func TestRegistryRouted(t *testing.T) {
	r := newTestRouter(t)
	ctx := context.Background()
	helpText := allText(r.Handle(ctx, load(t, "help.json")).Response)
	for _, c := range registry {
		name := c.definition.Name
		rep := r.Handle(ctx, commandInteraction(name))
		if rep.Outcome == OutcomeUnknownCommand {
			t.Errorf("/%s is not routed", name)
		}
		if !strings.Contains(helpText, c.help.usage) {
			t.Errorf("/help does not list %q", c.help.usage)
		}
	}
	// /search's completions belong to /search: another command's
	// option of the same name gets none.
	o := strOpt(optQuery, "secu")
	o.Focused = true
	in := commandInteraction("ask", o)
	in.Type = discordgo.InteractionApplicationCommandAutocomplete
	if got := r.Handle(ctx, in).Response.Data.Choices; len(got) != 0 {
		t.Errorf("/ask query: offered %d choices; /ask has no query option", len(got))
	}
}

func TestDefinitionsSearchBounds(t *testing.T) {
	byName := map[string]*discordgo.ApplicationCommand{}
	for _, d := range Definitions() {
		byName[d.Name] = d
	}
	// The search options are bounded so a page id always fits.
	for _, o := range byName["search"].Options {
		switch o.Name {
		case "query":
			if o.MaxLength != MaxSearchRunes {
				t.Errorf("query MaxLength %d; want %d", o.MaxLength, MaxSearchRunes)
			}
		case "publisher":
			if o.MaxLength != MaxPublisherRunes || !o.Autocomplete {
				t.Errorf("publisher MaxLength %d autocomplete %v", o.MaxLength, o.Autocomplete)
			}
		}
	}
	if MaxSearchRunes < 40 {
		t.Errorf("only %d characters left for a search query", MaxSearchRunes)
	}
	// The payload as sent: no choices with autocomplete.
	b, _ := json.Marshal(Definitions())
	if strings.Contains(string(b), `"autocomplete":true,"choices":[`) {
		t.Error("an option has both autocomplete and choices")
	}
}
