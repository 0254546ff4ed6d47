package commands

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// RateLimit configures the per-user token bucket: Burst answers at once,
// then one every 1/PerSecond seconds. Buckets idle for Idle are dropped so
// memory stays bounded by the users active recently.
type RateLimit struct {
	PerSecond float64
	Burst     int
	Idle      time.Duration
}

// DefaultRateLimit lets a person ask five things in a row, then one every
// three seconds.
var DefaultRateLimit = RateLimit{PerSecond: 1.0 / 3, Burst: 5, Idle: 10 * time.Minute}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

// Limiter holds one bucket per user id. It outlives any one Router: a
// hot reload builds a new Router over the new index but must hand it the
// same Limiter (Deps.Limiter), or every reload would refill every bucket.
// Safe for concurrent use.
type Limiter struct {
	cfg       RateLimit
	mu        sync.Mutex
	buckets   map[string]*bucket
	lastSweep time.Time
}

// NewLimiter makes the per-user buckets for cfg (zero fields: defaults).
func NewLimiter(cfg RateLimit) *Limiter {
	if cfg.PerSecond <= 0 {
		cfg.PerSecond = DefaultRateLimit.PerSecond
	}
	if cfg.Burst <= 0 {
		cfg.Burst = DefaultRateLimit.Burst
	}
	if cfg.Idle <= 0 {
		cfg.Idle = DefaultRateLimit.Idle
	}
	return &Limiter{cfg: cfg, buckets: map[string]*bucket{}}
}

// allow takes a token for user at now. When none is left it returns how
// long until one is, and takes nothing.
func (l *Limiter) allow(user string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.lastSweep) > l.cfg.Idle {
		for id, b := range l.buckets {
			if now.Sub(b.seen) > l.cfg.Idle {
				delete(l.buckets, id)
			}
		}
		l.lastSweep = now
	}
	b, ok := l.buckets[user]
	if !ok {
		b = &bucket{lim: rate.NewLimiter(rate.Limit(l.cfg.PerSecond), l.cfg.Burst)}
		l.buckets[user] = b
	}
	b.seen = now
	r := b.lim.ReserveN(now, 1)
	if !r.OK() {
		return false, time.Second
	}
	if wait := r.DelayFrom(now); wait > 0 {
		r.CancelAt(now)
		return false, wait
	}
	return true, 0
}

// size is the number of buckets held (for tests).
func (l *Limiter) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}
