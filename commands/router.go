package commands

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"
	"unicode/utf8"

	"golang.org/x/sync/singleflight"

	"github.com/bwmarrin/discordgo"

	"talkbot/answer"
	"talkbot/internal/lru"
)

// Deps is what the router needs, passed in once by main.
type Deps struct {
	// Engine answers every question. Required.
	Engine *answer.Engine
	// Limiter is the per-user rate limit, shared by every Router built
	// for one process (one per index generation) so a reload does not
	// refill the buckets. Nil: a new one from RateLimit, for this Router
	// alone.
	Limiter *Limiter
	// RateLimit configures the Limiter made when Limiter is nil (zero
	// fields: defaults).
	RateLimit RateLimit
	// Now is the clock (nil: time.Now); tests pass a fixed one.
	Now func() time.Time
	// Articles adds articles for /add-article (nil: not enabled).
	Articles ArticleAdder
}

// Router maps every interaction to its command: application commands by
// name, autocomplete by command and focused option, components by
// custom_id. It holds no per-conversation state, so any number of
// replicas can answer any interaction.
type Router struct {
	engine   *answer.Engine
	articles ArticleAdder
	now      func() time.Time
	limit    *Limiter
	commands []*command
	byName   map[string]*command
	// timelines are who-pledged's PNGs by topic, drawn once per
	// generation (the router is made per generation).
	timelines *lru.Cache[string, []byte]
	drawing   singleflight.Group // timelines being drawn
}

// cachedTimelines bounds the PNGs a router keeps (tens of KB each).
const cachedTimelines = 64

// NewRouter builds the router over deps, with every registered command.
func NewRouter(deps Deps) *Router {
	r := &Router{engine: deps.Engine, articles: deps.Articles, now: deps.Now, limit: deps.Limiter, commands: registry,
		byName: make(map[string]*command, len(registry)), timelines: lru.New[string, []byte](cachedTimelines)}
	if r.limit == nil {
		r.limit = NewLimiter(deps.RateLimit)
	}
	if r.now == nil {
		r.now = time.Now
	}
	for _, c := range registry {
		r.byName[c.definition.Name] = c
	}
	return r
}

// Outcome says how an interaction went, for the transport's one log line
// and its metrics.
type Outcome string

// The router's outcomes. The transports add their own (panic, expired,
// failed).
const (
	OutcomeOK             Outcome = "ok"
	OutcomeNoResult       Outcome = "no_result"
	OutcomeUserError      Outcome = "user_error"
	OutcomeRateLimited    Outcome = "rate_limited"
	OutcomeBadRequest     Outcome = "bad_request"
	OutcomeUnknownCommand Outcome = "unknown_command"
	OutcomeCancelled      Outcome = "cancelled"
	// OutcomeBusy: too many searches at once; the asker was told to ask
	// again.
	OutcomeBusy  Outcome = "busy"
	OutcomeError Outcome = "error"
)

// Reply is the router's answer to one interaction.
type Reply struct {
	// Response is the complete first callback: type 4 (message), 7
	// (update of the button's message), 8 (autocomplete choices) or 1
	// (PONG). It is nil only for a cancelled context.
	Response *discordgo.InteractionResponse
	Outcome  Outcome
	// Err is what went wrong, for the log line; the person sees the
	// Response (an explanation or an apology), never Err.
	Err error
}

// Handle answers one interaction. It writes no log line and never talks
// to Discord: the transport sends the Response and writes the one line
// per interaction with the Outcome.
func (r *Router) Handle(ctx context.Context, i *discordgo.Interaction) Reply {
	if i == nil {
		return Reply{notice("That interaction could not be read."), OutcomeBadRequest, errors.New("nil interaction")}
	}
	if err := ctx.Err(); err != nil {
		return Reply{nil, OutcomeCancelled, err}
	}
	switch i.Type {
	case discordgo.InteractionPing:
		return Reply{Response: &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}, Outcome: OutcomeOK}
	case discordgo.InteractionApplicationCommandAutocomplete:
		data, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
		if !ok {
			return Reply{Response: choices(nil), Outcome: OutcomeBadRequest}
		}
		return Reply{Response: r.autocomplete(ctx, data), Outcome: OutcomeOK}
	case discordgo.InteractionApplicationCommand:
		data, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
		if !ok {
			return Reply{notice("That command came without its data."), OutcomeBadRequest, errors.New("application command without data")}
		}
		c, ok := r.byName[data.Name]
		if !ok {
			return Reply{notice(fmt.Sprintf("I do not know the command /%s. Try /help.", shorten(data.Name, 32))),
				OutcomeUnknownCommand, fmt.Errorf("unknown command %q", data.Name)}
		}
		if resp, ok := r.rateLimited(i); !ok {
			return Reply{Response: resp, Outcome: OutcomeRateLimited}
		}
		req := request{opts: optionsOf(data), userID: userID(i), perms: memberPerms(i)}
		eph, err := c.ephemeral(req.opts)
		if err != nil {
			return r.finish(ctx, nil, err)
		}
		req.ephemeral = eph
		resp, err := c.handle(ctx, r, req)
		return r.finish(ctx, resp, err)
	case discordgo.InteractionMessageComponent:
		data, ok := i.Data.(discordgo.MessageComponentInteractionData)
		if !ok {
			return Reply{notice("That button came without its data."), OutcomeBadRequest, errors.New("component without data")}
		}
		if resp, ok := r.rateLimited(i); !ok {
			return Reply{Response: resp, Outcome: OutcomeRateLimited}
		}
		resp, err := r.component(ctx, i, data.CustomID)
		return r.finish(ctx, resp, err)
	}
	return Reply{notice("talkbot does not handle that kind of interaction."), OutcomeBadRequest,
		fmt.Errorf("unhandled interaction type %d", i.Type)}
}

// Ephemeral reports whether the reply to i will be visible only to the
// asker, so that a transport that must defer sends the right deferral
// (Discord fixes a reply's visibility when it is deferred).
func (r *Router) Ephemeral(i *discordgo.Interaction) bool {
	if i == nil || i.Type != discordgo.InteractionApplicationCommand {
		return false
	}
	data, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
	if !ok {
		return false
	}
	c, ok := r.byName[data.Name]
	if !ok {
		return true // the unknown-command notice
	}
	eph, err := c.ephemeral(optionsOf(data))
	return eph || err != nil
}

// ephemeral reads the command's visibility from its options.
func (c *command) ephemeral(opts options) (bool, error) {
	if c.visibility == alwaysPrivate {
		return true, nil
	}
	public, err := opts.flag(optPublic, true)
	return !public, err
}

// finish turns a handler's error into the reply the person sees: their
// own mistakes explained, anything else a short apology (the error goes to
// the log).
func (r *Router) finish(ctx context.Context, resp *discordgo.InteractionResponse, err error) Reply {
	var ue *userError
	var ie *answer.InputError
	var busy answer.BusyError
	switch {
	case err == nil:
		if resp != nil && resp.Data != nil && resp.Data.Flags&discordgo.MessageFlagsEphemeral != 0 && len(resp.Data.Embeds) == 0 {
			return Reply{Response: resp, Outcome: OutcomeNoResult}
		}
		return Reply{Response: resp, Outcome: OutcomeOK}
	case errors.As(err, &ue):
		return Reply{notice(ue.msg), OutcomeUserError, ue.cause}
	case errors.As(err, &ie):
		return Reply{Response: notice(ie.Msg), Outcome: OutcomeUserError}
	case errors.As(err, &busy):
		return Reply{Response: notice(busy.Error()), Outcome: OutcomeBusy}
	case ctx.Err() != nil:
		return Reply{nil, OutcomeCancelled, ctx.Err()}
	}
	return Reply{notice(Apology), OutcomeError, err}
}

// Apology is the reply when answering failed for a reason that is not the
// person's; transports send it too when a handler gave nothing.
const Apology = "Something went wrong while answering; please try again in a moment."

// rateLimited answers "slow down" when the person has used up their
// bucket.
func (r *Router) rateLimited(i *discordgo.Interaction) (*discordgo.InteractionResponse, bool) {
	user := userID(i)
	if user == "" {
		user = "anonymous"
	}
	ok, wait := r.limit.allow(user, r.now())
	if ok {
		return nil, true
	}
	secs := int(math.Ceil(wait.Seconds()))
	return notice(fmt.Sprintf("Slow down — try again in %d s.", max(secs, 1))), false
}

// component routes a button press to the command whose button it is.
func (r *Router) component(ctx context.Context, i *discordgo.Interaction, customID string) (*discordgo.InteractionResponse, error) {
	for _, c := range r.commands {
		for _, b := range c.buttons {
			if b.matches(customID) {
				return b.press(ctx, r, i, customID)
			}
		}
	}
	// A button from a command since removed, or a forged one: the person's
	// notice, not an apology, and no ERROR in the log.
	return nil, &userError{msg: "That button is no longer supported; run the command again.",
		cause: fmt.Errorf("unknown custom_id %q", shorten(customID, 100))}
}

// autocomplete answers while the person types, with the completer of the
// command's focused option. It never fails: anything unexpected gives an
// empty list.
func (r *Router) autocomplete(ctx context.Context, data discordgo.ApplicationCommandInteractionData) *discordgo.InteractionResponse {
	c, ok := r.byName[data.Name]
	if !ok || ctx.Err() != nil {
		return choices(nil)
	}
	opt, typed := focused(data)
	complete, ok := c.complete[opt]
	if !ok || !utf8.ValidString(typed) { // an HTTP caller can send anything
		return choices(nil)
	}
	return choices(complete(r, typed))
}
