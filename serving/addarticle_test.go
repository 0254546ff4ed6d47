package serving

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"talkbot/bot"
	"talkbot/commands"
	"talkbot/corpus/fetch"
	"talkbot/internal/discordcheck"
	"talkbot/internal/fakediscord"
)

// addArticle is an /add-article interaction as Discord sends it, from a
// member with the given permissions.
func addArticle(pageURL, perms string) map[string]any {
	raw := `{"type": 2, "id": "1204299982656463100", "guild_id": "1203945609451032576", "channel_id": "1203945610138894428",
 "member": {"user": {"id": "80351110224678912", "username": "olena", "discriminator": "0"}, "roles": [], "joined_at": "2024-02-02T10:11:12.000000+00:00", "permissions": "` + perms + `"},
 "app_permissions": "2248473465835073", "locale": "en-GB", "application_id": "1204010203040506070", "token": "dG9rZW4", "version": 1,
 "data": {"id": "1204011000000000009", "name": "add-article", "type": 1, "options": [{"name": "url", "type": 3, "value": "` + pageURL + `"}]}}`
	var m map[string]any
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		panic(err)
	}
	return m
}

// TestAddArticleThroughDiscord runs /add-article through the fake Discord
// with the real discordgo client: a member with Manage Server adds a page
// from a (loopback) news site, privately told what was added, and the
// article is searchable at once; a member without it, or an address on
// this machine when private addresses are not allowed, adds nothing.
func TestAddArticleThroughDiscord(t *testing.T) {
	var site *httptest.Server
	site = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/world/minesweepers" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		body := `<html lang="en"><head><title>Norway offers minesweepers for the Black Sea</title><link rel="canonical" href="` + site.URL + r.URL.Path +
			`"><meta property="og:site_name" content="Fjord Post"><meta property="article:published_time" content="2026-02-01T08:00:00Z"></head><body><article>`
		for i := range 4 {
			body += fmt.Sprintf("<p>Paragraph %d. Norway said on Sunday it would send orcanite minesweepers to the Black Sea once a ceasefire holds, and the defence ministry said the ships would sail under a coalition command.</p>", i)
		}
		fmt.Fprint(w, body+"</article></body></html>")
	}))
	defer site.Close()

	for _, private := range []bool{true, false} {
		t.Run(fmt.Sprintf("allow-private=%v", private), func(t *testing.T) {
			svc, dir, _ := liveService(t, t.TempDir(), Config{Fetch: fetch.New(fetch.Options{AllowPrivate: private})})
			f := fakediscord.New(t)
			ready := make(chan struct{})
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() {
				done <- bot.Run(ctx, bot.Config{Token: f.Token, GuildID: "1203945609451032576", RESTBaseURL: f.URL(), Handler: svc.Current,
					Definitions: commands.Definitions, OnReady: func(string) { close(ready) }})
			}()
			t.Cleanup(func() { cancel(); <-done })
			select {
			case <-ready:
			case err := <-done:
				t.Fatalf("bot stopped: %v", err)
			case <-time.After(10 * time.Second):
				t.Fatal("bot not ready")
			}
			var def *discordgo.ApplicationCommand
			for _, c := range f.Commands("1203945609451032576") {
				if c.Name == "add-article" {
					def = c
				}
			}
			if def == nil || def.DefaultMemberPermissions == nil || *def.DefaultMemberPermissions != discordgo.PermissionManageServer {
				t.Fatalf("/add-article registered as %+v", def)
			}

			manager := fmt.Sprint(discordgo.PermissionManageServer | discordgo.PermissionSendMessages)
			r := f.Interact(t, addArticle(site.URL+"/world/minesweepers", manager))
			if err := discordcheck.Response(r.Callback); err != nil {
				t.Errorf("Discord would refuse the reply: %v", err)
			}
			text := r.Text()
			if !r.Ephemeral() {
				t.Errorf("the reply is public: %q", text)
			}
			files, _ := os.ReadDir(dir)
			if !private {
				if !strings.Contains(text, "Not added") || !strings.Contains(text, "loopback address") || len(files) != 5 {
					t.Errorf("a loopback page: %q, %d files", text, len(files))
				}
				return
			}
			if !strings.Contains(text, "Added: Norway offers minesweepers") || !strings.Contains(text, "Fjord Post") || !strings.Contains(text, "passages") {
				t.Fatalf("reply %q", text)
			}
			if search(t, svc.Current, "orcanite") == 0 {
				t.Error("the added article is not searchable")
			}
			// a member without Manage Server
			r = f.Interact(t, addArticle(site.URL+"/other", fmt.Sprint(discordgo.PermissionSendMessages)))
			if !strings.Contains(r.Text(), "Manage Server") || !r.Ephemeral() {
				t.Errorf("a member without the permission: %q", r.Text())
			}
		})
	}
}
