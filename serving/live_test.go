package serving

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"talkbot/answer"
	"talkbot/corpus"
	"talkbot/corpus/feed"
	"talkbot/corpus/fetch"
	"talkbot/index"
)

// liveService serves a copy of the bundled corpus with --watch and live
// updates, in memory or on disk (indexDir).
func liveService(t *testing.T, indexDir string, cfg Config) (*Service, string, *lockedBuilder) {
	t.Helper()
	dir := copyCorpus(t)
	if cfg.CorpusDir == "" {
		cfg.CorpusDir = dir
	}
	opts := index.Options{Dir: indexDir, Live: true}
	ix, err := index.OpenSource(context.Background(), corpus.SourceOf(cfg.CorpusDir), opts)
	if err != nil {
		t.Fatal(err)
	}
	log := &lockedBuilder{}
	cfg.Index, cfg.Watch, cfg.Logger = opts, true, newTextLogger(log)
	cfg.RateLimit.PerSecond, cfg.RateLimit.Burst = 1e6, 1e6
	svc, err := New(cfg, answer.NewEngine(ix))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- svc.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	time.Sleep(50 * time.Millisecond) // the watcher is up
	return svc, cfg.CorpusDir, log
}

// lockedBuilder is a log the service writes from several goroutines.
type lockedBuilder struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuilder) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuilder) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// within waits until search finds (or stops finding) q, and says how long.
func within(t *testing.T, cur *Current, q string, want bool, limit time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	for {
		if (search(t, cur, q) > 0) == want {
			return time.Since(start)
		}
		if time.Since(start) > limit {
			t.Fatalf("%q: found %v after %v", q, !want, limit)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func liveArticleFile(word string) string {
	return "---\ntitle: \"Norway offers " + word + " minesweepers\"\npublisher: \"Fjord Post\"\nurl: \"https://live.example/" + word +
		"\"\npublished: 2026-02-01\n---\nNorway said it would send " + word + " minesweepers to the Black Sea once a ceasefire holds.\n"
}

func TestLiveUpdateWhileServing(t *testing.T) {
	for _, disk := range []bool{false, true} {
		t.Run(fmt.Sprintf("disk=%v", disk), func(t *testing.T) {
			idx := ""
			if disk {
				idx = t.TempDir()
			}
			svc, dir, log := liveService(t, idx, Config{})
			path := filepath.Join(dir, "2026-02-01-fjord-post-norway.md")
			os.WriteFile(path, []byte(liveArticleFile("zanzibarite")), 0o644)
			took := within(t, svc.Current, "zanzibarite", true, 2*time.Second)
			t.Logf("added: searchable after %v", took)
			os.WriteFile(path, []byte(liveArticleFile("quokkalite")), 0o644)
			within(t, svc.Current, "quokkalite", true, 2*time.Second)
			within(t, svc.Current, "zanzibarite", false, 2*time.Second)
			// a broken save keeps the previous version, logged with its line
			os.WriteFile(path, []byte("---\ntitle: [unclosed\n---\nText.\n"), 0o644)
			deadline := time.Now().Add(2 * time.Second)
			for !strings.Contains(log.String(), "live update refused") && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			if !strings.Contains(log.String(), `2026-02-01-fjord-post-norway.md" line=2`) || search(t, svc.Current, "quokkalite") == 0 {
				t.Errorf("a broken file: log\n%s", log.String())
			}
			os.Remove(path)
			took = within(t, svc.Current, "quokkalite", false, 2*time.Second)
			t.Logf("removed: gone after %v", took)
			g, release, _ := svc.Current.Acquire()
			defer release()
			if g.Articles != 5 || counter(svc.Metrics.liveUpdates.WithLabelValues("ok")) < 3 ||
				counter(svc.Metrics.reloads.WithLabelValues("ok")) != 0 {
				t.Errorf("%d articles, %v live updates, %v rebuilds", g.Articles, counter(svc.Metrics.liveUpdates.WithLabelValues("ok")),
					counter(svc.Metrics.reloads.WithLabelValues("ok")))
			}
		})
	}
}

func TestFeedsWhileServing(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/rss":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><item><title>Minesweepers</title><link>%s/news/1</link><guid>1</guid><pubDate>%s</pubDate></item></channel></rss>`,
				srv.URL, time.Now().Add(-time.Hour).Format(time.RFC1123Z))
		case "/news/1":
			w.Header().Set("Content-Type", "text/html")
			body := `<html lang="en"><head><title>Norway offers minesweepers</title><link rel="canonical" href="` + srv.URL + `/news/1"><meta property="og:site_name" content="Fjord Post"></head><body><article>`
			for i := range 4 {
				body += fmt.Sprintf("<p>Paragraph %d. Norway said on Sunday it would send narwhalite minesweepers to the Black Sea once a ceasefire holds, and the defence ministry said the ships would sail under a coalition command.</p>", i)
			}
			fmt.Fprint(w, body+"</article></body></html>")
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	cfg := &feed.Config{Feeds: []feed.Feed{{URL: srv.URL + "/rss", Name: "fjord", Interval: feed.DefaultInterval}}}
	svc, dir, _ := liveService(t, "", Config{Feeds: cfg, Fetch: fetch.New(fetch.Options{AllowPrivate: true})})
	within(t, svc.Current, "narwhalite", true, 10*time.Second)
	if n := counter(svc.Metrics.feedAdded.WithLabelValues("fjord")); n != 1 {
		t.Errorf("items added metric %v", n)
	}
	if _, err := os.Stat(filepath.Join(dir, feed.StateName)); err != nil {
		t.Error(err)
	}
}

var (
	liveCorpus = flag.String("live.corpus", "", "corpus directory for TestLiveUpdateScale (e.g. ../bench/.cache/tiers/brown-10k)")
	liveIndex  = flag.String("live.index", "", "index directory for TestLiveUpdateScale (reused while unchanged)")
)

// TestLiveUpdateScale measures, on a large corpus served with --watch
// and --index, how long a saved, changed and removed article takes to be
// searchable (or gone) through the running service: the watcher, the
// live update and the swap.
//
//	go test -run TestLiveUpdateScale -v ./serving -args -live.corpus ../bench/.cache/tiers/brown-10k -live.index /tmp/live-ix
func TestLiveUpdateScale(t *testing.T) {
	if *liveCorpus == "" {
		t.Skip("give -live.corpus DIR")
	}
	idx := *liveIndex
	if idx == "" {
		idx = t.TempDir()
	}
	path := filepath.Join(*liveCorpus, "2026-02-01-fjord-post-live-scale.md")
	os.Remove(path)
	defer os.Remove(path)
	start := time.Now()
	svc, _, _ := liveService(t, idx, Config{CorpusDir: *liveCorpus})
	g, release, _ := svc.Current.Acquire()
	t.Logf("%d articles, %d passages served in %v", g.Articles, g.Passages, time.Since(start).Round(time.Millisecond))
	release()
	os.WriteFile(path, []byte(liveArticleFile("zanzibarite")), 0o644)
	t.Logf("added: searchable after %v", within(t, svc.Current, "zanzibarite", true, 2*time.Second).Round(time.Millisecond))
	os.WriteFile(path, []byte(liveArticleFile("quokkalite")), 0o644)
	t.Logf("changed: searchable after %v", within(t, svc.Current, "quokkalite", true, 2*time.Second).Round(time.Millisecond))
	os.Remove(path)
	t.Logf("removed: gone after %v", within(t, svc.Current, "quokkalite", false, 2*time.Second).Round(time.Millisecond))
}

// A server started over an index that CheckLater serves as built takes
// in, just after it starts, what changed in the corpus while it was down,
// without a file event and without a rebuild, more files than one live
// update takes included; the next start finds the index up to date, and
// so does a start that checks before answering.
func TestCatchUpAfterStart(t *testing.T) {
	dir, idx := builtCorpus(t)
	ctx := context.Background()
	// while down: one article removed, many added
	names, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	os.Remove(names[0])
	added := maxLiveFiles + 20
	for i := range added {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("2026-02-01-fjord-post-norway-%03d.md", i)), []byte(liveArticleFile(fmt.Sprintf("zanzibarite%03d", i))), 0o644)
	}
	want := len(names) - 1 + added

	start := func() (*Service, *lockedBuilder, func()) {
		opts := index.Options{Dir: idx, Live: true, CheckLater: true}
		ix, err := index.OpenSource(ctx, corpus.SourceOf(dir), opts)
		if err != nil {
			t.Fatal(err)
		}
		if !ix.Reused() {
			t.Fatal("the index was rebuilt at start instead of served as built")
		}
		return serveIndex(t, dir, opts, ix)
	}
	articles := func(svc *Service) int {
		g, release, _ := svc.Current.Acquire()
		defer release()
		return g.Articles
	}
	svc, log, stop := start()
	begun := time.Now()
	for articles(svc) != want && time.Since(begun) < 30*time.Second {
		time.Sleep(10 * time.Millisecond)
	}
	t.Logf("%d files changed while down taken in %v after the start", added+1, time.Since(begun).Round(time.Millisecond))
	if n := articles(svc); n != want {
		t.Errorf("%d articles after catching up, want %d (one removed, %d added)", n, want, added)
	}
	if search(t, svc.Current, fmt.Sprintf("zanzibarite%03d", added-1)) == 0 {
		t.Error("the last file added while down is not searchable")
	}
	if !strings.Contains(log.String(), "files changed while talkbot was down") || counter(svc.Metrics.reloads.WithLabelValues("ok")) != 0 {
		t.Errorf("caught up by a rebuild or unlogged:\n%s", log.String())
	}
	stop()

	svc, log, stop = start()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(log.String(), "corpus checked") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if !strings.Contains(log.String(), "the index is up to date") || articles(svc) != want {
		t.Errorf("the second start: log\n%s", log.String())
	}
	stop()
	// what the live updates wrote matches the directory for a start that
	// fingerprints it before answering
	ix, err := index.OpenSource(ctx, corpus.SourceOf(dir), index.Options{Dir: idx})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if !ix.Reused() {
		t.Error("a checking start rebuilt the index the catch-up updated")
	}
}

// A corpus directory empty at the start (a mount point before its mount)
// is checked again later, and what changed while down is taken in once
// the files are back.
func TestCatchUpRetriesAFailedCheck(t *testing.T) {
	defer func(a, b time.Duration) { catchUpRetry, catchUpRetryMax = a, b }(catchUpRetry, catchUpRetryMax)
	catchUpRetry, catchUpRetryMax = 20*time.Millisecond, 40*time.Millisecond
	dir, idx := builtCorpus(t)
	ctx := context.Background()
	os.WriteFile(filepath.Join(dir, "2026-02-01-fjord-post-norway-late.md"), []byte(liveArticleFile("zanzibaritelate")), 0o644)
	away := dir + ".away"
	if err := os.Rename(dir, away); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	opts := index.Options{Dir: idx, Live: true, CheckLater: true}
	ix, err := index.OpenSource(ctx, corpus.SourceOf(dir), opts)
	if err != nil {
		t.Fatal(err)
	}
	svc, log, stop := serveIndex(t, dir, opts, ix)
	defer stop()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(log.String(), "checking the corpus again later") && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if err := os.Remove(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(away, dir); err != nil {
		t.Fatal(err)
	}
	for search(t, svc.Current, "zanzibaritelate") == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if search(t, svc.Current, "zanzibaritelate") == 0 {
		t.Fatalf("the file added while down was not taken in once the directory came back:\n%s", log.String())
	}
	if !strings.Contains(log.String(), "checking the corpus against the index failed") {
		t.Errorf("the failed check was not logged:\n%s", log.String())
	}
}

// A reload builds beside the index being served; when the service stops,
// the index it last served becomes the directory's, so the next start
// reuses it instead of the one the reload replaced.
func TestReloadedIndexKeptForTheNextStart(t *testing.T) {
	for _, held := range []bool{false, true} {
		t.Run(fmt.Sprintf("first index held at the stop %v", held), func(t *testing.T) { reloadedIndexKept(t, held) })
	}
}

// reloadedIndexKept is TestReloadedIndexKeptForTheNextStart; with held, a
// request still holds the first index (and so the directory's lock) for
// a moment after the service stops.
func reloadedIndexKept(t *testing.T, held bool) {
	dir, idx := copyCorpus(t), t.TempDir()
	ctx := context.Background()
	opts := index.Options{Dir: idx, Live: true}
	ix, err := index.OpenSource(ctx, corpus.SourceOf(dir), opts)
	if err != nil {
		t.Fatal(err)
	}
	svc, log, stop := serveIndex(t, dir, opts, ix)
	os.WriteFile(filepath.Join(dir, "2026-02-01-fjord-post-norway-kept.md"), []byte(liveArticleFile("zanzibaritekept")), 0o644)
	_, releaseFirst, _ := svc.Current.Acquire()
	if !held {
		releaseFirst()
	}
	if err := svc.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	if search(t, svc.Current, "zanzibaritekept") == 0 {
		t.Fatal("the reload did not take in the new file")
	}
	if held {
		time.AfterFunc(100*time.Millisecond, releaseFirst)
	}
	stop()
	if left, _ := filepath.Glob(filepath.Join(idx, reloadDirPrefix+"*")); len(left) != 0 {
		t.Errorf("reload directories left: %q", left)
	}
	ix, err = index.OpenSource(ctx, corpus.SourceOf(dir), index.Options{Dir: idx})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if !ix.Reused() {
		t.Fatalf("the next start rebuilt instead of reusing the reloaded index:\n%s", log.String())
	}
	res, err := ix.Search(ctx, index.Query{Text: "zanzibaritekept"})
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("the reused index lacks the reload's article: %v", err)
	}
}

// serveIndex runs a service over ix, opened from the corpus dir with
// opts, logging into log; stop ends Run and waits for it.
func serveIndex(t *testing.T, dir string, opts index.Options, ix *index.Index) (svc *Service, log *lockedBuilder, stop func()) {
	t.Helper()
	log = &lockedBuilder{}
	svc, err := New(Config{CorpusDir: dir, Index: opts, Logger: newTextLogger(log)}, answer.NewEngine(ix))
	if err != nil {
		ix.Close()
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- svc.Run(ctx) }()
	return svc, log, func() { cancel(); <-done }
}

// builtCorpus is a copy of the corpus and an index built from it on
// disk, closed: a server's state before it starts.
func builtCorpus(t *testing.T) (dir, idx string) {
	t.Helper()
	dir, idx = copyCorpus(t), t.TempDir()
	ix, err := index.OpenSource(context.Background(), corpus.SourceOf(dir), index.Options{Dir: idx})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	return dir, idx
}
