package answer

import (
	"context"
	"runtime"
	"time"

	"talkbot/index"
)

// Searches are what costs CPU. Run hundreds at once on a large corpus
// and each takes hundreds of times as long: every reply is late, and work
// for askers long gone goes on. The gate lets one per core run and
// makes the rest wait their turn, briefly: past queueWait the asker is
// told talkbot is busy, within Discord's 3 seconds, rather than answered
// after them. One per core rather than two leaves the scheduler room for
// the cheap commands: under the 10,000-article load with fresh
// questions their p99 fell from 160-215 ms to 50-70 ms in two A/B runs,
// while the searches' own p99 moved both ways (docs/tuning.md).
var searchGate = make(chan struct{}, runtime.GOMAXPROCS(0))

// queueWait is how long a search may wait for its turn.
const queueWait = 2 * time.Second

// BusyError is a search that could not start in time: too many questions
// at once. Its message is for the reader.
type BusyError struct{}

func (BusyError) Error() string {
	return "talkbot is answering many questions at once; please ask again in a few seconds."
}

// gatedSearch runs one index search when the gate lets it.
func (e *Engine) gatedSearch(ctx context.Context, q index.Query) (index.Result, error) {
	wait := time.NewTimer(queueWait)
	defer wait.Stop()
	select {
	case searchGate <- struct{}{}:
	case <-ctx.Done():
		return index.Result{}, ctx.Err()
	case <-wait.C:
		return index.Result{}, BusyError{}
	}
	defer func() { <-searchGate }()
	return e.ix.Search(ctx, q)
}
