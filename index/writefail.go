package index

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
)

// Scorch writes segments in the background and, when a write fails (a
// full disk), logs it to a callback and retries forever: a build would
// wait for its batches at 100% CPU. Builds register a callback by name
// in their scorch configuration, and a failed write cancels the build
// with the write's error.
const writeFailureCallback = "talkbot-write-failure"

// building maps a build directory to the cancel func of its context.
var building sync.Map

func init() {
	scorch.RegistryAsyncErrorCallbacks[writeFailureCallback] = func(err error, path string) {
		var se *scorch.ScorchError
		if !errors.As(err, &se) || !errors.Is(err, scorch.ErrPersist) {
			return // a cleanup or merge hiccup: the build's waits still see real trouble
		}
		building.Range(func(dir, cancel any) bool {
			if d := dir.(string); path == d || strings.HasPrefix(path, d+string(filepath.Separator)) {
				cause := strings.TrimPrefix(se.ErrMsg, "got err persisting snapshot: ")
				cancel.(context.CancelCauseFunc)(fmt.Errorf("writing the index in %s: %s", d, cause))
			}
			return true
		})
	}
}

// watchWrites returns a context that ends, with the write's error as its
// cause, when scorch fails to write anything under dir; stop ends the
// watch.
func watchWrites(ctx context.Context, dir string) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(ctx)
	building.Store(dir, cancel)
	return ctx, func() {
		building.Delete(dir)
		cancel(nil)
	}
}
