package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"talkbot/corpus"
	"talkbot/corpus/feed"
	"talkbot/corpus/fetch"
	"talkbot/corpus/ingest"
)

// runCorpus dispatches talkbot corpus check|add|follow.
func runCorpus(ctx context.Context, env *cliEnv, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "add":
			return runCorpusAdd(ctx, env, args[1:])
		case "follow":
			return runCorpusFollow(ctx, env, args[1:])
		}
	}
	return runCorpusCheck(ctx, env, args)
}

// addedJSON is one article of talkbot corpus add --json.
type addedJSON struct {
	File     string         `json:"file"`
	Action   string         `json:"action"` // added, updated, merged
	Article  corpus.Article `json:"article"`
	Passages int            `json:"passages"`
	Text     *string        `json:"text,omitempty"` // with --dry-run
}

type skippedJSON struct {
	Source string  `json:"source"`
	Reason string  `json:"reason"`
	Text   *string `json:"text,omitempty"` // with --dry-run: what was found on a refused page
}

type addJSON struct {
	Added   []addedJSON   `json:"added"`
	Skipped []skippedJSON `json:"skipped"`
}

func runCorpusAdd(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("corpus add", "talkbot corpus add [--corpus DIR] [--dry-run] [--json] URL|FILE.html...",
		"Fetches each page (or reads a saved one), extracts the article and writes it to the corpus as\n"+
			"DATE-publisher-words.md. The same address updates its file; a near-copy of an article already there\n"+
			"(syndicated copy) is recorded as another outlet of it. Exits 1 when a page was not added.", env)
	var cf corpusFlags
	cf.register(fs, env, false)
	dryRun := fs.Bool("dry-run", false, "show what would be written, write nothing")
	asJSON := fs.Bool("json", false, "print the results as JSON (with --dry-run, the extracted text too)")
	allowPrivate := fs.Bool("allow-private-addresses", false, "let pages be fetched from loopback and private addresses (tests, an intranet)")
	rest, err := fs.parse(args)
	if err != nil {
		return err
	}
	if cf.corpusDir == "" {
		return errors.New("give the corpus directory to add to: --corpus DIR (or TALKBOT_CORPUS); the bundled articles are read-only")
	}
	if len(rest) == 0 {
		return errors.New("give at least one URL or saved page (FILE.html)")
	}
	c, err := ingest.Open(cf.corpusDir, ingest.Options{DryRun: *dryRun, Fetch: fetch.New(fetch.Options{AllowPrivate: *allowPrivate})})
	if err != nil {
		return err
	}
	var results []ingest.Result
	for _, src := range rest {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		var r ingest.Result
		if isWebAddress(src) {
			r = c.AddURL(ctx, src, ingest.Hint{})
		} else {
			r = c.AddFile(src)
		}
		results = append(results, r)
	}
	if *asJSON {
		out := addJSON{Added: []addedJSON{}, Skipped: []skippedJSON{}}
		for _, r := range results {
			var txt *string
			if *dryRun {
				t := r.Text()
				txt = &t
			}
			if r.Action == ingest.Skipped {
				out.Skipped = append(out.Skipped, skippedJSON{Source: r.Source, Reason: r.Reason, Text: txt})
				continue
			}
			a := r.Article
			out.Added = append(out.Added, addedJSON{File: r.File, Action: r.Action, Article: a, Passages: r.Passages, Text: txt})
		}
		if err := writeJSON(env.stdout, out); err != nil {
			return err
		}
	} else {
		for _, r := range results {
			writeAddResult(env.stdout, r, *dryRun)
		}
	}
	for _, r := range results {
		if r.Action == ingest.Skipped {
			return errProblemsFound
		}
	}
	return nil
}

// isWebAddress tells a URL from a file name: anything with a scheme is
// taken as an address (and refused there when it is not http or https).
func isWebAddress(s string) bool {
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" || len(u.Scheme) == 1 { // C:\ on Windows
		return false
	}
	if _, err := os.Stat(s); err == nil {
		return false
	}
	return true
}

func writeAddResult(w io.Writer, r ingest.Result, dryRun bool) {
	if r.Action == ingest.Skipped {
		fmt.Fprintf(w, "not added: %s: %s\n", r.Source, oneLine(errors.New(r.Reason)))
		return
	}
	verb := map[string]string{ingest.Added: "added", ingest.Updated: "updated", ingest.Merged: "recorded as another outlet in"}[r.Action]
	if dryRun {
		verb = "would be " + verb
	}
	a := r.Article
	fmt.Fprintf(w, "%s %s\n", verb, r.File)
	fmt.Fprintf(w, "  %s\n  %s · %s\n  %s\n  %d passages\n", a.Title, a.SourceLabel(), a.DateLabel(), a.URL, r.Passages)
}

func runCorpusCheck(_ context.Context, env *cliEnv, args []string) error {
	fs := newFlags("corpus", "talkbot corpus check|add|follow [--corpus DIR]",
		"check lists every problem in the article files with its file and line and exits 1 when there is one;\n"+
			"add adds articles from the web (talkbot corpus add --help); follow reads news feeds (talkbot corpus follow --help).", env)
	var cf corpusFlags
	cf.register(fs, env, false)
	rest, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(rest) != 1 || rest[0] != "check" {
		return errors.New("the corpus commands are: talkbot corpus check [--corpus DIR], talkbot corpus add ..., talkbot corpus follow ...")
	}
	where := "bundled corpus"
	if cf.corpusDir != "" {
		where = cf.corpusDir
	}
	// one article at a time: checking a large corpus never holds it all
	src := corpus.SourceOf(cf.corpusDir)
	articles, passages := 0, 0
	var warnings []string
	_, problems, _ := src.Each(func(a corpus.Article) error {
		articles++
		passages += len(corpus.Passages(a))
		// A .txt file has no front matter: its citation lacks a publisher
		// and a link until one is given.
		if strings.EqualFold(filepath.Ext(a.Path), ".txt") {
			warnings = append(warnings, fmt.Sprintf("%s: warning: a .txt article has no publisher or URL to cite; write it as .md with front matter", a.Path))
		}
		return nil
	})
	for _, sub := range src.Subdirectories() {
		warnings = append(warnings, fmt.Sprintf("%s: warning: subdirectory skipped; only the files at the top of the corpus are read", filepath.Join(where, sub)))
	}
	for _, p := range problems {
		fmt.Fprintln(env.stdout, p.Error())
	}
	for _, w := range warnings {
		fmt.Fprintln(env.stdout, w)
	}
	fmt.Fprintf(env.stdout, "%s: %d articles, %d passages, %d problems, %d warnings\n", where, articles, passages, len(problems), len(warnings))
	if articles == 0 && len(problems) == 0 {
		fmt.Fprintf(env.stdout, "%s: warning: no article files (*.md, *.txt)\n", where)
		return errProblemsFound
	}
	if len(problems) > 0 {
		return errProblemsFound
	}
	return nil
}

func runCorpusFollow(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("corpus follow", "talkbot corpus follow --feeds FILE --corpus DIR [--status] [--all]",
		"Polls each feed of the feeds file that is due (one pass, for cron) and adds its new items' articles\n"+
			"to the corpus as talkbot corpus add does; --status prints each feed's health instead.\n"+
			"The feeds' state (what was taken, ETags, errors) is kept in DIR/"+feed.StateName+".", env)
	var cf corpusFlags
	cf.register(fs, env, false)
	feedsFile := fs.String("feeds", env.getenv("TALKBOT_FEEDS"), "the feeds `FILE` (YAML; env TALKBOT_FEEDS)")
	status := fs.Bool("status", false, "print each feed's last success, last error and items added, and poll nothing")
	all := fs.Bool("all", false, "poll every feed now, even one not due (a host's Retry-After still holds)")
	allowPrivate := fs.Bool("allow-private-addresses", false, "let feeds and pages be fetched from loopback and private addresses (tests, an intranet)")
	if err := fs.parseNoArgs(args); err != nil {
		return err
	}
	if cf.corpusDir == "" {
		return errors.New("give the corpus directory to add to: --corpus DIR (or TALKBOT_CORPUS)")
	}
	cfg, err := loadFeeds(*feedsFile)
	if err != nil {
		return err
	}
	if *status {
		st, err := feed.LoadState(cf.corpusDir)
		if err != nil {
			return err
		}
		writeFeedStatus(env.stdout, cfg, st)
		return nil
	}
	client := fetch.New(fetch.Options{AllowPrivate: *allowPrivate})
	c, err := ingest.Open(cf.corpusDir, ingest.Options{Fetch: client})
	if err != nil {
		return err
	}
	f, err := feed.NewFollower(cfg, c, feed.Options{Fetch: client})
	if err != nil {
		return err
	}
	reports, err := f.Pass(ctx, *all)
	failed := false
	for _, r := range reports {
		switch {
		case !r.Polled:
			fmt.Fprintf(env.stdout, "%s: not due until %s\n", r.Feed.Label(), r.NotDue.Local().Format("2006-01-02 15:04"))
		case r.Err != nil:
			failed = true
			fmt.Fprintf(env.stdout, "%s: %s\n", r.Feed.Label(), oneLine(r.Err))
		case r.Unchange:
			fmt.Fprintf(env.stdout, "%s: not modified\n", r.Feed.Label())
		default:
			capped := ""
			if r.Capped {
				capped = fmt.Sprintf(" (only the newest %d read)", feed.MaxItems)
			}
			fmt.Fprintf(env.stdout, "%s: %d items%s, %d added, %d skipped\n", r.Feed.Label(), r.Items, capped, len(r.Added), len(r.Skipped))
		}
		for _, a := range r.Added {
			writeAddResult(env.stdout, a, false)
		}
	}
	if err != nil {
		return fmt.Errorf("saving the feed state: %w", err)
	}
	if failed {
		return errProblemsFound
	}
	return nil
}

// loadFeeds reads and checks the feeds file.
func loadFeeds(path string) (feed.Config, error) {
	if path == "" {
		return feed.Config{}, errors.New("give the feeds file: --feeds FILE (or TALKBOT_FEEDS)")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return feed.Config{}, fmt.Errorf("--feeds: %w", err)
	}
	cfg, err := feed.ParseConfig(b)
	if err != nil {
		return feed.Config{}, fmt.Errorf("%s: %w", path, err)
	}
	return cfg, nil
}

func writeFeedStatus(w io.Writer, cfg feed.Config, st *feed.State) {
	when := func(t time.Time) string {
		if t.IsZero() {
			return "never"
		}
		return t.Local().Format("2006-01-02 15:04")
	}
	for _, fd := range cfg.Feeds {
		s := feed.FeedState{}
		if p := st.Feeds[fd.URL]; p != nil {
			s = *p
		}
		health := "ok"
		switch {
		case s.LastPoll.IsZero():
			health = "not polled yet"
		case s.LastError != "" && s.LastErrorAt.After(s.LastSuccess):
			health = fmt.Sprintf("failing (%d in a row): %s", s.Failures, s.LastError)
		}
		fmt.Fprintf(w, "%s\n  %s; last success %s; items added %d; next poll %s\n", fd.Label(), health, when(s.LastSuccess), s.Added, when(s.NextPoll))
		if s.LastError != "" && health == "ok" {
			fmt.Fprintf(w, "  last error %s: %s\n", when(s.LastErrorAt), s.LastError)
		}
	}
}
