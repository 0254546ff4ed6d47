package bot

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"talkbot/commands"
	"talkbot/internal/discordcheck"
	"talkbot/internal/fakediscord"
	"talkbot/internal/testengine"
)

// recorded reads an interaction as Discord sends it, from the commands'
// testdata (the fake gives it a fresh id and token).
func recorded(t *testing.T, name string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "commands", "testdata", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s.json: %v", name, err)
	}
	return m
}

// TestEndToEnd starts the bot with the real router over the real bundled
// index, against the fake Discord through the real discordgo session:
// the commands are registered, every command and a button press get a
// reply Discord would accept, and the answers quote their sources.
func TestEndToEnd(t *testing.T) {
	router := realRouter(t)

	f := fakediscord.New(t)
	// The real 2 s deferral: the bundled index answers well within it.
	start(t, f, Config{GuildID: "1203945609451032576", Handler: router, Definitions: commands.Definitions})

	registered := map[string]bool{}
	for _, c := range f.Commands("1203945609451032576") {
		registered[c.Name] = true
	}
	for _, d := range commands.Definitions() {
		if !registered[d.Name] {
			t.Errorf("/%s not registered (got %v)", d.Name, registered)
		}
	}

	// Every answering reply must quote a passage and link its source (an
	// embed URL, a markdown link or a "Read the article" button).
	quoted := func(t *testing.T, r fakediscord.Reply) {
		t.Helper()
		if r.Message == nil || len(r.Message.Embeds) == 0 {
			t.Fatalf("no embeds: %q", r.Text())
		}
		text := r.Text()
		linked := strings.Contains(text, "](<http") || strings.Contains(text, "](http")
		for _, e := range r.Message.Embeds {
			linked = linked || strings.HasPrefix(e.URL, "http")
		}
		for _, row := range r.Message.Components {
			if ar, ok := row.(*discordgo.ActionsRow); ok {
				for _, c := range ar.Components {
					if b, ok := c.(*discordgo.Button); ok && b.Style == discordgo.LinkButton && strings.HasPrefix(b.URL, "http") {
						linked = true
					}
				}
			}
		}
		if !linked {
			t.Fatalf("no linked source in %q", text)
		}
		if !quotesBundledPassage(text) {
			t.Fatalf("no passage of the corpus quoted in %q", text)
		}
	}
	var search fakediscord.Reply
	for _, tc := range []struct {
		file  string
		check func(*testing.T, fakediscord.Reply)
	}{
		{"ask", quoted},
		{"search", quoted},
		{"who_pledged", func(t *testing.T, r fakediscord.Reply) {
			quoted(t, r)
			// The answer goes out at once and the timeline follows in an
			// edit (files cannot ride in the first answer), as a PNG the
			// embed shows. (A machine slow enough, the race detector's,
			// defers first: then the edit carries both.)
			if len(r.Edits) != 1 || len(r.Files) != 1 || r.Files[0].Name != "timeline.png" ||
				!strings.HasPrefix(string(r.Files[0].Data), "\x89PNG") {
				t.Fatalf("who-pledged: deferred %v, %d edits, files %d, want the timeline PNG uploaded with an edit", r.Deferred(), len(r.Edits), len(r.Files))
			}
			if first := r.Callback.Data; !r.Deferred() && (first == nil || len(first.Embeds) == 0 || first.Embeds[0].Image != nil || first.Embeds[0].Description == "") {
				t.Fatalf("the first reply is not the answer without its picture: %+v", first)
			}
			if img := r.Message.Embeds[0].Image; img == nil || img.URL != "attachment://timeline.png" {
				t.Fatalf("the embed does not show the timeline: %+v", img)
			}
		}},
		{"quote", quoted},
		{"sources", func(t *testing.T, r fakediscord.Reply) {
			if !strings.Contains(r.Text(), "http") && (r.Message == nil || len(r.Message.Embeds) == 0) {
				t.Fatalf("sources lists no article: %q", r.Text())
			}
		}},
		{"help", func(t *testing.T, r fakediscord.Reply) {
			for _, c := range []string{"/ask", "/search", "/who-pledged", "/quote", "/sources"} {
				if !strings.Contains(r.Text(), c) {
					t.Errorf("help does not mention %s", c)
				}
			}
		}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			r := f.Interact(t, recorded(t, tc.file))
			if tc.file == "who_pledged" {
				r = f.AwaitEdits(t, r.ID, 1) // the picture follows the answer
			}
			valid(t, f, r)
			tc.check(t, r)
			if tc.file == "search" {
				search = r
			}
		})
	}

	// Autocomplete answers at once with valid choices.
	for _, name := range []string{"autocomplete_question", "autocomplete_who"} {
		r := f.Interact(t, recorded(t, name))
		valid(t, f, r)
		if r.Callback.Type != discordgo.InteractionApplicationCommandAutocompleteResult || r.Deferred() {
			t.Errorf("%s: callback type %d", name, r.Callback.Type)
		}
	}

	// Press the /search reply's Next button, as its asker.
	if search.Message == nil {
		t.Fatal("no /search reply to page")
	}
	next := ""
	for _, row := range search.Message.Components {
		ar, ok := row.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, c := range ar.Components {
			if b, ok := c.(*discordgo.Button); ok && b.CustomID != "" && !b.Disabled && strings.Contains(strings.ToLower(b.Label), "next") {
				next = b.CustomID
			}
		}
	}
	if next == "" {
		t.Fatalf("the /search reply has no enabled Next button: %+v", search.Message.Components)
	}
	press := recorded(t, "button_next")
	press["data"].(map[string]any)["custom_id"] = next
	press["message"].(map[string]any)["id"] = search.Message.ID
	r := f.Interact(t, press)
	valid(t, f, r)
	if r.Callback.Type != discordgo.InteractionResponseUpdateMessage && r.Callback.Type != discordgo.InteractionResponseDeferredMessageUpdate {
		t.Fatalf("a page turn must update its message, got type %d", r.Callback.Type)
	}
	quoted(t, r)
	if r.Text() == search.Text() {
		t.Fatal("Next showed the same page")
	}
	if err := discordcheck.Commands(f.Commands("1203945609451032576")); err != nil {
		t.Fatalf("registered commands: %v", err)
	}
}

// quotesBundledPassage reports whether text holds, word for word, the
// opening of some passage of the bundled corpus (highlight markers and
// markdown escapes removed).
func quotesBundledPassage(text string) bool {
	plain := strings.NewReplacer("**", "", "\\", "").Replace(text)
	for _, p := range testengine.BundledPassages() {
		opening := p[:min(len(p), 40)]
		if strings.Contains(plain, opening) {
			return true
		}
	}
	return false
}
