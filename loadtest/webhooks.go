package loadtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Webhooks stands in for Discord's REST API on loopback, for a server
// under load: it takes the edits and follow-ups that finish deferred
// replies (set the server's DISCORD_REST_URL to URL()), answers as Discord
// would, and notes when each interaction's answer arrived, by token.
// Nothing reaches Discord.
type Webhooks struct {
	srv  *http.Server
	ln   net.Listener
	errc chan error

	mu      sync.Mutex
	arrived map[string]time.Time
	changed chan struct{} // closed and replaced at every arrival
	other   int           // requests that were not a webhook reply
}

// NewWebhooks listens on a free loopback port.
func NewWebhooks() (*Webhooks, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	w := &Webhooks{ln: ln, errc: make(chan error, 1), arrived: map[string]time.Time{}, changed: make(chan struct{})}
	w.srv = &http.Server{Handler: w, ReadHeaderTimeout: 10 * time.Second}
	go func() { w.errc <- w.srv.Serve(ln) }()
	return w, nil
}

// URL is the base URL to give the server as DISCORD_REST_URL.
func (w *Webhooks) URL() string { return "http://" + w.ln.Addr().String() }

// Close stops the stand-in.
func (w *Webhooks) Close() error {
	err := w.srv.Close()
	if serr := <-w.errc; !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, serr)
	}
	return err
}

// Other counts requests that were neither an edit, a follow-up nor a
// delete of an interaction's reply: the server asked Discord for
// something a load run does not expect.
func (w *Webhooks) Other() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.other
}

// ServeHTTP takes /api/v*/webhooks/APP/TOKEN/messages/@original (PATCH:
// the edit; DELETE) and /api/v*/webhooks/APP/TOKEN (POST: a follow-up,
// which carries the answer when a private reply follows a public
// deferral).
func (w *Webhooks) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	now := time.Now()
	_, _ = io.Copy(io.Discard, io.LimitReader(r.Body, 8<<20))
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	// api, v10, webhooks, APP, TOKEN[, messages, @original]
	ok := len(parts) >= 5 && parts[0] == "api" && parts[2] == "webhooks"
	tok := ""
	if ok {
		tok = parts[4]
	}
	answer := false
	switch {
	case ok && len(parts) == 7 && parts[5] == "messages" && parts[6] == "@original" && r.Method == http.MethodPatch:
		answer = true
	case ok && len(parts) == 5 && r.Method == http.MethodPost:
		answer = true
	case ok && len(parts) == 7 && r.Method == http.MethodDelete:
		rw.WriteHeader(http.StatusNoContent)
		return
	default:
		w.mu.Lock()
		w.other++
		w.mu.Unlock()
		http.Error(rw, `{"message": "404: Not Found", "code": 0}`, http.StatusNotFound)
		return
	}
	if answer {
		w.mu.Lock()
		if _, seen := w.arrived[tok]; !seen {
			w.arrived[tok] = now
			close(w.changed)
			w.changed = make(chan struct{})
		}
		w.mu.Unlock()
	}
	rw.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(rw, `{"id":"1500000000000000005","channel_id":"1300000000000000003","type":0,"content":"","author":{"id":%q,"username":"talkbot","discriminator":"0","bot":true}}`, appID)
}

// wait returns when each token's answer arrived (zero where it did not),
// waiting up to d for the last ones.
func (w *Webhooks) wait(ctx context.Context, tokens []string, d time.Duration) []time.Time {
	deadline := time.NewTimer(d)
	defer deadline.Stop()
	out := make([]time.Time, len(tokens))
	for {
		w.mu.Lock()
		missing := 0
		for i, t := range tokens {
			if out[i].IsZero() {
				out[i] = w.arrived[t]
				if out[i].IsZero() {
					missing++
				}
			}
		}
		changed := w.changed
		w.mu.Unlock()
		if missing == 0 {
			return out
		}
		select {
		case <-changed:
		case <-deadline.C:
			return out
		case <-ctx.Done():
			return out
		}
	}
}

// settle waits until no answer has arrived for quiet (edits still on
// their way after the last reply), or at most d, and returns when each
// of tokens got one (zero where none did).
func (w *Webhooks) settle(ctx context.Context, tokens []string, quiet, d time.Duration) []time.Time {
	deadline := time.NewTimer(d)
	defer deadline.Stop()
	for {
		w.mu.Lock()
		changed := w.changed
		w.mu.Unlock()
		idle := time.NewTimer(quiet)
		select {
		case <-changed:
			idle.Stop()
			continue
		case <-idle.C:
		case <-deadline.C:
			idle.Stop()
		case <-ctx.Done():
			idle.Stop()
		}
		break
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]time.Time, len(tokens))
	for i, t := range tokens {
		out[i] = w.arrived[t]
	}
	return out
}
