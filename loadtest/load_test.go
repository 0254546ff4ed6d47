package loadtest

import (
	"context"
	"crypto/ed25519"
	"flag"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"talkbot/answer"
	"talkbot/bot"
	"talkbot/commands"
	"talkbot/serving"
)

// -load.full runs the figures: 20,000 requests at 64 in flight,
// with p99 under 20 ms as the pass mark. Without it each run is a short
// version of a few seconds, for CI.
//
//	go test ./loadtest -run Load -load.full -v
var full = flag.Bool("load.full", false, "run the full 20,000-request load tests and enforce p99 < 20 ms")

var key = ed25519.NewKeyFromSeed([]byte("talkbot-loadtest-key-seed-32-byt"))

func requests() int {
	if *full {
		return 20000
	}
	return 600
}

func router(e *answer.Engine) *commands.Router {
	return commands.NewRouter(commands.Deps{Engine: e})
}

// countingListener counts the connections the server accepted.
type countingListener struct {
	net.Listener
	accepted *atomic.Int64
}

func (l countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.accepted.Add(1)
	}
	return c, err
}

// served is a real `talkbot serve` on loopback over the bundled corpus:
// its URL, the reloader driving its index, the connections it accepted,
// and the stand-in for Discord that takes its deferred replies' edits.
type served struct {
	url      string
	rl       *serving.Reloader
	accepted *atomic.Int64
	wh       *Webhooks
}

func serve(t *testing.T) served {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	bc := serving.BuildConfig{NewRouter: router}
	g, err := serving.Build(ctx, bc)
	if err != nil {
		t.Fatal(err)
	}
	cur := serving.NewCurrent(g, nil)
	m := serving.NewMetrics()
	rl, err := serving.NewReloader(serving.ReloadConfig{Build: bc, Current: cur, Metrics: m})
	if err != nil {
		t.Fatal(err)
	}
	// A reply deferred under load is finished with a webhook edit: it goes
	// to the stand-in on loopback, never to discord.com, and the run times
	// the reply to it.
	wh, err := NewWebhooks()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { wh.Close() })
	s, err := bot.NewServer(bot.ServeConfig{PublicKey: key.Public().(ed25519.PublicKey), Handler: cur,
		RESTBaseURL: wh.URL(),
		Admin:       serving.AdminHandler(cur, m), Metrics: m.Interactions, Logger: logger(t)})
	if err != nil {
		t.Fatal(err)
	}
	inner, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	accepted := new(atomic.Int64)
	ln := countingListener{Listener: inner, accepted: accepted}
	// Answer at serving's GC settings, as `talkbot serve` does.
	endGC := serving.ServingGC(0, 0)
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		defer endGC()
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
		cur.Close()
	})
	return served{url: "http://" + ln.Addr().String() + "/interactions", rl: rl, accepted: accepted, wh: wh}
}

// logger formats every interaction's line as `talkbot serve` does (JSON
// at Info), so the run pays for the logging production pays for, into
// io.Discard rather than a terminal; warnings also go to the test log.
func logger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewMultiHandler(
		slog.NewJSONHandler(io.Discard, nil),
		slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn})))
}

// testWriter sends the server's warnings to the test log.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func check(t *testing.T, rep Report, enforceP99 bool) {
	t.Helper()
	t.Logf("\n%s", rep)
	if !rep.OK() {
		t.Fatalf("%d requests got a status they should not have", rep.UnexpectedCount)
	}
	if enforceP99 && *full && rep.P99 >= 20*time.Millisecond {
		t.Fatalf("p99 %s, want under 20 ms", rep.P99)
	}
}

// TestLoad: a mix of commands, autocomplete and button presses, all 200,
// over kept-alive connections (a new connection per request would
// measure TCP set-up, which Discord's pooled clients do not pay).
func TestLoad(t *testing.T) {
	const concurrency = 64
	srv := serve(t)
	rep, err := Run(context.Background(), Config{URL: srv.url, Key: key, Requests: requests(), Concurrency: concurrency, Webhooks: srv.wh})
	if err != nil {
		t.Fatal(err)
	}
	check(t, rep, true)
	for _, k := range Kinds {
		if ks := rep.Kinds[k]; ks == nil || ks.Count == 0 {
			t.Errorf("no %s in the run", k)
		}
	}
	// who-pledged answers at once, and its timeline follows in an edit.
	// A reply is deferred only when its answer took longer than the
	// deferral deadline: a deferral is that exception, never the design,
	// so at most one in ten, and every reply complete. Under -race a
	// picture takes twenty times as long (BenchmarkRender: 33 ms, 640 ms
	// with -race) and, with CI's other
	// packages on the same 2 cores, 4 of 30 replies passed 2 s: there
	// only completeness is checked.
	maxDeferred := 0
	if ks := rep.Kinds["who-pledged"]; ks != nil {
		maxDeferred = ks.Count / 10
		if raceDetector {
			maxDeferred = ks.Count
		}
	}
	if ks := rep.Kinds["who-pledged"]; ks != nil && (ks.Deferred > maxDeferred || ks.Edited+ks.Deferred != ks.Count) {
		t.Errorf("who-pledged: %d of %d deferred, %d completed by an edit: want all but a slow few answered at once with the picture added by an edit",
			ks.Deferred, ks.Count, ks.Edited)
	}
	if n := srv.accepted.Load(); n > 2*concurrency {
		t.Errorf("%d connections for %d requests at %d in flight: keep-alive is not working", n, rep.Requests, concurrency)
	} else {
		t.Logf("%d connections", n)
	}
}

// TestLoadNetHTTP: the same load through net/http's client (Config.Client,
// as loadgen --net-http uses), so both clients stay exercised; its p99 is
// reported, not enforced.
func TestLoadNetHTTP(t *testing.T) {
	srv := serve(t)
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxIdleConns: 64, MaxIdleConnsPerHost: 64, IdleConnTimeout: 30 * time.Second}}
	// A connection dialled but never used would hold the server's
	// shutdown for its 5-second grace.
	defer client.CloseIdleConnections()
	rep, err := Run(context.Background(), Config{URL: srv.url, Key: key, Requests: requests(), Concurrency: 64, Client: client, Webhooks: srv.wh})
	if err != nil {
		t.Fatal(err)
	}
	check(t, rep, false)
}

// TestLoadWithReloads: the index is rebuilt and swapped every second (a
// fifth of that in the short run) under load; no request may fail. The
// load runs in rounds until several swaps happened during it, however fast
// the machine answers (bounded in rounds and time).
func TestLoadWithReloads(t *testing.T) {
	srv := serve(t)
	every := time.Second
	if !*full {
		every = 200 * time.Millisecond
	}
	const wantReloads, maxRounds = 3, 100
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var reloads atomic.Int64
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				if err := srv.rl.Reload(ctx); err != nil && ctx.Err() == nil {
					t.Errorf("reload: %v", err)
				}
				reloads.Add(1)
			}
		}
	}()
	deadline := time.Now().Add(2 * time.Minute)
	rounds := 0
	for reloads.Load() < wantReloads && rounds < maxRounds && time.Now().Before(deadline) {
		rep, err := Run(context.Background(), Config{URL: srv.url, Key: key, Requests: requests(), Concurrency: 64, Webhooks: srv.wh,
			Offset: rounds * requests()})
		if err != nil {
			t.Fatal(err)
		}
		check(t, rep, false)
		rounds++
	}
	cancel()
	<-done
	n := reloads.Load()
	t.Logf("%d reloads during %d rounds of load", n, rounds)
	if n < wantReloads {
		t.Fatalf("only %d reloads happened during the load, want %d", n, wantReloads)
	}
}

// TestLoadFaults: forged, stale, unsigned, malformed, unknown-type and
// oversized requests interleaved with good ones: each refused with its
// status, the good ones all answered.
func TestLoadFaults(t *testing.T) {
	srv := serve(t)
	rep, err := Run(context.Background(), Config{URL: srv.url, Key: key, Requests: requests(), Concurrency: 64, Faults: true, Webhooks: srv.wh})
	if err != nil {
		t.Fatal(err)
	}
	for _, what := range []string{"forged 401", "stale 401", "unsigned 401", "malformed 400", "unknown-type 400", "oversized 413"} {
		if rep.Statuses[what] == 0 {
			t.Errorf("no %q in the run", what)
		}
	}
	check(t, rep, false)
}

func TestResponseType(t *testing.T) {
	for body, want := range map[string]int{
		`{"type":4,"data":{"content":"x"}}`: 4,
		`{"data":{"type":9},"type":5}`:      5,
		`{"data":{"content":"no type"}}`:    0,
		`[1,2]`:                             0,
		`{"type":"four"}`:                   0,
		`{"type":1`:                         1, // read before the body breaks off
	} {
		got, _ := responseType([]byte(body))
		if got != want {
			t.Errorf("%s: type %d, want %d", body, got, want)
		}
	}
	if _, _, err := checked(200, 0, []byte(`{"data":{}}`)); err == nil {
		t.Error("a 200 without a type passed")
	}
}

// slowHandler answers every interaction after a pause, so a server with a
// short DeferAfter defers each one and finishes it with a webhook edit.
type slowHandler struct{ pause time.Duration }

func (h slowHandler) Handle(ctx context.Context, i *discordgo.Interaction) commands.Reply {
	// Suggestions are never deferred (a late one is dropped): answer them
	// at once.
	if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
		return commands.Reply{Response: &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{}}}}
	}
	select {
	case <-time.After(h.pause):
	case <-ctx.Done():
		return commands.Reply{Err: ctx.Err()}
	}
	data := &discordgo.InteractionResponseData{Content: "late", AllowedMentions: commands.NoMentions()}
	return commands.Reply{Response: &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: data}}
}

func (slowHandler) Ephemeral(*discordgo.Interaction) bool { return false }

// TestLoadDeferredEdits: replies deferred by a slow handler are timed to
// their webhook edit at the stand-in, not to the deferral, and every edit
// arrives.
func TestLoadDeferredEdits(t *testing.T) {
	wh, err := NewWebhooks()
	if err != nil {
		t.Fatal(err)
	}
	defer wh.Close()
	const pause = 40 * time.Millisecond
	s, err := bot.NewServer(bot.ServeConfig{PublicKey: key.Public().(ed25519.PublicKey), Handler: slowHandler{pause},
		RESTBaseURL: wh.URL(), DeferAfter: 5 * time.Millisecond, Logger: logger(t)})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	rep, err := Run(context.Background(), Config{URL: "http://" + ln.Addr().String() + "/interactions", Key: key,
		Requests: 200, Concurrency: 16, Webhooks: wh})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", rep)
	// Everything but autocomplete is deferred and edited.
	if rep.LateEdits != 0 || wh.Other() != 0 {
		t.Fatalf("%d edits never came, %d unexpected requests at the stand-in", rep.LateEdits, wh.Other())
	}
	for _, k := range Kinds {
		ks := rep.Kinds[k]
		if ks == nil || ks.Count == 0 {
			t.Errorf("no %s in the run", k)
			continue
		}
		if k != "autocomplete" && (ks.Deferred != ks.Count || ks.P50 < pause) {
			t.Errorf("%s: %d of %d deferred, p50 %s: want all deferred and timed to the edit (≥ %s)", k, ks.Deferred, ks.Count, ks.P50, pause)
		}
	}
}

// TestMixFitsCustomIDs: a mix of long questions still makes valid page
// buttons (a question too long for a custom_id is skipped, as the bot
// shows no buttons for it), and every kind is in every 20 requests.
func TestMixFitsCustomIDs(t *testing.T) {
	m := DefaultMix()
	m.Questions = append([]string{strings.Repeat("a very long question ", 10)}, m.Questions...)
	m.SourcesPages = 3
	seen := map[string]bool{}
	for n := range 400 {
		k, body := m.payload(n)
		seen[k] = true
		var i discordgo.Interaction
		if err := i.UnmarshalJSON(body); err != nil {
			t.Fatalf("%s #%d: %v", k, n, err)
		}
		if i.Type == discordgo.InteractionMessageComponent {
			if _, err := commands.ParsePageID(i.MessageComponentData().CustomID); err != nil {
				t.Fatalf("%s #%d: %v", k, n, err)
			}
		}
	}
	for _, k := range Kinds {
		if !seen[k] {
			t.Errorf("no %s in 400 requests", k)
		}
	}
}
