package loadtest

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"talkbot/bot"
)

// Config is one load run.
type Config struct {
	// URL is the interactions endpoint, e.g. http://127.0.0.1:8080/interactions.
	URL string
	// Key signs the requests; serve must hold its public half.
	Key ed25519.PrivateKey
	// Requests in all (default 20,000) and how many in flight at once
	// (default 64).
	Requests, Concurrency int
	// Faults interleaves bad requests (one in FaultEvery, default 7):
	// forged signature, stale timestamp, missing header, malformed JSON,
	// unknown type, oversized body.
	Faults     bool
	FaultEvery int
	// Client, when set, sends the requests through net/http. Without it
	// each worker keeps one HTTP/1.1 connection of its own and writes
	// and reads it directly (wire.go): the same requests and replies on
	// the wire, the same client-side clock, with a fraction of
	// net/http's client CPU, which otherwise competes with the server
	// under test when both share the machine.
	Client *http.Client
	// Mix is what the interactions ask (nil: DefaultMix, the bundled
	// corpus's).
	Mix *Mix
	// Duration, when set, stops sending new requests after it, even if
	// fewer than Requests were sent: a slow server gets a run of bounded
	// length, a fast one the full count.
	Duration time.Duration
	// Webhooks, when set, is where the server sends its deferred edits
	// (its DISCORD_REST_URL): a deferred reply's latency is then until
	// its edit arrived there, which is when the person sees the answer,
	// and an edit that never arrives is an error. Without it a deferral
	// counts as the answer.
	Webhooks *Webhooks
	// EditWait bounds the wait for deferred edits after the last reply
	// (default 35 s: the server's 30 s handler limit and some).
	EditWait time.Duration
	// Offset numbers this run's interactions from Offset on (ids, users,
	// tokens), so runs against one server and one Webhooks never share a
	// token: a warm-up's late edit cannot be taken for the load's.
	Offset int
}

// Report is what a run measured. Latencies are of the good requests,
// from the client's side: sending and reading the whole reply (each
// request is signed before the clock starts, as Discord signs elsewhere).
type Report struct {
	Requests int
	Elapsed  time.Duration
	// Statuses counts replies by "what status", e.g. "ask 200",
	// "stale 401".
	Statuses map[string]int
	// Unexpected lists the first few replies that were not what the
	// request called for, transport errors included.
	Unexpected      []string
	UnexpectedCount int
	P50, P99, Max   time.Duration
	// Kinds holds each interaction kind's figures (see Kinds).
	Kinds map[string]*KindStats
	// Transport counts requests that got no reply at all, by cause
	// ("closed", "reset", "timeout", "refused", "other"): a dropped
	// connection is one of these.
	Transport map[string]int
	// Deferred counts good requests answered with a deferral; LateEdits
	// those whose edit never reached Webhooks within EditWait.
	Deferred, LateEdits int
	// Late counts good requests whose first reply (the answer or the
	// deferral) took longer than Discord waits (DiscordWindow): Discord
	// would have told the person the interaction failed.
	Late int
	// CPU is the process's CPU time (user + system) during the timed
	// phase, client and server together when they share the process;
	// zero where the platform cannot tell. Set against Elapsed it shows
	// whether the run had the machine's cores to itself.
	CPU time.Duration
}

// OK reports whether every request got the status it called for.
func (r Report) OK() bool { return r.UnexpectedCount == 0 }

// KindStats is one interaction kind's share of a run. Latency is until
// the person has the answer: the reply, or a deferred reply's edit.
// Edited counts replies answered at once that an edit completed later
// (a who-pledged answer's timeline picture), and EditP50/EditP99 time
// that edit's arrival from the request.
type KindStats struct {
	Count, Deferred, Late int
	P50, P99, Max         time.Duration
	Edited                int
	EditP50, EditP99      time.Duration
	latencies, edits      []time.Duration
}

func (k *KindStats) finish() {
	slices.Sort(k.latencies)
	k.P50, k.P99, k.Max = quantiles(k.latencies)
	slices.Sort(k.edits)
	k.Edited = len(k.edits)
	k.EditP50, k.EditP99, _ = quantiles(k.edits)
}

// quantiles are the median, 99th percentile and maximum of sorted ds.
func quantiles(ds []time.Duration) (p50, p99, max time.Duration) {
	k := len(ds)
	if k == 0 {
		return 0, 0, 0
	}
	return ds[k/2], ds[min(k-1, k*99/100)], ds[k-1]
}

// DiscordWindow is how long Discord waits for an interaction's first
// reply before it shows the person an error.
const DiscordWindow = 3 * time.Second

// transportCause names why a request got no reply, for Report.Transport.
func transportCause(err error) string {
	var ne net.Error
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed):
		return "closed"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return "reset"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "refused"
	case errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	}
	return "other"
}

func (r Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d requests in %s (%.0f/s): p50 %s  p99 %s  max %s\n",
		r.Requests, r.Elapsed.Round(time.Millisecond), float64(r.Requests)/r.Elapsed.Seconds(),
		r.P50.Round(time.Microsecond), r.P99.Round(time.Microsecond), r.Max.Round(time.Microsecond))
	if r.CPU > 0 {
		fmt.Fprintf(&b, "process CPU %s (%.2f cores, %s per request)\n", r.CPU.Round(time.Millisecond),
			r.CPU.Seconds()/r.Elapsed.Seconds(), (r.CPU / time.Duration(r.Requests)).Round(time.Microsecond))
	}
	keys := make([]string, 0, len(r.Statuses))
	for k := range r.Statuses {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "  %-22s %d\n", k, r.Statuses[k])
	}
	for _, k := range Kinds {
		if ks := r.Kinds[k]; ks != nil && ks.Count > 0 {
			fmt.Fprintf(&b, "  %-13s %6d  p50 %-10s p99 %-10s max %-10s deferred %d", k, ks.Count,
				ks.P50.Round(time.Microsecond), ks.P99.Round(time.Microsecond), ks.Max.Round(time.Microsecond), ks.Deferred)
			if ks.Edited > 0 {
				fmt.Fprintf(&b, "; %d completed by an edit, p50 %s p99 %s", ks.Edited, ks.EditP50.Round(time.Microsecond), ks.EditP99.Round(time.Microsecond))
			}
			b.WriteString("\n")
		}
	}
	if len(r.Transport) > 0 || r.LateEdits > 0 || r.Late > 0 {
		fmt.Fprintf(&b, "no reply: %v; first reply past Discord's %s: %d; deferred edits that never came: %d\n", r.Transport, DiscordWindow, r.Late, r.LateEdits)
	}
	fmt.Fprintf(&b, "unexpected: %d\n", r.UnexpectedCount)
	for _, u := range r.Unexpected {
		fmt.Fprintf(&b, "  %s\n", u)
	}
	return b.String()
}

// Run sends cfg.Requests requests and reports.
func Run(ctx context.Context, cfg Config) (Report, error) {
	if cfg.URL == "" || len(cfg.Key) != ed25519.PrivateKeySize {
		return Report{}, errors.New("loadtest: a URL and a private key are needed")
	}
	if cfg.Requests <= 0 {
		cfg.Requests = 20000
	}
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = 64
	}
	if cfg.FaultEvery <= 1 {
		cfg.FaultEvery = 7
	}
	if cfg.Mix == nil {
		cfg.Mix = DefaultMix()
	}
	if err := cfg.Mix.check(); err != nil {
		return Report{}, err
	}
	if cfg.EditWait <= 0 {
		cfg.EditWait = 35 * time.Second
	}
	u, err := url.Parse(cfg.URL)
	if err != nil || u.Scheme != "http" || u.Host == "" {
		return Report{}, fmt.Errorf("loadtest: %q is not an http:// URL", cfg.URL)
	}
	// Discord signs on its own machines: every request is built and signed
	// (fresh timestamp, ed25519 over timestamp + body) before the clock
	// starts, so our CPU spends the timed phase on serving, not signing.
	reqs := make([]request, cfg.Requests)
	for n := range reqs {
		reqs[n] = build(n, cfg, u)
	}
	// awaited is a good request whose edit may follow: a deferral, whose
	// latency is settled when its edit arrives, or an answer sent at once
	// that an edit may complete (an attachment). first is the first
	// reply's latency.
	type awaited struct {
		kind, token string
		start       time.Time
		first       time.Duration
	}
	tokensOf := func(as []awaited) []string {
		out := make([]string, len(as))
		for i, a := range as {
			out[i] = a.token
		}
		return out
	}
	var (
		next      atomic.Int64
		mu        sync.Mutex
		rep       = Report{Statuses: map[string]int{}, Kinds: map[string]*KindStats{}, Transport: map[string]int{}}
		latencies = make([]time.Duration, 0, cfg.Requests)
		deferrals []awaited
		direct    []awaited
		wg        sync.WaitGroup
		sent      atomic.Int64
	)
	kind := func(k string) *KindStats {
		ks := rep.Kinds[k]
		if ks == nil {
			ks = &KindStats{}
			rep.Kinds[k] = ks
		}
		return ks
	}
	cpu0 := processCPU()
	start := time.Now()
	var stopAt time.Time
	if cfg.Duration > 0 {
		stopAt = start.Add(cfg.Duration)
	}
	for w := 0; w < cfg.Concurrency; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer // this worker's reply buffer, reused
			var send sender = &wireConn{addr: u.Host}
			if cfg.Client != nil {
				send = httpSender{c: cfg.Client, u: u}
			}
			defer send.close()
			for ctx.Err() == nil {
				if !stopAt.IsZero() && time.Now().After(stopAt) {
					return
				}
				n := int(next.Add(1) - 1)
				if n >= cfg.Requests {
					return
				}
				sent.Add(1)
				req := reqs[n]
				if time.Since(req.signedAt) > resignAfter {
					// A run long enough for the window to matter: sign
					// again, as Discord would have signed it now.
					req = build(n, cfg, u)
				}
				t0 := time.Now()
				status, took, err := send.send(ctx, req, &buf)
				typ := 0
				if err == nil && status == http.StatusOK {
					typ, _ = responseType(buf.Bytes())
				}
				reqs[n] = request{} // let the body go
				mu.Lock()
				switch {
				case err != nil:
					rep.Transport[transportCause(err)]++
					rep.note(fmt.Sprintf("%s #%d: %v", req.what, n, err))
				default:
					rep.Statuses[req.what+" "+strconv.Itoa(status)]++
					if status != req.want {
						rep.note(fmt.Sprintf("%s #%d: status %d, want %d", req.what, n, status, req.want))
					}
					if !req.good {
						break
					}
					ks := kind(req.what)
					ks.Count++
					if took > DiscordWindow {
						ks.Late++
						rep.Late++
						rep.note(fmt.Sprintf("%s #%d: first reply after %s, past Discord's %s", req.what, n, took.Round(time.Millisecond), DiscordWindow))
					}
					if deferredType(typ) {
						ks.Deferred++
						rep.Deferred++
						if cfg.Webhooks != nil {
							deferrals = append(deferrals, awaited{req.what, token(cfg.Offset + n), t0, took})
							break
						}
					}
					latencies = append(latencies, took)
					ks.latencies = append(ks.latencies, took)
					if cfg.Webhooks != nil && !deferredType(typ) {
						direct = append(direct, awaited{req.what, token(cfg.Offset + n), t0, took})
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	rep.Elapsed = time.Since(start)
	rep.Requests = int(sent.Load())
	if cpu0 > 0 {
		rep.CPU = processCPU() - cpu0
	}
	// A deferred answer reaches the person when its edit does.
	if len(deferrals) > 0 {
		arrived := cfg.Webhooks.wait(ctx, tokensOf(deferrals), cfg.EditWait)
		for i, d := range deferrals {
			ks := kind(d.kind)
			at, ok := arrived[i], !arrived[i].IsZero()
			if !ok {
				rep.LateEdits++
				rep.note(fmt.Sprintf("%s %s: deferred, and no edit within %s of the run's end", d.kind, d.token, cfg.EditWait))
				continue
			}
			took := max(at.Sub(d.start), d.first)
			latencies = append(latencies, took)
			ks.latencies = append(ks.latencies, took)
		}
	}
	// Edits that complete answers sent at once: taken as they arrive
	// until none has for a second.
	if len(direct) > 0 {
		for i, at := range cfg.Webhooks.settle(ctx, tokensOf(direct), time.Second, cfg.EditWait) {
			if !at.IsZero() {
				ks := kind(direct[i].kind)
				ks.edits = append(ks.edits, at.Sub(direct[i].start))
			}
		}
	}
	slices.Sort(latencies)
	rep.P50, rep.P99, rep.Max = quantiles(latencies)
	for _, ks := range rep.Kinds {
		ks.finish()
	}
	return rep, ctx.Err()
}

// deferredType reports whether an interaction response type is a
// deferral (5: a message to come, 6: an update to come).
func deferredType(typ int) bool { return typ == 5 || typ == 6 }

// resignAfter is how old a pre-signed request may be before it is signed
// again at send time: well inside the server's 5-minute window.
const resignAfter = 4 * time.Minute

func (r *Report) note(s string) {
	r.UnexpectedCount++
	if len(r.Unexpected) < 10 {
		r.Unexpected = append(r.Unexpected, s)
	}
}

// request is one prepared request and the status it must get.
type request struct {
	what      string
	body      []byte
	sig, ts   string
	want      int
	good      bool
	noHeaders bool
	signedAt  time.Time
	head      []byte // request line and headers, for wireConn
}

// build makes the n-th request: a good one, or with Faults every
// FaultEvery-th a bad one of a rotating kind.
func build(n int, cfg Config, u *url.URL) request {
	now := time.Now()
	r := buildAt(n, cfg, now)
	r.signedAt = now
	r.head = head(u, r)
	return r
}

func buildAt(n int, cfg Config, now time.Time) request {
	kind, body := cfg.Mix.payload(cfg.Offset + n)
	if cfg.Faults && n%cfg.FaultEvery == cfg.FaultEvery-1 {
		switch (n / cfg.FaultEvery) % 6 {
		case 0: // signed by someone else
			_, other, _ := ed25519.GenerateKey(nil)
			sig, ts := bot.Sign(other, now, body)
			return request{what: "forged", body: body, sig: sig, ts: ts, want: http.StatusUnauthorized}
		case 1: // a replay from 6 minutes ago
			sig, ts := bot.Sign(cfg.Key, now.Add(-6*time.Minute), body)
			return request{what: "stale", body: body, sig: sig, ts: ts, want: http.StatusUnauthorized}
		case 2:
			return request{what: "unsigned", body: body, noHeaders: true, want: http.StatusUnauthorized}
		case 3: // correctly signed garbage
			bad := body[:len(body)/2]
			sig, ts := bot.Sign(cfg.Key, now, bad)
			return request{what: "malformed", body: bad, sig: sig, ts: ts, want: http.StatusBadRequest}
		case 4:
			odd := withType(body, 99)
			sig, ts := bot.Sign(cfg.Key, now, odd)
			return request{what: "unknown-type", body: odd, sig: sig, ts: ts, want: http.StatusBadRequest}
		default:
			big := append(bytes.Repeat([]byte(" "), bot.MaxBody), body...)
			sig, ts := bot.Sign(cfg.Key, now, big)
			return request{what: "oversized", body: big, sig: sig, ts: ts, want: http.StatusRequestEntityTooLarge}
		}
	}
	sig, ts := bot.Sign(cfg.Key, now, body)
	return request{what: kind, body: body, sig: sig, ts: ts, want: http.StatusOK, good: true}
}

// sender sends one request and reads the whole reply into buf; the
// latency runs from the first byte written to the reply's last byte read.
type sender interface {
	send(ctx context.Context, r request, buf *bytes.Buffer) (status int, took time.Duration, err error)
	close()
}

// httpSender sends through a net/http client.
type httpSender struct {
	c *http.Client
	u *url.URL
}

func (s httpSender) close() {}

func (s httpSender) send(ctx context.Context, r request, buf *bytes.Buffer) (int, time.Duration, error) {
	start := time.Now()
	h := make(http.Header, 3)
	h["Content-Type"] = []string{"application/json"}
	if !r.noHeaders {
		h["X-Signature-Ed25519"] = []string{r.sig}
		h["X-Signature-Timestamp"] = []string{r.ts}
	}
	body := r.body
	req := (&http.Request{
		Method: http.MethodPost, URL: s.u, Host: s.u.Host, Header: h,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body)),
		GetBody: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil },
	}).WithContext(ctx)
	resp, err := s.c.Do(req)
	if err != nil {
		return 0, 0, err
	}
	buf.Reset()
	_, err = buf.ReadFrom(resp.Body)
	resp.Body.Close()
	took := time.Since(start)
	if err != nil {
		return 0, 0, err
	}
	return checked(resp.StatusCode, took, buf.Bytes())
}

// checked passes a reply on, unless it is a 200 without a JSON
// interaction response, which does not count as one.
func checked(status int, took time.Duration, body []byte) (int, time.Duration, error) {
	if status == http.StatusOK {
		typ, err := responseType(body)
		if err != nil || typ < 1 || typ > 9 {
			return 0, 0, fmt.Errorf("200 without an interaction response: %.80q", body)
		}
		// Scanning every reply whole (several KiB of embeds) cost the
		// client ~6% of the machine the server runs on; every 16th is
		// checked whole, the http and e2e tests check every field.
		if checkedReplies.Add(1)%16 == 0 && !json.Valid(body) {
			return 0, 0, fmt.Errorf("200 with malformed JSON: %.80q", body)
		}
	}
	return status, took, nil
}

var checkedReplies atomic.Int64

// responseType reads the "type" of an interaction response, which the
// server writes first, without scanning the rest of the body.
func responseType(body []byte) (int, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return 0, errors.New("not an object")
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return 0, err
		}
		if key == "type" {
			var typ int
			err := dec.Decode(&typ)
			return typ, err
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return 0, err
		}
	}
	return 0, errors.New("no type")
}

// withType is body with its interaction type replaced.
func withType(body []byte, typ int) []byte {
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		panic(err) // payload() wrote it
	}
	m["type"] = typ
	b, _ := json.Marshal(m)
	return b
}
