package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"talkbot/loadtest"
)

// loadOpts is how the serve process is loaded.
type loadOpts struct {
	talkbot     string // the talkbot binary, built from the repo
	requests    int
	concurrency int
	duration    time.Duration
	pprofDir    string
}

// KindFigure is one interaction kind's figures under load (ms).
type KindFigure struct {
	Count    int     `json:"count"`
	Deferred int     `json:"deferred"`
	Late     int     `json:"late"` // first reply past Discord's 3 s
	P50Ms    float64 `json:"p50_ms"`
	P99Ms    float64 `json:"p99_ms"`
	MaxMs    float64 `json:"max_ms"`
	// Edited counts replies answered at once that an edit completed
	// later (who-pledged's timeline picture), timed to that edit.
	Edited    int     `json:"edited,omitempty"`
	EditP50Ms float64 `json:"edit_p50_ms,omitempty"`
	EditP99Ms float64 `json:"edit_p99_ms,omitempty"`
}

// RSSSample is the serve process's resident set at one moment.
type RSSSample struct {
	T     float64 `json:"t"` // seconds since the process started
	KiB   int64   `json:"kib"`
	Phase string  `json:"phase"` // open, warm, load, after, drain
}

// LoadRun is a real `talkbot serve` of one tier under one mixed load.
type LoadRun struct {
	// Phase names this load among the serve process's (its RSS samples
	// carry it); Questions says what it asks.
	Phase          string  `json:"phase"`
	Questions      string  `json:"questions"`
	Concurrency    int     `json:"concurrency"`
	Requests       int     `json:"requests"`
	Seconds        float64 `json:"seconds"`
	PerSecond      float64 `json:"per_second"`
	StartToReadyMs float64 `json:"start_to_ready_ms"`
	// CPUCores is the serve process's CPU time over the load's wall time.
	CPUCores float64               `json:"cpu_cores"`
	All      KindFigure            `json:"all"`
	Kinds    map[string]KindFigure `json:"kinds"`
	Statuses map[string]int        `json:"statuses"`
	// Transport counts requests that got no reply (dropped connections,
	// timeouts), by cause; LateEdits deferred replies never finished.
	Transport map[string]int `json:"transport,omitempty"`
	LateEdits int            `json:"late_edits"`
	// Late counts first replies past Discord's 3 s (also in Unexpected).
	Late int `json:"late"`
	// Unexpected is the generator's count of requests without the reply
	// they called for; Examples the first few.
	Unexpected int      `json:"unexpected"`
	Examples   []string `json:"examples,omitempty"`
	// Outcomes are the server's own (talkbot_interactions_total), by
	// "command outcome"; Failed adds up those that are failures.
	Outcomes map[string]int `json:"outcomes"`
	Failed   int            `json:"failed_outcomes"`
	// RSS is the serve process's whole life, every load's samples.
	RSS     []RSSSample `json:"rss"`
	Exit    string      `json:"exit,omitempty"` // how serve ended, when not cleanly
	LoadAvg string      `json:"load_avg"`       // at the end of the load
}

// Errors is every request that failed the person: a wrong status, no
// reply, an edit that never came, or an outcome the server counts as a
// failure.
func (l LoadRun) Errors() int { return l.Unexpected + l.Failed }

// Dropped is requests that got no reply at all.
func (l LoadRun) Dropped() int {
	n := 0
	for _, c := range l.Transport {
		n += c
	}
	return n
}

// RSSLoad is min, median and max RSS (KiB) over the load phase.
func (l LoadRun) RSSLoad() (lo, med, hi int64) {
	var ks []int64
	for _, s := range l.RSS {
		if s.Phase == l.phase() {
			ks = append(ks, s.KiB)
		}
	}
	if len(ks) == 0 {
		return 0, 0, 0
	}
	slices.Sort(ks)
	return ks[0], ks[len(ks)/2], ks[len(ks)-1]
}

// RSSGrowth is the largest RSS of the load's second half over that of its
// first half: 1.0 is flat, more is memory still growing under load.
func (l LoadRun) RSSGrowth() float64 {
	var load []RSSSample
	for _, s := range l.RSS {
		if s.Phase == l.phase() {
			load = append(load, s)
		}
	}
	if len(load) < 4 {
		return 0
	}
	first, second := int64(0), int64(0)
	for i, s := range load {
		if i < len(load)/2 {
			first = max(first, s.KiB)
		} else {
			second = max(second, s.KiB)
		}
	}
	return float64(second) / float64(first)
}

func (l LoadRun) phase() string {
	if l.Phase == "" {
		return "load"
	}
	return l.Phase
}

// failedOutcomes are the server's outcomes that fail the person: the
// others (ok, no_result, user_error, rate_limited) are answers.
var failedOutcomes = map[string]bool{"error": true, "cancelled": true, "panic": true, "expired": true, "failed": true, "bad_request": true, "unknown_command": true}

// loadMix is the load's mix for a tier: the benchmark's questions (the
// development questions, about the talks, and queries.txt's, mostly about
// what the Brown texts cover), and people and publishers the tier's index
// knows beside the bundled ones.
func loadMix(queries []string, serve ServeResult, articles int) *loadtest.Mix {
	m := loadtest.DefaultMix()
	m.Questions = queries
	m.People = mergeLists(m.People, serve.Speakers)
	m.Publishers = mergeLists(m.Publishers, serve.Publishers)
	// Brown articles are dated in January 1961 (brownDate).
	m.DateRanges = append(m.DateRanges, [2]string{"1961-01-01", "1961-01-10"}, [2]string{"1961-01-05", ""})
	m.Topics = append(m.Topics, "money", "support", "aid", "the plan")
	var partials []string
	for i, q := range queries {
		if i%3 == 0 {
			partials = append(partials, prefixOf(q, 3+i%6))
		}
	}
	m.Partials = mergeLists(m.Partials, partials)
	m.SourcesPages = (articles + 9) / 10
	return m
}

// mergeLists interleaves a and b, so each part of the mix is walked early.
func mergeLists(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	for i := 0; i < max(len(a), len(b)); i++ {
		if i < len(a) {
			out = append(out, a[i])
		}
		if i < len(b) {
			out = append(out, b[i])
		}
	}
	return out
}

func prefixOf(s string, n int) string {
	r := []rune(s)
	return string(r[:min(n, len(r))])
}

// loadPhase is one load of a serve process: its name and mix.
type loadPhase struct {
	name, questions string
	mix             *loadtest.Mix
}

// measureLoad starts `talkbot serve` on the tier's index, waits for it to
// be ready, warms it, runs each load in turn and stops it, sampling its
// RSS every second throughout.
func measureLoad(ctx context.Context, o loadOpts, tier, corpusDir, indexDir string, phases []loadPhase, logf func(string, ...any)) ([]LoadRun, error) {
	var runs []LoadRun
	var run LoadRun // the process's figures, copied into each load's
	// serve runs in the index's parent directory: its paths must not be
	// relative to ours.
	var err error
	if corpusDir, err = filepath.Abs(corpusDir); err != nil {
		return nil, err
	}
	if indexDir, err = filepath.Abs(indexDir); err != nil {
		return nil, err
	}
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		return nil, err
	}
	wh, err := loadtest.NewWebhooks()
	if err != nil {
		return nil, err
	}
	defer wh.Close()
	addr, err := freePort()
	if err != nil {
		return nil, err
	}
	args := []string{"serve", "--corpus", corpusDir, "--index", indexDir, "--addr", addr, "--log-json"}
	pprofAddr := ""
	if o.pprofDir != "" {
		if pprofAddr, err = freePort(); err != nil {
			return nil, err
		}
		args = append(args, "--pprof-addr", pprofAddr)
	}
	logPath := filepath.Join(filepath.Dir(indexDir), "serve.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	defer logFile.Close()
	cmd := exec.Command(o.talkbot, args...)
	// No .env is read from here (talkbot reads one from its directory).
	cmd.Dir = filepath.Dir(indexDir)
	cmd.Env = append(os.Environ(), "DISCORD_PUBLIC_KEY="+hex.EncodeToString(pub), "DISCORD_REST_URL="+wh.URL(),
		"DISCORD_TOKEN=", "DISCORD_APP_ID=")
	cmd.Stdout, cmd.Stderr = logFile, logFile
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	// exited is closed when serve has ended, with waitErr set.
	exited := make(chan struct{})
	var waitErr error
	go func() { waitErr = cmd.Wait(); close(exited) }()
	stopServe := func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
			if waitErr != nil {
				run.Exit = waitErr.Error()
			}
		case <-time.After(60 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
			run.Exit = "killed: still running 60 s after SIGTERM"
		}
	}

	// RSS every second from /proc, until serve is stopped.
	var phaseMu sync.Mutex
	phase := "open"
	setPhase := func(p string) { phaseMu.Lock(); phase = p; phaseMu.Unlock() }
	var samplesMu sync.Mutex
	sampleDone := make(chan struct{})
	stopSampling := make(chan struct{})
	pid := cmd.Process.Pid
	go func() {
		defer close(sampleDone)
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			if kib := procRSS(pid); kib > 0 {
				phaseMu.Lock()
				p := phase
				phaseMu.Unlock()
				samplesMu.Lock()
				run.RSS = append(run.RSS, RSSSample{T: time.Since(start).Seconds(), KiB: kib, Phase: p})
				samplesMu.Unlock()
			}
			select {
			case <-tick.C:
			case <-stopSampling:
				return
			}
		}
	}()
	finish := func() {
		setPhase("drain")
		stopServe()
		close(stopSampling)
		<-sampleDone
	}

	base := "http://" + addr
	if err := waitReady(ctx, base+"/readyz", exited, &waitErr, 15*time.Minute); err != nil {
		finish()
		return nil, fmt.Errorf("serve %s: %v (log: %s)", tier, err, lastLines(readFile(logPath), 10))
	}
	run.StartToReadyMs = ms(time.Since(start))
	logf("%s: serve ready in %.1fs (pid %d)", tier, run.StartToReadyMs/1000, pid)

	// A short warm-up at 8 in flight: the first requests of a process
	// fault its index pages in; what is measured is the serving after.
	setPhase("warm")
	warm := loadtest.Config{URL: base + "/interactions", Key: priv, Requests: 200, Concurrency: 8, Mix: phases[0].mix, Webhooks: wh}
	if _, err := loadtest.Run(ctx, warm); err != nil {
		finish()
		return nil, fmt.Errorf("warm-up: %v", err)
	}
	for i, ph := range phases {
		lr, err := loadOnce(ctx, o, tier, base, pprofAddr, pid, priv, wh, ph, (i+1)<<20, setPhase)
		if err != nil {
			finish()
			return nil, fmt.Errorf("%s: %v", ph.name, err)
		}
		runs = append(runs, lr)
	}
	finish()
	for i := range runs {
		runs[i].StartToReadyMs, runs[i].RSS, runs[i].Exit = run.StartToReadyMs, run.RSS, run.Exit
	}
	return runs, nil
}

// loadOnce runs one load against a ready serve process.
func loadOnce(ctx context.Context, o loadOpts, tier, base, pprofAddr string, pid int, priv ed25519.PrivateKey, wh *loadtest.Webhooks,
	ph loadPhase, offset int, setPhase func(string)) (LoadRun, error) {
	run := LoadRun{Phase: ph.name, Questions: ph.questions, Concurrency: o.concurrency}
	before, err := scrapeOutcomes(base + "/metrics")
	if err != nil {
		return run, err
	}
	others := wh.Other()
	setPhase(ph.name)
	var profErr error
	profDone := make(chan struct{})
	if pprofAddr != "" {
		// The middle of the load, at most 30 s of it.
		secs := max(1, min(30, int(o.duration.Seconds())-4))
		go func() {
			defer close(profDone)
			profErr = fetchProfile(fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", pprofAddr, secs),
				filepath.Join(o.pprofDir, fmt.Sprintf("%s-talkbot-serve-%s.pprof", tier, ph.name)))
		}()
	} else {
		close(profDone)
	}
	cpu0 := procCPU(pid)
	cfg := loadtest.Config{URL: base + "/interactions", Key: priv, Requests: o.requests, Concurrency: o.concurrency,
		Duration: o.duration, Mix: ph.mix, Webhooks: wh, Offset: offset}
	rep, err := loadtest.Run(ctx, cfg)
	// A profile may still be running after a short load: what follows is
	// not the load's memory.
	setPhase("after")
	run.LoadAvg = loadAvg()
	if cpu := procCPU(pid) - cpu0; cpu > 0 && rep.Elapsed > 0 {
		run.CPUCores = cpu.Seconds() / rep.Elapsed.Seconds()
	}
	<-profDone
	if err != nil {
		return run, err
	}
	after, err := scrapeOutcomes(base + "/metrics")
	if err != nil {
		return run, err
	}
	if profErr != nil {
		fmt.Fprintf(os.Stderr, "%s: serve profile: %v\n", tier, profErr)
	}
	if n := wh.Other() - others; n > 0 {
		rep.UnexpectedCount += n
		rep.Unexpected = append(rep.Unexpected, fmt.Sprintf("%d requests at the Discord stand-in that were not webhook replies", n))
	}
	run.Requests, run.Seconds = rep.Requests, rep.Elapsed.Seconds()
	run.PerSecond = float64(rep.Requests) / rep.Elapsed.Seconds()
	run.Statuses, run.Transport, run.LateEdits, run.Late = rep.Statuses, rep.Transport, rep.LateEdits, rep.Late
	run.Unexpected, run.Examples = rep.UnexpectedCount, rep.Unexpected
	run.All = KindFigure{Count: rep.Requests - run.Dropped(), Deferred: rep.Deferred, Late: rep.Late, P50Ms: ms(rep.P50), P99Ms: ms(rep.P99), MaxMs: ms(rep.Max)}
	run.Kinds = map[string]KindFigure{}
	for k, ks := range rep.Kinds {
		run.Kinds[k] = KindFigure{Count: ks.Count, Deferred: ks.Deferred, Late: ks.Late, P50Ms: ms(ks.P50), P99Ms: ms(ks.P99), MaxMs: ms(ks.Max),
			Edited: ks.Edited, EditP50Ms: ms(ks.EditP50), EditP99Ms: ms(ks.EditP99)}
	}
	run.Outcomes = map[string]int{}
	for k, n := range after {
		if d := n - before[k]; d > 0 {
			run.Outcomes[k] = d
			if _, outcome, _ := strings.Cut(k, " "); failedOutcomes[outcome] {
				run.Failed += d
			}
		}
	}
	return run, nil
}

// freePort is a loopback address with a port free a moment ago.
func freePort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// waitReady polls url until it answers 200, the process exits, or limit.
func waitReady(ctx context.Context, url string, exited <-chan struct{}, waitErr *error, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	c := &http.Client{Timeout: 2 * time.Second}
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return fmt.Errorf("exited before ready: %v", *waitErr)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		resp, err := c.Get(url)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
	}
	return fmt.Errorf("not ready within %s", limit)
}

var outcomeLine = regexp.MustCompile(`^talkbot_interactions_total\{command="([^"]*)",outcome="([^"]*)"\} ([0-9.e+]+)$`)

// scrapeOutcomes reads the server's interaction counters from /metrics,
// by "command outcome".
func scrapeOutcomes(url string) (map[string]int, error) {
	resp, err := (&http.Client{Timeout: 30 * time.Second}).Get(url)
	if err != nil {
		return nil, fmt.Errorf("/metrics: %v", err)
	}
	defer resp.Body.Close()
	out := map[string]int{}
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if m := outcomeLine.FindStringSubmatch(sc.Text()); m != nil {
			f, _ := strconv.ParseFloat(m[3], 64)
			out[m[1]+" "+m[2]] = int(f)
		}
	}
	return out, sc.Err()
}

func fetchProfile(url, path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	resp, err := (&http.Client{Timeout: 2 * time.Minute}).Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", url, resp.Status)
	}
	var b bytes.Buffer
	if _, err := b.ReadFrom(resp.Body); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// procRSS is a process's resident set (VmRSS, KiB), 0 once it is gone.
func procRSS(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	return statusField(b, "VmRSS:")
}

// procCPU is a process's user + system CPU time, from /proc/PID/stat.
func procCPU(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The command name (field 2) may hold spaces: count from its ")".
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	const ticks = 100 // USER_HZ on Linux
	return time.Duration(ut+st) * time.Second / ticks
}

func readFile(path string) string {
	b, _ := os.ReadFile(path)
	return string(b)
}

// freshQuestions are n distinct phrases of 3 to 7 words cut from the
// texts, as a person types what they remember of a passage: unlike the
// fixed question set, nearly every one is new to the server's caches.
// Deterministic (seeded), so runs compare.
func freshQuestions(texts [][]string, n int) []string {
	r := rand.New(rand.NewPCG(shuffleSeed, 14))
	seen := map[string]bool{}
	var out []string
	for tries := 0; len(out) < n && tries < 20*n; tries++ {
		paras := texts[r.IntN(len(texts))]
		if len(paras) == 0 {
			continue
		}
		words := strings.Fields(paras[r.IntN(len(paras))])
		k := 3 + r.IntN(5)
		if len(words) < k {
			continue
		}
		at := r.IntN(len(words) - k + 1)
		phrase := make([]string, 0, k)
		for _, w := range words[at : at+k] {
			if w = strings.Trim(w, `.,;:!?"'()[]“”‘’—-`); w != "" {
				phrase = append(phrase, w)
			}
		}
		q := strings.Join(phrase, " ")
		if len(phrase) < 3 || len(q) > 90 || seen[strings.ToLower(q)] {
			continue
		}
		seen[strings.ToLower(q)] = true
		out = append(out, q)
	}
	return out
}
