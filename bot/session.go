package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Config is everything `talkbot bot` needs, passed in by main.go (which
// reads flags, the environment and .env; this package reads none).
type Config struct {
	// Token is the bot token (DISCORD_TOKEN), without the "Bot " prefix.
	// Required; it is never logged or put in an error.
	Token string
	// AppID is the application id (DISCORD_APP_ID); "" takes it from READY.
	AppID string
	// GuildID registers the commands in that guild only, where they show
	// at once (DISCORD_GUILD_ID); "" registers them globally.
	GuildID string
	// RESTBaseURL replaces https://discord.com for every REST call,
	// including the gateway look-up (DISCORD_REST_URL); "" for Discord.
	RESTBaseURL string
	// ShardID and ShardCount select this process's shard (count 0 or 1:
	// no sharding).
	ShardID, ShardCount int

	// Handler answers interactions (serving.Current). Required.
	Handler Handler
	// Definitions returns the commands to register (commands.Definitions).
	// Required: they are bulk-overwritten at every start.
	Definitions func() []*discordgo.ApplicationCommand

	// DeferAfter and HandleTimeout: see Responder (defaults 2 s, 30 s).
	DeferAfter, HandleTimeout time.Duration
	// ShutdownTimeout bounds the wait for in-flight interactions after
	// ctx ends (default 30 s).
	ShutdownTimeout time.Duration
	// Logger gets start-up, shutdown and one line per interaction (nil: discard).
	Logger *slog.Logger
	// Metrics counts interactions by command and outcome and times their
	// first answer, as serve mode does (serving serves them on
	// --admin-addr). Nil: none kept.
	Metrics *Metrics
	// OnReady, when set, is called once the commands are registered and
	// interactions are being answered (tests and readiness probes).
	OnReady func(appID string)
}

// ErrNoToken and ErrBadToken are the two token problems; the message says
// what to set.
var (
	ErrNoToken  = errors.New("no Discord bot token: set DISCORD_TOKEN (developer portal › your application › Bot › Reset Token)")
	ErrBadToken = errors.New("the bot token was rejected by Discord: set DISCORD_TOKEN to the application's current token (developer portal › Bot › Reset Token)")
)

// Run connects to Discord, registers the commands, answers interactions
// with cfg.Handler until ctx ends, then stops taking new ones, waits for
// those in flight and closes the session. It returns nil after a clean
// shutdown.
func Run(ctx context.Context, cfg Config) error {
	g, err := Connect(ctx, cfg)
	if err != nil {
		return err
	}
	return g.Serve(ctx, cfg.Handler)
}

// Connect checks the configuration and the token with Discord, before
// anything slow is built, so a wrong token or DISCORD_REST_URL is said
// at once; Serve then opens the gateway. cfg.Handler may be nil here.
func Connect(ctx context.Context, cfg Config) (*Gateway, error) {
	g, err := newGateway(cfg)
	if err != nil {
		return nil, err
	}
	// One cheap authenticated call first: a wrong token fails here with a
	// clear message instead of a websocket close deep inside Open.
	if _, err := g.session.User("@me", discordgo.WithContext(ctx)); err != nil {
		return nil, g.explain("checking the token", err)
	}
	return g, nil
}

// Serve opens the gateway, registers the commands and answers with h
// until ctx ends, then shuts down as Run does.
func (g *Gateway) Serve(ctx context.Context, h Handler) error {
	if h == nil {
		return errors.New("bot: no handler")
	}
	g.resp.Handler = h
	if err := g.start(ctx); err != nil {
		g.session.Close()
		return err
	}
	<-ctx.Done()
	return g.shutdown()
}

// Gateway is one bot session whose token Discord accepted.
type Gateway struct {
	cfg     Config
	log     *slog.Logger
	session *discordgo.Session
	resp    *Responder
	appID   string

	// base outlives ctx: replies in flight finish after a shutdown starts.
	base   context.Context
	cancel context.CancelFunc

	mu       sync.Mutex
	closing  bool
	inFlight sync.WaitGroup
}

func newGateway(cfg Config) (*Gateway, error) {
	cfg.Token = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(cfg.Token), "Bot "))
	if cfg.Token == "" {
		return nil, ErrNoToken
	}
	if cfg.Definitions == nil {
		return nil, errors.New("bot: Config needs Definitions")
	}
	if cfg.ShardCount > 1 && (cfg.ShardID < 0 || cfg.ShardID >= cfg.ShardCount) {
		return nil, fmt.Errorf("shard id %d is outside 0..%d (check --shard-id and --shard-count)", cfg.ShardID, cfg.ShardCount-1)
	}
	if cfg.ShutdownTimeout <= 0 {
		cfg.ShutdownTimeout = 30 * time.Second
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	client, err := RESTClient(cfg.RESTBaseURL)
	if err != nil {
		return nil, err
	}
	s, err := discordgo.New("Bot " + cfg.Token)
	if err != nil {
		return nil, fmt.Errorf("bot: %w", err)
	}
	s.Client = client
	s.Identify.Intents = discordgo.IntentsNone // interactions need no intent
	if cfg.ShardCount > 1 {
		s.ShardID, s.ShardCount = cfg.ShardID, cfg.ShardCount
	}
	s.StateEnabled = false
	s.LogLevel = discordgo.LogError
	base, cancel := context.WithCancel(context.Background())
	g := &Gateway{cfg: cfg, log: logger, session: s, appID: cfg.AppID, base: base, cancel: cancel}
	g.resp = &Responder{Handler: cfg.Handler, DeferAfter: cfg.DeferAfter, HandleTimeout: cfg.HandleTimeout, Logger: logger,
		Metrics: cfg.Metrics, Transport: "gateway"}
	return g, nil
}

// start opens the gateway and registers the commands.
func (g *Gateway) start(ctx context.Context) error {
	s := g.session
	s.AddHandler(g.onInteraction)
	if err := s.Open(); err != nil {
		return g.explain("connecting to the gateway", err)
	}
	if g.appID == "" {
		if a := s.State.Ready.Application; a != nil {
			g.appID = a.ID
		}
		if g.appID == "" {
			return errors.New("READY carried no application id: set DISCORD_APP_ID")
		}
	}
	cmds := g.cfg.Definitions()
	if _, err := s.ApplicationCommandBulkOverwrite(g.appID, g.cfg.GuildID, cmds, discordgo.WithContext(ctx)); err != nil {
		return g.explain("registering the commands", err)
	}
	scope := "global (may take a while to show)"
	if g.cfg.GuildID != "" {
		scope = "guild " + g.cfg.GuildID
	}
	g.log.Info("discord bot ready", "app_id", g.appID, "commands", len(cmds), "scope", scope,
		"shard", s.ShardID, "shards", max(s.ShardCount, 1))
	if g.cfg.OnReady != nil {
		g.cfg.OnReady(g.appID)
	}
	return nil
}

// explain turns discordgo's errors into one line saying what to fix,
// without the token.
func (g *Gateway) explain(doing string, err error) error {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil {
		switch re.Response.StatusCode {
		case 401:
			return ErrBadToken
		case 403:
			return fmt.Errorf("%s: Discord refused access (403): check DISCORD_APP_ID matches the token's application and the bot was invited with the applications.commands scope", doing)
		case 400:
			return fmt.Errorf("%s: Discord rejected the request (400): %s", doing, Redact(string(re.ResponseBody), g.cfg.Token))
		}
	}
	var ce *websocket.CloseError
	if errors.As(err, &ce) {
		switch ce.Code {
		case 4004:
			return ErrBadToken
		case 4010, 4011:
			return fmt.Errorf("%s: Discord refused the shard (%d %s): check --shard-id and --shard-count", doing, ce.Code, ce.Text)
		case 4013, 4014:
			return fmt.Errorf("%s: Discord refused the intents (%d %s)", doing, ce.Code, ce.Text)
		}
	}
	// The client reports the URL it was asked for (discord.com) even when
	// DISCORD_REST_URL moved the request: say where it really went.
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	msg := Redact(err.Error(), g.cfg.Token)
	where := "https://discord.com"
	if g.cfg.RESTBaseURL != "" {
		where = g.cfg.RESTBaseURL + " (DISCORD_REST_URL)"
	}
	return fmt.Errorf("%s at %s: %s", doing, where, msg)
}

// onInteraction answers one INTERACTION_CREATE (discordgo runs each event
// in its own goroutine).
func (g *Gateway) onInteraction(s *discordgo.Session, ic *discordgo.InteractionCreate) {
	if ic == nil || ic.Interaction == nil {
		return
	}
	g.mu.Lock()
	if g.closing {
		g.mu.Unlock()
		return // shutting down: another replica or the restart answers
	}
	g.inFlight.Add(1)
	g.mu.Unlock()
	defer g.inFlight.Done()

	i := ic.Interaction
	if i.AppID == "" {
		i.AppID = g.appID
	}
	g.resp.Respond(g.base, i, g.transport(s, i))
}

// transport sends replies through the session's REST client.
func (g *Gateway) transport(s *discordgo.Session, i *discordgo.Interaction) Transport {
	return Transport{
		Callback: func(ctx context.Context, resp *discordgo.InteractionResponse) error {
			return s.InteractionRespond(i, resp, discordgo.WithContext(ctx))
		},
		Edit: func(ctx context.Context, e *discordgo.WebhookEdit) error {
			_, err := s.InteractionResponseEdit(i, e, discordgo.WithContext(ctx))
			return err
		},
		Followup: func(ctx context.Context, m *discordgo.WebhookParams) error {
			_, err := s.FollowupMessageCreate(i, true, m, discordgo.WithContext(ctx))
			return err
		},
		Delete: func(ctx context.Context) error {
			return s.InteractionResponseDelete(i, discordgo.WithContext(ctx))
		},
	}
}

// shutdown stops taking interactions, waits for those in flight (up to
// ShutdownTimeout) and closes the session.
func (g *Gateway) shutdown() error {
	g.mu.Lock()
	g.closing = true
	g.mu.Unlock()
	waited := make(chan struct{})
	go func() { g.inFlight.Wait(); close(waited) }()
	var err error
	select {
	case <-waited:
	case <-time.After(g.cfg.ShutdownTimeout):
		err = fmt.Errorf("bot: %v after shutdown began, interactions were still in flight; cancelled them", g.cfg.ShutdownTimeout)
	}
	g.cancel()
	if cerr := g.session.Close(); cerr != nil && err == nil {
		err = fmt.Errorf("bot: closing the gateway: %w", cerr)
	}
	g.log.Info("discord bot stopped")
	return err
}
