package main

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"time"

	"talkbot/bot"
	"talkbot/commands"
	"talkbot/corpus/feed"
	"talkbot/corpus/fetch"
	"talkbot/serving"
)

// serverFlags are the flags `bot` and `serve` share: where the corpus is,
// hot reloads, and the per-user rate limit.
type serverFlags struct {
	corpusFlags
	watch     bool
	rateBurst int
	rateEvery time.Duration
	logJSON   bool
	// feeds is the feeds file followed in the background; allowPrivate
	// lets /add-article and the feeds reach private addresses.
	feeds        string
	allowPrivate bool
}

func (f *serverFlags) register(fs *commandFlags, env *cliEnv) {
	f.corpusFlags.register(fs, env, true)
	fs.BoolVar(&f.watch, "watch", false, "rebuild the index when a file in --corpus changes (SIGHUP always rebuilds)")
	fs.IntVar(&f.rateBurst, "rate-burst", commands.DefaultRateLimit.Burst, "per-user rate limit: interactions allowed in a row")
	fs.DurationVar(&f.rateEvery, "rate-every", time.Duration(float64(time.Second)/commands.DefaultRateLimit.PerSecond),
		"per-user rate limit: one more interaction allowed per this interval")
	fs.BoolVar(&f.logJSON, "log-json", false, "log as JSON lines instead of text")
	fs.StringVar(&f.feeds, "feeds", env.getenv("TALKBOT_FEEDS"), "follow the news feeds of this `FILE` into --corpus while serving (env TALKBOT_FEEDS)")
	fs.BoolVar(&f.allowPrivate, "allow-private-addresses", false, "let /add-article and the feeds fetch from loopback and private addresses (tests, an intranet)")
}

func (f *serverFlags) check() error {
	if f.watch && f.corpusDir == "" {
		return errors.New("--watch needs --corpus DIR (the bundled corpus never changes)")
	}
	if f.feeds != "" && f.corpusDir == "" {
		return errors.New("--feeds needs --corpus DIR to write the articles to")
	}
	if f.rateBurst < 1 || f.rateEvery <= 0 {
		return errors.New("--rate-burst must be at least 1 and --rate-every positive")
	}
	return nil
}

func (f *serverFlags) logger(env *cliEnv) *slog.Logger {
	if f.logJSON {
		return slog.New(slog.NewJSONHandler(env.stderr, nil))
	}
	return slog.New(slog.NewTextHandler(env.stderr, nil))
}

// start opens the first index generation and the service that will
// serve it: the composition lives in serving; this fills its Config from
// the flags and environment.
func (f *serverFlags) start(ctx context.Context, env *cliEnv, logger *slog.Logger, metrics *serving.Metrics) (*serving.Service, error) {
	// An index that cannot be read while serving is rebuilt, the first
	// generation's as much as a reload's.
	damaged := make(chan error, 1)
	opts := f.indexOptions(env)
	// a corpus on disk changes while serving (articles added from
	// Discord, feeds, --watch): each change is indexed into the index
	// served, without a rebuild
	opts.Live = f.corpusDir != ""
	// and the server answers before the corpus files are checked against
	// the index (at 100,000 files most of a start); what changed while
	// it was down is taken in just after (serving's CatchUp)
	opts.CheckLater = opts.Live
	var feeds *feed.Config
	if f.feeds != "" {
		cfg, err := loadFeeds(f.feeds)
		if err != nil {
			return nil, err
		}
		feeds = &cfg
	}
	opts.OnDamage = func(err error) {
		select {
		case damaged <- err:
		default: // a rebuild is already asked for
		}
	}
	e, err := openEngineWith(ctx, env, f.corpusFlags, opts)
	if err != nil {
		return nil, err
	}
	svc, err := serving.New(serving.Config{
		CorpusDir: f.corpusDir,
		Index:     opts,
		Damaged:   damaged,
		Watch:     f.watch,
		RateLimit: commands.RateLimit{PerSecond: float64(time.Second) / float64(f.rateEvery),
			Burst: f.rateBurst, Idle: commands.DefaultRateLimit.Idle},
		Logger:      logger,
		Metrics:     metrics,
		GCPercent:   leaveIfSet(env, "GOGC"),
		MemoryLimit: int64(leaveIfSet(env, "GOMEMLIMIT")),
		Feeds:       feeds,
		Fetch:       fetch.New(fetch.Options{AllowPrivate: f.allowPrivate}),
	}, e)
	if err != nil {
		e.Close()
		return nil, err
	}
	svc.Log.Info("index ready", "articles", e.Articles(), "passages", e.Passages())
	return svc, nil
}

func runBot(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("bot", "talkbot bot [flags]",
		"Connects to Discord over the gateway, registers the slash commands and answers them until SIGINT/SIGTERM.\n"+
			"Reads DISCORD_TOKEN (required), DISCORD_APP_ID, DISCORD_GUILD_ID, DISCORD_REST_URL, DISCORD_SHARD_ID and\n"+
			"DISCORD_SHARD_COUNT from the environment or .env.", env)
	var sf serverFlags
	sf.register(fs, env)
	defID, err := envInt(env, "DISCORD_SHARD_ID")
	if err != nil {
		return err
	}
	defCount, err := envInt(env, "DISCORD_SHARD_COUNT")
	if err != nil {
		return err
	}
	shardID := fs.Int("shard-id", defID, "this process's shard (env DISCORD_SHARD_ID)")
	shardCount := fs.Int("shard-count", defCount, "number of shards, for bots in over 2,500 servers (env DISCORD_SHARD_COUNT)")
	adminAddr := fs.String("admin-addr", env.getenv("TALKBOT_ADMIN_ADDR"), "serve /healthz, /readyz and /metrics on this address, e.g. :9090 (env TALKBOT_ADMIN_ADDR)")
	if err := fs.parseNoArgs(args); err != nil {
		return err
	}
	if err := sf.check(); err != nil {
		return err
	}
	token := strings.TrimSpace(env.getenv("DISCORD_TOKEN"))
	if token == "" {
		return bot.ErrNoToken
	}
	if *shardCount > 1 && (*shardID < 0 || *shardID >= *shardCount) {
		return fmt.Errorf("--shard-id must be between 0 and %d", *shardCount-1)
	}
	// Configuration first, the index after: a wrong token, REST URL or
	// address is said before a large corpus is read.
	var admin net.Listener
	if *adminAddr != "" {
		if admin, err = bot.Listen(*adminAddr); err != nil {
			return fmt.Errorf("--admin-addr: %w", err)
		}
		defer admin.Close()
	}
	logger := sf.logger(env)
	metrics := serving.NewMetrics()
	gw, err := bot.Connect(ctx, bot.Config{
		Token:       token,
		AppID:       env.getenv("DISCORD_APP_ID"),
		GuildID:     env.getenv("DISCORD_GUILD_ID"),
		RESTBaseURL: env.getenv("DISCORD_REST_URL"),
		ShardID:     *shardID,
		ShardCount:  *shardCount,
		Definitions: commands.Definitions,
		Logger:      logger,
		Metrics:     metrics.Interactions,
	})
	if err != nil {
		return err
	}
	svc, err := sf.start(ctx, env, logger, metrics)
	if err != nil {
		return err
	}
	svc.Go("gateway", func(ctx context.Context) error { return gw.Serve(ctx, svc.Current) })
	if admin != nil {
		svc.ServeAdmin(admin)
	}
	return svc.Run(ctx)
}

func runServe(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("serve", "talkbot serve [--addr :8080] [flags]",
		"Serves Discord's HTTP interactions endpoint (set it as the Interactions Endpoint URL), with /healthz,\n"+
			"/readyz and /metrics. Reads DISCORD_PUBLIC_KEY (required), DISCORD_APP_ID and DISCORD_REST_URL.\n"+
			"Replicas keep no state, so any number can run behind a load balancer.", env)
	var sf serverFlags
	sf.register(fs, env)
	addr := fs.String("addr", envOr(env, "TALKBOT_ADDR", ":8080"), "listen address (env TALKBOT_ADDR)")
	pprofAddr := fs.String("pprof-addr", "", "serve Go's profiler (/debug/pprof/) on this loopback address, e.g. 127.0.0.1:6060")
	if err := fs.parseNoArgs(args); err != nil {
		return err
	}
	if err := sf.check(); err != nil {
		return err
	}
	key, err := publicKey(env.getenv("DISCORD_PUBLIC_KEY"))
	if err != nil {
		return err
	}
	// Configuration first, the index after (see runBot).
	if _, err := bot.RESTClient(env.getenv("DISCORD_REST_URL")); err != nil {
		return err
	}
	ln, err := bot.Listen(*addr)
	if err != nil {
		return fmt.Errorf("--addr: %w", err)
	}
	defer ln.Close()
	pln, err := listenPprof(*pprofAddr)
	if err != nil {
		return err
	}
	if pln != nil {
		defer pln.Close()
	}
	logger := sf.logger(env)
	metrics := serving.NewMetrics()
	svc, err := sf.start(ctx, env, logger, metrics)
	if err != nil {
		return err
	}
	server, err := bot.NewServer(bot.ServeConfig{
		PublicKey:   key,
		AppID:       env.getenv("DISCORD_APP_ID"),
		RESTBaseURL: env.getenv("DISCORD_REST_URL"),
		Handler:     svc.Current,
		Admin:       svc.Admin(),
		Metrics:     metrics.Interactions,
		Logger:      logger,
	})
	if err != nil {
		svc.Current.Close()
		return err
	}
	logger.Info("serving Discord interactions", "addr", ln.Addr().String())
	svc.Go("http", func(ctx context.Context) error { return server.Serve(ctx, ln) })
	if pln != nil {
		svc.Go("pprof", func(ctx context.Context) error { return servePprof(ctx, pln) })
	}
	return svc.Run(ctx)
}

// leaveIfSet is -1 (keep the runtime's setting) when the operator set the
// environment variable, even to its default value, and 0 (serve's or the
// index build's own default) otherwise.
func leaveIfSet(env *cliEnv, key string) int {
	if strings.TrimSpace(env.getenv(key)) != "" {
		return -1
	}
	return 0
}

// publicKey decodes DISCORD_PUBLIC_KEY, saying what to set when it is
// missing or malformed.
func publicKey(hexKey string) (ed25519.PublicKey, error) {
	hexKey = strings.TrimSpace(hexKey)
	if hexKey == "" {
		return nil, errors.New("no public key: set DISCORD_PUBLIC_KEY to the application's public key (developer portal › General Information)")
	}
	b, err := hex.DecodeString(hexKey)
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, errors.New("DISCORD_PUBLIC_KEY must be the 64 hex characters shown in the developer portal › General Information")
	}
	return ed25519.PublicKey(b), nil
}

// envInt reads a whole number from the environment (0 when unset).
func envInt(env *cliEnv, key string) (int, error) {
	v := strings.TrimSpace(env.getenv(key))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%s must be a whole number, not %q", key, v)
	}
	return n, nil
}

func envOr(env *cliEnv, key, def string) string {
	if v := env.getenv(key); v != "" {
		return v
	}
	return def
}
