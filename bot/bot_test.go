package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"talkbot/commands"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"talkbot/internal/discordcheck"
	"talkbot/internal/fakediscord"
)

// echoRouter is a small router for the transport tests: it quotes the
// question back, and its behaviour is chosen by the question.
type echoRouter struct {
	release chan struct{} // "block" waits for it
	started chan struct{} // "block" signals here when it starts
}

func none() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// Ephemeral is the public: option, as the real router reads it.
func (r *echoRouter) Ephemeral(i *discordgo.Interaction) bool {
	if i.Type != discordgo.InteractionApplicationCommand {
		return false
	}
	for _, o := range i.ApplicationCommandData().Options {
		if o.Name == "public" {
			b, ok := o.Value.(bool)
			return ok && !b
		}
	}
	return false
}

func (r *echoRouter) Handle(ctx context.Context, i *discordgo.Interaction) commands.Reply {
	resp, err := r.respond(i)
	return commands.Reply{Response: resp, Err: err}
}

func (r *echoRouter) respond(i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
	if i.Type == discordgo.InteractionMessageComponent {
		time.Sleep(300 * time.Millisecond)
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage,
			Data: &discordgo.InteractionResponseData{Content: "page 2", AllowedMentions: none()}}, nil
	}
	q := ""
	for _, o := range i.ApplicationCommandData().Options {
		if o.Name == "question" {
			q = o.StringValue()
		}
	}
	var flags discordgo.MessageFlags
	switch q {
	case "slow":
		time.Sleep(300 * time.Millisecond)
	case "slow private":
		time.Sleep(300 * time.Millisecond)
		flags = discordgo.MessageFlagsEphemeral
	case "block":
		r.started <- struct{}{}
		<-r.release
	case "panic":
		panic("boom")
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: flags, AllowedMentions: none(),
			Embeds: []*discordgo.MessageEmbed{{Title: "Reuters", Description: "> " + q}}}}, nil
}

func definitions() []*discordgo.ApplicationCommand {
	return []*discordgo.ApplicationCommand{{
		Name: "ask", Description: "Ask a question",
		Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: "your question", Required: true},
			{Type: discordgo.ApplicationCommandOptionBoolean, Name: "public", Description: "show to everyone"},
		},
	}}
}

func ask(q string, public bool) string {
	return `{"type":2,"guild_id":"42","channel_id":"7","member":{"user":{"id":"9","username":"ann"}},
	"data":{"id":"1","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"` + q + `"},
	{"name":"public","type":5,"value":` + map[bool]string{true: "true", false: "false"}[public] + `}]}}`
}

// running is a bot started against a fake; stop ends it and returns Run's error.
type running struct {
	done chan struct{} // closed when Run returned, err set
	err  *error
	stop context.CancelFunc
}

func (r running) wait(t *testing.T) error {
	t.Helper()
	select {
	case <-r.done:
		return *r.err
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return")
		return nil
	}
}

func start(t *testing.T, f *fakediscord.Fake, cfg Config) running {
	t.Helper()
	if cfg.Token == "" {
		cfg.Token = f.Token
	}
	cfg.RESTBaseURL = f.URL()
	if cfg.Handler == nil {
		cfg.Handler = &echoRouter{}
	}
	if cfg.Definitions == nil {
		cfg.Definitions = definitions
	}
	if cfg.DeferAfter == 0 {
		cfg.DeferAfter = 100 * time.Millisecond
	}
	ready := make(chan struct{})
	cfg.OnReady = func(string) { close(ready) }
	ctx, cancel := context.WithCancel(context.Background())
	r := running{done: make(chan struct{}), err: new(error), stop: cancel}
	go func() { *r.err = Run(ctx, cfg); close(r.done) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-r.done:
		case <-time.After(10 * time.Second):
		}
	})
	select {
	case <-ready:
	case <-r.done:
		t.Fatalf("Run ended before ready: %v", *r.err)
	case <-time.After(10 * time.Second):
		t.Fatal("bot not ready in 10 s")
	}
	return r
}

// valid fails unless every callback and edit passes discordcheck and the
// fake rejected nothing.
func valid(t *testing.T, f *fakediscord.Fake, r fakediscord.Reply) {
	t.Helper()
	if err := discordcheck.Response(r.Callback); err != nil {
		t.Errorf("callback: %v", err)
	}
	for _, e := range r.Edits {
		if err := discordcheck.WebhookEdit(e); err != nil {
			t.Errorf("edit: %v", err)
		}
	}
	if errs := f.Errors(); len(errs) > 0 {
		t.Errorf("the fake rejected: %v", errs)
	}
}

func TestRunGuild(t *testing.T) {
	f := fakediscord.New(t)
	var logs bytes.Buffer
	var mu sync.Mutex
	logger := slog.New(slog.NewJSONHandler(&lockedWriter{w: &logs, mu: &mu}, nil))
	bot := start(t, f, Config{AppID: f.AppID, GuildID: "42", Logger: logger})

	if cmds := f.Commands("42"); len(cmds) != 1 || cmds[0].Name != "ask" {
		t.Fatalf("guild commands: %+v", cmds)
	}
	if f.Commands("") != nil {
		t.Fatal("guild mode registered global commands")
	}
	if id := f.Identify(); id.Intents != discordgo.IntentsNone || id.Shard != [2]int{0, 1} {
		t.Fatalf("identify: %+v", id)
	}

	r := f.Interact(t, ask("who pledged troops?", true))
	valid(t, f, r)
	if r.Deferred() || r.Ephemeral() || !strings.Contains(r.Text(), "> who pledged troops?") {
		t.Fatalf("direct reply: %+v %q", r.Callback, r.Text())
	}

	r = f.Interact(t, ask("panic", true))
	if !r.Ephemeral() || !strings.Contains(r.Text(), "went wrong") {
		t.Fatalf("a panicking handler must get an apology: %q", r.Text())
	}

	bot.stop()
	if err := bot.wait(t); err != nil {
		t.Fatalf("clean shutdown returned %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if !strings.Contains(logs.String(), `"msg":"interaction","transport":"gateway","type":"command","command":"ask","guild":"42"`) ||
		!strings.Contains(logs.String(), `"outcome":"ok"`) || !strings.Contains(logs.String(), `"outcome":"panic"`) {
		t.Fatalf("no interaction log line:\n%s", logs.String())
	}
	if strings.Contains(logs.String(), f.Token) {
		t.Fatal("the token was logged")
	}
}

type lockedWriter struct {
	w  *bytes.Buffer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func TestRunGlobalAppIDFromReady(t *testing.T) {
	f := fakediscord.New(t)
	start(t, f, Config{})
	if cmds := f.Commands(""); len(cmds) != 1 || cmds[0].ApplicationID != f.AppID {
		t.Fatalf("global commands: %+v", cmds)
	}
}

func TestRunShard(t *testing.T) {
	f := fakediscord.New(t)
	start(t, f, Config{ShardID: 1, ShardCount: 2})
	if id := f.Identify(); id.Shard != [2]int{1, 2} {
		t.Fatalf("identify shard: %v", id.Shard)
	}
	if err := Run(context.Background(), Config{Token: "x", Handler: &echoRouter{}, Definitions: definitions, ShardID: 2, ShardCount: 2}); err == nil || !strings.Contains(err.Error(), "--shard-id") {
		t.Fatalf("shard out of range: %v", err)
	}
}

func TestRunToken(t *testing.T) {
	f := fakediscord.New(t)
	err := Run(context.Background(), Config{Handler: &echoRouter{}, Definitions: definitions, RESTBaseURL: f.URL()})
	if !errors.Is(err, ErrNoToken) || !strings.Contains(err.Error(), "DISCORD_TOKEN") {
		t.Fatalf("no token: %v", err)
	}
	secret := "wrong-secret-token"
	err = Run(context.Background(), Config{Token: secret, Handler: &echoRouter{}, Definitions: definitions, RESTBaseURL: f.URL()})
	if !errors.Is(err, ErrBadToken) || !strings.Contains(err.Error(), "DISCORD_TOKEN") || strings.Contains(err.Error(), secret) {
		t.Fatalf("rejected token: %v", err)
	}
	if f.Overwrites("") != 0 {
		t.Fatal("commands registered with a rejected token")
	}
	// Nothing listening: the error says where it tried, still without the token.
	err = Run(context.Background(), Config{Token: secret, Handler: &echoRouter{}, Definitions: definitions, RESTBaseURL: "http://127.0.0.1:1"})
	if err == nil || !strings.Contains(err.Error(), "DISCORD_REST_URL") || strings.Contains(err.Error(), secret) ||
		strings.Contains(err.Error(), "discord.com") || !strings.Contains(err.Error(), "127.0.0.1:1") {
		t.Fatalf("unreachable: %v", err)
	}
}

// TestErrorsNeverCarryTheToken: a proxy or Discord answering 400, 500 or
// 403 with a body that echoes the request's headers gets its body into the
// error only with the token taken out.
func TestErrorsNeverCarryTheToken(t *testing.T) {
	const secret = "MTIz.secret-token.value"
	for _, status := range []int{400, 403, 500, 502} {
		echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			fmt.Fprintf(w, `{"message": "bad request", "echo": {"Authorization": %q, "path": %q}}`, r.Header.Get("Authorization"), r.URL.Path)
		}))
		_, err := Connect(context.Background(), Config{Token: secret, Definitions: definitions, RESTBaseURL: echo.URL})
		echo.Close()
		if err == nil {
			t.Fatalf("%d: no error", status)
		}
		if strings.Contains(err.Error(), "secret-token") {
			t.Errorf("%d: the token is in the error: %v", status, err)
		}
	}
	if got := Redact("PATCH https://discord.com/api/v9/webhooks/1204010203040506070/aW50ZXJhY3Rpb24.abc-def/messages/@original failed", ""); strings.Contains(got, "aW50") {
		t.Errorf("webhook token kept: %s", got)
	}
}

func TestRunRejectedDefinitions(t *testing.T) {
	f := fakediscord.New(t)
	bad := func() []*discordgo.ApplicationCommand {
		return []*discordgo.ApplicationCommand{{Name: "Ask", Description: "x"}}
	}
	err := Run(context.Background(), Config{Token: f.Token, RESTBaseURL: f.URL(), Handler: &echoRouter{}, Definitions: bad})
	if err == nil || !strings.Contains(err.Error(), "registering the commands") || !strings.Contains(err.Error(), "lower case") {
		t.Fatalf("invalid definitions: %v", err)
	}
}

func TestDeferredThenEdited(t *testing.T) {
	f := fakediscord.New(t)
	start(t, f, Config{})

	r := f.Interact(t, ask("slow", true))
	valid(t, f, r)
	if !r.Deferred() || r.Ephemeral() || len(r.Edits) != 1 || !strings.Contains(r.Text(), "> slow") {
		t.Fatalf("slow public: deferred=%v ephemeral=%v edits=%d text=%q", r.Deferred(), r.Ephemeral(), len(r.Edits), r.Text())
	}
	if r.CallbackAfter > 3*time.Second {
		t.Fatalf("deferral after %v", r.CallbackAfter)
	}

	r = f.Interact(t, ask("slow", false))
	valid(t, f, r)
	if !r.Deferred() || !r.Ephemeral() || !strings.Contains(r.Text(), "> slow") {
		t.Fatalf("public:false must defer ephemerally: %+v", r.Callback)
	}

	// A private answer to a public deferral: the "thinking" message goes
	// and the answer follows privately.
	r = f.Interact(t, ask("slow private", true))
	valid(t, f, r)
	if !r.Deleted || len(r.Followups) != 1 || r.Followups[0].Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Fatalf("private answer after public deferral: deleted=%v followups=%+v", r.Deleted, r.Followups)
	}

	// A slow button press defers as an update, then edits its message.
	r = f.Interact(t, `{"type":3,"guild_id":"42","channel_id":"7","member":{"user":{"id":"9"}},
		"message":{"id":"55","channel_id":"7","content":"page 1"},
		"data":{"custom_id":"p1:next","component_type":2}}`)
	valid(t, f, r)
	if r.Callback.Type != discordgo.InteractionResponseDeferredMessageUpdate || r.Message == nil || r.Message.Content != "page 2" {
		t.Fatalf("button: %+v", r.Callback)
	}
}

func TestShutdownWaitsForInFlight(t *testing.T) {
	f := fakediscord.New(t)
	router := &echoRouter{release: make(chan struct{}), started: make(chan struct{}, 1)}
	bot := start(t, f, Config{Handler: router, DeferAfter: 50 * time.Millisecond})

	id, err := f.Dispatch(ask("block", true))
	if err != nil {
		t.Fatal(err)
	}
	<-router.started
	bot.stop()
	// Run must not return while the handler is still working.
	select {
	case <-bot.done:
		t.Fatalf("Run returned with an interaction in flight: %v", *bot.err)
	case <-time.After(200 * time.Millisecond):
	}
	// New interactions are no longer taken.
	late, err := f.Dispatch(ask("late", true))
	if err != nil {
		t.Fatal(err)
	}
	close(router.release)
	r := f.Await(t, id)
	valid(t, f, r)
	if !r.Deferred() || !strings.Contains(r.Text(), "> block") {
		t.Fatalf("in-flight reply: %+v %q", r.Callback, r.Text())
	}
	if err := bot.wait(t); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if s := f.Snapshot(late); s.Callback != nil {
		t.Fatalf("an interaction arriving during shutdown was answered: %+v", s.Callback)
	}
}

func TestShutdownTimeout(t *testing.T) {
	f := fakediscord.New(t)
	router := &echoRouter{release: make(chan struct{}), started: make(chan struct{}, 1)}
	defer close(router.release)
	bot := start(t, f, Config{Handler: router, ShutdownTimeout: 100 * time.Millisecond})
	if _, err := f.Dispatch(ask("block", true)); err != nil {
		t.Fatal(err)
	}
	<-router.started
	bot.stop()
	if err := bot.wait(t); err == nil || !strings.Contains(err.Error(), "still in flight") {
		t.Fatalf("want a timeout error, got %v", err)
	}
}

func TestRESTClient(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Host+" "+r.URL.EscapedPath())
	}))
	defer srv.Close()
	c, err := RESTClient(srv.URL + "/proxy/")
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"https://discord.com/api/v9/gateway", "https://discord.com/api/v9/webhooks/1/a%2Fb/messages/@original"} {
		resp, err := c.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	host := strings.TrimPrefix(srv.URL, "http://")
	want := []string{host + " /proxy/api/v9/gateway", host + " /proxy/api/v9/webhooks/1/a%2Fb/messages/@original"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got %q, want %q", got, want)
	}
	for _, bad := range []string{"discord.com", "ftp://x", "http://"} {
		if _, err := RESTClient(bad); err == nil || !strings.Contains(err.Error(), "DISCORD_REST_URL") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}
