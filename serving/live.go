package serving

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"time"

	"talkbot/corpus"
	"talkbot/index"
)

// maxLiveFiles is the most files one live update takes: more changed at
// once (a corpus copied in, a checkout) is a rebuild.
const maxLiveFiles = 500

// liveDebounce gathers the events of one file's save into one update.
const liveDebounce = 100 * time.Millisecond

// Apply indexes the article files named (in the corpus directory) into
// the generation being served, without a rebuild: each is read again,
// and what it gives now (or its absence) replaces what the index held.
// A file with a problem is logged with its file and line and keeps its
// previous version in the index. The new generation is swapped in as a
// reload's is. An index that cannot take updates is rebuilt instead.
func (r *Reloader) Apply(ctx context.Context, names []string) error {
	if r.cfg.Build.CorpusDir == "" || len(names) == 0 {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	start := time.Now()
	g, release, ok := r.cfg.Current.Acquire()
	if !ok {
		return errors.New("not serving")
	}
	defer release()
	if !g.Engine.Live() || len(names) > maxLiveFiles {
		go r.Trigger()
		return nil
	}
	dir := r.cfg.Build.CorpusDir
	sort.Strings(names)
	var changes []index.Change
	var applied []string
	for i, name := range names {
		if i > 0 && names[i-1] == name {
			continue
		}
		a, sum, problems, err := corpus.ReadArticle(dir, name)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if _, known := r.applied[name]; !known && !r.indexed(g, name) {
				continue // a file that never was an article (a temporary one)
			}
			changes = append(changes, index.Change{Name: name})
			applied = append(applied, name)
		case err != nil:
			r.cfg.Logger.Error("live update: cannot read the file; its previous version is served", "file", filepath.Join(dir, name), "err", err)
		case len(problems) > 0:
			for _, p := range problems {
				r.cfg.Logger.Error("live update refused for this file; its previous version is served",
					"file", p.Path, "line", p.Line, "problem", p.Msg)
			}
		case r.applied[name] == sum.SHA256:
			// already indexed as it is (the watcher and an in-process add both saw it)
		default:
			a := a
			changes = append(changes, index.Change{Name: name, Article: &a, Sum: sum})
			applied = append(applied, name)
		}
	}
	if len(changes) == 0 {
		return nil
	}
	e, err := g.Engine.Update(ctx, changes)
	took := time.Since(start)
	r.cfg.Metrics.LiveUpdated(took, err)
	if err != nil {
		r.cfg.Logger.Error("live update failed, still serving the previous index", "files", applied, "err", err)
		return fmt.Errorf("live update: %w", err)
	}
	for _, ch := range changes {
		if ch.Article == nil {
			delete(r.applied, ch.Name)
		} else {
			r.applied[ch.Name] = ch.Sum.SHA256
		}
	}
	next := &Generation{Engine: e, Router: r.cfg.Build.NewRouter(e), Articles: e.Articles(), Passages: e.Passages(), dir: g.dir}
	g.dir = "" // the directory goes on in next
	r.cfg.Current.Swap(next)
	r.cfg.Metrics.SetCorpus(next.Articles, next.Passages)
	r.cfg.Logger.Info("index updated", "files", applied, "articles", next.Articles, "passages", next.Passages, "took", took.Round(time.Millisecond))
	if e.NeedsRebuild() {
		go r.Trigger()
	}
	return nil
}

// CatchUp takes in what changed in the corpus while the process was
// down, for an index opened with index.Options.CheckLater: the files
// that differ from what it was built from are applied as live updates
// while the index as built serves, at most maxLiveFiles at a time, so
// that each lands in the index on disk that the next start reuses (a
// rebuild would build beside it and be lost at the next start).
//
// A check that fails (a corpus directory not mounted yet) is tried again
// after catchUpRetry, doubling up to catchUpRetryMax, for as long as the
// generation served is the one that awaits it.
func (r *Reloader) CatchUp(ctx context.Context) {
	for wait := catchUpRetry; ; wait = min(2*wait, catchUpRetryMax) {
		if !r.catchUp(ctx) {
			return
		}
		r.cfg.Logger.Info("checking the corpus again later", "in", wait)
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
	}
}

// Waits between failed corpus checks (CatchUp); variables for tests.
var (
	catchUpRetry    = 30 * time.Second
	catchUpRetryMax = 10 * time.Minute
)

// catchUp is one try of CatchUp; it reports a check that failed.
func (r *Reloader) catchUp(ctx context.Context) (failed bool) {
	g, release, ok := r.cfg.Current.Acquire()
	if !ok {
		return false
	}
	start := time.Now()
	names, checked, err := g.Engine.CorpusChanges(ctx)
	release()
	took := time.Since(start).Round(time.Millisecond)
	switch {
	case !checked || ctx.Err() != nil:
	case err != nil:
		r.cfg.Logger.Error("checking the corpus against the index failed; serving the index as built", "dir", r.cfg.Build.CorpusDir, "err", err)
		return true
	case len(names) == 0:
		r.cfg.Logger.Info("corpus checked: the index is up to date", "took", took)
	default:
		r.cfg.Logger.Info("corpus checked: files changed while talkbot was down", "files", len(names), "took", took)
		for len(names) > 0 && ctx.Err() == nil {
			n := min(len(names), maxLiveFiles)
			_ = r.Apply(ctx, names[:n]) // logged and counted inside
			names = names[n:]
		}
	}
	return false
}

// indexed says whether the generation holds the article of a file name.
func (r *Reloader) indexed(g *Generation, name string) bool {
	return g.Engine.HasArticle(corpus.IDOf(name))
}
