package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/schollz/progressbar/v3"

	"talkbot/corpus"
	"talkbot/index"
)

// loadCorpus reads the articles from --corpus, or the bundled ones. Bad
// files are reported on stderr, one line each, and the rest still load;
// only a corpus with no article at all is an error.
func loadCorpus(env *cliEnv, dir string) ([]corpus.Article, error) {
	articles, problems := corpus.LoadFrom(dir)
	if len(articles) == 0 {
		if len(problems) > 0 {
			return nil, fmt.Errorf("no article could be loaded: %v (run talkbot corpus check for every problem)", problems[0])
		}
		return nil, fmt.Errorf("no article files (*.md, *.txt) in %s", dir)
	}
	for _, p := range problems {
		fmt.Fprintf(env.stderr, "talkbot: skipped %v\n", p)
	}
	return articles, nil
}

// openIndex loads the corpus and opens the index over it: in memory by
// default, on disk (reused while unchanged) with --index.
func openIndex(ctx context.Context, env *cliEnv, f corpusFlags) (*index.Index, error) {
	articles, err := loadCorpus(env, f.corpusDir)
	if err != nil {
		return nil, err
	}
	passages := corpus.AllPassages(articles)
	ix, err := index.Open(ctx, articles, passages, index.Options{
		Dir:      f.indexDir,
		Progress: newProgress(env, len(passages)),
		Logger:   slog.New(slog.NewTextHandler(env.stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
	})
	if err != nil {
		return nil, err
	}
	return ix, nil
}

// progressThreshold is the size under which indexing is too quick to be
// worth a progress display.
const progressThreshold = 2000

// newProgress reports indexing progress: a bar when stderr is a terminal,
// a log line every few seconds otherwise (CI logs, systemd journals).
func newProgress(env *cliEnv, total int) func(done, total int) {
	if total < progressThreshold {
		return nil
	}
	if env.stderrTerminal {
		bar := progressbar.NewOptions(total,
			progressbar.OptionSetWriter(env.stderr),
			progressbar.OptionSetDescription("indexing passages"),
			progressbar.OptionShowCount(),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
		return func(done, _ int) { _ = bar.Set(done) }
	}
	return periodicProgress(env.stderr, 5*time.Second, time.Now)
}

// periodicProgress logs "indexed N/M passages" at most once per interval,
// and always at the end.
func periodicProgress(w io.Writer, every time.Duration, now func() time.Time) func(done, total int) {
	start := now()
	last := start
	return func(done, total int) {
		t := now()
		if done < total && t.Sub(last) < every {
			return
		}
		last = t
		fmt.Fprintf(w, "talkbot: indexed %d/%d passages (%.0f%%) in %s\n",
			done, total, 100*float64(done)/float64(max(total, 1)), t.Sub(start).Round(100*time.Millisecond))
	}
}
