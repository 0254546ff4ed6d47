package serving

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/sync/errgroup"

	"talkbot/answer"
	"talkbot/commands"
	"talkbot/corpus/feed"
	"talkbot/corpus/fetch"
	"talkbot/corpus/ingest"
	"talkbot/index"
)

// Config is what a running bot or server needs besides its transports;
// main fills it from flags and the environment.
type Config struct {
	// CorpusDir is the article directory ("" for the bundled corpus).
	CorpusDir string
	// Index is how reloads build (Dir: on disk, under that directory).
	// Its OnDamage should report to Damaged.
	Index index.Options
	// Damaged rebuilds the index when the one served cannot be read.
	Damaged <-chan error
	// Watch rebuilds the index when a file in CorpusDir changes; SIGHUP
	// always rebuilds.
	Watch bool
	// RateLimit is the per-user rate limit, one Limiter shared by every
	// generation so a reload does not refill the buckets.
	RateLimit commands.RateLimit
	// Logger gets the service's lines (nil: discard).
	Logger *slog.Logger
	// Metrics holds every series (nil: new ones); main makes them first
	// when a transport needs them before the index is built.
	Metrics *Metrics
	// GCPercent and MemoryLimit are the garbage collector's settings
	// while serving (see ServingGC).
	GCPercent   int
	MemoryLimit int64
	// Feeds are followed into CorpusDir in the background (nil: none);
	// the articles they add are indexed into the generation served.
	Feeds *feed.Config
	// Fetch gets the pages of /add-article and the feeds (nil: public
	// addresses only, fetch's defaults).
	Fetch *fetch.Client
}

// Service is a running bot or server: the generation being served, its
// reloads, the metrics, and the long-running tasks beside them (the
// Discord transports, the admin listener, and any background work such
// as a feed poller). Run starts them together and stops them together.
type Service struct {
	Current *Current
	Metrics *Metrics
	Log     *slog.Logger

	cfg      Config
	reloader *Reloader
	hup      chan os.Signal // SIGHUP while Run runs
	tasks    []task
	articles *ingest.Corpus // nil for the bundled corpus
}

type task struct {
	name string
	run  func(ctx context.Context) error
}

// New serves first (the engine over the index main opened, its problems
// already reported) until a reload replaces it. On error first is left
// open, for the caller to close.
func New(cfg Config, first *answer.Engine) (*Service, error) {
	if first == nil {
		return nil, errors.New("serving: no index to serve")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	lim := commands.NewLimiter(cfg.RateLimit)
	if cfg.Metrics == nil {
		cfg.Metrics = NewMetrics()
	}
	if cfg.Fetch == nil {
		cfg.Fetch = fetch.New(fetch.Options{})
	}
	s := &Service{Metrics: cfg.Metrics, Log: cfg.Logger, cfg: cfg, hup: make(chan os.Signal, 1)}
	// An article added from Discord or a feed is written to the corpus
	// and indexed into the generation served (live.go).
	var adder commands.ArticleAdder
	if cfg.CorpusDir != "" {
		c, err := ingest.Open(cfg.CorpusDir, ingest.Options{Fetch: cfg.Fetch})
		if err != nil {
			return nil, err
		}
		s.articles = c
		adder = &articleAdder{c: c, apply: s.Update, log: s.Log}
	} else if cfg.Feeds != nil {
		return nil, errors.New("serving: --feeds needs --corpus DIR to write the articles to")
	}
	// The routers log nothing: the transport writes the one line per
	// interaction.
	newRouter := func(e *answer.Engine) *commands.Router {
		return commands.NewRouter(commands.Deps{Engine: e, Limiter: lim, Articles: adder})
	}
	gen := &Generation{Engine: first, Router: newRouter(first), Articles: first.Articles(), Passages: first.Passages()}
	s.Metrics.SetCorpus(gen.Articles, gen.Passages)
	s.Current = NewCurrent(gen, s.Log)
	reloader, err := NewReloader(ReloadConfig{
		Build:   BuildConfig{CorpusDir: cfg.CorpusDir, NewRouter: newRouter, Index: cfg.Index},
		Current: s.Current,
		Metrics: s.Metrics,
		Logger:  s.Log,
		Watch:   cfg.Watch,
		Signals: s.hup,
		Damaged: cfg.Damaged,
	})
	if err != nil {
		return nil, err
	}
	s.reloader = reloader
	if cfg.Feeds != nil {
		f, err := feed.NewFollower(*cfg.Feeds, s.articles, feed.Options{Fetch: cfg.Fetch, Logger: s.Log,
			Observer: s.Metrics, OnAdded: func(ctx context.Context, files []string) { _ = s.Update(ctx, files) }})
		if err != nil {
			return nil, err
		}
		labels := make([]string, len(cfg.Feeds.Feeds))
		for i, fd := range cfg.Feeds.Feeds {
			labels[i] = fd.Label()
		}
		s.Metrics.FeedsFollowed(labels)
		s.Go("feeds", f.Run)
	}
	return s, nil
}

// Update indexes changed article files of the corpus directory into the
// generation served, without a rebuild (Reloader.Apply).
func (s *Service) Update(ctx context.Context, files []string) error {
	return s.reloader.Apply(ctx, files)
}

// Reload builds a new generation from the corpus now and serves it; on
// error the old one keeps serving.
func (s *Service) Reload(ctx context.Context) error { return s.reloader.Reload(ctx) }

// Go adds a task that Run starts beside the reloader and stops when the
// service stops; a task that fails stops the service with its error.
func (s *Service) Go(name string, run func(ctx context.Context) error) {
	s.tasks = append(s.tasks, task{name: name, run: run})
}

// Admin serves /healthz, /readyz and /metrics for this service.
func (s *Service) Admin() http.Handler { return AdminHandler(s.Current, s.Metrics) }

// ServeAdmin adds a task serving Admin on ln (gateway mode's
// --admin-addr; serve mode mounts Admin beside /interactions).
func (s *Service) ServeAdmin(ln net.Listener) {
	s.Go("admin", func(ctx context.Context) error { return ServeAdmin(ctx, ln, s.Current, s.Metrics, s.Log) })
}

// Run serves at serving's GC settings, reloading on SIGHUP (and corpus
// changes with Watch) beside the tasks, until ctx ends or a task fails;
// the index is closed last, once its last request is answered.
func (s *Service) Run(ctx context.Context) error {
	defer s.Current.Close()
	signal.Notify(s.hup, syscall.SIGHUP)
	defer signal.Stop(s.hup)
	defer ServingGC(s.cfg.GCPercent, s.cfg.MemoryLimit)()
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return s.reloader.Run(ctx) })
	g.Go(func() error { s.reloader.CatchUp(ctx); return nil })
	for _, t := range s.tasks {
		g.Go(func() error {
			err := t.run(ctx)
			if err != nil {
				s.Log.Debug("task stopped the service", "task", t.name, "err", err)
			}
			return err
		})
	}
	return g.Wait()
}
