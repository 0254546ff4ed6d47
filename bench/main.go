// Command bench measures talkbot against SQLite FTS5 on corpora of growing
// size (the bundled articles, the Brown Corpus, 10,000 and, with -big,
// 100,000 reshuffled Brown texts), drives a real `talkbot serve` of each
// tier with signed interactions, and writes docs/benchmarks.md with
// charts. Run it with bench/run.sh; `run.sh -smoke` is the quick check CI
// runs.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"talkbot/corpus"
	"talkbot/loadtest"
)

// tierTexts are the paragraphs a tier's articles are made of: the bundled
// articles', and the Brown texts' when the tier has any.
func tierTexts(bundled [][]string, brown BrownCorpus, n int) [][]string {
	texts := append([][]string(nil), bundled...)
	if n > 0 {
		for _, t := range brown.Texts {
			texts = append(texts, t.Paragraphs)
		}
	}
	return texts
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "child" {
		if err := runChild(os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "bench child:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// options of a benchmark run.
type options struct {
	smoke                 bool
	tiers                 []string
	repo, cache, docs     string
	rounds                int
	pprofDir, fromResults string
	// The serve load run; noLoad skips it.
	noLoad                    bool
	loadRequests, loadClients int
	loadDuration              time.Duration
}

// TierResult holds both engines' figures for one tier.
type TierResult struct {
	Tier  string                 `json:"tier"`
	Brown int                    `json:"brown_articles"`
	Load  LoadResult             `json:"load"`
	Build map[string]BuildResult `json:"build"`
	Serve map[string]ServeResult `json:"serve"`
	// Loads are talkbot serve under the mixed load: the fixed question
	// set, then fresh questions (none: not run).
	Loads []LoadRun `json:"loads,omitempty"`
}

// Results is one whole run, as written to .cache/results.json.
type Results struct {
	Machine Machine      `json:"machine"`
	Command string       `json:"command"`
	Rounds  int          `json:"rounds"`
	Warmup  int          `json:"warmup"`
	Queries int          `json:"queries"`
	Tiers   []TierResult `json:"tiers"`
	// Note, when set, heads the report (-note): what the run is for.
	Note string `json:"note,omitempty"`
}

// findingsFile is appended to benchmarks.md.
const findingsFile = "findings.md"

// allTiers are the tiers by name, with the Brown articles each adds.
var allTiers = map[string]int{"bundled": 0, "brown": 500, "brown-10k": 10000, "brown-100k": 100000}

const defaultTiers = "bundled,brown,brown-10k"

func run(args []string) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	var o options
	var tiers string
	fs.BoolVar(&o.smoke, "smoke", false, "bundled tier only, one round, no docs written: the CI check")
	fs.StringVar(&tiers, "tiers", defaultTiers, "tiers to measure, in order (bundled, brown, brown-10k, brown-100k)")
	big := fs.Bool("big", false, "add the 100,000-article tier (brown-100k: about 30 minutes more on 2 cores, 9 GB of disk in bench/.cache)")
	fs.BoolVar(&o.noLoad, "no-load", false, "skip the load run of talkbot serve")
	loadOnly := fs.Bool("load-only", false, "measure only the load runs of the -tiers, on the indexes and CACHE/results.json of an earlier run, and write the docs")
	fs.IntVar(&o.loadRequests, "load-requests", 50000, "load run: requests at most (each load)")
	fs.IntVar(&o.loadClients, "load-concurrency", 64, "load run: requests in flight at once")
	fs.DurationVar(&o.loadDuration, "load-duration", 60*time.Second, "load run: sending stops after this, even short of -load-requests")
	fs.StringVar(&o.repo, "repo", "..", "the talkbot checkout")
	fs.StringVar(&o.cache, "cache", ".cache", "cache for the Brown package, corpora and indexes (never committed)")
	fs.StringVar(&o.docs, "docs", "", "write benchmarks.md and benchmarks.png here (default REPO/docs; none with -smoke)")
	fs.IntVar(&o.rounds, "rounds", 1, "passes over the query set per latency figure")
	fs.StringVar(&o.pprofDir, "pprof", "", "write CPU profiles of talkbot's build and serve phases here")
	fs.StringVar(&o.fromResults, "from-results", "", "write the docs from a results.json of an earlier run, measuring nothing")
	note := fs.String("note", "", "a line heading the report, e.g. what the run is a starting point of")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q (flags only; see -h)", fs.Arg(0))
	}
	o.tiers = strings.Split(tiers, ",")
	if *big && !slices.Contains(o.tiers, "brown-100k") {
		o.tiers = append(o.tiers, "brown-100k")
	}
	if o.smoke {
		// Seconds, for CI: the bundled tier, a short load run.
		o.tiers, o.rounds = []string{"bundled"}, 1
		o.loadRequests, o.loadDuration = min(o.loadRequests, 1500), min(o.loadDuration, 3*time.Second)
	}
	for _, t := range o.tiers {
		if _, ok := allTiers[t]; !ok {
			return fmt.Errorf("-tiers: unknown tier %q (want bundled, brown, brown-10k, brown-100k)", t)
		}
	}
	if o.docs == "" && !o.smoke {
		o.docs = filepath.Join(o.repo, "docs")
	}
	if o.fromResults != "" {
		b, err := os.ReadFile(o.fromResults)
		if err != nil {
			return err
		}
		var res Results
		if err := json.Unmarshal(b, &res); err != nil {
			return fmt.Errorf("%s: %v", o.fromResults, err)
		}
		if *note != "" {
			res.Note = *note
		}
		return writeDocs(res, o.docs)
	}
	logf := func(f string, a ...any) {
		fmt.Fprintf(os.Stderr, "%s "+f+"\n", append([]any{time.Now().Format("15:04:05")}, a...)...)
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	devPath := filepath.Join(o.repo, "testdata", "eval", "dev.json")
	queries, err := loadQueries("queries.txt", devPath)
	if err != nil {
		return err
	}
	res := Results{Machine: thisMachine(o.repo), Command: "bench/run.sh " + strings.Join(args, " "), Rounds: o.rounds, Warmup: min(warmQueries, len(queries)), Queries: len(queries)}
	res.Command = strings.TrimSpace(res.Command)
	res.Note = *note

	var lo loadOpts
	if *loadOnly && o.noLoad {
		return errors.New("-load-only and -no-load: nothing to measure")
	}
	if !o.noLoad {
		lo = loadOpts{requests: o.loadRequests, concurrency: o.loadClients, duration: o.loadDuration, pprofDir: o.pprofDir}
		if lo.talkbot, err = buildTalkbot(o.repo, o.cache); err != nil {
			return err
		}
	}
	if *loadOnly {
		return rerunLoads(o, lo, args, logf)
	}
	engines := append([]string{engTalkbot}, ftsEngineNames()...)
	bundledTexts, err := bundledParagraphs(o.repo)
	if err != nil {
		return err
	}
	var brown BrownCorpus
	for _, tier := range o.tiers {
		n := allTiers[tier]
		if n > 0 && brown.Texts == nil {
			if brown, err = fetchBrown(o.cache, logf); err != nil {
				return err
			}
		}
		dir := filepath.Join(o.cache, "tiers", tier)
		var arts []genArticle
		if n > 0 {
			arts = brownArticles(brown, n)
		}
		if err := writeTier(dir, filepath.Join(o.repo, "corpus", "articles"), arts); err != nil {
			return err
		}
		tr := TierResult{Tier: tier, Brown: n, Build: map[string]BuildResult{}, Serve: map[string]ServeResult{}}
		tierData := filepath.Join(o.cache, "data", tier)
		logf("%s: load the corpus", tier)
		if err := child(self, "load", []string{"-corpus", dir, "-data", tierData}, "", &tr.Load); err != nil {
			return fmt.Errorf("%s load: %v", tier, err)
		}
		logf("%s: %d articles, %d passages loaded in %.1fs", tier, tr.Load.Articles, tr.Load.Passages, tr.Load.LoadSeconds)
		for _, eng := range engines {
			data := filepath.Join(tierData, eng)
			common := []string{"-engine", eng, "-corpus", dir, "-data", data, "-dev", devPath, "-queries", "queries.txt", "-rounds", fmt.Sprint(o.rounds)}
			var b BuildResult
			logf("%s: %s: load and index", tier, eng)
			if err := child(self, "build", common, o.profile(tier, eng, "build"), &b); err != nil {
				return fmt.Errorf("%s %s build: %v", tier, eng, err)
			}
			logf("%s: %s: %d passages in %.1fs (%.0f/s), %.1f MB", tier, eng, b.Passages, b.IndexSeconds, b.PassagesPerSecond(), float64(b.IndexBytes)/1e6)
			var s ServeResult
			if err := child(self, "serve", common, o.profile(tier, eng, "serve"), &s); err != nil {
				return fmt.Errorf("%s %s serve: %v", tier, eng, err)
			}
			logf("%s: %s: first answer %.1fms, ask p50 %.2fms p99 %.2fms, success@3 %.2f", tier, eng, s.OpenToFirstMs, s.One.P50Ms, s.One.P99Ms, s.Quality.Success3)
			tr.Build[eng], tr.Serve[eng] = b, s
		}
		if !o.noLoad {
			// The index the talkbot children built and reused, served by a
			// real process.
			if err := tierLoads(&tr, &res, lo, queries, tierTexts(bundledTexts, brown, n), dir, tierData, logf); err != nil {
				return err
			}
		}
		res.Tiers = append(res.Tiers, tr)
	}
	res.Machine.LoadAvg = append(res.Machine.LoadAvg, loadAvg())
	js, _ := json.MarshalIndent(res, "", "  ")
	if err := os.WriteFile(resultsPath(o), js, 0o644); err != nil {
		return err
	}
	if o.smoke {
		// The targets are set for the 10,000 and 100,000-article tiers:
		// on five articles they would read as met or missed for no reason.
		fmt.Print(strings.Replace(renderReport(res), targetsSection(res),
			"## Targets\n\nNot judged by a smoke run: the targets are for the 10,000 and 100,000-article tiers (bench/run.sh -big).\n", 1))
		return smokeCheck(res)
	}
	if err := writeDocs(res, o.docs); err != nil {
		return err
	}
	logf("wrote %s and %s", filepath.Join(o.docs, "benchmarks.md"), filepath.Join(o.docs, chartFile))
	return nil
}

// writeDocs writes benchmarks.md and the chart into dir.
func writeDocs(res Results, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	report := renderReport(res)
	// The reading of the figures (profiles, causes, fixes) is written by a
	// person after a run and kept beside the code.
	if b, err := os.ReadFile(findingsFile); err == nil {
		report += "\n" + string(b)
	} else if !os.IsNotExist(err) {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "benchmarks.md"), []byte(report), 0o644); err != nil {
		return err
	}
	if err := writeChart(res, filepath.Join(dir, chartFile)); err != nil {
		return err
	}
	if !hasLoad(res) {
		return nil
	}
	return writeRSSChart(res, filepath.Join(dir, rssChartFile))
}

// profile is the CPU profile path for a phase, "" when not profiling.
// Only talkbot is profiled: its figures are the ones with targets.
func (o options) profile(tier, eng, phase string) string {
	if o.pprofDir == "" || eng != engTalkbot {
		return ""
	}
	return filepath.Join(o.pprofDir, fmt.Sprintf("%s-%s-%s.pprof", tier, eng, phase))
}

// child runs one measurement in a fresh process and decodes its JSON.
func child(self, phase string, common []string, cpuProfile string, out any) error {
	args := append([]string{"child", "-phase", phase}, common...)
	if cpuProfile != "" {
		if err := os.MkdirAll(filepath.Dir(cpuProfile), 0o755); err != nil {
			return err
		}
		args = append(args, "-cpuprofile", cpuProfile)
	}
	cmd := exec.Command(self, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%v: %s", err, strings.TrimSpace(lastLines(stderr.String(), 20)))
	}
	if err := json.Unmarshal(stdout.Bytes(), out); err != nil {
		return fmt.Errorf("child output: %v: %q", err, stdout.String())
	}
	return nil
}

// lastLines keeps the end of a child's log for an error message.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// resultsPath is where a run's results are kept: a smoke run (CI, in the
// same checkout) must not replace a full run's.
func resultsPath(o options) string {
	if o.smoke {
		return filepath.Join(o.cache, "results-smoke.json")
	}
	return filepath.Join(o.cache, "results.json")
}

// buildTalkbot builds the bot from the checkout, for the load run.
func buildTalkbot(repo, cache string) (string, error) {
	out, err := filepath.Abs(filepath.Join(cache, "talkbot"))
	if err != nil {
		return "", err
	}
	cmd := exec.Command("go", "build", "-o", out, ".")
	cmd.Dir = repo
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build talkbot in %s: %v: %s", repo, err, b)
	}
	return out, nil
}

// smokeCheck fails the CI run when the benchmark measured nonsense: an
// engine that found no passage, or answered none of the questions, or a
// load run with errors.
func smokeCheck(r Results) error {
	for _, t := range r.Tiers {
		for _, u := range t.Loads {
			for _, k := range loadtest.Kinds {
				if u.Kinds[k].Count == 0 {
					return fmt.Errorf("smoke: %s load run sent no %s", t.Tier, k)
				}
			}
			if u.Errors() > 0 || u.Dropped() > 0 {
				return fmt.Errorf("smoke: %s load run: %d errors, %d dropped (%v, outcomes %v)", t.Tier, u.Errors(), u.Dropped(), u.Examples, u.Outcomes)
			}
		}
		for eng := range t.Build {
			b, s := t.Build[eng], t.Serve[eng]
			if b.Passages == 0 || b.IndexBytes == 0 {
				return fmt.Errorf("smoke: %s %s indexed nothing", t.Tier, eng)
			}
			if s.One.Samples < 100 || s.Quality.Success3 == 0 {
				return fmt.Errorf("smoke: %s %s answered badly (%d asks, success@3 %.2f)", t.Tier, eng, s.One.Samples, s.Quality.Success3)
			}
		}
	}
	fmt.Println("smoke: ok")
	return nil
}

// bundledParagraphs are the bundled articles' paragraphs, for fresh
// questions.
func bundledParagraphs(repo string) ([][]string, error) {
	arts, problems := corpus.LoadDir(filepath.Join(repo, "corpus", "articles"))
	if len(problems) > 0 {
		return nil, fmt.Errorf("bundled articles: %v", problems[0])
	}
	var out [][]string
	for _, a := range arts {
		var ps []string
		for _, p := range a.Paragraphs {
			ps = append(ps, p.Text)
		}
		out = append(out, ps)
	}
	return out, nil
}

// tierLoads runs a tier's two loads on a real talkbot serve of the index
// its talkbot build made, into tr.Loads.
func tierLoads(tr *TierResult, res *Results, lo loadOpts, queries []string, texts [][]string, dir, tierData string, logf func(string, ...any)) error {
	phases := []loadPhase{
		{"load", fmt.Sprintf("the fixed set of %d questions above, each asked again and again, as regulars ask", len(queries)),
			loadMix(queries, tr.Serve[engTalkbot], tr.Load.Articles)},
		{"fresh", "fresh questions: phrases of 3 to 7 words cut from the tier's texts (the bundled articles, and Brown's on the Brown tiers), nearly all new to the server's caches",
			loadMix(freshQuestions(texts, 6000), tr.Serve[engTalkbot], tr.Load.Articles)},
	}
	logf("%s: talkbot serve under load: %d in flight, up to %d requests or %s, twice", tr.Tier, lo.concurrency, lo.requests, lo.duration)
	runs, err := measureLoad(context.Background(), lo, tr.Tier, dir, filepath.Join(tierData, engTalkbot), phases, logf)
	if err != nil {
		return fmt.Errorf("%s load run: %v", tr.Tier, err)
	}
	for _, lr := range runs {
		_, med, hi := lr.RSSLoad()
		logf("%s %s: %d requests in %.0fs (%.0f/s), p50 %.0fms p99 %.0fms, %d errors (%d past 3 s), %d dropped, RSS median %.0f MB max %.0f MB",
			tr.Tier, lr.Phase, lr.Requests, lr.Seconds, lr.PerSecond, lr.All.P50Ms, lr.All.P99Ms, lr.Errors(), lr.Late, lr.Dropped(), mb(med), mb(hi))
		res.Machine.LoadAvg = append(res.Machine.LoadAvg, lr.LoadAvg)
	}
	tr.Loads = runs
	return nil
}

// rerunLoads measures the load runs again on an earlier run's indexes
// and figures (CACHE/results.json): minutes instead of the half hour a
// build of brown-100k takes, for after a change to serving.
func rerunLoads(o options, lo loadOpts, args []string, logf func(string, ...any)) error {
	path := resultsPath(o)
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("-load-only needs an earlier run's %s: %v", path, err)
	}
	var res Results
	if err := json.Unmarshal(b, &res); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	devPath := filepath.Join(o.repo, "testdata", "eval", "dev.json")
	queries, err := loadQueries("queries.txt", devPath)
	if err != nil {
		return err
	}
	bundled, err := bundledParagraphs(o.repo)
	if err != nil {
		return err
	}
	var brown BrownCorpus
	done := 0
	for i := range res.Tiers {
		tr := &res.Tiers[i]
		if !slices.Contains(o.tiers, tr.Tier) {
			continue
		}
		if tr.Brown > 0 && brown.Texts == nil {
			if brown, err = fetchBrown(o.cache, logf); err != nil {
				return err
			}
		}
		dir, tierData := filepath.Join(o.cache, "tiers", tr.Tier), filepath.Join(o.cache, "data", tr.Tier)
		if err := tierLoads(tr, &res, lo, queries, tierTexts(bundled, brown, tr.Brown), dir, tierData, logf); err != nil {
			return err
		}
		done++
	}
	if done == 0 {
		return fmt.Errorf("%s holds none of the tiers %v", path, o.tiers)
	}
	res.Command += "; loads measured again with: bench/run.sh " + strings.Join(args, " ")
	res.Machine.LoadAvg = append(res.Machine.LoadAvg, loadAvg())
	js, _ := json.MarshalIndent(res, "", "  ")
	if err := os.WriteFile(path, js, 0o644); err != nil {
		return err
	}
	if o.smoke {
		return smokeCheck(res)
	}
	if err := writeDocs(res, o.docs); err != nil {
		return err
	}
	logf("wrote %s", filepath.Join(o.docs, "benchmarks.md"))
	return nil
}
