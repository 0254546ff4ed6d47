package bot

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
)

// firstReply is the Responder's first answer to an interaction, handed to
// the HTTP handler that writes it as the response body; written says how
// that went.
type firstReply struct {
	resp     *discordgo.InteractionResponse
	panicked bool // the handler panicked: answer 500
	written  chan error
}

// answer hands the interaction to the shared Responder (respond.go), which
// decides between answering at once and deferring. Its first callback is
// this HTTP response; the Responder keeps running in the background for
// the edit after a deferral.
func (s *Server) answer(w http.ResponseWriter, i *discordgo.Interaction, received time.Time) {
	first := make(chan firstReply, 1)
	sent := atomic.Bool{}
	deliver := func(r firstReply) error {
		if !sent.CompareAndSwap(false, true) {
			return errors.New("second callback on one interaction")
		}
		r.written = make(chan error, 1)
		first <- r
		return <-r.written
	}
	s.pending.Add(1)
	handlers.Go(func() {
		defer s.pending.Done()
		s.responder.RespondSince(s.base, received, i, s.webhooks.transport(i, deliver))
	})

	r := <-first
	if r.panicked {
		http.Error(w, "internal error", http.StatusInternalServerError)
		r.written <- nil
		return
	}
	// Encode into a pooled buffer: json.Marshal would copy the result out
	// of its own buffer into a fresh slice for every reply.
	buf := getBuf()
	defer putBuf(buf)
	out := bytes.NewBuffer(*buf)
	if err := json.NewEncoder(out).Encode(r.resp); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		r.written <- fmt.Errorf("reply does not encode: %w", err)
		return
	}
	*buf = out.Bytes()
	writeJSON(w, http.StatusOK, *buf)
	r.written <- nil
}
