package fakediscord

import (
	"github.com/bwmarrin/discordgo"
	"talkbot/internal/discordcheck"
)

func discordcheckResponse(r *discordgo.InteractionResponse) error { return discordcheck.Response(r) }
