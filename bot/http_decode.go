package bot

import (
	"errors"
	"fmt"

	"github.com/bwmarrin/discordgo"
)

// MaxBody is the largest interaction body accepted; Discord's are a few
// KiB, so anything larger is refused with 413 before it is verified.
const MaxBody = 64 << 10

// errUnknownType is a well-formed interaction of a type talkbot does not
// know: 400, as Discord adds types over time and we must not guess.
var errUnknownType = errors.New("unknown interaction type")

// decodeInteraction parses a verified body. Every error means 400.
func decodeInteraction(body []byte) (_ *discordgo.Interaction, err error) {
	// discordgo's decoders assert on what they find; a body that trips
	// one is malformed, not a reason to drop the connection.
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("malformed interaction: %v", p)
		}
	}()
	// UnmarshalJSON directly: json.Unmarshal would scan the whole body
	// once more before handing it over, and discordgo's own
	// json.Unmarshal inside validates it anyway.
	var i discordgo.Interaction
	if err := i.UnmarshalJSON(body); err != nil {
		return nil, fmt.Errorf("malformed interaction JSON: %w", err)
	}
	switch i.Type {
	case discordgo.InteractionPing:
		return &i, nil
	case discordgo.InteractionApplicationCommand,
		discordgo.InteractionApplicationCommandAutocomplete,
		discordgo.InteractionMessageComponent,
		discordgo.InteractionModalSubmit:
	default:
		return nil, fmt.Errorf("%w %d", errUnknownType, i.Type)
	}
	// Without a token the answer could never be edited, and without data
	// there is nothing to route.
	if i.Token == "" || i.ID == "" || i.Data == nil {
		return nil, errors.New("malformed interaction: id, token or data missing")
	}
	return &i, nil
}
