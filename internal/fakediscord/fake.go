// Package fakediscord is an in-repo fake of the parts of Discord talkbot
// uses, served on loopback for tests: REST (gateway look-up, bulk command
// overwrite, interaction callbacks, webhook edits and follow-ups, the bot
// user) and a gateway websocket (Hello, Identify, Ready, heartbeat ACK,
// INTERACTION_CREATE). It checks what the client sends as Discord does
// (with internal/discordcheck) and answers with Discord's error shapes, so
// the real discordgo session can be tested end to end.
package fakediscord

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Fake is one fake Discord. Its zero value is not usable; call New.
type Fake struct {
	// Token is the bot token the fake accepts (without "Bot ").
	Token string
	// AppID is the application id, sent in READY and expected in webhook URLs.
	AppID string
	// BotUserID is the bot user's id, sent in READY and GET /users/@me.
	BotUserID string

	window    time.Duration // how long an interaction accepts its first callback
	wait      time.Duration // how long Interact waits for a reply
	heartbeat time.Duration

	srv  *httptest.Server
	next atomic.Int64 // snowflake-ish ids

	mu           sync.Mutex
	commands     map[string][]*discordgo.ApplicationCommand // by guild id, "" global
	puts         map[string]int
	identifies   []Identify
	conns        []*gwConn
	interactions map[string]*pending // by interaction id
	byToken      map[string]*pending
	errors       []error
	connected    chan struct{} // closed and replaced each time a shard becomes ready
}

// Option changes a Fake before it starts.
type Option func(*Fake)

// WithToken sets the accepted bot token.
func WithToken(token string) Option { return func(f *Fake) { f.Token = token } }

// WithAppID sets the application id.
func WithAppID(id string) Option { return func(f *Fake) { f.AppID = id } }

// WithCallbackWindow sets how long after dispatch the first callback is
// accepted (Discord: 3 s); shorter windows keep tests of expiry fast.
func WithCallbackWindow(d time.Duration) Option { return func(f *Fake) { f.window = d } }

// WithReplyWait sets how long Interact and Await wait for a reply (default 10 s).
func WithReplyWait(d time.Duration) Option { return func(f *Fake) { f.wait = d } }

// WithHeartbeatInterval sets the interval sent in Hello (default 41.25 s).
func WithHeartbeatInterval(d time.Duration) Option { return func(f *Fake) { f.heartbeat = d } }

// New starts a fake Discord on loopback and stops it when the test ends.
func New(t testing.TB, opts ...Option) *Fake {
	t.Helper()
	f := &Fake{
		Token:        "fake-bot-token.for-tests",
		AppID:        "1100000000000000001",
		BotUserID:    "1100000000000000002",
		window:       3 * time.Second,
		wait:         10 * time.Second,
		heartbeat:    41250 * time.Millisecond,
		commands:     map[string][]*discordgo.ApplicationCommand{},
		puts:         map[string]int{},
		interactions: map[string]*pending{},
		byToken:      map[string]*pending{},
		connected:    make(chan struct{}),
	}
	f.next.Store(1200000000000000000)
	for _, o := range opts {
		o(f)
	}
	f.srv = httptest.NewServer(f.routes())
	t.Cleanup(f.close)
	return f
}

// URL is the base to give the bot as its REST base (DISCORD_REST_URL):
// requests go to URL()+"/api/v9/...".
func (f *Fake) URL() string { return f.srv.URL }

// GatewayURL is the websocket address GET /api/v9/gateway returns.
func (f *Fake) GatewayURL() string { return "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/gateway" }

func (f *Fake) id() string { return fmt.Sprint(f.next.Add(1)) }

// Commands returns the commands last written by a bulk overwrite for the
// guild ("" for global), or nil when none was written.
func (f *Fake) Commands(guildID string) []*discordgo.ApplicationCommand {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.commands[guildID]
}

// Overwrites counts the accepted bulk overwrites for the guild ("" global).
func (f *Fake) Overwrites(guildID string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.puts[guildID]
}

// Identify is what a client sent in its gateway IDENTIFY.
type Identify struct {
	Token   string // as sent, e.g. "Bot abc"
	Intents discordgo.Intent
	Shard   [2]int // [id, count]; [0, 1] when the client sent none
	OK      bool   // the token was accepted
}

// Identify returns the last IDENTIFY a client sent (zero if none).
func (f *Fake) Identify() Identify {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.identifies) == 0 {
		return Identify{}
	}
	return f.identifies[len(f.identifies)-1]
}

// Identifies returns every IDENTIFY received, oldest first.
func (f *Fake) Identifies() []Identify {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Identify(nil), f.identifies...)
}

// Errors returns every request the fake rejected (validation failures,
// wrong tokens, late or repeated callbacks, unknown routes), in order.
func (f *Fake) Errors() []error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]error(nil), f.errors...)
}

func (f *Fake) fail(err error) {
	f.mu.Lock()
	f.errors = append(f.errors, err)
	f.mu.Unlock()
}

// Connected returns a channel closed once the next shard finishes
// IDENTIFY (or already has).
func (f *Fake) Connected() <-chan struct{} {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, c := range f.conns {
		if c.ready() {
			done := make(chan struct{})
			close(done)
			return done
		}
	}
	return f.connected
}

func (f *Fake) close() {
	f.mu.Lock()
	conns := f.conns
	f.conns = nil
	f.mu.Unlock()
	for _, c := range conns {
		c.close(websocket.CloseGoingAway, "fake discord stopping")
	}
	f.srv.Close()
}

// authorized reports whether the request carries the bot token. Discord
// rejects any request whose Authorization header is present but wrong.
func (f *Fake) authorized(r *http.Request, required bool) bool {
	h := r.Header.Get("Authorization")
	if h == "" {
		return !required
	}
	return h == "Bot "+f.Token
}
