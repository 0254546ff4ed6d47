package bot

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// ServeConfig is everything `talkbot serve` needs, passed in by main.
type ServeConfig struct {
	// PublicKey is the application's key from the developer portal
	// (DISCORD_PUBLIC_KEY, hex-decoded). Required.
	PublicKey ed25519.PublicKey
	// Addr is where to listen, as in net.Listen ("" means ":8080").
	Addr string
	// AppID is the application id; interactions carry it too, this is
	// the fallback for deferred edits.
	AppID string
	// RESTBaseURL replaces https://discord.com for deferred edits
	// (DISCORD_REST_URL); "" for Discord itself.
	RESTBaseURL string
	// Handler answers the interactions (serving.Current). Required.
	Handler Handler
	// Admin, when set, serves /healthz, /readyz and /metrics beside
	// /interactions (serving.AdminHandler).
	Admin http.Handler
	// Metrics receives the transport's series (nil: a private registry).
	Metrics *Metrics
	// Logger gets rejected requests, panics and failed edits (nil: discard).
	Logger *slog.Logger

	// ReadTimeout, WriteTimeout and IdleTimeout bound each connection
	// (defaults 5 s, 10 s, 60 s).
	ReadTimeout, WriteTimeout, IdleTimeout time.Duration
	// DeferAfter is how long a handler may take before the reply is
	// deferred (type 5 or 6) and finished with a webhook edit (default
	// 2 s, safely inside Discord's 3 s).
	DeferAfter time.Duration
	// HandleTimeout bounds a deferred handler (default 30 s).
	HandleTimeout time.Duration
	// Now is the clock the timestamp is checked against (nil: time.Now).
	Now func() time.Time
}

func (c *ServeConfig) defaults() error {
	if len(c.PublicKey) != ed25519.PublicKeySize {
		return errors.New("serve: the public key must be 32 bytes (set DISCORD_PUBLIC_KEY to the hex key from the developer portal)")
	}
	if c.Handler == nil {
		return errors.New("serve: nothing to answer with")
	}
	if c.Addr == "" {
		c.Addr = ":8080"
	}
	if c.Metrics == nil {
		c.Metrics = NewMetrics(nil)
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	setDefault(&c.ReadTimeout, 5*time.Second)
	setDefault(&c.WriteTimeout, 10*time.Second)
	setDefault(&c.IdleTimeout, 60*time.Second)
	setDefault(&c.DeferAfter, 2*time.Second)
	setDefault(&c.HandleTimeout, 30*time.Second)
	if c.Now == nil {
		c.Now = time.Now
	}
	return nil
}

func setDefault(d *time.Duration, v time.Duration) {
	if *d <= 0 {
		*d = v
	}
}

// Server answers Discord's HTTP interactions. It keeps no state between
// requests: paging state travels in custom_ids, so replicas are
// interchangeable.
type Server struct {
	cfg       ServeConfig
	webhooks  *webhooks
	responder *Responder
	// base outlives requests: deferred work continues after the HTTP
	// response; Shutdown cancels it only after waiting.
	base    context.Context
	cancel  context.CancelFunc
	pending sync.WaitGroup
}

// NewServer checks cfg and fills its defaults.
func NewServer(cfg ServeConfig) (*Server, error) {
	if err := cfg.defaults(); err != nil {
		return nil, err
	}
	wh, err := newWebhooks(cfg.RESTBaseURL, cfg.AppID)
	if err != nil {
		return nil, err
	}
	base, cancel := context.WithCancel(context.Background())
	// The Responder writes the one log line and the metrics, as in
	// gateway mode; its latency runs to the HTTP response being written.
	responder := &Responder{Handler: cfg.Handler, DeferAfter: cfg.DeferAfter, HandleTimeout: cfg.HandleTimeout,
		Logger: cfg.Logger, Metrics: cfg.Metrics, Transport: "http"}
	return &Server{cfg: cfg, webhooks: wh, responder: responder, base: base, cancel: cancel}, nil
}

// Handler routes POST /interactions (and POST /, as Discord may be
// pointed at the root) and the operations endpoints.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/interactions", s.interactions)
	if admin := s.cfg.Admin; admin != nil {
		mux.Handle("/healthz", admin)
		mux.Handle("/readyz", admin)
		mux.Handle("/metrics", admin)
	}
	mux.HandleFunc("/{$}", s.interactions)
	return mux
}

// Serve answers on ln until ctx ends, then stops taking requests,
// finishes those in flight and the deferred edits, and returns.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s.Handler(),
		ReadTimeout:       s.cfg.ReadTimeout,
		ReadHeaderTimeout: s.cfg.ReadTimeout,
		WriteTimeout:      s.cfg.WriteTimeout,
		IdleTimeout:       s.cfg.IdleTimeout,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(s.cfg.Logger.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		s.cancel()
		return err
	case <-ctx.Done():
	}
	shutCtx, done := context.WithTimeout(context.Background(), s.cfg.HandleTimeout)
	defer done()
	err := hs.Shutdown(shutCtx)
	s.waitPending(shutCtx)
	s.cancel()
	if err != nil {
		return fmt.Errorf("serve: shutting down: %w", err)
	}
	return nil
}

// waitPending waits for deferred edits, or until ctx ends.
func (s *Server) waitPending(ctx context.Context) {
	done := make(chan struct{})
	go func() { s.pending.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
	}
}

// Serve listens on cfg.Addr and answers until ctx ends.
func Serve(ctx context.Context, cfg ServeConfig) error {
	s, err := NewServer(cfg)
	if err != nil {
		return err
	}
	ln, err := Listen(s.cfg.Addr)
	if err != nil {
		return err
	}
	s.cfg.Logger.Info("serving Discord interactions", "addr", ln.Addr().String())
	return s.Serve(ctx, ln)
}

// Listen opens the TCP listener for addr ("host:port", ":port"), saying
// what is wrong in one line: a malformed address, or one in use.
func Listen(addr string) (net.Listener, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("%q is not a listen address like :8080 or 127.0.0.1:8080", addr)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return nil, fmt.Errorf("%q is not a listen address: the port must be a number from 0 to 65535", addr)
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(host, port))
	if err != nil {
		var oe *net.OpError
		if errors.As(err, &oe) && oe.Err != nil {
			err = oe.Err
		}
		return nil, fmt.Errorf("cannot listen on %s: %v", addr, err)
	}
	return ln, nil
}
