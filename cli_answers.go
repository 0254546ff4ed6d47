package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"talkbot/answer"
	"talkbot/index"
	"talkbot/timeline"
)

func runAsk(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("ask", "talkbot ask [flags] QUESTION",
		"Answers a question with the three best quoted passages, at most two from one article.", env)
	var cf corpusFlags
	cf.register(fs, env, true)
	asJSON := fs.Bool("json", false, "print the answer as JSON")
	rest, err := fs.parse(args)
	if err != nil {
		return err
	}
	text, err := needQuery(rest, "question")
	if err != nil {
		return err
	}
	question, err := answer.CheckInput(text)
	if err != nil {
		return err
	}
	return answerAndPrint(ctx, env, cf, *asJSON,
		func(e *answer.Engine) (answer.Search, error) { return e.Ask(ctx, question) },
		func(w io.Writer, res answer.Search) { writeSearch(w, textStyle{env.bold()}, res, "") })
}

func runSearch(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("search", "talkbot search [--publisher P] [--from DATE] [--to DATE] [--limit N] [flags] QUERY",
		"Searches the passages and prints the best matches with their sources. Dates are YYYY-MM-DD.", env)
	var cf corpusFlags
	cf.register(fs, env, true)
	publisher := fs.String("publisher", "", "only articles whose publisher or original source contains `P`")
	var from, to dateFlag
	fs.Var(&from, "from", "only articles published on or after this `DATE`")
	fs.Var(&to, "to", "only articles published on or before this `DATE`")
	limit := fs.Int("limit", 5, "how many passages to print (1-100)")
	asJSON := fs.Bool("json", false, "print the results as JSON")
	rest, err := fs.parse(args)
	if err != nil {
		return err
	}
	query, err := needQuery(rest, "query")
	if err != nil {
		return err
	}
	if *limit < 1 || *limit > 100 {
		return fmt.Errorf("--limit must be between 1 and 100, not %d", *limit)
	}
	q, err := answer.NewSearchQuery(query, *publisher, from.t, to.t)
	if err != nil {
		return err
	}
	return answerAndPrint(ctx, env, cf, *asJSON,
		func(e *answer.Engine) (answer.Search, error) { return e.Search(ctx, q, answer.Page{Limit: *limit}) },
		func(w io.Writer, res answer.Search) { writeSearch(w, textStyle{env.bold()}, res, q.Filters()) })
}

func runSources(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("sources", "talkbot sources [flags]",
		"Lists the articles talkbot quotes from: title, publisher, original source, date and link.", env)
	var cf corpusFlags
	cf.register(fs, env, true)
	asJSON := fs.Bool("json", false, "print the list as JSON")
	if err := fs.parseNoArgs(args); err != nil {
		return err
	}
	var src answer.Sources
	if cf.indexDir != "" {
		// The index's catalog lists the articles without reading the corpus.
		e, err := openEngine(ctx, env, cf)
		if err != nil {
			return err
		}
		src = e.Sources()
		e.Close()
	} else {
		articles, err := loadArticles(env, cf.corpusDir)
		if err != nil {
			return err
		}
		src = answer.SourcesFromArticles(articles)
	}
	if *asJSON {
		return writeJSON(env.stdout, src)
	}
	w, done := env.text()
	writeSources(w, src)
	done()
	return nil
}

func runWhoPledged(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("who-pledged", "talkbot who-pledged [flags] WHAT",
		"Lists who pledged, offered or refused WHAT (troops, air defence, monitoring, intelligence, logistics, training, money, naval...), each with the passage that shows it; --png FILE also draws their timeline.", env)
	var cf corpusFlags
	cf.register(fs, env, true)
	asJSON := fs.Bool("json", false, "print the answer as JSON")
	pngPath := fs.String("png", "", "also draw the timeline of the stances as a PNG in `FILE`")
	rest, err := fs.parse(args)
	if err != nil {
		return err
	}
	text, err := needQuery(rest, "topic")
	if err != nil {
		return err
	}
	topic, err := answer.CheckInput(text)
	if err != nil {
		return err
	}
	return answerAndPrint(ctx, env, cf, *asJSON,
		func(e *answer.Engine) (answer.Pledges, error) {
			p, err := e.WhoPledged(ctx, topic)
			if err != nil || *pngPath == "" || p.Unknown {
				return p, err
			}
			return p, writeTimeline(*pngPath, p)
		},
		writePledges)
}

// writeTimeline draws the answer's timeline into path.
func writeTimeline(path string, p answer.Pledges) error {
	b, _, err := timeline.FromPledges(p).Render()
	if errors.Is(err, timeline.ErrEmpty) {
		return fmt.Errorf("--png: no dated stance on %q to draw", p.Topic)
	}
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("--png: %w", err)
	}
	return nil
}

func runQuote(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("quote", "talkbot quote [flags] PERSON [TOPIC]",
		"Prints the direct quotations attributed to PERSON, optionally about TOPIC. Quote a full name: talkbot quote \"Keir Starmer\" progress.", env)
	var cf corpusFlags
	cf.register(fs, env, true)
	asJSON := fs.Bool("json", false, "print the answer as JSON")
	rest, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return errors.New("give a person, e.g. talkbot quote Starmer")
	}
	who, err := answer.CheckInput(rest[0])
	if err != nil {
		return err
	}
	about, err := answer.CheckOptionalInput(strings.Join(rest[1:], " "))
	if err != nil {
		return err
	}
	return answerAndPrint(ctx, env, cf, *asJSON,
		func(e *answer.Engine) (answer.Quotes, error) { return e.QuotesBy(ctx, who, about) },
		writeQuotes)
}

// answerAndPrint opens the index, computes one answer and prints it as
// JSON or as text: the part every answering command shares.
func answerAndPrint[T any](ctx context.Context, env *cliEnv, cf corpusFlags, asJSON bool,
	compute func(*answer.Engine) (T, error), writeText func(io.Writer, T)) error {
	e, err := openEngine(ctx, env, cf)
	if err != nil {
		return err
	}
	res, err := compute(e)
	e.Close()
	if errors.Is(err, index.ErrDamaged) && cf.indexDir != "" {
		// The on-disk index could not be read: build it anew, once.
		fmt.Fprintf(env.stderr, "talkbot: the index in %s could not be read (%v); rebuilding it\n", cf.indexDir, oneLine(err))
		opts := cf.indexOptions(env)
		opts.Rebuild = true
		if e, err = openEngineWith(ctx, env, cf, opts); err != nil {
			return err
		}
		res, err = compute(e)
		e.Close()
	}
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(env.stdout, res)
	}
	w, done := env.text()
	writeText(w, res)
	done()
	return nil
}

func runIndex(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("index", "talkbot index --index DIR [--corpus DIR]",
		"Builds the on-disk index in DIR, or checks that the one there matches the corpus and reuses it.", env)
	var cf corpusFlags
	cf.register(fs, env, true)
	if err := fs.parseNoArgs(args); err != nil {
		return err
	}
	if cf.indexDir == "" {
		return errors.New("--index DIR is required (or set TALKBOT_INDEX)")
	}
	start := time.Now()
	e, err := openEngine(ctx, env, cf)
	if err != nil {
		return err
	}
	defer e.Close()
	how := "built"
	if e.Reused() {
		how = "reused (the corpus is unchanged)"
	}
	fmt.Fprintf(env.stdout, "index %s %s: %d articles, %d passages in %s\n",
		cf.indexDir, how, e.Articles(), e.Passages(), time.Since(start).Round(time.Millisecond))
	return nil
}
