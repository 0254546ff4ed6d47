package commands

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"talkbot/answer"
	"talkbot/index"
)

// Deps is what the router needs, passed in once by main.
type Deps struct {
	// Index answers every question. Required.
	Index *index.Index
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
}

// Router maps every interaction to its handler: application commands by
// name, autocomplete by command and focused option, components by
// custom_id prefix. It holds no per-conversation state, so any number of
// replicas can answer any interaction.
type Router struct {
	ix       *index.Index
	now      func() time.Time
	limit    *Limiter
	commands map[string]commandHandler
}

// A commandHandler turns a command's options (and who asked) into the
// response. It is a plain function: data in, response out.
type commandHandler func(ctx context.Context, r *Router, req request) (*discordgo.InteractionResponse, error)

// request is what a handler needs from the interaction.
type request struct {
	opts   options
	userID string
}

// NewRouter builds the router over deps.
func NewRouter(deps Deps) *Router {
	r := &Router{ix: deps.Index, now: deps.Now, limit: deps.Limiter}
	if r.limit == nil {
		r.limit = NewLimiter(deps.RateLimit)
	}
	if r.now == nil {
		r.now = time.Now
	}
	r.commands = map[string]commandHandler{
		cmdAsk:        handleAsk,
		cmdSearch:     handleSearch,
		cmdWhoPledged: handleWhoPledged,
		cmdQuote:      handleQuote,
		cmdSources:    handleSources,
		cmdHelp:       handleHelp,
	}
	return r
}

// Handle answers one interaction. The error is for the log: the response
// (an ephemeral explanation when something failed) is always usable,
// except for a PING or when ctx ended, where it is nil. Handle writes no
// log line: the transport writes the one line per interaction, with the
// outcome HandleOutcome reports.
func (r *Router) Handle(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
	resp, _, err := r.HandleOutcome(ctx, i)
	return resp, err
}

// HandleOutcome is Handle, also naming how it went, for the transport's
// log line and metrics: ok, no_result, user_error, rate_limited,
// bad_request, unknown_command, cancelled or error.
func (r *Router) HandleOutcome(ctx context.Context, i *discordgo.Interaction) (resp *discordgo.InteractionResponse, outcome string, err error) {
	outcome = "ok"
	resp, err = r.handle(ctx, i, &outcome)
	return resp, outcome, err
}

func (r *Router) handle(ctx context.Context, i *discordgo.Interaction, outcome *string) (*discordgo.InteractionResponse, error) {
	if i == nil {
		*outcome = "bad_request"
		return notice("That interaction could not be read."), errors.New("nil interaction")
	}
	if err := ctx.Err(); err != nil {
		*outcome = "cancelled"
		return nil, err
	}
	switch i.Type {
	case discordgo.InteractionPing:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}, nil
	case discordgo.InteractionApplicationCommandAutocomplete:
		data, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
		if !ok {
			*outcome = "bad_request"
			return choices(nil), nil
		}
		return r.autocomplete(ctx, data), nil
	case discordgo.InteractionApplicationCommand:
		data, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
		if !ok {
			*outcome = "bad_request"
			return notice("That command came without its data."), errors.New("application command without data")
		}
		h, ok := r.commands[data.Name]
		if !ok {
			*outcome = "unknown_command"
			return notice(fmt.Sprintf("I do not know the command /%s. Try /help.", shorten(data.Name, 32))),
				fmt.Errorf("unknown command %q", data.Name)
		}
		if resp, ok := r.rateLimited(i); !ok {
			*outcome = "rate_limited"
			return resp, nil
		}
		resp, err := h(ctx, r, request{opts: optionsOf(data), userID: userID(i)})
		return r.finish(ctx, resp, err, outcome)
	case discordgo.InteractionMessageComponent:
		data, ok := i.Data.(discordgo.MessageComponentInteractionData)
		if !ok {
			*outcome = "bad_request"
			return notice("That button came without its data."), errors.New("component without data")
		}
		if resp, ok := r.rateLimited(i); !ok {
			*outcome = "rate_limited"
			return resp, nil
		}
		resp, err := r.component(ctx, i, data)
		return r.finish(ctx, resp, err, outcome)
	}
	*outcome = "bad_request"
	return notice("talkbot does not handle that kind of interaction."), fmt.Errorf("unhandled interaction type %d", i.Type)
}

// finish turns a handler's error into the reply the person sees: their
// own mistakes explained, anything else a short apology (the error goes to
// the log).
func (r *Router) finish(ctx context.Context, resp *discordgo.InteractionResponse, err error, outcome *string) (*discordgo.InteractionResponse, error) {
	var ue *userError
	var ie *answer.InputError
	switch {
	case err == nil:
		if resp != nil && resp.Data != nil && resp.Data.Flags&discordgo.MessageFlagsEphemeral != 0 && len(resp.Data.Embeds) == 0 {
			*outcome = "no_result"
		}
		return resp, nil
	case errors.As(err, &ue):
		*outcome = "user_error"
		return notice(ue.msg), ue.cause
	case errors.As(err, &ie):
		*outcome = "user_error"
		return notice(ie.Msg), nil
	case ctx.Err() != nil:
		*outcome = "cancelled"
		return nil, ctx.Err()
	}
	*outcome = "error"
	return notice("Something went wrong while answering; please try again in a moment."), err
}

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

// component routes a button press by its custom_id prefix.
func (r *Router) component(ctx context.Context, i *discordgo.Interaction, data discordgo.MessageComponentInteractionData) (*discordgo.InteractionResponse, error) {
	switch {
	case strings.HasPrefix(data.CustomID, pagePrefix):
		return r.page(ctx, i, data.CustomID)
	case strings.HasPrefix(data.CustomID, "p") && len(data.CustomID) > 2 && data.CustomID[2] == ':':
		// An older or newer page format: this replica cannot read it.
		return notice("This button comes from another version of talkbot; run /search again."), nil
	}
	return notice("That button is no longer supported; run the command again."), fmt.Errorf("unknown custom_id %q", shorten(data.CustomID, 100))
}
