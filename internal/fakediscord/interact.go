package fakediscord

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// pending is one dispatched interaction and everything answered to it.
type pending struct {
	id, token, guildID, channelID string
	at                            time.Time

	mu            sync.Mutex
	callback      *discordgo.InteractionResponse
	callbackRaw   json.RawMessage
	callbackAfter time.Duration
	edits         []*discordgo.WebhookEdit
	followups     []*discordgo.WebhookParams
	message       map[string]json.RawMessage // @original as it stands
	messageID     string
	deleted       bool
	rejected      []error
	files         []File // uploaded with the callback, edits and follow-ups, in order
	notify        chan struct{}
}

// addFiles records uploads accepted for the interaction.
func (p *pending) addFiles(files []File) {
	if len(files) == 0 {
		return
	}
	p.mu.Lock()
	p.files = append(p.files, files...)
	p.mu.Unlock()
}

// changed wakes waiters; p.mu must be held.
func (p *pending) changed() {
	close(p.notify)
	p.notify = make(chan struct{})
}

// acknowledge records the first callback, or says why Discord refuses it.
func (p *pending) acknowledge(resp *discordgo.InteractionResponse, body []byte, files []File, window time.Duration) *APIError {
	p.mu.Lock()
	defer p.mu.Unlock()
	after := time.Since(p.at)
	if p.callback != nil {
		return &APIError{Status: http.StatusBadRequest, Code: codeAcknowledged, Message: "Interaction has already been acknowledged."}
	}
	if after > window {
		return &APIError{Status: http.StatusNotFound, Code: codeUnknownInteraction,
			Message: "Unknown interaction", Detail: fmt.Errorf("first callback %v after dispatch, window %v", after.Round(time.Millisecond), window)}
	}
	p.callback, p.callbackRaw, p.callbackAfter = resp, body, after
	p.files = append(p.files, files...)
	var raw struct {
		Data map[string]json.RawMessage `json:"data"`
	}
	_ = json.Unmarshal(body, &raw)
	switch resp.Type {
	case discordgo.InteractionResponseChannelMessageWithSource, discordgo.InteractionResponseUpdateMessage,
		discordgo.InteractionResponseDeferredChannelMessageWithSource:
		p.message = map[string]json.RawMessage{}
		for k, v := range raw.Data {
			p.message[k] = v
		}
	}
	p.changed()
	return nil
}

// edit applies a PATCH of @original and returns the message as it now is.
func (p *pending) edit(e *discordgo.WebhookEdit, body []byte, f *Fake) map[string]any {
	var fields map[string]json.RawMessage
	_ = json.Unmarshal(body, &fields)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.message == nil {
		p.message = map[string]json.RawMessage{}
	}
	for k, v := range fields {
		p.message[k] = v
	}
	p.edits = append(p.edits, e)
	if p.messageID == "" {
		p.messageID = f.id()
	}
	p.changed()
	return f.messageJSON(p.messageID, p.channelID, p.message)
}

// Reply is everything the bot answered to one interaction.
type Reply struct {
	ID, Token string
	// Callback is the first (accepted) callback; CallbackAfter is how long
	// after dispatch it came.
	Callback      *discordgo.InteractionResponse
	CallbackRaw   json.RawMessage
	CallbackAfter time.Duration
	// Edits are the accepted PATCHes of @original, in order.
	Edits []*discordgo.WebhookEdit
	// Followups are the accepted follow-up messages.
	Followups []*discordgo.WebhookParams
	// Message is the original response as a user sees it after the
	// callback and every edit (nil for autocomplete or a deferred update
	// never edited).
	Message *discordgo.Message
	// Deleted reports that the original response was deleted.
	Deleted bool
	// Rejected lists what the fake refused for this interaction.
	Rejected []error
	// Files are the attachments uploaded with the replies, in order.
	Files []File
}

// Deferred reports whether the bot deferred before answering.
func (r Reply) Deferred() bool {
	return r.Callback != nil && (r.Callback.Type == discordgo.InteractionResponseDeferredChannelMessageWithSource ||
		r.Callback.Type == discordgo.InteractionResponseDeferredMessageUpdate)
}

// Ephemeral reports whether the reply is visible to its asker only.
func (r Reply) Ephemeral() bool {
	return r.Callback != nil && r.Callback.Data != nil && r.Callback.Data.Flags&discordgo.MessageFlagsEphemeral != 0
}

// Text is the message's content, embed titles, descriptions and fields,
// joined for "contains" checks.
func (r Reply) Text() string {
	var b strings.Builder
	if r.Message == nil {
		return ""
	}
	b.WriteString(r.Message.Content)
	for _, e := range r.Message.Embeds {
		b.WriteString("\n" + e.Title + "\n" + e.Description)
		for _, fl := range e.Fields {
			b.WriteString("\n" + fl.Name + "\n" + fl.Value)
		}
		if e.Footer != nil {
			b.WriteString("\n" + e.Footer.Text)
		}
	}
	return b.String()
}

func (p *pending) reply(f *Fake) Reply {
	p.mu.Lock()
	defer p.mu.Unlock()
	r := Reply{
		ID: p.id, Token: p.token, Callback: p.callback, CallbackRaw: p.callbackRaw, CallbackAfter: p.callbackAfter,
		Edits: append([]*discordgo.WebhookEdit(nil), p.edits...), Followups: append([]*discordgo.WebhookParams(nil), p.followups...),
		Rejected: append([]error(nil), p.rejected...), Deleted: p.deleted,
		Files: append([]File(nil), p.files...),
	}
	if p.message != nil {
		id := p.messageID
		if id == "" {
			id = p.id
		}
		b, _ := json.Marshal(f.messageJSON(id, p.channelID, p.message))
		var m discordgo.Message
		if err := json.Unmarshal(b, &m); err == nil {
			r.Message = &m
		}
	}
	return r
}

// done: the first callback arrived and, if it deferred, an edit or a
// follow-up followed.
func (p *pending) done() bool {
	if p.callback == nil {
		return false
	}
	switch p.callback.Type {
	case discordgo.InteractionResponseDeferredChannelMessageWithSource, discordgo.InteractionResponseDeferredMessageUpdate:
		return len(p.edits) > 0 || len(p.followups) > 0
	}
	return true
}

// Dispatch sends an interaction over the gateway as INTERACTION_CREATE and
// returns its id. interaction is JSON as Discord sends it ([]byte, string,
// json.RawMessage) or a *discordgo.Interaction. The fake assigns a fresh
// id, token and application_id, so recorded JSON can be sent many times.
// It waits (up to the reply wait) for a shard to be connected.
func (f *Fake) Dispatch(interaction any) (string, error) {
	var raw []byte
	switch v := interaction.(type) {
	case []byte:
		raw = v
	case json.RawMessage:
		raw = v
	case string:
		raw = []byte(v)
	default:
		b, err := json.Marshal(v)
		if err != nil {
			return "", fmt.Errorf("fakediscord: encode interaction: %w", err)
		}
		raw = b
	}
	var obj map[string]any
	if err := json.Unmarshal(raw, &obj); err != nil {
		return "", fmt.Errorf("fakediscord: interaction is not a JSON object: %w", err)
	}
	p := &pending{id: f.id(), token: "itoken-" + f.id(), notify: make(chan struct{})}
	obj["id"], obj["token"], obj["application_id"] = p.id, p.token, f.AppID
	if _, ok := obj["version"]; !ok {
		obj["version"] = 1
	}
	p.guildID, _ = obj["guild_id"].(string)
	p.channelID, _ = obj["channel_id"].(string)

	conn, err := f.shardFor(p.guildID)
	if err != nil {
		return "", err
	}
	f.mu.Lock()
	f.interactions[p.id] = p
	f.byToken[p.token] = p
	f.mu.Unlock()
	p.mu.Lock()
	p.at = time.Now()
	p.mu.Unlock()
	if err := conn.dispatch("INTERACTION_CREATE", obj); err != nil {
		return "", fmt.Errorf("fakediscord: dispatch: %w", err)
	}
	return p.id, nil
}

// shardFor waits for a ready gateway connection and picks the shard
// Discord would route the guild to: (guild_id >> 22) % shard_count.
func (f *Fake) shardFor(guildID string) (*gwConn, error) {
	deadline := time.After(f.wait)
	for {
		f.mu.Lock()
		var pick *gwConn
		for _, c := range f.conns {
			if !c.ready() {
				continue
			}
			if pick == nil || c.shard[0] == shardOf(guildID, c.shard[1]) {
				pick = c
			}
		}
		wait := f.connected
		f.mu.Unlock()
		if pick != nil {
			return pick, nil
		}
		select {
		case <-wait:
		case <-deadline:
			return nil, fmt.Errorf("fakediscord: no gateway connection after %v (did the bot open its session?)", f.wait)
		}
	}
}

func shardOf(guildID string, count int) int {
	var id uint64
	if _, err := fmt.Sscan(guildID, &id); err != nil || count <= 1 {
		return 0
	}
	return int((id >> 22) % uint64(count))
}

// Await waits for the reply to a dispatched interaction: the callback and,
// when it deferred, the edit that follows. It fails the test on timeout.
func (f *Fake) Await(t testing.TB, id string) Reply {
	t.Helper()
	return f.awaitUntil(t, id, func(p *pending) bool { return p.done() }, func(r Reply) string {
		return fmt.Sprintf("no complete reply (callback %v, rejected %v)", r.Callback != nil, r.Rejected)
	})
}

// AwaitEdits waits until interaction id's original response has been
// edited n times (an answer sent at once whose files an edit adds).
func (f *Fake) AwaitEdits(t testing.TB, id string, n int) Reply {
	t.Helper()
	return f.awaitUntil(t, id, func(p *pending) bool { return p.done() && len(p.edits) >= n }, func(r Reply) string {
		return fmt.Sprintf("%d edits, want %d (rejected %v)", len(r.Edits), n, r.Rejected)
	})
}

// awaitUntil waits until ready holds for interaction id, and fails the
// test with missing's account of the reply after the fake's wait.
func (f *Fake) awaitUntil(t testing.TB, id string, ready func(*pending) bool, missing func(Reply) string) Reply {
	t.Helper()
	f.mu.Lock()
	p := f.interactions[id]
	f.mu.Unlock()
	if p == nil {
		t.Fatalf("fakediscord: no interaction %s was dispatched", id)
	}
	deadline := time.After(f.wait)
	for {
		p.mu.Lock()
		done, wait := ready(p), p.notify
		p.mu.Unlock()
		if done {
			return p.reply(f)
		}
		select {
		case <-wait:
		case <-deadline:
			r := p.reply(f)
			t.Fatalf("fakediscord: interaction %s got %s within %v", id, missing(r), f.wait)
			return r
		}
	}
}

// Interact dispatches an interaction and waits for its reply.
func (f *Fake) Interact(t testing.TB, interaction any) Reply {
	t.Helper()
	id, err := f.Dispatch(interaction)
	if err != nil {
		t.Fatal(err)
	}
	return f.Await(t, id)
}

// Snapshot returns what has been answered to an interaction so far,
// without waiting.
func (f *Fake) Snapshot(id string) Reply {
	f.mu.Lock()
	p := f.interactions[id]
	f.mu.Unlock()
	if p == nil {
		return Reply{}
	}
	return p.reply(f)
}
