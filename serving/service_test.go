package serving

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"talkbot/commands"
)

func helpFrom(user string) *discordgo.Interaction {
	return &discordgo.Interaction{Type: discordgo.InteractionApplicationCommand, GuildID: "42",
		Member: &discordgo.Member{User: &discordgo.User{ID: user}},
		Data:   discordgo.ApplicationCommandInteractionData{Name: "help"}}
}

// TestRateLimitSurvivesReload: the routers a service builds, one per
// index generation, share the per-user buckets, so a hot reload does not
// let someone who used up theirs straight back in.
func TestRateLimitSurvivesReload(t *testing.T) {
	ctx := context.Background()
	first := build(t, "")
	svc, err := New(Config{RateLimit: commands.RateLimit{PerSecond: 1.0 / 3600, Burst: 1}}, first.Engine)
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Current.Close()
	limited := func() bool {
		rep := svc.Current.Handle(ctx, helpFrom("9"))
		if rep.Response == nil || rep.Response.Data == nil {
			t.Fatalf("help: %+v", rep)
		}
		return strings.Contains(rep.Response.Data.Content, "Slow down")
	}
	if limited() {
		t.Fatal("the first request was limited")
	}
	if !limited() {
		t.Fatal("a burst of 1 let a second request through")
	}
	g, release, _ := svc.Current.Acquire()
	release()
	if err := svc.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	if g2, release, _ := svc.Current.Acquire(); g2 == g {
		t.Fatal("the reload did not swap in a new generation")
	} else {
		release()
	}
	if !limited() {
		t.Fatal("after a reload the user's used-up bucket was full again")
	}
	// Others still get their own buckets.
	if rep := svc.Current.Handle(ctx, helpFrom("10")); strings.Contains(rep.Response.Data.Content, "Slow down") {
		t.Fatal("another user was limited")
	}
}

// TestServiceRunsTasksAndStops: Run starts every task beside the
// reloader, a failing task stops the others, and the index is closed
// once Run returns.
func TestServiceRunsTasksAndStops(t *testing.T) {
	first := build(t, "")
	svc, err := New(Config{}, first.Engine)
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{})
	stopped := make(chan struct{})
	svc.Go("waits", func(ctx context.Context) error {
		close(started)
		<-ctx.Done()
		close(stopped)
		return nil
	})
	boom := context.DeadlineExceeded
	svc.Go("fails", func(ctx context.Context) error {
		<-started
		return boom
	})
	done := make(chan error, 1)
	go func() { done <- svc.Run(context.Background()) }()
	select {
	case err := <-done:
		if err != boom {
			t.Fatalf("Run: %v, want the failing task's error", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not stop when a task failed")
	}
	<-stopped
	if _, _, ok := svc.Current.Acquire(); ok {
		t.Error("the generation is still served after Run returned")
	}
}
