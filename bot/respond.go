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
	// Logger gets one line per interaction (nil: discard).
	Logger *slog.Logger
	// Transport names the transport in the log ("gateway", "http").
	Transport string
}

// Result is what happened to one interaction.
type Result struct {
	// Outcome: "answered", "deferred" (deferred, then edited), "error"
	// (the router failed; an apology was sent), "expired" (autocomplete
	// too slow: no choices sent) or "failed" (Discord refused a reply).
	Outcome  string
	Deferred bool
	Results  int // embeds or choices in the final reply
	Latency  time.Duration
	Err      error
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
	resp *discordgo.InteractionResponse
	err  error
}

// Respond runs the router on i and delivers its answer through t: as the
// first callback when it is ready within DeferAfter, otherwise as a
// deferral followed by an edit. ctx is the lifetime of the delivery (the
// bot's, not the request's); it returns once the final reply is sent.
func (r *Responder) Respond(ctx context.Context, i *discordgo.Interaction, t Transport) Result {
	start := time.Now()
	done := make(chan handled, 1)
	go func() {
		hctx, cancel := context.WithTimeout(ctx, r.handleTimeout())
		defer cancel()
		done <- r.run(hctx, i)
	}()

	timer := time.NewTimer(r.deferAfter())
	defer timer.Stop()
	var res Result
	select {
	case h := <-done:
		res = r.direct(ctx, i, t, h)
	case <-timer.C:
		res = r.deferred(ctx, i, t, done)
	}
	res.Latency = time.Since(start)
	r.log(ctx, i, res)
	return res
}

// run calls the router; a panic becomes an error so one bad interaction
// never takes the bot down.
func (r *Responder) run(ctx context.Context, i *discordgo.Interaction) (h handled) {
	defer func() {
		if p := recover(); p != nil {
			h = handled{err: fmt.Errorf("panic: %v\n%s", p, debug.Stack())}
		}
	}()
	if r.Router == nil {
		return handled{err: errors.New("no router")}
	}
	resp, err := r.Router.Handle(ctx, i)
	return handled{resp: resp, err: err}
}

// direct sends a finished answer as the first callback.
func (r *Responder) direct(ctx context.Context, i *discordgo.Interaction, t Transport, h handled) Result {
	res := Result{Outcome: "answered", Err: h.err}
	resp := h.resp
	if resp == nil {
		res.Outcome = "error"
		resp = fallback(i)
	} else if h.err != nil {
		res.Outcome = "error"
	}
	res.Results = resultsOf(resp)
	if err := t.Callback(ctx, resp); err != nil {
		res.Outcome, res.Err = "failed", errors.Join(h.err, fmt.Errorf("callback: %w", err))
	}
	return res
}

// deferred acknowledges now and finishes with an edit when the router is done.
func (r *Responder) deferred(ctx context.Context, i *discordgo.Interaction, t Transport, done <-chan handled) Result {
	res := Result{Outcome: "deferred", Deferred: true}
	ack := deferral(i)
	if err := t.Callback(ctx, ack); err != nil {
		<-done // let the handler finish before returning
		res.Outcome, res.Err = "failed", fmt.Errorf("deferral: %w", err)
		return res
	}
	h := <-done
	res.Err = h.err
	if ack.Type == discordgo.InteractionApplicationCommandAutocompleteResult {
		res.Outcome = "expired" // suggestions are useless once late
		return res
	}
	resp := h.resp
	if resp == nil || resp.Data == nil {
		res.Outcome = "error"
		resp = fallback(i)
	}
	res.Results = resultsOf(resp)
	if err := r.finish(ctx, t, ack, resp.Data); err != nil {
		res.Outcome, res.Err = "failed", errors.Join(h.err, err)
	}
	return res
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

// log writes the one line per interaction: what was asked, where, how
// long the reply took and how it went.
func (r *Responder) log(ctx context.Context, i *discordgo.Interaction, res Result) {
	if r.Logger == nil {
		return
	}
	level := slog.LevelInfo
	if res.Outcome == "failed" || res.Outcome == "error" {
		level = slog.LevelWarn
	}
	attrs := []slog.Attr{
		slog.String("transport", r.Transport),
		slog.String("type", i.Type.String()),
		slog.String("command", commandOf(i)),
		slog.String("guild", i.GuildID),
		slog.Duration("latency", res.Latency),
		slog.Int("results", res.Results),
		slog.Bool("deferred", res.Deferred),
		slog.String("outcome", res.Outcome),
	}
	if res.Err != nil {
		attrs = append(attrs, slog.String("err", res.Err.Error()))
	}
	r.Logger.LogAttrs(ctx, level, "discord reply", attrs...)
}

// commandOf names the command or the button's custom_id prefix (never
// the user's text).
func commandOf(i *discordgo.Interaction) string {
	switch d := i.Data.(type) {
	case discordgo.ApplicationCommandInteractionData:
		return d.Name
	case discordgo.MessageComponentInteractionData:
		id := d.CustomID
		for k, c := range id {
			if c == ':' {
				return id[:k]
			}
		}
		if len(id) > 16 {
			id = id[:16]
		}
		return id
	}
	return ""
}
