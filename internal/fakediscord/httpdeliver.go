package fakediscord

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"

	"talkbot/internal/discordcheck"
)

// Deliver is Discord's Interactions Endpoint mode: it POSTs the
// interaction to url signed with key (ed25519 over timestamp + body, as
// Discord does), takes a 200's body as the callback, and waits for the
// edit when that callback deferred. It returns the reply and the HTTP
// status; a non-200 status gives a Reply without a callback. The fake
// assigns id, token and application_id as Dispatch does, so the reply's
// webhook edits reach it. (Added by the serve engineer for bot/http.)
func (f *Fake) Deliver(t testing.TB, url string, key ed25519.PrivateKey, interaction any) (Reply, int) {
	t.Helper()
	raw, err := json.Marshal(interaction)
	if b, ok := interaction.([]byte); ok {
		raw, err = b, nil
	}
	if err != nil {
		t.Fatalf("fakediscord: encode interaction: %v", err)
	}
	var obj map[string]any
	if err := json.Unmarshal(raw, &obj); err != nil {
		t.Fatalf("fakediscord: interaction is not a JSON object: %v", err)
	}
	p := &pending{id: f.id(), token: "itoken-" + f.id(), notify: make(chan struct{})}
	obj["id"], obj["token"], obj["application_id"] = p.id, p.token, f.AppID
	if _, ok := obj["version"]; !ok {
		obj["version"] = 1
	}
	p.guildID, _ = obj["guild_id"].(string)
	p.channelID, _ = obj["channel_id"].(string)
	body, _ := json.Marshal(obj)
	f.mu.Lock()
	f.interactions[p.id] = p
	f.byToken[p.token] = p
	f.mu.Unlock()

	ts := strconv.FormatInt(time.Now().Unix(), 10)
	sig := ed25519.Sign(key, append([]byte(ts), body...))
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
	req.Header.Set("X-Signature-Timestamp", ts)
	p.mu.Lock()
	p.at = time.Now()
	p.mu.Unlock()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("fakediscord: POST %s: %v", url, err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("fakediscord: reading the reply: %v", err)
	}
	if resp.StatusCode != http.StatusOK {
		return Reply{ID: p.id, Token: p.token}, resp.StatusCode
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("fakediscord: reply Content-Type %q, Discord wants application/json", ct)
	}
	// The same checks as a REST callback: Discord validates both alike.
	cb, err := decodeResponse(out)
	if err == nil {
		err = discordcheck.Response(cb)
	}
	if err != nil {
		t.Fatalf("fakediscord: Discord would refuse the reply: %v: %.300q", err, out)
	}
	if apiErr := p.acknowledge(cb, out, nil, f.window); apiErr != nil {
		t.Fatalf("fakediscord: %v", apiErr)
	}
	return f.Await(t, p.id), resp.StatusCode
}
