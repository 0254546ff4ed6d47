package commands

import (
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
	want := []string{"ask", "search", "who-pledged", "quote", "sources", "help"}
	if len(defs) != len(want) {
		t.Fatalf("%d commands; want %v", len(defs), want)
	}
	for k, d := range defs {
		if d.Name != want[k] {
			t.Errorf("command %d is %q; want %q", k, d.Name, want[k])
		}
	}
}

func TestDefinitionsPublicAndAutocomplete(t *testing.T) {
	byName := map[string]*discordgo.ApplicationCommand{}
	for _, d := range Definitions() {
		byName[d.Name] = d
	}
	for _, name := range []string{"ask", "search", "who-pledged", "quote", "sources"} {
		var pub *discordgo.ApplicationCommandOption
		for _, o := range byName[name].Options {
			if o.Name == "public" {
				pub = o
			}
		}
		if pub == nil || pub.Type != discordgo.ApplicationCommandOptionBoolean || pub.Required {
			t.Errorf("/%s has no optional boolean public option", name)
		}
	}
	auto := map[string]string{"ask": "question", "search": "query", "quote": "who"}
	for cmd, opt := range auto {
		found := false
		for _, o := range byName[cmd].Options {
			if o.Name == opt && o.Autocomplete {
				found = true
			}
		}
		if !found {
			t.Errorf("/%s %s: no autocomplete", cmd, opt)
		}
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
