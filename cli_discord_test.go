package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"talkbot/bot"
)

func helpFrom(user string) *discordgo.Interaction {
	return &discordgo.Interaction{Type: discordgo.InteractionApplicationCommand, GuildID: "42",
		Member: &discordgo.Member{User: &discordgo.User{ID: user}},
		Data:   discordgo.ApplicationCommandInteractionData{Name: "help"}}
}

// TestRateLimitSurvivesReload: the routers `bot` and `serve` build, one
// per index generation, share the per-user buckets, so a hot reload does
// not let someone who used up theirs straight back in.
func TestRateLimitSurvivesReload(t *testing.T) {
	f := serverFlags{rateBurst: 1, rateEvery: time.Hour}
	build := bot.BuildConfig{NewRouter: f.routers()}
	ctx := context.Background()
	g, err := bot.Build(ctx, build)
	if err != nil {
		t.Fatal(err)
	}
	cur := bot.NewCurrent(g, nil)
	defer cur.Close()
	rl, err := bot.NewReloader(bot.ReloadConfig{Build: build, Current: cur})
	if err != nil {
		t.Fatal(err)
	}
	limited := func() bool {
		resp, err := cur.Handle(ctx, helpFrom("9"))
		if err != nil || resp == nil || resp.Data == nil {
			t.Fatalf("help: %v %v", resp, err)
		}
		return strings.Contains(resp.Data.Content, "Slow down")
	}
	if limited() {
		t.Fatal("the first request was limited")
	}
	if !limited() {
		t.Fatal("a burst of 1 let a second request through")
	}
	if err := rl.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	if g2, release, _ := cur.Acquire(); g2 == g {
		t.Fatal("the reload did not swap in a new generation")
	} else {
		release()
	}
	if !limited() {
		t.Fatal("after a reload the user's used-up bucket was full again")
	}
	// Others still get their own buckets.
	if resp, _ := cur.Handle(ctx, helpFrom("10")); strings.Contains(resp.Data.Content, "Slow down") {
		t.Fatal("another user was limited")
	}
}
