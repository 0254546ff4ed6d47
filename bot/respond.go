package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"talkbot/commands"
	"time"

	"github.com/bwmarrin/discordgo"
)

// The contract between the transports (gateway here, HTTP in serve mode)
// and the handler (serving.Current, which passes each interaction to the
// commands.Router of the generation being served):
//
//   - Handle is called once per interaction with a context that carries
//     the handling deadline (Responder.HandleTimeout). Its Reply holds the
//     complete response it would send as the first callback: type 4
//     (message), 7 (update of the button's message), 8 (autocomplete
//     choices) or 1 (PONG). It never defers and never talks to Discord.
//   - A nil Response means "nothing usable" (the Responder answers with a
//     short ephemeral apology); a Response with an Err is sent and the
//     error only logged.
//   - Every message response carries AllowedMentions with an empty parse
//     list and passes internal/discordcheck.
//   - Ephemeral says, before the answer is ready, whether it will be
//     private, so a deferral gets the right flags (Discord fixes a
//     reply's visibility when it is deferred).
//
// The Responder decides whether the answer goes out at once or after a
// deferral, and recovers a handler's panic; it knows nothing about how
// bytes reach Discord (Transport).

// Handler answers interactions: serving.Current in the running bot, a
// *commands.Router (or a stand-in) in tests.
type Handler interface {
	Handle(ctx context.Context, i *discordgo.Interaction) commands.Reply
	Ephemeral(i *discordgo.Interaction) bool
}

// Transport carries one interaction's replies to Discord.
type Transport struct {
	// Callback sends the first response: POST .../callback on the
	// gateway, the HTTP response body in serve mode. Called exactly once.
	Callback func(ctx context.Context, resp *discordgo.InteractionResponse) error
	// Edit replaces the original response after a deferral.
	Edit func(ctx context.Context, edit *discordgo.WebhookEdit) error
	// Followup sends a new message in the interaction's thread of replies;
	// Delete removes the original response. Both optional: with them an
	// ephemeral answer to a public deferral stays private (the "thinking"
	// message is deleted and the answer follows as an ephemeral message).
	Followup func(ctx context.Context, msg *discordgo.WebhookParams) error
	Delete   func(ctx context.Context) error
	// Panicked, optional, answers a handler's panic when no reply has
	// gone out yet, instead of the apology: HTTP mode answers 500, so a
	// proxy or Discord sees the failure for what it is.
	Panicked func(ctx context.Context) error
}

// Responder answers interactions within Discord's 3 seconds.
type Responder struct {
	Handler Handler
	// DeferAfter is how long the router may take before the reply is
	// deferred and finished with an edit (default 2 s: inside 3 s with
	// room for the callback's round trip).
	DeferAfter time.Duration
	// HandleTimeout bounds the router's work (default 30 s; an edit is
	// possible for 15 minutes).
	HandleTimeout time.Duration
	// Logger gets the one line per interaction (nil: discard); the
	// handler logs nothing, so this is the only one.
	Logger *slog.Logger
	// Metrics counts each interaction by command and outcome and times
	// its first answer, the same way for both transports (nil: none).
	Metrics *Metrics
	// Transport names the transport in the log ("gateway", "http").
	Transport string
}

// PanicError is a handler's panic, recovered so one bad interaction never
// takes the process down; its outcome is "panic".
type PanicError struct {
	Value any
	Stack []byte
}

func (e *PanicError) Error() string { return fmt.Sprintf("panic: %v\n%s", e.Value, e.Stack) }

// The outcomes the Responder adds to the router's.
const (
	// outcomePanic: the handler panicked; an apology (or a 500) was sent.
	outcomePanic commands.Outcome = "panic"
	// outcomeExpired: autocomplete was too slow, so no choices were sent.
	outcomeExpired commands.Outcome = "expired"
	// outcomeFailed: Discord refused a reply.
	outcomeFailed commands.Outcome = "failed"
)

// Delivery is what happened to one interaction.
type Delivery struct {
	// Outcome is the router's (see commands.Outcome), or panic, expired
	// or failed.
	Outcome  commands.Outcome
	Deferred bool // acknowledged first, answered with an edit or follow-up
	// Attached: answered at once, and its files added by an edit after.
	Attached bool
	Results  int // embeds or choices in the final reply
	// Latency is the time from receipt to the first answer sent to
	// Discord (the deferral when Deferred); Took is until the last reply.
	Latency, Took time.Duration
	Err           error
}

func (r *Responder) deferAfter() time.Duration {
	if r.DeferAfter > 0 {
		return r.DeferAfter
	}
	return 2 * time.Second
}

func (r *Responder) handleTimeout() time.Duration {
	if r.HandleTimeout > 0 {
		return r.HandleTimeout
	}
	return 30 * time.Second
}

// outcomeOf is how the handler's work went, before delivery.
func outcomeOf(h commands.Reply) commands.Outcome {
	var pe *PanicError
	switch {
	case errors.As(h.Err, &pe):
		return outcomePanic
	case h.Outcome != "":
		return h.Outcome
	case h.Response == nil && (errors.Is(h.Err, context.Canceled) || errors.Is(h.Err, context.DeadlineExceeded)):
		return commands.OutcomeCancelled
	case h.Response == nil || h.Err != nil:
		return commands.OutcomeError
	}
	return commands.OutcomeOK
}

func panicked(h commands.Reply) bool {
	var pe *PanicError
	return errors.As(h.Err, &pe)
}

// Respond runs the router on i and delivers its answer through t: as the
// first callback when it is ready within DeferAfter, otherwise as a
// deferral followed by an edit. ctx is the lifetime of the delivery (the
// bot's, not the request's); it returns once the final reply is sent,
// after writing the interaction's one log line and its metrics.
func (r *Responder) Respond(ctx context.Context, i *discordgo.Interaction, t Transport) Delivery {
	return r.RespondSince(ctx, time.Now(), i, t)
}

// RespondSince is Respond for an interaction received at start (serve
// mode counts the signature check and decoding in the latency).
func (r *Responder) RespondSince(ctx context.Context, start time.Time, i *discordgo.Interaction, t Transport) Delivery {
	if r.Metrics != nil {
		r.Metrics.inFlight.Inc()
		defer r.Metrics.inFlight.Dec()
	}
	var first time.Duration // set by the one Callback (or Panicked), in this goroutine
	callback := t.Callback
	t.Callback = func(ctx context.Context, resp *discordgo.InteractionResponse) error {
		err := callback(ctx, resp)
		first = time.Since(start)
		return err
	}
	if p := t.Panicked; p != nil {
		t.Panicked = func(ctx context.Context) error {
			err := p(ctx)
			first = time.Since(start)
			return err
		}
	}
	done := make(chan commands.Reply, 1)
	handlers.Go(func() { // a reused goroutine: see http_workers.go
		hctx, cancel := context.WithTimeout(ctx, r.handleTimeout())
		defer cancel()
		done <- r.run(hctx, i)
	})

	timer := time.NewTimer(r.deferAfter())
	defer timer.Stop()
	var res Delivery
	select {
	case h := <-done:
		res = r.direct(ctx, i, t, h)
	case <-timer.C:
		res = r.deferred(ctx, i, t, done)
	}
	res.Took, res.Latency = time.Since(start), first
	r.record(ctx, i, res)
	return res
}

// run calls the handler. This is the one place a panic is recovered: it
// becomes an error so one bad interaction never takes the bot down.
func (r *Responder) run(ctx context.Context, i *discordgo.Interaction) (h commands.Reply) {
	defer func() {
		if p := recover(); p != nil {
			h = commands.Reply{Outcome: outcomePanic, Err: &PanicError{Value: p, Stack: debug.Stack()}}
		}
	}()
	if r.Handler == nil {
		return commands.Reply{Err: errors.New("no handler")}
	}
	return r.Handler.Handle(ctx, i)
}

// direct sends a finished answer as the first callback.
func (r *Responder) direct(ctx context.Context, i *discordgo.Interaction, t Transport, h commands.Reply) Delivery {
	res := Delivery{Outcome: outcomeOf(h), Err: h.Err}
	if panicked(h) && t.Panicked != nil {
		if err := t.Panicked(ctx); err != nil {
			res.Err = errors.Join(h.Err, fmt.Errorf("answering the panic: %w", err))
		}
		return res
	}
	resp := h.Response
	if resp == nil {
		resp = fallback(i)
	}
	res.Results = resultsOf(resp)
	if resp.Data != nil && len(resp.Data.Files) > 0 {
		// Files cannot ride in the HTTP answer to an interaction (Discord
		// fails it), so the answer goes out at once without them and an
		// edit adds them: the person reads the answer without waiting for
		// an upload, and its picture follows. Both transports do the same.
		res.Attached = true
		if err := t.Callback(ctx, withoutFiles(resp)); err != nil {
			res.Outcome, res.Err = failed(res.Outcome), errors.Join(h.Err, fmt.Errorf("callback: %w", err))
			return res
		}
		if err := t.Edit(ctx, EditOf(resp.Data)); err != nil {
			res.Outcome, res.Err = failed(res.Outcome), errors.Join(h.Err, fmt.Errorf("attaching files: %w", err))
		}
		return res
	}
	if err := t.Callback(ctx, resp); err != nil {
		res.Outcome, res.Err = failed(res.Outcome), errors.Join(h.Err, fmt.Errorf("callback: %w", err))
	}
	return res
}

// withoutFiles is resp with its files left out, and every embed image
// that shows one of them ("attachment://NAME") with it, so the first
// reply shows no broken image.
func withoutFiles(resp *discordgo.InteractionResponse) *discordgo.InteractionResponse {
	d := *resp.Data
	d.Files = nil
	d.Embeds = make([]*discordgo.MessageEmbed, len(resp.Data.Embeds))
	for k, e := range resp.Data.Embeds {
		if e != nil && e.Image != nil && strings.HasPrefix(e.Image.URL, "attachment://") {
			c := *e
			c.Image = nil
			e = &c
		}
		d.Embeds[k] = e
	}
	return &discordgo.InteractionResponse{Type: resp.Type, Data: &d}
}

// deferred acknowledges now and finishes with an edit when the router is done.
func (r *Responder) deferred(ctx context.Context, i *discordgo.Interaction, t Transport, done <-chan commands.Reply) Delivery {
	res := Delivery{Deferred: true}
	ack := r.deferral(i)
	if err := t.Callback(ctx, ack); err != nil {
		h := <-done // let the handler finish before returning
		res.Outcome, res.Err = failed(outcomeOf(h)), errors.Join(h.Err, fmt.Errorf("deferral: %w", err))
		return res
	}
	h := <-done
	res.Outcome, res.Err = outcomeOf(h), h.Err
	if ack.Type == discordgo.InteractionApplicationCommandAutocompleteResult {
		res.Outcome = outcomeExpired // suggestions are useless once late
		return res
	}
	resp := h.Response
	if resp == nil || resp.Data == nil {
		if res.Outcome == commands.OutcomeOK {
			res.Outcome = commands.OutcomeError // nothing an edit could carry
		}
		resp = fallback(i)
	}
	res.Results = resultsOf(resp)
	if err := r.finish(ctx, t, ack, resp.Data); err != nil {
		res.Outcome, res.Err = failed(res.Outcome), errors.Join(h.Err, err)
	}
	return res
}

// failed is the outcome when Discord refused the reply; a panic stays a
// panic, the cause worth seeing.
func failed(outcome commands.Outcome) commands.Outcome {
	if outcome == outcomePanic {
		return outcome
	}
	return outcomeFailed
}

// finish puts the answer where the deferral promised it.
func (r *Responder) finish(ctx context.Context, t Transport, ack *discordgo.InteractionResponse, d *discordgo.InteractionResponseData) error {
	ackEphemeral := ack.Data != nil && ack.Data.Flags&discordgo.MessageFlagsEphemeral != 0
	wantEphemeral := d.Flags&discordgo.MessageFlagsEphemeral != 0
	// A button press deferred as an update edits the button's message; a
	// private notice ("only the asker may page") must not replace it.
	// Likewise a private answer must not land in a public deferral.
	if wantEphemeral && !ackEphemeral && t.Followup != nil {
		if ack.Type == discordgo.InteractionResponseDeferredChannelMessageWithSource && t.Delete != nil {
			if err := t.Delete(ctx); err != nil {
				return fmt.Errorf("delete deferral: %w", err)
			}
		}
		if ack.Type == discordgo.InteractionResponseDeferredChannelMessageWithSource || ack.Type == discordgo.InteractionResponseDeferredMessageUpdate {
			if err := t.Followup(ctx, followupOf(d)); err != nil {
				return fmt.Errorf("follow-up: %w", err)
			}
			return nil
		}
	}
	if err := t.Edit(ctx, EditOf(d)); err != nil {
		return fmt.Errorf("edit: %w", err)
	}
	return nil
}

// EditOf turns response data into a full replacement of the original
// message: content, embeds and components all set (empty clears them),
// and allowed_mentions set, since a WebhookEdit leaves it out otherwise.
func EditOf(d *discordgo.InteractionResponseData) *discordgo.WebhookEdit {
	content := d.Content
	embeds := d.Embeds
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	components := d.Components
	if components == nil {
		components = []discordgo.MessageComponent{}
	}
	return &discordgo.WebhookEdit{Content: &content, Embeds: &embeds, Components: &components, AllowedMentions: commands.NoMentions(),
		Files: d.Files}
}

func followupOf(d *discordgo.InteractionResponseData) *discordgo.WebhookParams {
	return &discordgo.WebhookParams{Content: d.Content, Embeds: d.Embeds, Components: d.Components,
		Flags: d.Flags, AllowedMentions: commands.NoMentions(), Files: d.Files}
}

// deferral is the "thinking…" answer: a command defers a new message
// (private when the handler says the reply will be), a button press
// defers an update of its own message, and autocomplete, which cannot
// defer, gets no choices.
func (r *Responder) deferral(i *discordgo.Interaction) *discordgo.InteractionResponse {
	switch i.Type {
	case discordgo.InteractionApplicationCommandAutocomplete:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{}}}
	case discordgo.InteractionMessageComponent:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}
	}
	resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
	if r.Handler != nil && r.Handler.Ephemeral(i) {
		resp.Data = &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}
	}
	return resp
}

// fallback is the reply when the router gave none.
func fallback(i *discordgo.Interaction) *discordgo.InteractionResponse {
	switch i.Type {
	case discordgo.InteractionPing:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}
	case discordgo.InteractionApplicationCommandAutocomplete:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{}}}
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: commands.Apology, Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: commands.NoMentions()}}
}

func resultsOf(resp *discordgo.InteractionResponse) int {
	if resp == nil || resp.Data == nil {
		return 0
	}
	if resp.Type == discordgo.InteractionApplicationCommandAutocompleteResult {
		return len(resp.Data.Choices)
	}
	return len(resp.Data.Embeds)
}

// record writes the one line per interaction (what was asked, where,
// how long the first answer took, how many results and how it went) and
// the same facts to the metrics.
func (r *Responder) record(ctx context.Context, i *discordgo.Interaction, res Delivery) {
	command := commandLabel(i)
	if r.Metrics != nil {
		r.Metrics.Interaction(kindOf(i), command, string(res.Outcome), res.Latency)
	}
	if r.Logger == nil {
		return
	}
	level := slog.LevelInfo
	switch res.Outcome {
	case commands.OutcomeError, outcomePanic:
		level = slog.LevelError
	case outcomeFailed, outcomeExpired:
		level = slog.LevelWarn
	}
	attrs := []slog.Attr{
		slog.String("transport", r.Transport),
		slog.String("type", kindOf(i)),
		slog.String("command", command),
		slog.String("guild", i.GuildID),
		slog.Duration("latency", res.Latency),
		slog.Int("results", res.Results),
		slog.String("outcome", string(res.Outcome)),
		slog.Bool("deferred", res.Deferred),
	}
	if res.Attached {
		attrs = append(attrs, slog.Bool("attached", true))
	}
	if res.Deferred || res.Attached {
		attrs = append(attrs, slog.Duration("took", res.Took))
	}
	if res.Err != nil {
		attrs = append(attrs, slog.String("err", Redact(res.Err.Error(), "")))
	}
	r.Logger.LogAttrs(ctx, level, "interaction", attrs...)
}
