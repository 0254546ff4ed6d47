package bot

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"talkbot/commands"
	"talkbot/internal/fakediscord"
)

const askJSON = `{"id":"11","application_id":"22","type":2,"token":"tok","version":1,"guild_id":"33","channel_id":"44",
"member":{"user":{"id":"55","username":"ann"}},"data":{"id":"66","name":"ask","type":1,
"options":[{"name":"question","type":3,"value":"who pledged troops?"}]}}`

const autocompleteJSON = `{"id":"12","application_id":"22","type":4,"token":"tok2","version":1,"guild_id":"33","channel_id":"44",
"member":{"user":{"id":"55","username":"ann"}},"data":{"id":"66","name":"ask","type":1,
"options":[{"name":"question","type":3,"value":"secu","focused":true}]}}`

const helpJSON = `{"id":"13","application_id":"22","type":2,"token":"tok3","version":1,"guild_id":"33","channel_id":"44",
"member":{"user":{"id":"55","username":"ann"}},"data":{"id":"67","name":"help","type":1}}`

// TestServeRefuses: every bad request gets the status Discord's probes
// and a careful server expect, and the failure is counted.
func TestServeRefuses(t *testing.T) {
	s, url := testServer(t, ServeConfig{})
	body := []byte(askJSON)
	now := time.Now()
	sig, ts := Sign(testKey, now, body)
	staleSig, staleTS := Sign(testKey, now.Add(-6*time.Minute), body)
	futureSig, futureTS := Sign(testKey, now.Add(6*time.Minute), body)
	badBody := []byte(`{"type":2,`)
	badSig, badTS := Sign(testKey, now, badBody)
	oddBody := []byte(`{"id":"1","type":42,"token":"t","data":{}}`)
	oddSig, oddTS := Sign(testKey, now, oddBody)
	big := append(bytes.Repeat([]byte(" "), MaxBody), body...)
	bigSig, bigTS := Sign(testKey, now, big)
	flipped := []byte(strings.Replace(askJSON, "troops", "tanks!", 1))

	cases := []struct {
		name    string
		sig, ts string
		body    []byte
		want    int
	}{
		{"no signature", "", ts, body, 401},
		{"no timestamp", sig, "", body, 401},
		{"signature not hex", strings.Repeat("zz", 64), ts, body, 401},
		{"signature too short", sig[:100], ts, body, 401},
		{"body changed after signing", sig, ts, flipped, 401},
		{"timestamp changed after signing", sig, strconv.FormatInt(now.Unix()-1, 10), body, 401},
		{"timestamp 6 minutes old", staleSig, staleTS, body, 401},
		{"timestamp 6 minutes ahead", futureSig, futureTS, body, 401},
		{"timestamp not a number", sig, "yesterday", body, 401},
		{"body over 64 KiB", bigSig, bigTS, big, 413},
		{"malformed JSON", badSig, badTS, badBody, 400},
		{"unknown interaction type", oddSig, oddTS, oddBody, 400},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, text, _ := post(t, url+"/interactions", c.sig, c.ts, c.body)
			if got != c.want {
				t.Fatalf("status %d (%q), want %d", got, text, c.want)
			}
		})
	}
	if n := counter(s.cfg.Metrics.sigFailures.WithLabelValues("stale")); n != 3 {
		t.Errorf("stale signature failures counted %v, want 3", n)
	}
	if n := counter(s.cfg.Metrics.sigFailures.WithLabelValues("mismatch")); n != 2 {
		t.Errorf("mismatched signatures counted %v, want 2", n)
	}
	// GET is not how Discord calls.
	resp, err := http.Get(url + "/interactions")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET: status %d, want 405", resp.StatusCode)
	}
}

// TestServePing: Discord's PING gets exactly {"type":1} as JSON, at the
// root as well as /interactions.
func TestServePing(t *testing.T) {
	_, url := testServer(t, ServeConfig{})
	for _, path := range []string{"/interactions", "/"} {
		status, body, h := signedPost(t, url+path, []byte(`{"id":"1","application_id":"2","type":1,"token":"t","version":1}`))
		if status != 200 || body != `{"type":1}` || h.Get("Content-Type") != "application/json" {
			t.Errorf("%s: PING got %d %q %q", path, status, body, h.Get("Content-Type"))
		}
	}
}

// TestServeAnswersThroughFakeDiscord: commands, autocomplete and help are
// answered in the HTTP body, and Discord (the fake) accepts each reply.
func TestServeAnswersThroughFakeDiscord(t *testing.T) {
	fake := fakediscord.New(t)
	_, url := testServer(t, ServeConfig{RESTBaseURL: fake.URL()})
	for _, c := range []struct {
		name string
		body string
		want discordgo.InteractionResponseType
	}{
		{"ask", askJSON, discordgo.InteractionResponseChannelMessageWithSource},
		{"autocomplete", autocompleteJSON, discordgo.InteractionApplicationCommandAutocompleteResult},
		{"help", helpJSON, discordgo.InteractionResponseChannelMessageWithSource},
	} {
		t.Run(c.name, func(t *testing.T) {
			reply, status := fake.Deliver(t, url+"/interactions", testKey, []byte(c.body))
			if status != 200 {
				t.Fatalf("status %d", status)
			}
			if reply.Callback.Type != c.want {
				t.Fatalf("reply type %d, want %d", reply.Callback.Type, c.want)
			}
			if c.want == discordgo.InteractionResponseChannelMessageWithSource && reply.Text() == "" {
				t.Fatal("empty answer")
			}
			if c.want == discordgo.InteractionApplicationCommandAutocompleteResult && len(reply.Callback.Data.Choices) == 0 {
				t.Fatal("no autocomplete choices for \"secu\"")
			}
		})
	}
	if errs := fake.Errors(); len(errs) > 0 {
		t.Fatalf("fake Discord refused: %v", errs)
	}
}

// slowRouter delays a real router: it stands for a search that takes
// longer than Discord's 3 seconds allow.
type slowRouter struct {
	Handler
	delay time.Duration
}

func (r slowRouter) Handle(ctx context.Context, i *discordgo.Interaction) commands.Reply {
	select {
	case <-time.After(r.delay):
	case <-ctx.Done():
		return commands.Reply{Err: ctx.Err()}
	}
	return r.Handler.Handle(ctx, i)
}

// TestServeDefersSlowWork: a slow answer is deferred in the HTTP body and
// finished with a webhook edit through the REST base URL.
func TestServeDefersSlowWork(t *testing.T) {
	fake := fakediscord.New(t)
	_, url := testServer(t, ServeConfig{Handler: slowRouter{Handler: realRouter(t), delay: 300 * time.Millisecond}, RESTBaseURL: fake.URL(), DeferAfter: 50 * time.Millisecond})
	reply, status := fake.Deliver(t, url+"/interactions", testKey, []byte(askJSON))
	if status != 200 || !reply.Deferred() {
		t.Fatalf("status %d, deferred %v: want a deferred reply", status, reply.Deferred())
	}
	if len(reply.Edits) != 1 || !strings.Contains(strings.ToLower(reply.Text()), "troop") {
		t.Fatalf("edits %d, text %q: want one edit with the answer", len(reply.Edits), reply.Text())
	}
	if e := reply.Edits[0]; e.AllowedMentions == nil || e.AllowedMentions.Parse == nil {
		t.Fatal("the edit does not forbid mentions")
	}
}

// panicRouter fails the way a bug would, until fixed.
type panicRouter struct {
	Handler
	fixed atomic.Bool
}

func (p *panicRouter) Handle(ctx context.Context, i *discordgo.Interaction) commands.Reply {
	if !p.fixed.Load() {
		panic("handler bug")
	}
	return p.Handler.Handle(ctx, i)
}

// TestServeSurvivesPanic: a panicking handler is answered 500 and the
// server keeps answering.
func TestServeSurvivesPanic(t *testing.T) {
	h := &panicRouter{Handler: realRouter(t)}
	s, url := testServer(t, ServeConfig{Handler: h})
	if status, _, _ := signedPost(t, url+"/interactions", []byte(helpJSON)); status != 500 {
		t.Fatalf("panicking handler: status %d, want 500", status)
	}
	s.waitPending(context.Background()) // counted once the 500 is written
	if n := counter(s.cfg.Metrics.interactions.WithLabelValues("help", "panic")); n != 1 {
		t.Errorf("panics counted %v, want 1", n)
	}
	h.fixed.Store(true)
	status, body, _ := signedPost(t, url+"/interactions", []byte(helpJSON))
	var resp discordgo.InteractionResponse
	if status != 200 || json.Unmarshal([]byte(body), &resp) != nil || resp.Type != discordgo.InteractionResponseChannelMessageWithSource {
		t.Fatalf("after a panic: status %d body %.100q", status, body)
	}
}

func TestCheckHeaders(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	sig := hex.EncodeToString(make([]byte, 64))
	for _, c := range []struct {
		ts   string
		want error
	}{
		{"1700000000", nil},
		{"1700000300", nil},
		{"1699999700", nil},
		{"1700000301", errStale},
		{"1699999699", errStale},
		{"-9223372036854775808", errStale},
		{"9223372036854775807", errStale},
		{"1.7e9", errBadTimestamp},
	} {
		if _, err := checkHeaders(sig, c.ts, now); err != c.want {
			t.Errorf("timestamp %s: %v, want %v", c.ts, err, c.want)
		}
	}
}

func counter(c prometheus.Counter) float64 {
	var m dto.Metric
	if err := c.Write(&m); err != nil {
		return -1
	}
	return m.GetCounter().GetValue()
}

const whoPledgedJSON = `{"id":"14","application_id":"22","type":2,"token":"tok4","version":1,"guild_id":"33","channel_id":"44",
"member":{"user":{"id":"55","username":"ann"}},"data":{"id":"68","name":"who-pledged","type":1,
"options":[{"name":"what","type":3,"value":"troops"}]}}`

// TestServeUploadsTheTimeline: an answer with a file cannot go in the
// HTTP body, so serve answers at once without it and uploads it with an
// edit, which the fake Discord accepts (multipart, a PNG the embed refers
// to).
func TestServeUploadsTheTimeline(t *testing.T) {
	fake := fakediscord.New(t)
	// No deferral however slow the machine (the race detector's): this is
	// about an answer ready in time.
	_, url := testServer(t, ServeConfig{RESTBaseURL: fake.URL(), DeferAfter: 20 * time.Second})
	reply, status := fake.Deliver(t, url+"/interactions", testKey, []byte(whoPledgedJSON))
	if status == 200 {
		reply = fake.AwaitEdits(t, reply.ID, 1)
	}
	if status != 200 || reply.Deferred() || len(reply.Edits) != 1 {
		t.Fatalf("status %d, deferred %v, %d edits: want the answer and one edit", status, reply.Deferred(), len(reply.Edits))
	}
	if d := reply.Callback.Data; d == nil || len(d.Embeds) != 1 || d.Embeds[0].Image != nil || !strings.Contains(d.Embeds[0].Description, "France") {
		t.Fatalf("the first reply is not the answer without its picture: %+v", d)
	}
	if len(reply.Files) != 1 || reply.Files[0].Name != "timeline.png" || reply.Files[0].ContentType != "image/png" {
		t.Fatalf("files %+v: want timeline.png", reply.Files)
	}
	if !strings.Contains(reply.Text(), "France") {
		t.Fatalf("no answer in the edit: %q", reply.Text())
	}
	// An edit may reach Discord before it has taken in the first answer
	// (the HTTP response): Unknown Message, and the edit is tried again.
	for _, err := range fake.Errors() {
		if !strings.Contains(err.Error(), "Unknown Message (code 10008)") {
			t.Errorf("fake Discord refused: %v", err)
		}
	}
}
