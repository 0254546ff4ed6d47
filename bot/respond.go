package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/bwmarrin/discordgo"
)

// The contract between the transports (gateway here, HTTP in serve mode)
// and the commands package:
//
//   - The router (Router, implemented by *commands.Router) is called once
//     per interaction with a context that carries the handling deadline
//     (Responder.HandleTimeout). It returns the complete response it would
//     send as the first callback: type 4 (message), 7 (update of the
//     button's message), 8 (autocomplete choices) or 1 (PONG). It never
//     defers and never talks to Discord itself.
//   - A nil response with an error means "nothing usable" (the Responder
//     answers with a short ephemeral apology); a response with an error
//     is sent and the error only logged.
//   - Every message response carries AllowedMentions with an empty parse
//     list and passes internal/discordcheck.
//   - Visibility: the `public:` boolean option (default true) is read
//     here to choose the deferral's flags, since Discord fixes a reply's
//     visibility when it is deferred.
//
// The Responder decides whether the answer goes out at once or after a
// deferral; it knows nothing about how bytes reach Discord (Transport).

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
}

// Responder answers interactions within Discord's 3 seconds.
type Responder struct {
	Router Router
	// DeferAfter is how long the router may take before the reply is
	// deferred and finished with an edit (default 2 s: inside 3 s with
	// room for the callback's round trip).
	DeferAfter time.Duration
	// HandleTimeout bounds the router's work (default 30 s; an edit is
	// possible for 15 minutes).
	HandleTimeout time.Duration
	// Logger gets the one line per interaction (nil: discard); the
	// router logs nothing, so this is the only one.
	Logger *slog.Logger
	// Metrics counts each interaction by command and outcome and times
	// its first answer, the same way for both transports (nil: none).
	Metrics *Metrics
	// Transport names the transport in the log ("gateway", "http").
	Transport string
}

// OutcomeRouter is a Router that also names how each interaction went
// (*commands.Router: ok, no_result, user_error, rate_limited,
// bad_request, unknown_command, cancelled, error). The Responder puts
// that finer outcome in its log line and metrics; with a plain Router it
// can only tell ok from error.
type OutcomeRouter interface {
	Router
	HandleOutcome(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, string, error)
}

// handleOutcome asks r for the outcome when it can name one ("" when not).
func handleOutcome(ctx context.Context, r Router, i *discordgo.Interaction) (*discordgo.InteractionResponse, string, error) {
	if o, ok := r.(OutcomeRouter); ok {
		return o.HandleOutcome(ctx, i)
	}
	resp, err := r.Handle(ctx, i)
	return resp, "", err
}

// PanicError is a handler's panic, recovered so one bad interaction never
// takes the process down; its outcome is "panic".
type PanicError struct {
	Value any
	Stack []byte
}

func (e *PanicError) Error() string { return fmt.Sprintf("panic: %v\n%s", e.Value, e.Stack) }

// Result is what happened to one interaction.
type Result struct {
	// Outcome is the router's (ok, no_result, user_error, rate_limited,
	// bad_request, unknown_command, cancelled, error), or "panic" (the
	// handler panicked; an apology was sent), "expired" (autocomplete too
	// slow: no choices sent) or "failed" (Discord refused a reply).
	Outcome  string
	Deferred bool // acknowledged first, answered with an edit or follow-up
	Results  int  // embeds or choices in the final reply
	// Latency is the time from receipt to the first answer sent to
	// Discord (the deferral when Deferred); Took is until the last reply.
	Latency, Took time.Duration
	Err           error
}

const apology = "Something went wrong while answering; please try again in a moment."

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

type handled struct {
	resp    *discordgo.InteractionResponse
	outcome string // the router's, "" when it names none
	err     error
}

// outcomeOf is how the router's work went, before delivery.
func outcomeOf(h handled) string {
	var pe *PanicError
	switch {
	case errors.As(h.err, &pe):
		return "panic"
	case h.outcome != "":
		return h.outcome
	case h.resp == nil && (errors.Is(h.err, context.Canceled) || errors.Is(h.err, context.DeadlineExceeded)):
		return "cancelled"
	case h.resp == nil || h.err != nil:
		return "error"
	}
	return "ok"
}

// Respond runs the router on i and delivers its answer through t: as the
// first callback when it is ready within DeferAfter, otherwise as a
// deferral followed by an edit. ctx is the lifetime of the delivery (the
// bot's, not the request's); it returns once the final reply is sent,
// after writing the interaction's one log line and its metrics.
func (r *Responder) Respond(ctx context.Context, i *discordgo.Interaction, t Transport) Result {
	return r.RespondSince(ctx, time.Now(), i, t)
}

// RespondSince is Respond for an interaction received at start (serve
// mode counts the signature check and decoding in the latency).
func (r *Responder) RespondSince(ctx context.Context, start time.Time, i *discordgo.Interaction, t Transport) Result {
	if r.Metrics != nil {
		r.Metrics.inFlight.Inc()
		defer r.Metrics.inFlight.Dec()
	}
	var first time.Duration // set by the one Callback, in this goroutine
	callback := t.Callback
	t.Callback = func(ctx context.Context, resp *discordgo.InteractionResponse) error {
		err := callback(ctx, resp)
		first = time.Since(start)
		return err
	}
	done := make(chan handled, 1)
	handlers.Go(func() { // a reused goroutine: see http_workers.go
		hctx, cancel := context.WithTimeout(ctx, r.handleTimeout())
		defer cancel()
		done <- r.run(hctx, i)
	})

	timer := time.NewTimer(r.deferAfter())
	defer timer.Stop()
	var res Result
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

// run calls the router; a panic becomes an error so one bad interaction
// never takes the bot down.
func (r *Responder) run(ctx context.Context, i *discordgo.Interaction) (h handled) {
	defer func() {
		if p := recover(); p != nil {
			h = handled{err: &PanicError{Value: p, Stack: debug.Stack()}}
		}
	}()
	if r.Router == nil {
		return handled{err: errors.New("no router")}
	}
	resp, outcome, err := handleOutcome(ctx, r.Router, i)
	return handled{resp: resp, outcome: outcome, err: err}
}

// direct sends a finished answer as the first callback.
func (r *Responder) direct(ctx context.Context, i *discordgo.Interaction, t Transport, h handled) Result {
	res := Result{Outcome: outcomeOf(h), Err: h.err}
	resp := h.resp
	if resp == nil {
		resp = fallback(i)
	}
	res.Results = resultsOf(resp)
	if err := t.Callback(ctx, resp); err != nil {
		res.Outcome, res.Err = failed(res.Outcome), errors.Join(h.err, fmt.Errorf("callback: %w", err))
	}
	return res
}

// deferred acknowledges now and finishes with an edit when the router is done.
func (r *Responder) deferred(ctx context.Context, i *discordgo.Interaction, t Transport, done <-chan handled) Result {
	res := Result{Deferred: true}
	ack := deferral(i)
	if err := t.Callback(ctx, ack); err != nil {
		h := <-done // let the handler finish before returning
		res.Outcome, res.Err = failed(outcomeOf(h)), errors.Join(h.err, fmt.Errorf("deferral: %w", err))
		return res
	}
	h := <-done
	res.Outcome, res.Err = outcomeOf(h), h.err
	if ack.Type == discordgo.InteractionApplicationCommandAutocompleteResult {
		res.Outcome = "expired" // suggestions are useless once late
		return res
	}
	resp := h.resp
	if resp == nil || resp.Data == nil {
		if res.Outcome == "ok" {
			res.Outcome = "error" // nothing an edit could carry
		}
		resp = fallback(i)
	}
	res.Results = resultsOf(resp)
	if err := r.finish(ctx, t, ack, resp.Data); err != nil {
		res.Outcome, res.Err = failed(res.Outcome), errors.Join(h.err, err)
	}
	return res
}

// failed is the outcome when Discord refused the reply; a panic stays a
// panic, the cause worth seeing.
func failed(outcome string) string {
	if outcome == "panic" {
		return outcome
	}
	return "failed"
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
	return &discordgo.WebhookEdit{Content: &content, Embeds: &embeds, Components: &components, AllowedMentions: noMentions()}
}

func followupOf(d *discordgo.InteractionResponseData) *discordgo.WebhookParams {
	return &discordgo.WebhookParams{Content: d.Content, Embeds: d.Embeds, Components: d.Components,
		Flags: d.Flags, AllowedMentions: noMentions()}
}

func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// deferral is the "thinking…" answer: a command defers a new message
// (private when public:false), a button press defers an update of its own
// message, and autocomplete, which cannot defer, gets no choices.
func deferral(i *discordgo.Interaction) *discordgo.InteractionResponse {
	switch i.Type {
	case discordgo.InteractionApplicationCommandAutocomplete:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{}}}
	case discordgo.InteractionMessageComponent:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}
	}
	resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
	if private(i) {
		resp.Data = &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}
	}
	return resp
}

// private reports public:false on a command.
func private(i *discordgo.Interaction) bool {
	if i.Type != discordgo.InteractionApplicationCommand {
		return false
	}
	d, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
	if !ok {
		return false
	}
	for _, o := range d.Options {
		if o != nil && o.Name == "public" && o.Type == discordgo.ApplicationCommandOptionBoolean {
			b, ok := o.Value.(bool)
			return ok && !b
		}
	}
	return false
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
		Data: &discordgo.InteractionResponseData{Content: apology, Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions()}}
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
func (r *Responder) record(ctx context.Context, i *discordgo.Interaction, res Result) {
	command := commandLabel(i)
	if r.Metrics != nil {
		r.Metrics.Interaction(kindOf(i), command, res.Outcome, res.Latency)
	}
	if r.Logger == nil {
		return
	}
	level := slog.LevelInfo
	switch res.Outcome {
	case "error", "panic":
		level = slog.LevelError
	case "failed", "expired":
		level = slog.LevelWarn
	}
	attrs := []slog.Attr{
		slog.String("transport", r.Transport),
		slog.String("type", kindOf(i)),
		slog.String("command", command),
		slog.String("guild", i.GuildID),
		slog.Duration("latency", res.Latency),
		slog.Int("results", res.Results),
		slog.String("outcome", res.Outcome),
		slog.Bool("deferred", res.Deferred),
	}
	if res.Deferred {
		attrs = append(attrs, slog.Duration("took", res.Took))
	}
	if res.Err != nil {
		attrs = append(attrs, slog.String("err", res.Err.Error()))
	}
	r.Logger.LogAttrs(ctx, level, "interaction", attrs...)
}
