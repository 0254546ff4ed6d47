package fakediscord

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/bwmarrin/discordgo"
	"talkbot/internal/discordcheck"
)

// discordgo cannot unmarshal []MessageComponent outside a Message, so the
// fake decodes components itself.
func decodeComponents(raw []json.RawMessage, path string) ([]discordgo.MessageComponent, error) {
	if raw == nil {
		return nil, nil
	}
	out := make([]discordgo.MessageComponent, len(raw))
	for i, r := range raw {
		c, err := discordgo.MessageComponentFromJSON(r)
		if err != nil {
			return nil, discordcheck.Error{{Path: fmt.Sprintf("%s[%d]", path, i), Msg: err.Error()}}
		}
		out[i] = c
	}
	return out, nil
}

// decodeResponse reads an interaction callback body as Discord would.
func decodeResponse(body []byte) (*discordgo.InteractionResponse, error) {
	var raw struct {
		Type discordgo.InteractionResponseType `json:"type"`
		Data *struct {
			discordgo.InteractionResponseData
			Components []json.RawMessage `json:"components"`
		} `json:"data"`
	}
	if err := strictJSON(body, &raw); err != nil {
		return nil, err
	}
	if !hasKey(body, "type") {
		return nil, discordcheck.Error{{Path: "type", Msg: "required"}}
	}
	r := &discordgo.InteractionResponse{Type: raw.Type}
	if raw.Data != nil {
		d := raw.Data.InteractionResponseData
		comps, err := decodeComponents(raw.Data.Components, "data.components")
		if err != nil {
			return nil, err
		}
		d.Components = comps
		r.Data = &d
	}
	return r, nil
}

// decodeEdit reads a PATCH of a webhook message.
func decodeEdit(body []byte) (*discordgo.WebhookEdit, error) {
	var raw struct {
		discordgo.WebhookEdit
		Components *[]json.RawMessage `json:"components"`
	}
	if err := strictJSON(body, &raw); err != nil {
		return nil, err
	}
	e := raw.WebhookEdit
	if raw.Components != nil {
		comps, err := decodeComponents(*raw.Components, "components")
		if err != nil {
			return nil, err
		}
		if comps == nil {
			comps = []discordgo.MessageComponent{}
		}
		e.Components = &comps
	}
	return &e, nil
}

// decodeParams reads a follow-up message.
func decodeParams(body []byte) (*discordgo.WebhookParams, error) {
	var raw struct {
		discordgo.WebhookParams
		Components []json.RawMessage `json:"components"`
	}
	if err := strictJSON(body, &raw); err != nil {
		return nil, err
	}
	p := raw.WebhookParams
	comps, err := decodeComponents(raw.Components, "components")
	if err != nil {
		return nil, err
	}
	p.Components = comps
	return &p, nil
}

// decodeCommands reads a bulk overwrite: the body must be a JSON array.
func decodeCommands(body []byte) ([]*discordgo.ApplicationCommand, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || trimmed[0] != '[' {
		return nil, discordcheck.Error{{Msg: "expected an array of commands"}}
	}
	var cmds []*discordgo.ApplicationCommand
	if err := strictJSON(body, &cmds); err != nil {
		return nil, err
	}
	return cmds, nil
}

// strictJSON decodes one JSON value; a wrong type is a form error, as
// Discord reports "BASE_TYPE_..." for it.
func strictJSON(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(v); err != nil {
		return discordcheck.Error{{Msg: "invalid JSON body: " + err.Error()}}
	}
	if dec.More() {
		return discordcheck.Error{{Msg: "trailing data after the JSON body"}}
	}
	return nil
}

func hasKey(body []byte, key string) bool {
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) != nil {
		return false
	}
	_, ok := m[key]
	return ok
}
