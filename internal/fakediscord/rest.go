package fakediscord

import (
	"encoding/json"
	"io"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"
	"talkbot/internal/discordcheck"
)

func (f *Fake) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v9/gateway", f.getGateway)
	mux.HandleFunc("GET /api/v9/users/@me", f.getMe)
	mux.HandleFunc("PUT /api/v9/applications/{app}/commands", f.putCommands)
	mux.HandleFunc("PUT /api/v9/applications/{app}/guilds/{guild}/commands", f.putCommands)
	mux.HandleFunc("POST /api/v9/interactions/{id}/{token}/callback", f.postCallback)
	mux.HandleFunc("PATCH /api/v9/webhooks/{app}/{token}/messages/@original", f.patchOriginal)
	mux.HandleFunc("DELETE /api/v9/webhooks/{app}/{token}/messages/@original", f.deleteOriginal)
	mux.HandleFunc("POST /api/v9/webhooks/{app}/{token}", f.postFollowup)
	mux.HandleFunc("GET /gateway", f.serveGateway)
	mux.HandleFunc("GET /gateway/", f.serveGateway)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		f.reject(w, r, &APIError{Status: http.StatusNotFound, Code: 0, Message: "404: Not Found"})
	})
	return mux
}

func (f *Fake) getGateway(w http.ResponseWriter, r *http.Request) {
	if !f.authorized(r, false) {
		f.unauthorized(w, r)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"url": f.GatewayURL()})
}

func (f *Fake) getMe(w http.ResponseWriter, r *http.Request) {
	if !f.authorized(r, true) {
		f.unauthorized(w, r)
		return
	}
	writeJSON(w, http.StatusOK, f.botUser())
}

func (f *Fake) botUser() map[string]any {
	return map[string]any{"id": f.BotUserID, "username": "talkbot", "discriminator": "0", "bot": true}
}

func readBody(r *http.Request) ([]byte, error) {
	return io.ReadAll(io.LimitReader(r.Body, 8<<20))
}

// putCommands is a bulk overwrite: the list replaces whatever was there.
func (f *Fake) putCommands(w http.ResponseWriter, r *http.Request) {
	if !f.authorized(r, true) {
		f.unauthorized(w, r)
		return
	}
	if r.PathValue("app") != f.AppID {
		f.reject(w, r, &APIError{Status: http.StatusForbidden, Code: 50001, Message: "Missing Access"})
		return
	}
	body, err := readBody(r)
	if err != nil {
		f.invalidForm(w, r, err)
		return
	}
	cmds, err := decodeCommands(body)
	if err == nil {
		err = discordcheck.Commands(cmds)
	}
	if err != nil {
		f.invalidForm(w, r, err)
		return
	}
	guild := r.PathValue("guild")
	for _, c := range cmds {
		c.ID = f.id()
		c.ApplicationID = f.AppID
		c.GuildID = guild
		c.Version = f.id()
		if c.Type == 0 {
			c.Type = discordgo.ChatApplicationCommand
		}
	}
	f.mu.Lock()
	f.commands[guild] = cmds
	f.puts[guild]++
	f.mu.Unlock()
	writeJSON(w, http.StatusOK, cmds)
}

// postCallback is the first answer to an interaction: once, within the window.
func (f *Fake) postCallback(w http.ResponseWriter, r *http.Request) {
	if !f.authorized(r, false) {
		f.unauthorized(w, r)
		return
	}
	f.mu.Lock()
	p := f.interactions[r.PathValue("id")]
	f.mu.Unlock()
	if p == nil || p.token != r.PathValue("token") {
		f.reject(w, r, &APIError{Status: http.StatusNotFound, Code: codeUnknownInteraction, Message: "Unknown interaction"})
		return
	}
	body, files, err := readPayload(r)
	if err != nil {
		f.invalidForm(w, r, err)
		return
	}
	resp, err := decodeResponse(body)
	if err == nil {
		err = discordcheck.Response(resp)
	}
	if err == nil && len(files) > 0 {
		var embeds []*discordgo.MessageEmbed
		if resp.Data != nil {
			embeds = resp.Data.Embeds
		}
		err = discordcheck.Files(attachmentsOf(files), embeds)
	}
	if err != nil {
		f.rejectFor(p, w, r, &APIError{Status: http.StatusBadRequest, Code: codeInvalidForm, Message: "Invalid Form Body", Detail: err})
		return
	}
	if e := p.acknowledge(resp, body, files, f.window); e != nil {
		f.rejectFor(p, w, r, e)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// rejectFor rejects a request and keeps the error with its interaction.
func (f *Fake) rejectFor(p *pending, w http.ResponseWriter, r *http.Request, e *APIError) {
	f.reject(w, r, e)
	p.mu.Lock()
	p.rejected = append(p.rejected, e)
	p.changed()
	p.mu.Unlock()
}

// webhookTarget finds the interaction a webhook URL points at.
func (f *Fake) webhookTarget(w http.ResponseWriter, r *http.Request) *pending {
	if !f.authorized(r, false) {
		f.unauthorized(w, r)
		return nil
	}
	f.mu.Lock()
	p := f.byToken[r.PathValue("token")]
	f.mu.Unlock()
	if p == nil || r.PathValue("app") != f.AppID {
		f.reject(w, r, &APIError{Status: http.StatusNotFound, Code: codeUnknownWebhook, Message: "Unknown Webhook"})
		return nil
	}
	p.mu.Lock()
	acked := p.callback != nil
	p.mu.Unlock()
	if !acked {
		f.rejectFor(p, w, r, &APIError{Status: http.StatusNotFound, Code: codeUnknownMessage, Message: "Unknown Message"})
		return nil
	}
	return p
}

func (f *Fake) patchOriginal(w http.ResponseWriter, r *http.Request) {
	p := f.webhookTarget(w, r)
	if p == nil {
		return
	}
	body, files, err := readPayload(r)
	if err != nil {
		f.invalidForm(w, r, err)
		return
	}
	edit, err := decodeEdit(body)
	if err == nil {
		err = discordcheck.WebhookEdit(edit)
	}
	if err == nil && len(files) > 0 {
		var embeds []*discordgo.MessageEmbed
		if edit.Embeds != nil {
			embeds = *edit.Embeds
		}
		err = discordcheck.Files(attachmentsOf(files), embeds)
	}
	if err != nil {
		f.rejectFor(p, w, r, &APIError{Status: http.StatusBadRequest, Code: codeInvalidForm, Message: "Invalid Form Body", Detail: err})
		return
	}
	p.addFiles(files)
	writeJSON(w, http.StatusOK, p.edit(edit, body, f))
}

func (f *Fake) deleteOriginal(w http.ResponseWriter, r *http.Request) {
	p := f.webhookTarget(w, r)
	if p == nil {
		return
	}
	p.mu.Lock()
	p.message, p.deleted = nil, true
	p.changed()
	p.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

func (f *Fake) postFollowup(w http.ResponseWriter, r *http.Request) {
	p := f.webhookTarget(w, r)
	if p == nil {
		return
	}
	body, files, err := readPayload(r)
	if err != nil {
		f.invalidForm(w, r, err)
		return
	}
	params, err := decodeParams(body)
	if err == nil {
		err = discordcheck.WebhookParams(params)
	}
	if err == nil && len(files) > 0 {
		err = discordcheck.Files(attachmentsOf(files), params.Embeds)
	}
	if err != nil {
		f.rejectFor(p, w, r, &APIError{Status: http.StatusBadRequest, Code: codeInvalidForm, Message: "Invalid Form Body", Detail: err})
		return
	}
	p.addFiles(files)
	p.mu.Lock()
	p.followups = append(p.followups, params)
	p.changed()
	p.mu.Unlock()
	msg := map[string]json.RawMessage{}
	_ = json.Unmarshal(body, &msg)
	writeJSON(w, http.StatusOK, f.messageJSON(f.id(), p.channelID, msg))
}

// messageJSON is a message as Discord returns it; discordgo decodes it.
func (f *Fake) messageJSON(id, channelID string, fields map[string]json.RawMessage) map[string]any {
	m := map[string]any{
		"id": id, "channel_id": channelID, "type": 20, "author": f.botUser(),
		"application_id": f.AppID, "timestamp": time.Now().UTC().Format(time.RFC3339Nano),
		"content": "", "embeds": []any{}, "components": []any{}, "mentions": []any{},
	}
	for _, k := range []string{"content", "embeds", "components", "flags"} {
		if v, ok := fields[k]; ok && string(v) != "null" {
			m[k] = v
		}
	}
	return m
}
