package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"talkbot/answer"
	"time"

	"github.com/schollz/progressbar/v3"

	"talkbot/corpus"
	"talkbot/index"
)

// loadArticles reads the articles from --corpus, or the bundled ones, one
// at a time, keeping their metadata but not their bodies. Bad files are
// reported on stderr, one line each, and the rest still load; only a
// corpus with no article at all is an error.
func loadArticles(env *cliEnv, dir string) ([]corpus.Article, error) {
	var articles []corpus.Article
	_, problems, _ := corpus.SourceOf(dir).Each(func(a corpus.Article) error {
		a.Paragraphs = nil
		articles = append(articles, a)
		return nil
	})
	if err := noArticles(len(articles), problems, dir); err != nil {
		return nil, err
	}
	reportSkipped(env, problems)
	return articles, nil
}

func noArticles(n int, problems []corpus.Problem, dir string) error {
	if n > 0 {
		return nil
	}
	if len(problems) > 0 {
		return fmt.Errorf("no article could be loaded: %v (run talkbot corpus check for every problem)", problems[0])
	}
	return fmt.Errorf("no article files (*.md, *.txt) in %s", dir)
}

func reportSkipped(env *cliEnv, problems []corpus.Problem) {
	for _, p := range problems {
		fmt.Fprintf(env.stderr, "talkbot: skipped %v\n", p)
	}
}

// indexOptions are the index options every command builds with: the
// directory, --verify, and the garbage collector left alone when GOGC or
// GOMEMLIMIT is set.
func (f corpusFlags) indexOptions(env *cliEnv) index.Options {
	return index.Options{Dir: f.indexDir, Verify: f.verify,
		GCPercent: leaveIfSet(env, "GOGC"), MemoryLimit: int64(leaveIfSet(env, "GOMEMLIMIT"))}
}

// openEngine opens the index over --corpus and the engine answering from
// it: in memory by default, on disk with --index, reused without reading
// the corpus while its files are unchanged. Articles are read one at a
// time, so the whole corpus is never held. Files skipped when the index
// was built are reported on stderr, on reuse too.
func openEngine(ctx context.Context, env *cliEnv, f corpusFlags) (*answer.Engine, error) {
	return openEngineWith(ctx, env, f, f.indexOptions(env))
}

// openEngineWith is openEngine with the index options given.
func openEngineWith(ctx context.Context, env *cliEnv, f corpusFlags, opts index.Options) (*answer.Engine, error) {
	src := corpus.SourceOf(f.corpusDir)
	opts.Progress = newProgress(env, src.Count())
	opts.Logger = slog.New(slog.NewTextHandler(env.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	ix, err := index.OpenSource(ctx, src, opts)
	if err != nil {
		return nil, err
	}
	if err := noArticles(ix.ArticleCount(), ix.Problems(), f.corpusDir); err != nil {
		ix.Close()
		return nil, err
	}
	reportSkipped(env, ix.Problems())
	return answer.NewEngine(ix), nil
}

// progressThreshold is the number of articles under which indexing is
// too quick to be worth a progress display.
const progressThreshold = 100

// newProgress reports indexing progress: a bar when stderr is a terminal,
// a log line every few seconds otherwise (CI logs, systemd journals).
func newProgress(env *cliEnv, total int) func(done, total int) {
	if total < progressThreshold {
		return nil
	}
	if env.stderrTerminal {
		bar := progressbar.NewOptions(total,
			progressbar.OptionSetWriter(env.stderr),
			progressbar.OptionSetDescription("indexing articles"),
			progressbar.OptionShowCount(),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
		return func(done, _ int) { _ = bar.Set(done) }
	}
	return periodicProgress(env.stderr, 5*time.Second, time.Now)
}

// periodicProgress logs "indexed N/M articles" at most once per interval,
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
		fmt.Fprintf(w, "talkbot: indexed %d/%d articles (%.0f%%) in %s\n",
			done, total, 100*float64(done)/float64(max(total, 1)), t.Sub(start).Round(100*time.Millisecond))
	}
}
