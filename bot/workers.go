package bot

import "time"

// Each interaction runs its handler on another goroutine (so the reply can
// be deferred when the handler is slow). A fresh goroutine starts with a
// small stack and grows it by copying as the handler descends into the
// index and rendering (docs/tuning.md). workers hands the
// job to an idle goroutine whose stack has already grown, starting a new
// one only when none is idle, so there is never a cap on how many run at
// once; a goroutine idle for workerIdle exits.
type workers struct{ jobs chan func() }

const workerIdle = 10 * time.Second

// handlers runs the Responder's handlers and serve's deliveries.
var handlers = &workers{jobs: make(chan func())}

// Go runs f on an idle worker, or on a new one when all are busy.
func (w *workers) Go(f func()) {
	select {
	case w.jobs <- f:
	default:
		go w.loop(f)
	}
}

func (w *workers) loop(f func()) {
	f()
	idle := time.NewTimer(workerIdle)
	defer idle.Stop()
	for {
		select {
		case f = <-w.jobs:
			f()
			idle.Reset(workerIdle)
		case <-idle.C:
			return
		}
	}
}
