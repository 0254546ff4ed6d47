package bot

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// interactions is the endpoint Discord POSTs to. The checks run cheapest
// first: headers, then the size-capped body, then the signature, then
// the JSON.
func (s *Server) interactions(w http.ResponseWriter, r *http.Request) {
	received := time.Now() // for latency; cfg.Now (maybe a test's clock) for the signature
	start := s.cfg.Now()
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		s.reject(w, http.StatusMethodNotAllowed, "POST interactions here")
		return
	}
	ts := r.Header.Get("X-Signature-Timestamp")
	sig, err := checkHeaders(r.Header.Get("X-Signature-Ed25519"), ts, start)
	if err != nil {
		s.unauthorized(w, r, err)
		return
	}
	if r.ContentLength > MaxBody {
		s.reject(w, http.StatusRequestEntityTooLarge, "body over "+strconv.Itoa(MaxBody)+" bytes")
		return
	}
	// One pooled buffer holds timestamp + body: the signed message as it
	// is, with no copy, and the body decoded from it once.
	msg := getBuf()
	defer putBuf(msg)
	*msg = append((*msg)[:0], ts...)
	*msg, err = readBody(*msg, http.MaxBytesReader(w, r.Body, MaxBody), r.ContentLength)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.reject(w, http.StatusRequestEntityTooLarge, "body over "+strconv.Itoa(MaxBody)+" bytes")
			return
		}
		s.reject(w, http.StatusBadRequest, "body could not be read")
		return
	}
	if err := verify(s.cfg.PublicKey, sig, *msg); err != nil {
		s.unauthorized(w, r, err)
		return
	}
	// The decoded interaction copies what it keeps, so the buffer may go
	// back to the pool when this handler returns.
	i, err := decodeInteraction((*msg)[len(ts):])
	if err != nil {
		s.reject(w, http.StatusBadRequest, err.Error())
		return
	}
	if i.Type == discordgo.InteractionPing {
		writeJSON(w, http.StatusOK, []byte(`{"type":1}`))
		s.cfg.Metrics.Interaction("ping", "ping", "ok", time.Since(received))
		return
	}
	s.answer(w, i, received)
}

// unauthorized answers 401, as Discord's own probes with bad signatures
// expect; anything else makes Discord drop the endpoint.
func (s *Server) unauthorized(w http.ResponseWriter, r *http.Request, err error) {
	s.cfg.Metrics.sigFailures.WithLabelValues(signatureReason(err)).Inc()
	s.cfg.Logger.Debug("refused interaction", "status", http.StatusUnauthorized, "why", err, "remote", r.RemoteAddr)
	s.reject(w, http.StatusUnauthorized, "invalid request signature")
}

func (s *Server) reject(w http.ResponseWriter, status int, msg string) {
	s.cfg.Metrics.rejected.WithLabelValues(strconv.Itoa(status)).Inc()
	http.Error(w, msg, status)
}

func writeJSON(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// kindOf is the interaction kind for the latency histogram.
func kindOf(i *discordgo.Interaction) string {
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		return "command"
	case discordgo.InteractionApplicationCommandAutocomplete:
		return "autocomplete"
	case discordgo.InteractionMessageComponent:
		return "component"
	case discordgo.InteractionModalSubmit:
		return "modal"
	}
	return "other"
}

// commandLabel names the command, or the custom_id prefix of a button,
// for the metric label; it is bounded so a label can never grow large.
func commandLabel(i *discordgo.Interaction) string {
	switch d := i.Data.(type) {
	case discordgo.ApplicationCommandInteractionData:
		return boundLabel(d.Name)
	case discordgo.MessageComponentInteractionData:
		if k := strings.IndexByte(d.CustomID, ':'); k > 0 {
			return "button:" + boundLabel(d.CustomID[:k])
		}
		return "button"
	}
	return "other"
}

func boundLabel(s string) string {
	if len(s) > 32 {
		return "other"
	}
	return s
}
