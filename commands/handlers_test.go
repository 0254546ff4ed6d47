package commands

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"talkbot/answer"
	"talkbot/internal/discordcheck"
	"talkbot/internal/testengine"
)

// bundledEngine answers from the real index over the bundled articles,
// built once for the package's tests.
func bundledEngine(t testing.TB) *answer.Engine { return testengine.Bundled(t) }

var testNow = time.Date(2026, 1, 6, 12, 0, 0, 0, time.UTC)

func newTestRouter(t testing.TB) *Router {
	return NewRouter(Deps{
		Engine:    bundledEngine(t),
		RateLimit: RateLimit{PerSecond: 1000, Burst: 1000},
		Now:       func() time.Time { return testNow },
	})
}

// load reads a recorded interaction from testdata as Discord sends it.
func load(t testing.TB, name string) *discordgo.Interaction {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(b, &i); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &i
}

// check fails when Discord would reject resp or it could ping anyone.
func check(t testing.TB, name string, resp *discordgo.InteractionResponse) {
	t.Helper()
	if resp == nil {
		t.Fatalf("%s: nil response", name)
	}
	if err := discordcheck.Response(resp); err != nil {
		t.Errorf("%s: Discord would reject the response: %v", name, err)
	}
	if resp.Data == nil || resp.Data.AllowedMentions == nil || resp.Data.AllowedMentions.Parse == nil ||
		len(resp.Data.AllowedMentions.Parse) != 0 {
		t.Errorf("%s: allowed_mentions is not an empty parse list", name)
	}
}

func ephemeral(r *discordgo.InteractionResponse) bool {
	return r.Data != nil && r.Data.Flags&discordgo.MessageFlagsEphemeral != 0
}

// allText is every visible string of a response, for "contains" checks.
func allText(r *discordgo.InteractionResponse) string {
	b, _ := json.Marshal(r.Data)
	var s strings.Builder
	s.WriteString(r.Data.Content)
	for _, e := range r.Data.Embeds {
		s.WriteString("\n" + e.Title + "\n" + e.Description)
		if e.Author != nil {
			s.WriteString("\n" + e.Author.Name)
		}
		if e.Footer != nil {
			s.WriteString("\n" + e.Footer.Text)
		}
		for _, f := range e.Fields {
			s.WriteString("\n" + f.Name + "\n" + f.Value)
		}
	}
	s.WriteString("\n" + string(b))
	return s.String()
}

func customIDs(r *discordgo.InteractionResponse) []string {
	var ids []string
	for _, row := range r.Data.Components {
		ar, ok := row.(discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, c := range ar.Components {
			if b, ok := c.(discordgo.Button); ok && b.CustomID != "" {
				ids = append(ids, b.CustomID)
			}
		}
	}
	return ids
}

func linkButtons(r *discordgo.InteractionResponse) int {
	n := 0
	for _, row := range r.Data.Components {
		if ar, ok := row.(discordgo.ActionsRow); ok {
			for _, c := range ar.Components {
				if b, ok := c.(discordgo.Button); ok && b.Style == discordgo.LinkButton {
					n++
				}
			}
		}
	}
	return n
}

func TestHandlers(t *testing.T) {
	r := newTestRouter(t)
	cases := []struct {
		file      string
		typ       discordgo.InteractionResponseType
		ephemeral bool
		minEmbeds int
		contains  []string
		// paging: the response carries page buttons
		paging bool
		check  func(t *testing.T, resp *discordgo.InteractionResponse)
	}{
		// "who pledged troops for Ukraine?" is answered from the stance
		// ledger, as /who-pledged is, and says so.
		{file: "ask.json", typ: discordgo.InteractionResponseChannelMessageWithSource, minEmbeds: 1,
			contains: []string{"From the stances the articles state, as /who-pledged what: troops", "Who pledged troops", "✅ pledged"},
			check: func(t *testing.T, resp *discordgo.InteractionResponse) {
				if strings.Contains(resp.Data.Content, "Showing results for") {
					t.Errorf("words found as typed, yet the reply says %q", resp.Data.Content)
				}
			}},
		// "which NATO members": those alone, and the reply says so
		{file: "ask_group.json", typ: discordgo.InteractionResponseChannelMessageWithSource, minEmbeds: 1,
			contains: []string{"From the stances the articles state, NATO members alone", "Who pledged troops", "among NATO members", "✅ pledged"}},
		// a group none of whose members states a stance: said, then the passages
		{file: "ask_group_none.json", typ: discordgo.InteractionResponseChannelMessageWithSource, minEmbeds: 1,
			contains: []string{"No passage says whether any of the Baltic states pledged or refused troops", "Best passages for"}},
		{file: "ask_private.json", typ: discordgo.InteractionResponseChannelMessageWithSource, ephemeral: true, minEmbeds: 1},
		{file: "ask_dm.json", typ: discordgo.InteractionResponseChannelMessageWithSource, minEmbeds: 1},
		{file: "ask_nomatch.json", typ: discordgo.InteractionResponseChannelMessageWithSource, ephemeral: true,
			contains: []string{"Nothing in the articles matches “kangaroo qwrtyzx”", "Try fewer or other words"}},
		// A misspelling is answered for the corrected words, and the reply
		// says so above the passages.
		{file: "ask_misspelt.json", typ: discordgo.InteractionResponseChannelMessageWithSource, minEmbeds: 1,
			contains: []string{"**guarantees**"},
			check: func(t *testing.T, resp *discordgo.InteractionResponse) {
				if resp.Data.Content != "Showing results for “guarantees”" {
					t.Errorf("content %q; want the corrected words", resp.Data.Content)
				}
			}},
		{file: "search_misspelt.json", typ: discordgo.InteractionResponseChannelMessageWithSource, minEmbeds: 1, paging: true,
			contains: []string{"for “secrity guarentees”", "**guarantees**"},
			check: func(t *testing.T, resp *discordgo.InteractionResponse) {
				if resp.Data.Content != "Showing results for “security guarantees”" {
					t.Errorf("content %q; want the corrected words", resp.Data.Content)
				}
			}},
		{file: "ask_huge.json", typ: discordgo.InteractionResponseChannelMessageWithSource, ephemeral: true, contains: []string{"at most 300"}},
		{file: "search.json", typ: discordgo.InteractionResponseChannelMessageWithSource, minEmbeds: 1, paging: true,
			contains: []string{"page 1/"}},
		{file: "search_filters.json", typ: discordgo.InteractionResponseChannelMessageWithSource, minEmbeds: 1,
			contains: []string{"RBC-Ukraine"}},
		{file: "search_bad_date.json", typ: discordgo.InteractionResponseChannelMessageWithSource, ephemeral: true,
			contains: []string{"2025-13-40", "YYYY-MM-DD"}},
		{file: "search_from_after_to.json", typ: discordgo.InteractionResponseChannelMessageWithSource, ephemeral: true,
			contains: []string{"after the to date"}},
		{file: "search_missing_query.json", typ: discordgo.InteractionResponseChannelMessageWithSource, ephemeral: true,
			contains: []string{"query option is missing"}},
		{file: "search_wrong_type.json", typ: discordgo.InteractionResponseChannelMessageWithSource, ephemeral: true,
			contains: []string{"query option should be text"}},
		{file: "search_punctuation.json", typ: discordgo.InteractionResponseChannelMessageWithSource, ephemeral: true,
			contains: []string{"Type some words"}},
		{file: "who_pledged.json", typ: discordgo.InteractionResponseChannelMessageWithSource, minEmbeds: 1,
			contains: []string{"**United Kingdom, France** — ✅ pledged, in the event of a ceasefire", "(group)", "❌ declined", "](<https://"}},
		{file: "quote.json", typ: discordgo.InteractionResponseChannelMessageWithSource, minEmbeds: 1,
			contains: []string{"Quoted: Volodymyr Zelensky", "> “"}},
		{file: "quote_unknown.json", typ: discordgo.InteractionResponseChannelMessageWithSource, ephemeral: true,
			contains: []string{"no quotations by"}},
		{file: "sources.json", typ: discordgo.InteractionResponseChannelMessageWithSource, minEmbeds: 1,
			contains: []string{"DailyWrap", "(original: The Telegraph)", "2025-04-25 (approx.)", "2025-12-18", "https://newsukraine.rbc.ua/"},
			check: func(t *testing.T, resp *discordgo.InteractionResponse) {
				if strings.Contains(resp.Data.Embeds[0].Description, "2025-12-18 (approx.)") {
					t.Error("an exact date is marked approx.")
				}
			}},
		{file: "help.json", typ: discordgo.InteractionResponseChannelMessageWithSource, ephemeral: true, minEmbeds: 1,
			contains: []string{"/ask", "/search", "/who-pledged", "/quote", "/sources", "Example"}},
		{file: "unknown_command.json", typ: discordgo.InteractionResponseChannelMessageWithSource, ephemeral: true,
			contains: []string{"/help"}},
		{file: "button_next.json", typ: discordgo.InteractionResponseUpdateMessage, minEmbeds: 1, paging: true,
			contains: []string{"page 2/", "Results 6–"}},
		{file: "button_other_user.json", typ: discordgo.InteractionResponseChannelMessageWithSource, ephemeral: true,
			contains: []string{"Only the person who ran this search", "/search query: security guarantees"}},
		{file: "button_bad.json", typ: discordgo.InteractionResponseChannelMessageWithSource, ephemeral: true,
			contains: []string{"run /search again"}},
		{file: "button_old_version.json", typ: discordgo.InteractionResponseChannelMessageWithSource, ephemeral: true,
			contains: []string{"another version"}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			resp := r.Handle(context.Background(), load(t, c.file)).Response
			check(t, c.file, resp)
			if resp.Type != c.typ {
				t.Fatalf("response type %d; want %d (%s)", resp.Type, c.typ, allText(resp))
			}
			if ephemeral(resp) != c.ephemeral {
				t.Errorf("ephemeral %v; want %v: %s", ephemeral(resp), c.ephemeral, allText(resp))
			}
			if len(resp.Data.Embeds) < c.minEmbeds {
				t.Errorf("%d embeds; want at least %d: %s", len(resp.Data.Embeds), c.minEmbeds, allText(resp))
			}
			txt := allText(resp)
			for _, want := range c.contains {
				if !strings.Contains(txt, want) {
					t.Errorf("response lacks %q:\n%s", want, txt)
				}
			}
			if c.minEmbeds > 0 && !c.ephemeral && c.file != "sources.json" && c.file != "help.json" && linkButtons(resp) == 0 {
				t.Errorf("no Read the article button")
			}
			ids := customIDs(resp)
			if c.paging != (len(ids) > 0) {
				t.Errorf("page buttons %v; want paging %v", ids, c.paging)
			}
			for _, id := range ids {
				st, err := ParsePageID(id)
				if err != nil {
					t.Errorf("button id %q: %v", id, err)
				}
				if st.UserID != 80351110224678912 {
					t.Errorf("button id %q carries user %d", id, st.UserID)
				}
			}
			if c.check != nil {
				c.check(t, resp)
			}
		})
	}
}

// The Next button of page 1 rebuilds page 2 on any router (another
// replica) from the custom_id alone, and page 2's Previous leads back.
func TestPagingAcrossReplicas(t *testing.T) {
	first := newTestRouter(t).Handle(context.Background(), load(t, "search.json")).Response
	ids := customIDs(first)
	if len(ids) != 2 {
		t.Fatalf("page 1 buttons: %v", ids)
	}
	press := load(t, "button_next.json")
	press.Data = discordgo.MessageComponentInteractionData{CustomID: ids[1], ComponentType: discordgo.ButtonComponent}
	second := newTestRouter(t).Handle(context.Background(), press).Response
	check(t, "next", second)
	if second.Type != discordgo.InteractionResponseUpdateMessage || !strings.Contains(allText(second), "page 2/") {
		t.Fatalf("next gave %s", allText(second))
	}
	if second.Data.Embeds[0].Description == first.Data.Embeds[0].Description {
		t.Error("page 2 shows page 1's first passage")
	}
	back := customIDs(second)[0]
	press.Data = discordgo.MessageComponentInteractionData{CustomID: back, ComponentType: discordgo.ButtonComponent}
	again := newTestRouter(t).Handle(context.Background(), press).Response
	if again.Data.Embeds[0].Description != first.Data.Embeds[0].Description {
		t.Error("Previous from page 2 does not give page 1 back")
	}
}

func TestAutocomplete(t *testing.T) {
	r := newTestRouter(t)
	cases := []struct {
		file string
		want func(choices []string) bool
		desc string
	}{
		{"autocomplete_query.json", func(c []string) bool { return hasPrefixAll(c, "secur") && contains(c, "security") }, "completions of secur"},
		{"autocomplete_question.json", func(c []string) bool { return hasPrefixAll(c, "who pledged tro") && len(c) > 1 }, "who pledged tro…"},
		{"autocomplete_publisher.json", func(c []string) bool { return contains(c, "RBC-Ukraine") }, "RBC-Ukraine"},
		{"autocomplete_empty.json", func(c []string) bool { return len(c) == 0 }, "nothing for nothing typed"},
	}
	for _, c := range cases {
		rep := r.Handle(context.Background(), load(t, c.file))
		resp, err := rep.Response, rep.Err
		if err != nil {
			t.Errorf("%s: %v", c.file, err)
		}
		check(t, c.file, resp)
		if resp.Type != discordgo.InteractionApplicationCommandAutocompleteResult {
			t.Fatalf("%s: type %d", c.file, resp.Type)
		}
		var got []string
		for _, ch := range resp.Data.Choices {
			got = append(got, ch.Name)
			if ch.Value != ch.Name {
				t.Errorf("%s: choice %q has value %v", c.file, ch.Name, ch.Value)
			}
		}
		if len(got) > 25 {
			t.Errorf("%s: %d choices", c.file, len(got))
		}
		if !c.want(got) {
			t.Errorf("%s: %s: got %q", c.file, c.desc, got)
		}
	}
	// who: every speaker the corpus quotes is offered for an empty prefix
	// match, and a partial surname finds its speaker.
	resp := r.Handle(context.Background(), load(t, "autocomplete_who.json")).Response
	check(t, "who", resp)
	if len(resp.Data.Choices) == 0 {
		t.Error("who: zel offers no speaker")
	}
	for _, ch := range resp.Data.Choices {
		if !strings.Contains(strings.ToLower(ch.Name), "zel") {
			t.Errorf("who: %q offered for zel", ch.Name)
		}
	}
}

// hasPrefixAll: every choice has what was typed in it.
func hasPrefixAll(c []string, p string) bool {
	if len(c) == 0 {
		return false
	}
	for _, s := range c {
		if !strings.Contains(strings.ToLower(s), p) {
			return false
		}
	}
	return true
}

func contains(c []string, s string) bool {
	for _, x := range c {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func TestRateLimitThroughHandle(t *testing.T) {
	now := testNow
	r := NewRouter(Deps{Engine: bundledEngine(t), RateLimit: RateLimit{PerSecond: 0.2, Burst: 2},
		Now: func() time.Time { return now }})
	for k := 0; k < 2; k++ {
		resp := r.Handle(context.Background(), load(t, "help.json")).Response
		if strings.Contains(allText(resp), "Slow down") {
			t.Fatalf("request %d limited within the burst", k+1)
		}
	}
	resp := r.Handle(context.Background(), load(t, "help.json")).Response
	check(t, "limited", resp)
	if !ephemeral(resp) || !strings.Contains(resp.Data.Content, "Slow down — try again in 5 s.") {
		t.Errorf("third request: %q", resp.Data.Content)
	}
	// Autocomplete is exempt: typing must not use up the bucket.
	ac := r.Handle(context.Background(), load(t, "autocomplete_query.json")).Response
	if len(ac.Data.Choices) == 0 {
		t.Error("autocomplete was limited")
	}
	now = now.Add(5 * time.Second)
	resp = r.Handle(context.Background(), load(t, "help.json")).Response
	if strings.Contains(allText(resp), "Slow down") {
		t.Error("still limited after waiting as told")
	}
}

func TestHandleCancelled(t *testing.T) {
	r := newTestRouter(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rep := r.Handle(ctx, load(t, "ask.json"))
	resp, err := rep.Response, rep.Err
	if err == nil || resp != nil {
		t.Errorf("cancelled context: resp %v err %v; want nil and the context's error", resp, err)
	}
}

func TestHandleOddInteractions(t *testing.T) {
	r := newTestRouter(t)
	for name, i := range map[string]*discordgo.Interaction{
		"nil data command":   {Type: discordgo.InteractionApplicationCommand},
		"nil data component": {Type: discordgo.InteractionMessageComponent},
		"modal":              {Type: discordgo.InteractionModalSubmit},
		"unknown type":       {Type: 99},
		"autocomplete nil":   {Type: discordgo.InteractionApplicationCommandAutocomplete},
		"nil interaction":    nil,
	} {
		resp := r.Handle(context.Background(), i).Response
		check(t, name, resp)
	}
	rep := r.Handle(context.Background(), &discordgo.Interaction{Type: discordgo.InteractionPing})
	pong, err := rep.Response, rep.Err
	if err != nil || pong.Type != discordgo.InteractionResponsePong {
		t.Errorf("ping: %v %v", pong, err)
	}
}

func TestSearchNoMatchNamesTheFilters(t *testing.T) {
	r := newTestRouter(t)
	in := commandInteraction("search", strOpt(optQuery, "troops"), strOpt(optFrom, "2030-01-01"))
	resp := r.Handle(context.Background(), in).Response
	check(t, "no match", resp)
	if !strings.Contains(resp.Data.Content, "published from 2030-01-01 on matches “troops”") {
		t.Errorf("reply %q does not name the filter", resp.Data.Content)
	}
}

// TestSourcesPages: /sources lists ten articles a page, newest first, with
// Next leading on; filters keep their articles only; only the asker pages.
func TestSourcesPages(t *testing.T) {
	r := NewRouter(Deps{Engine: testengine.Dir(t, "../testdata/realnews/articles"), RateLimit: RateLimit{PerSecond: 1e6, Burst: 1e6}})
	ctx := context.Background()
	first := r.Handle(ctx, commandInteraction("sources")).Response
	check(t, "sources", first)
	if !strings.Contains(first.Data.Embeds[0].Title, "The 60 articles") || !strings.Contains(first.Data.Embeds[0].Title, "page 1/6") {
		t.Fatalf("title %q", first.Data.Embeds[0].Title)
	}
	if n := strings.Count(first.Data.Embeds[0].Description, "**["); n != SourcesPageSize {
		t.Errorf("%d articles on page 1", n)
	}
	if !strings.Contains(first.Data.Embeds[0].Description, "2026-02") {
		t.Error("page 1 does not start with the newest articles")
	}
	ids := customIDs(first)
	if len(ids) != 2 {
		t.Fatalf("buttons %v", ids)
	}
	press := &discordgo.Interaction{Type: discordgo.InteractionMessageComponent, Member: &discordgo.Member{User: &discordgo.User{ID: "80351110224678912"}},
		Data: discordgo.MessageComponentInteractionData{CustomID: ids[1], ComponentType: discordgo.ButtonComponent}}
	second := r.Handle(ctx, press).Response
	check(t, "next", second)
	if second.Type != discordgo.InteractionResponseUpdateMessage || !strings.Contains(second.Data.Embeds[0].Title, "page 2/6") {
		t.Fatalf("next: %s", allText(second))
	}
	press.Member = &discordgo.Member{User: &discordgo.User{ID: "42"}}
	if other := r.Handle(ctx, press).Response; !strings.Contains(other.Data.Content, "Only the person") {
		t.Errorf("another user paged: %s", allText(other))
	}
	filtered := r.Handle(ctx, commandInteraction("sources", strOpt(optPublisher, "Rossiyskaya"), strOpt(optFrom, "2025-10-01"))).Response
	check(t, "filtered", filtered)
	d := filtered.Data.Embeds[0].Description
	if !strings.Contains(d, "Rossiyskaya Panorama") || strings.Contains(d, "Kyiv") || !strings.Contains(filtered.Data.Embeds[0].Title, "publisher Rossiyskaya") {
		t.Errorf("filtered: %s", allText(filtered))
	}
	late := r.Handle(ctx, commandInteraction("sources", strOpt(optFrom, "2030-01-01"))).Response
	if !strings.Contains(late.Data.Content, "No article (from 2030-01-01) is loaded") {
		t.Errorf("nothing from 2030: %q", late.Data.Content)
	}
}
