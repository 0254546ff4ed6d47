package commands

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestLimiterBurstThenWait(t *testing.T) {
	l := NewLimiter(RateLimit{PerSecond: 0.5, Burst: 3, Idle: time.Minute})
	now := time.Date(2026, 1, 6, 12, 0, 0, 0, time.UTC)
	for k := 0; k < 3; k++ {
		if ok, _ := l.allow("u1", now); !ok {
			t.Fatalf("request %d within the burst was refused", k+1)
		}
	}
	ok, wait := l.allow("u1", now)
	if ok {
		t.Fatal("fourth request at once was allowed past a burst of 3")
	}
	if wait <= 0 || wait > 2*time.Second {
		t.Errorf("wait %v; want (0, 2s] at 0.5/s", wait)
	}
	// A refused request takes no token: after the wait one is there.
	if ok, _ := l.allow("u1", now.Add(wait)); !ok {
		t.Error("refused again after waiting as told")
	}
	// Users have their own buckets.
	if ok, _ := l.allow("u2", now); !ok {
		t.Error("a second user was limited by the first one's use")
	}
}

func TestLimiterEvictsIdle(t *testing.T) {
	l := NewLimiter(RateLimit{PerSecond: 1, Burst: 1, Idle: time.Minute})
	now := time.Date(2026, 1, 6, 12, 0, 0, 0, time.UTC)
	for _, u := range []string{"a", "b", "c"} {
		l.allow(u, now)
	}
	if l.size() != 3 {
		t.Fatalf("size %d; want 3", l.size())
	}
	l.allow("d", now.Add(2*time.Minute))
	if l.size() != 1 {
		t.Errorf("after the idle time, %d buckets remain; want only the new one", l.size())
	}
}

func TestLimiterDefaults(t *testing.T) {
	l := NewLimiter(RateLimit{})
	if l.cfg != DefaultRateLimit {
		t.Errorf("zero config became %+v; want the defaults %+v", l.cfg, DefaultRateLimit)
	}
}

// TestLimiterSharedAcrossRouters: a reload builds a new Router over the
// new index; with the same Limiter the person who used up their bucket
// is still told to slow down.
func TestLimiterSharedAcrossRouters(t *testing.T) {
	lim := NewLimiter(RateLimit{PerSecond: 0.2, Burst: 1})
	now := func() time.Time { return testNow }
	before := NewRouter(Deps{Engine: bundledEngine(t), Limiter: lim, Now: now})
	after := NewRouter(Deps{Engine: bundledEngine(t), Limiter: lim, Now: now})
	if resp := before.Handle(context.Background(), load(t, "help.json")).Response; strings.Contains(allText(resp), "Slow down") {
		t.Fatal("first request limited")
	}
	resp := after.Handle(context.Background(), load(t, "help.json")).Response
	if !strings.Contains(allText(resp), "Slow down") {
		t.Fatal("the new router refilled the bucket the old one emptied")
	}
}
