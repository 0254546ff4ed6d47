package fakediscord

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// toFake sends discordgo's requests for discord.com to the fake, as the
// bot's REST base rewrite does in production.
type toFake struct{ base *url.URL }

func (t toFake) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Host == "discord.com" {
		r = r.Clone(r.Context())
		r.URL.Scheme, r.URL.Host = t.base.Scheme, t.base.Host
	}
	return http.DefaultTransport.RoundTrip(r)
}

func session(t *testing.T, f *Fake, token string) *discordgo.Session {
	t.Helper()
	s, err := discordgo.New("Bot " + token)
	if err != nil {
		t.Fatal(err)
	}
	base, _ := url.Parse(f.URL())
	s.Client = &http.Client{Timeout: 5 * time.Second, Transport: toFake{base}}
	s.ShouldReconnectOnError = false
	s.LogLevel = -1
	return s
}

// call makes a raw REST call and decodes Discord's JSON answer.
func call(t *testing.T, f *Fake, method, path, auth, body string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, f.URL()+path, strings.NewReader(body))
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	return resp.StatusCode, m
}

func TestGatewayLookupAndAuth(t *testing.T) {
	f := New(t)
	code, body := call(t, f, "GET", "/api/v9/gateway", "Bot "+f.Token, "")
	if code != 200 || body["url"] != f.GatewayURL() {
		t.Fatalf("gateway: %d %v", code, body)
	}
	code, body = call(t, f, "GET", "/api/v9/users/@me", "Bot wrong", "")
	if code != 401 || body["message"] != "401: Unauthorized" || body["code"] != 0.0 {
		t.Fatalf("wrong token: %d %v", code, body)
	}
	code, _ = call(t, f, "GET", "/api/v9/users/@me", "", "")
	if code != 401 {
		t.Fatalf("no token: %d", code)
	}
	if len(f.Errors()) != 2 {
		t.Fatalf("want 2 recorded errors, got %v", f.Errors())
	}
}

func TestBulkOverwrite(t *testing.T) {
	f := New(t)
	auth := "Bot " + f.Token
	// What discordgo sends: required/autocomplete false and choices null are legal.
	good := `[{"name":"ask","description":"Ask a question","options":[
		{"type":3,"name":"question","description":"your question","required":true,"autocomplete":true,"choices":null},
		{"type":5,"name":"public","description":"show to all","required":false,"autocomplete":false,"choices":null}]}]`
	code, _ := call(t, f, "PUT", "/api/v9/applications/"+f.AppID+"/guilds/42/commands", auth, good)
	if code != 200 {
		t.Fatalf("valid overwrite: %d %v", code, f.Errors())
	}
	if cmds := f.Commands("42"); len(cmds) != 1 || cmds[0].Name != "ask" || cmds[0].ID == "" || len(cmds[0].Options) != 2 {
		t.Fatalf("stored commands: %+v", cmds)
	}
	if f.Commands("") != nil {
		t.Fatal("a guild overwrite must not touch global commands")
	}

	bad := `[{"name":"Ask","description":"","options":[
		{"type":3,"name":"q","description":"d","required":false},
		{"type":3,"name":"r","description":"d","required":true,"autocomplete":true,"choices":[{"name":"a","value":"a"}]}]}]`
	code, body := call(t, f, "PUT", "/api/v9/applications/"+f.AppID+"/commands", auth, bad)
	if code != 400 || body["code"] != 50035.0 || body["message"] != "Invalid Form Body" {
		t.Fatalf("invalid overwrite: %d %v", code, body)
	}
	errs := body["errors"].(map[string]any)["0"].(map[string]any)
	for _, k := range []string{"name", "description"} {
		if _, ok := errs[k].(map[string]any)["_errors"]; !ok {
			t.Errorf("no _errors for %s in %v", k, errs)
		}
	}
	opt1 := errs["options"].(map[string]any)["1"].(map[string]any)
	if _, ok := opt1["required"]; !ok {
		t.Errorf("required-after-optional not reported: %v", opt1)
	}
	if _, ok := opt1["autocomplete"]; !ok {
		t.Errorf("choices with autocomplete not reported: %v", opt1)
	}
	if f.Commands("") != nil || f.Overwrites("") != 0 {
		t.Fatal("a rejected overwrite must not be stored")
	}
	for _, body := range []string{`{"name":"ask"}`, `[{"name":5}]`} {
		if code, _ := call(t, f, "PUT", "/api/v9/applications/"+f.AppID+"/commands", auth, body); code != 400 {
			t.Errorf("%s: want 400, got %d", body, code)
		}
	}
	if code, _ := call(t, f, "PUT", "/api/v9/applications/999/commands", auth, good); code != 403 {
		t.Errorf("other application: want 403, got %d", code)
	}
}

const askJSON = `{"type":2,"guild_id":"42","channel_id":"7","member":{"user":{"id":"9","username":"ann"}},
	"data":{"id":"1","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"who pledged troops?"}]}}`

func none() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// TestSessionRoundTrip drives the real discordgo session: identify, an
// interaction answered at once, one deferred and edited, and the errors
// Discord gives for a second or a late callback.
func TestSessionRoundTrip(t *testing.T) {
	f := New(t, WithCallbackWindow(500*time.Millisecond), WithReplyWait(5*time.Second))
	s := session(t, f, f.Token)
	s.Identify.Intents = discordgo.IntentsNone
	var mu sync.Mutex
	var errs []error
	keep := func(err error) {
		mu.Lock()
		errs = append(errs, err)
		mu.Unlock()
	}
	s.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		q := ic.ApplicationCommandData().Options[0].StringValue()
		switch q {
		case "slow":
			keep(s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
				Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}}))
			content := "late answer"
			_, err := s.InteractionResponseEdit(ic.Interaction, &discordgo.WebhookEdit{Content: &content, AllowedMentions: none()})
			keep(err)
		case "late":
			time.Sleep(700 * time.Millisecond)
			keep(s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
				Data: &discordgo.InteractionResponseData{Content: "too late", AllowedMentions: none()}}))
		case "pings":
			keep(s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
				Data: &discordgo.InteractionResponseData{Content: "@everyone"}}))
		default:
			resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
				Data: &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{{Title: "Reuters", Description: "> " + q}}, AllowedMentions: none()}}
			keep(s.InteractionRespond(ic.Interaction, resp))
			keep(s.InteractionRespond(ic.Interaction, resp))
		}
	})
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if id := f.Identify(); !id.OK || id.Intents != discordgo.IntentsNone || id.Shard != [2]int{0, 1} || id.Token != "Bot "+f.Token {
		t.Fatalf("identify: %+v", id)
	}

	r := f.Interact(t, askJSON)
	if r.Deferred() || r.Message == nil || len(r.Message.Embeds) != 1 || !strings.Contains(r.Text(), "who pledged troops?") {
		t.Fatalf("direct reply: %+v", r)
	}
	waitFor(t, func() bool { mu.Lock(); defer mu.Unlock(); return len(errs) == 2 })
	var re *discordgo.RESTError
	if !errors.As(errs[1], &re) || re.Message == nil || re.Message.Code != codeAcknowledged {
		t.Fatalf("second callback: want 40060, got %v", errs[1])
	}

	r = f.Interact(t, strings.Replace(askJSON, "who pledged troops?", "slow", 1))
	if !r.Deferred() || !r.Ephemeral() || len(r.Edits) != 1 || r.Message.Content != "late answer" {
		t.Fatalf("deferred reply: %+v", r)
	}

	id, err := f.Dispatch(strings.Replace(askJSON, "who pledged troops?", "late", 1))
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { return len(f.Snapshot(id).Rejected) > 0 })
	if err := f.Snapshot(id).Rejected[0].(*APIError); err.Code != codeUnknownInteraction {
		t.Fatalf("late callback: %v", err)
	}

	id, _ = f.Dispatch(strings.Replace(askJSON, "who pledged troops?", "pings", 1))
	waitFor(t, func() bool { return len(f.Snapshot(id).Rejected) > 0 })
	if err := f.Snapshot(id).Rejected[0].Error(); !strings.Contains(err, "data.allowed_mentions: missing") {
		t.Fatalf("reply without allowed_mentions: %v", err)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal("condition not met within 5 s")
}

func TestWrongTokenAtGateway(t *testing.T) {
	f := New(t)
	s := session(t, f, "not-the-token")
	// GET /gateway accepts no Authorization in Discord, but a wrong one is 401.
	err := s.Open()
	var re *discordgo.RESTError
	if !errors.As(err, &re) || re.Response.StatusCode != 401 {
		t.Fatalf("want a 401 RESTError, got %v", err)
	}
	// Past the look-up, IDENTIFY with the wrong token is closed with 4004.
	s2 := session(t, f, "not-the-token")
	s2.Client.Transport = withoutAuth{s2.Client.Transport}
	err = s2.Open()
	var ce *websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != closeAuthFailed {
		s2.Close()
		t.Fatalf("identify with a wrong token: want close 4004, got %v", err)
	}
	if id := f.Identify(); id.OK || id.Token != "Bot not-the-token" {
		t.Fatalf("identify: %+v", id)
	}
}

// withoutAuth drops the Authorization header, as Discord's gateway
// look-up does not need one.
type withoutAuth struct{ rt http.RoundTripper }

func (w withoutAuth) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Del("Authorization")
	return w.rt.RoundTrip(r)
}

func TestCallbackErrors(t *testing.T) {
	f := New(t)
	code, body := call(t, f, "POST", "/api/v9/interactions/123/nope/callback", "", `{"type":4,"data":{"content":"x","allowed_mentions":{"parse":[]}}}`)
	if code != 404 || body["code"] != 10062.0 {
		t.Fatalf("unknown interaction: %d %v", code, body)
	}
	code, body = call(t, f, "PATCH", "/api/v9/webhooks/"+f.AppID+"/nope/messages/@original", "", `{"content":"x"}`)
	if code != 404 || body["code"] != 10015.0 {
		t.Fatalf("unknown webhook: %d %v", code, body)
	}
	code, _ = call(t, f, "DELETE", "/api/v9/channels/1", "Bot "+f.Token, "")
	if code != 404 {
		t.Fatalf("unknown route: %d", code)
	}
}

func TestFormErrors(t *testing.T) {
	err := decodeAndCheck(`{"type":4,"data":{"embeds":[{"description":"` + strings.Repeat("a", 4097) + `"}],"allowed_mentions":{"parse":[]}}}`)
	b, _ := json.Marshal(formErrors(err))
	want := `{"data":{"embeds":{"0":{"description":{"_errors":[{"code":"BASE_TYPE_INVALID","message":"4097 \u003e 4096"}]}}}}}`
	if !bytes.Equal(b, []byte(want)) {
		t.Fatalf("got %s\nwant %s", b, want)
	}
	if err := decodeAndCheck(`{"type":4,"data":{"components":[{"type":99}],"allowed_mentions":{"parse":[]}}}`); err == nil || !strings.Contains(err.Error(), "data.components[0]") {
		t.Fatalf("unknown component type: %v", err)
	}
	if err := decodeAndCheck(`{"data":{}}`); err == nil || !strings.Contains(err.Error(), "type: required") {
		t.Fatalf("missing type: %v", err)
	}
}

func decodeAndCheck(body string) error {
	r, err := decodeResponse([]byte(body))
	if err != nil {
		return err
	}
	return discordcheckResponse(r)
}
