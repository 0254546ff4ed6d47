package commands

import (
	"context"
	"strings"
	"talkbot/answer"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// TestHandleOutcome: the router names how each interaction went, for the
// transport's one log line and metrics.
func TestHandleOutcome(t *testing.T) {
	r := newTestRouter(t)
	ctx := context.Background()
	for file, want := range map[string]Outcome{
		"help.json":                 "ok",
		"ask.json":                  "ok",
		"autocomplete_query.json":   "ok",
		"button_next.json":          "ok",
		"search_bad_date.json":      "user_error",
		"button_bad.json":           "user_error",
		"unknown_command.json":      "unknown_command",
		"search_punctuation.json":   "user_error",
		"search_missing_query.json": "user_error",
	} {
		got := r.Handle(ctx, load(t, file)).Outcome
		if got != want {
			t.Errorf("%s: outcome %q, want %q", file, got, want)
		}
	}
	// An unknown or empty button gets the notice, as the person's error.
	for _, id := range []string{"zz:abc", ""} {
		press := load(t, "button_next.json")
		press.Data = discordgo.MessageComponentInteractionData{CustomID: id, ComponentType: discordgo.ButtonComponent}
		rep := r.Handle(ctx, press)
		if rep.Outcome != OutcomeUserError || !strings.Contains(rep.Response.Data.Content, "no longer supported") {
			t.Errorf("button %q: outcome %q, reply %q", id, rep.Outcome, rep.Response.Data.Content)
		}
	}
	// A damaged button's cause reaches the log line as the error.
	if err := r.Handle(ctx, load(t, "button_bad.json")).Err; err == nil {
		t.Error("a damaged button reports no cause")
	}
	if got := r.Handle(ctx, &discordgo.Interaction{Type: 99}).Outcome; got != OutcomeBadRequest {
		t.Errorf("unknown type: %q, want bad_request", got)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if got := r.Handle(cancelled, load(t, "ask.json")).Outcome; got != OutcomeCancelled {
		t.Errorf("cancelled: %q", got)
	}
	limited := NewRouter(Deps{Engine: bundledEngine(t), RateLimit: RateLimit{PerSecond: 0.1, Burst: 1},
		Now: func() time.Time { return testNow }})
	limited.Handle(ctx, load(t, "help.json"))
	if got := limited.Handle(ctx, load(t, "help.json")).Outcome; got != OutcomeRateLimited {
		t.Errorf("second help with a burst of 1: %q, want rate_limited", got)
	}
}

// TestBusyIsTheAskersNotice: a search the gate turned away is a private
// "ask again" notice with its own outcome, not an apology and an ERROR.
func TestBusyIsTheAskersNotice(t *testing.T) {
	r := newTestRouter(t)
	rep := r.finish(context.Background(), nil, answer.BusyError{})
	if rep.Outcome != OutcomeBusy || rep.Err != nil || !strings.Contains(rep.Response.Data.Content, "ask again") || !ephemeral(rep.Response) {
		t.Errorf("busy: %+v", rep)
	}
}
