package commands

import (
	"context"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// TestHandleOutcome: the router names how each interaction went, for the
// transport's one log line and metrics.
func TestHandleOutcome(t *testing.T) {
	r := newTestRouter(t)
	ctx := context.Background()
	for file, want := range map[string]string{
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
		_, got, _ := r.HandleOutcome(ctx, load(t, file))
		if got != want {
			t.Errorf("%s: outcome %q, want %q", file, got, want)
		}
	}
	// A damaged button's cause reaches the log line as the error.
	if _, _, err := r.HandleOutcome(ctx, load(t, "button_bad.json")); err == nil {
		t.Error("a damaged button reports no cause")
	}
	if _, got, _ := r.HandleOutcome(ctx, &discordgo.Interaction{Type: 99}); got != "bad_request" {
		t.Errorf("unknown type: %q, want bad_request", got)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, got, _ := r.HandleOutcome(cancelled, load(t, "ask.json")); got != "cancelled" {
		t.Errorf("cancelled: %q", got)
	}
	limited := NewRouter(Deps{Index: bundledIndex(t), RateLimit: RateLimit{PerSecond: 0.1, Burst: 1},
		Now: func() time.Time { return testNow }})
	limited.HandleOutcome(ctx, load(t, "help.json"))
	if _, got, _ := limited.HandleOutcome(ctx, load(t, "help.json")); got != "rate_limited" {
		t.Errorf("second help with a burst of 1: %q, want rate_limited", got)
	}
}
