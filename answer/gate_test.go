package answer

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestSearchGate: with every turn taken, a question waits its turn
// briefly and is then told talkbot is busy (within Discord's 3 s), and a
// cancelled asker stops waiting at once; with a turn free it is answered.
func TestSearchGate(t *testing.T) {
	e := NewEngine(annotateIndex(t))
	for range cap(searchGate) {
		searchGate <- struct{}{}
	}
	ctx := context.Background()
	start := time.Now()
	_, err := e.Ask(ctx, in(t, "a question nobody asked before: zebras"))
	if took := time.Since(start); !errors.As(err, &BusyError{}) || took < queueWait || took > queueWait+time.Second {
		t.Errorf("a full gate: %v after %s, want BusyError after about %s", err, took, queueWait)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	start = time.Now()
	if _, err := e.Ask(cancelled, in(t, "another new question: giraffes")); !errors.Is(err, context.Canceled) || time.Since(start) > 100*time.Millisecond {
		t.Errorf("a cancelled asker: %v after %s", err, time.Since(start))
	}
	for range cap(searchGate) {
		<-searchGate
	}
	if res, err := e.Ask(ctx, in(t, "who pledged troops")); err != nil || len(res.Results) == 0 {
		t.Errorf("with turns free: %v, %d results", err, len(res.Results))
	}
}
