package serving

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"talkbot/corpus"
)

// ReloadConfig drives hot reloads of the index.
type ReloadConfig struct {
	// Build makes each new generation. With Build.Index.Dir set, each
	// reload builds on disk in a directory of its own under it
	// (DIR/reload-N, removed once replaced), never over the directory
	// being served: a large corpus then costs the build's memory, not a
	// second whole index in memory. The last one served becomes DIR's
	// index when the service stops, for the next start to reuse. Without
	// it a reload builds in memory.
	Build BuildConfig
	// Current receives each new generation. Required.
	Current *Current
	// Metrics records reloads and the corpus size (nil: none kept).
	Metrics *Metrics
	// Logger gets one line per reload, with file and line on failure.
	Logger *slog.Logger
	// Watch rebuilds when a file in Build.CorpusDir changes.
	Watch bool
	// Signals triggers a rebuild on each value (main sends SIGHUP here).
	Signals <-chan os.Signal
	// Damaged triggers a rebuild on each value: the index being served
	// could not be read (index.Options.OnDamage).
	Damaged <-chan error
	// Debounce gathers a burst of file events into one rebuild (default
	// 300 ms): an editor saving writes, renames and chmods in a row.
	Debounce time.Duration
}

// Reloader rebuilds the index in the background and swaps it in. Builds
// never overlap; requests to reload during a build coalesce into one more.
type Reloader struct {
	cfg     ReloadConfig
	mu      sync.Mutex // one build at a time
	trigger chan struct{}
	baseDir string // Build.Index.Dir: reloads build under it ("" in memory)
	builds  int    // reloads built on disk so far, naming their directories
	// applied is the SHA-256 of each file a live update indexed (live.go).
	applied map[string]string
}

// NewReloader checks cfg.
func NewReloader(cfg ReloadConfig) (*Reloader, error) {
	if cfg.Current == nil {
		return nil, errors.New("reload: no current index")
	}
	if cfg.Watch && cfg.Build.CorpusDir == "" {
		return nil, errors.New("reload: --watch needs --corpus: the bundled corpus never changes")
	}
	if cfg.Metrics == nil {
		cfg.Metrics = NewMetrics()
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Debounce <= 0 {
		cfg.Debounce = 300 * time.Millisecond
	}
	base := cfg.Build.Index.Dir
	cfg.Build.Index.Dir = ""
	cfg.Build.Index.Progress = nil
	if base != "" {
		// left by an earlier process: this one holds base's lock now
		old, _ := filepath.Glob(filepath.Join(base, reloadDirPrefix+"*"))
		for _, d := range old {
			_ = os.RemoveAll(d)
		}
		cfg.Current.keepLastIn(base)
	}
	return &Reloader{cfg: cfg, trigger: make(chan struct{}, 1), baseDir: base, applied: map[string]string{}}, nil
}

const reloadDirPrefix = "reload-"

// Reload builds a new generation now and swaps it in; on error the old
// one keeps serving. Safe to call from any goroutine.
func (r *Reloader) Reload(ctx context.Context) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	start := time.Now()
	build := r.cfg.Build
	if r.baseDir != "" {
		r.builds++
		build.Index.Dir = filepath.Join(r.baseDir, fmt.Sprintf("%s%d", reloadDirPrefix, r.builds))
	}
	g, err := Build(ctx, build)
	if build.Index.Dir != "" {
		if err != nil {
			_ = os.RemoveAll(build.Index.Dir)
		} else {
			g.dir = build.Index.Dir
		}
	}
	took := time.Since(start)
	r.cfg.Metrics.Reloaded(took, err)
	if err != nil {
		r.logFailure(err, took)
		return err
	}
	r.cfg.Current.Swap(g)
	clear(r.applied) // the rebuild read every file
	r.cfg.Metrics.SetCorpus(g.Articles, g.Passages)
	r.cfg.Logger.Info("index reloaded", "articles", g.Articles, "passages", g.Passages, "took", took.Round(time.Millisecond))
	return nil
}

// logFailure logs each corpus problem on its own line, with file and line.
func (r *Reloader) logFailure(err error, took time.Duration) {
	var pe *ProblemsError
	if errors.As(err, &pe) {
		for _, p := range pe.Problems {
			r.cfg.Logger.Error("reload refused, still serving the previous index",
				"file", p.Path, "line", p.Line, "problem", p.Msg)
		}
		return
	}
	r.cfg.Logger.Error("reload failed, still serving the previous index", "err", err, "took", took.Round(time.Millisecond))
}

// Trigger asks for a reload without waiting; requests made while one is
// pending are merged into it.
func (r *Reloader) Trigger() {
	select {
	case r.trigger <- struct{}{}:
	default:
	}
}

// Run reloads on Trigger, on cfg.Signals and, with Watch, on corpus
// changes, until ctx ends.
func (r *Reloader) Run(ctx context.Context) error {
	var events <-chan fsnotify.Event
	var errs <-chan error
	if r.cfg.Watch {
		w, err := fsnotify.NewWatcher()
		if err != nil {
			return fmt.Errorf("reload: watching %s: %w", r.cfg.Build.CorpusDir, err)
		}
		defer w.Close()
		if err := w.Add(r.cfg.Build.CorpusDir); err != nil {
			return fmt.Errorf("reload: watching %s: %w", r.cfg.Build.CorpusDir, err)
		}
		events, errs = w.Events, w.Errors
	}
	var debounce, liveDebounced <-chan time.Time
	pending := map[string]bool{} // article files changed, for a live update
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			switch name := filepath.Base(ev.Name); {
			case filepath.Clean(ev.Name) == filepath.Clean(r.cfg.Build.CorpusDir):
				debounce = time.After(r.cfg.Debounce) // the directory itself
			case !relevant(ev) || !corpus.IsArticleFile(name):
				// not an article: nothing the index holds changed
			default:
				pending[name] = true
				liveDebounced = time.After(liveDebounce)
			}
		case err, ok := <-errs:
			if !ok {
				errs = nil
				continue
			}
			r.cfg.Logger.Warn("watching the corpus", "err", err)
		case <-debounce:
			debounce = nil
			r.Trigger()
		case <-liveDebounced:
			liveDebounced = nil
			names := make([]string, 0, len(pending))
			for n := range pending {
				names = append(names, n)
			}
			clear(pending)
			_ = r.Apply(ctx, names) // logged and counted inside
		case <-r.cfg.Signals:
			r.cfg.Logger.Info("reload requested by signal")
			r.Trigger()
		case err := <-r.cfg.Damaged:
			r.cfg.Logger.Error("the index being served could not be read; rebuilding it", "err", err)
			r.Trigger()
		case <-r.trigger:
			_ = r.Reload(ctx) // logged and counted inside
		}
	}
}

// relevant skips editor droppings (.swp, ~ backups, dot files) that
// the corpus loader ignores anyway.
func relevant(ev fsnotify.Event) bool {
	base := filepath.Base(ev.Name)
	if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") {
		return false
	}
	return !ev.Has(fsnotify.Chmod) || ev.Op != fsnotify.Chmod
}
