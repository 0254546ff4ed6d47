package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
)

// answer hands the interaction to the shared Responder (respond.go), which
// decides between answering at once and deferring. Its first callback is
// this HTTP response; the Responder keeps running in the background for
// the edit after a deferral, holding the index generation until done.
func (s *Server) answer(w http.ResponseWriter, i *discordgo.Interaction, received time.Time) {
	g, release, ok := s.cfg.Current.Acquire()
	if !ok {
		s.reject(w, http.StatusServiceUnavailable, "shutting down")
		return
	}
	guard := &panicGuard{Router: g.Router}
	type callback struct {
		resp    *discordgo.InteractionResponse
		written chan error
	}
	first := make(chan callback, 1)
	firstOnce := atomic.Bool{}
	deliver := func(resp *discordgo.InteractionResponse) error {
		if !firstOnce.CompareAndSwap(false, true) {
			return errors.New("second callback on one interaction")
		}
		cb := callback{resp: resp, written: make(chan error, 1)}
		first <- cb
		return <-cb.written
	}
	// The Responder writes the one log line and the metrics, as in
	// gateway mode; its latency runs to this response being written.
	responder := &Responder{Router: guard, DeferAfter: s.cfg.DeferAfter, HandleTimeout: s.cfg.HandleTimeout,
		Logger: s.cfg.Logger, Metrics: s.cfg.Metrics, Transport: "http"}

	s.pending.Add(1)
	handlers.Go(func() {
		defer s.pending.Done()
		defer release()
		responder.RespondSince(s.base, received, i, s.webhooks.transport(i, deliver))
	})

	cb := <-first
	if guard.panicked.Load() {
		// The Responder would apologise; the contract is a 500, so a
		// proxy or Discord sees the failure for what it is.
		http.Error(w, "internal error", http.StatusInternalServerError)
		cb.written <- errors.New("handler panicked: answered 500")
		return
	}
	// Encode into a pooled buffer: json.Marshal would copy the result out
	// of its own buffer into a fresh slice for every reply.
	buf := getBuf()
	defer putBuf(buf)
	out := bytes.NewBuffer(*buf)
	if err := json.NewEncoder(out).Encode(cb.resp); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		cb.written <- fmt.Errorf("reply does not encode: %w", err)
		return
	}
	*buf = out.Bytes()
	writeJSON(w, http.StatusOK, *buf)
	cb.written <- nil
}

// panicGuard turns a handler panic into a *PanicError (logged with its
// stack in the interaction's line) and remembers it so the reply can be
// a 500.
type panicGuard struct {
	Router
	panicked atomic.Bool
}

func (p *panicGuard) Handle(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
	resp, _, err := p.HandleOutcome(ctx, i)
	return resp, err
}

func (p *panicGuard) HandleOutcome(ctx context.Context, i *discordgo.Interaction) (resp *discordgo.InteractionResponse, outcome string, err error) {
	defer func() {
		if v := recover(); v != nil {
			p.panicked.Store(true)
			resp, outcome, err = nil, "panic", &PanicError{Value: v, Stack: debug.Stack()}
		}
	}()
	return handleOutcome(ctx, p.Router, i)
}
