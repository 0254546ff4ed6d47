package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sync"
	"time"

	"talkbot/answer"
	"talkbot/corpus"
	"talkbot/index"
	"talkbot/serving"
)

// engTalkbot is talkbot's engine; the peers are FTS5 through each driver
// (ftsEngineNames).
const engTalkbot = "talkbot"

// BuildResult is what loading and indexing one tier cost one engine.
type BuildResult struct {
	Articles     int     `json:"articles"`
	Passages     int     `json:"passages"`
	IndexSeconds float64 `json:"index_seconds"`
	IndexBytes   int64   `json:"index_bytes"`
	// IndexCPUSeconds is the CPU time (user and system) the build took:
	// wall time alone misleads on a machine shared with other work.
	IndexCPUSeconds float64 `json:"index_cpu_seconds"`
	PeakRSSKiB      int64   `json:"peak_rss_kib"`
	// StreamsCorpus is set when the build read the corpus files itself
	// (both engines now), so IndexSeconds includes loading them.
	StreamsCorpus bool `json:"streams_corpus,omitempty"`
}

// PassagesPerSecond is indexing throughput, corpus loading excluded.
func (b BuildResult) PassagesPerSecond() float64 {
	if b.IndexSeconds == 0 {
		return 0
	}
	return float64(b.Passages) / b.IndexSeconds
}

// PassagesPerCPUSecond is indexing throughput per CPU second, which other
// work on a shared machine disturbs less than wall time.
func (b BuildResult) PassagesPerCPUSecond() float64 {
	if b.IndexCPUSeconds == 0 {
		return 0
	}
	return float64(b.Passages) / b.IndexCPUSeconds
}

// ServeResult is what answering from an existing index cost one engine.
type ServeResult struct {
	OpenToFirstMs float64 `json:"open_to_first_answer_ms"`
	// CorpusCheckMs is talkbot's check of the corpus files against the
	// index, which serving runs after the first answer.
	CorpusCheckMs float64 `json:"corpus_check_ms,omitempty"`
	One           Latency `json:"one_client"`
	Eight         Latency `json:"eight_clients"`
	Quality       Quality `json:"quality"`
	PeakRSSKiB    int64   `json:"peak_rss_kib"`
	// Speakers and Publishers sample the index's lists (talkbot only), so
	// the load run asks /quote and filters by names this tier knows.
	Speakers   []string `json:"speakers,omitempty"`
	Publishers []string `json:"publishers,omitempty"`
}

// Latency is ask latency over the query set.
type Latency struct {
	Samples int     `json:"samples"`
	P50Ms   float64 `json:"p50_ms"`
	P99Ms   float64 `json:"p99_ms"`
	QPS     float64 `json:"qps"`
}

// warmQueries are asked before measuring, to fill caches.
const warmQueries = 20

// childOpts is what the parent tells a child process to measure.
type childOpts struct {
	phase, engine, corpusDir, dataDir, devPath, queriesPath, cpuProfile string
	rounds                                                              int
}

// runChild measures one phase of one engine and prints the result as JSON.
// Each runs in its own process so VmHWM is that engine's peak alone.
func runChild(args []string) error {
	fs := flag.NewFlagSet("child", flag.ContinueOnError)
	var o childOpts
	fs.StringVar(&o.phase, "phase", "", "load, build or serve")
	fs.StringVar(&o.engine, "engine", "", "talkbot or fts5")
	fs.StringVar(&o.corpusDir, "corpus", "", "corpus directory")
	fs.StringVar(&o.dataDir, "data", "", "index directory")
	fs.StringVar(&o.devPath, "dev", "", "dev.json")
	fs.StringVar(&o.queriesPath, "queries", "", "queries.txt")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of the phase here")
	fs.IntVar(&o.rounds, "rounds", 1, "passes over the queries per latency figure")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.phase != "load" && o.engine != engTalkbot && driverOf(o.engine) == "" {
		return fmt.Errorf("-engine %q: want talkbot or one of %v", o.engine, ftsEngineNames())
	}
	if o.cpuProfile != "" {
		f, err := os.Create(o.cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	ctx := context.Background()
	var res any
	var err error
	switch o.phase {
	case "load":
		res, err = childLoad(o)
	case "build":
		res, err = childBuild(ctx, o)
	case "serve":
		res, err = childServe(ctx, o)
	default:
		return fmt.Errorf("-phase %q: want load, build or serve", o.phase)
	}
	if err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(res)
}

// LoadResult is what reading and splitting the tier's corpus cost.
type LoadResult struct {
	Articles    int     `json:"articles"`
	Passages    int     `json:"passages"`
	LoadSeconds float64 `json:"load_seconds"`
	PeakRSSKiB  int64   `json:"peak_rss_kib"`
}

// childLoad reads the tier and splits it into passages as talkbot does,
// one article at a time, keeping nothing: the cost both builds include.
func childLoad(o childOpts) (LoadResult, error) {
	var r LoadResult
	t0 := time.Now()
	_, problems, err := corpus.SourceOf(o.corpusDir).Each(func(a corpus.Article) error {
		r.Articles++
		r.Passages += len(corpus.Passages(a))
		return nil
	})
	if err != nil {
		return r, err
	}
	if len(problems) > 0 {
		return r, fmt.Errorf("%d corpus problems, first: %v", len(problems), problems[0])
	}
	r.LoadSeconds = time.Since(t0).Seconds()
	r.PeakRSSKiB = peakRSSKiB()
	return r, nil
}

func ftsPath(dataDir string) string { return filepath.Join(dataDir, "fts5.db") }

func childBuild(ctx context.Context, o childOpts) (BuildResult, error) {
	var r BuildResult
	if err := os.RemoveAll(o.dataDir); err != nil {
		return r, err
	}
	if err := os.MkdirAll(o.dataDir, 0o755); err != nil {
		return r, err
	}
	var t1 time.Time
	var c1 time.Duration
	switch o.engine {
	case engTalkbot:
		// As the bot builds: straight from the corpus files, one article
		// at a time, so the time includes reading and splitting them.
		t1, c1 = time.Now(), cpuTime()
		ix, err := index.OpenSource(ctx, corpus.SourceOf(o.corpusDir), index.Options{Dir: o.dataDir, NoResultCache: true})
		if err != nil {
			return r, err
		}
		if ps := ix.Problems(); len(ps) > 0 {
			ix.Close()
			return r, fmt.Errorf("%d corpus problems, first: %v", len(ps), ps[0])
		}
		r.Articles, r.Passages, r.StreamsCorpus = len(ix.Articles()), ix.PassageCount(), true
		if err := ix.Close(); err != nil {
			return r, err
		}
	default:
		t1, c1 = time.Now(), cpuTime()
		var err error
		r.Articles, r.Passages, err = buildFTS(ctx, driverOf(o.engine), ftsPath(o.dataDir), corpus.SourceOf(o.corpusDir))
		if err != nil {
			return r, err
		}
		r.StreamsCorpus = true
	}
	var err error
	r.IndexSeconds = time.Since(t1).Seconds()
	r.IndexCPUSeconds = (cpuTime() - c1).Seconds()
	if r.IndexBytes, err = dirSize(o.dataDir); err != nil {
		return r, err
	}
	r.PeakRSSKiB = peakRSSKiB()
	return r, nil
}

// asker answers one question as the bot would: the ask answer, formatted
// as the Discord reply.
type asker interface {
	ask(ctx context.Context, q string) error
	search(ctx context.Context, q string, limit int) ([]string, error)
	close() error
}

type talkbotAsker struct{ e *answer.Engine }

func (t talkbotAsker) ask(ctx context.Context, q string) error {
	in, err := answer.CheckInput(q)
	if err != nil {
		return err
	}
	s, err := t.e.Ask(ctx, in)
	if err != nil {
		return err
	}
	return renderAsk(q, s)
}

func (t talkbotAsker) search(ctx context.Context, q string, limit int) ([]string, error) {
	sq, err := answer.NewSearchQuery(q, "", time.Time{}, time.Time{})
	if err != nil {
		return nil, err
	}
	s, err := t.e.Search(ctx, sq, answer.Page{Limit: limit})
	return passagesOf(s), err
}

func (t talkbotAsker) close() error { return t.e.Close() }

type ftsAsker struct{ f *ftsIndex }

func (a ftsAsker) ask(ctx context.Context, q string) error {
	s, err := a.f.Search(ctx, q, answer.AskResults, answer.AskPerArticle)
	if err != nil {
		return err
	}
	return renderAsk(q, s)
}

func (a ftsAsker) search(ctx context.Context, q string, limit int) ([]string, error) {
	s, err := a.f.Search(ctx, q, limit, 0)
	return passagesOf(s), err
}

func (a ftsAsker) close() error { return a.f.Close() }

func passagesOf(s answer.Search) []string {
	out := make([]string, len(s.Results))
	for i, r := range s.Results {
		out[i] = r.Passage
	}
	return out
}

func childServe(ctx context.Context, o childOpts) (ServeResult, error) {
	var r ServeResult
	queries, err := loadQueries(o.queriesPath, o.devPath)
	if err != nil {
		return r, err
	}
	cases, err := loadDevCases(o.devPath)
	if err != nil {
		return r, err
	}
	var a asker
	switch o.engine {
	case engTalkbot:
		// As serve and the bot start: the index is reused as its manifest
		// says, open for live updates, and answers before the corpus
		// files are checked against it (CheckLater); the check that
		// follows is timed apart.
		t0 := time.Now()
		ix, err := index.OpenSource(ctx, corpus.SourceOf(o.corpusDir), index.Options{Dir: o.dataDir, NoResultCache: true, Live: true, CheckLater: true})
		if err != nil {
			return r, err
		}
		if !ix.Reused() {
			ix.Close()
			return r, fmt.Errorf("%s: talkbot rebuilt the index instead of reusing it; open-to-first-answer would time a build", o.dataDir)
		}
		e := answer.NewEngine(ix)
		r.Speakers, r.Publishers = sample(e.Speakers(), 24), sample(e.Publishers(), 12)
		a = talkbotAsker{e}
		if err := a.ask(ctx, queries[0]); err != nil {
			return r, err
		}
		r.OpenToFirstMs = ms(time.Since(t0))
		t1 := time.Now()
		changed, checked, err := e.CorpusChanges(ctx)
		if err != nil {
			return r, err
		}
		if !checked {
			return r, fmt.Errorf("%s: the index was checked against the corpus at open, so the first answer's time includes the check", o.dataDir)
		}
		if len(changed) > 0 {
			return r, fmt.Errorf("%s: %d corpus files changed since the index was built (%s first); run the build again", o.corpusDir, len(changed), changed[0])
		}
		r.CorpusCheckMs = ms(time.Since(t1))
		// Answering, the bot (serve and gateway alike) runs the garbage
		// collector at its serving settings: so does the measurement.
		defer serving.ServingGC(0, 0)()
	default:
		t0 := time.Now()
		f, err := openFTS(driverOf(o.engine), ftsPath(o.dataDir))
		if err != nil {
			return r, err
		}
		a = ftsAsker{f}
		if err := a.ask(ctx, queries[0]); err != nil {
			return r, err
		}
		r.OpenToFirstMs = ms(time.Since(t0))
	}
	defer a.close()

	// Warm caches with a few questions, then the measured passes.
	for _, q := range queries[:min(warmQueries, len(queries))] {
		if err := a.ask(ctx, q); err != nil {
			return r, fmt.Errorf("ask %q: %v", q, err)
		}
	}
	if r.One, err = measure(ctx, a, queries, o.rounds, 1); err != nil {
		return r, err
	}
	if r.Eight, err = measure(ctx, a, queries, o.rounds, 8); err != nil {
		return r, err
	}
	ranks := make([]int, len(cases))
	for i, c := range cases {
		ps, err := a.search(ctx, c.Q, 10)
		if err != nil {
			return r, fmt.Errorf("search %q: %v", c.Q, err)
		}
		ranks[i] = rankOf(ps, c.Keys)
	}
	r.Quality = score(cases, ranks)
	r.PeakRSSKiB = peakRSSKiB()
	return r, nil
}

// measure asks every query rounds times from the given number of clients
// at once and reports the latency of each ask.
func measure(ctx context.Context, a asker, queries []string, rounds, clients int) (Latency, error) {
	work := make(chan string)
	lat := make([]time.Duration, 0, rounds*len(queries))
	var mu sync.Mutex
	var firstErr error
	var wg sync.WaitGroup
	start := time.Now()
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for q := range work {
				t := time.Now()
				err := a.ask(ctx, q)
				d := time.Since(t)
				mu.Lock()
				lat = append(lat, d)
				if err != nil && firstErr == nil {
					firstErr = fmt.Errorf("ask %q: %v", q, err)
				}
				mu.Unlock()
			}
		}()
	}
	for range rounds {
		for _, q := range queries {
			work <- q
		}
	}
	close(work)
	wg.Wait()
	elapsed := time.Since(start)
	if firstErr != nil {
		return Latency{}, firstErr
	}
	return Latency{
		Samples: len(lat),
		P50Ms:   ms(percentile(lat, 50)),
		P99Ms:   ms(percentile(lat, 99)),
		QPS:     float64(len(lat)) / elapsed.Seconds(),
	}, nil
}

// sample is up to n elements of list, spread evenly over it.
func sample(list []string, n int) []string {
	if len(list) <= n {
		return list
	}
	out := make([]string, n)
	for i := range out {
		out[i] = list[i*len(list)/n]
	}
	return out
}
