package main

import (
	"encoding/json"
	"io"

	"talkbot/answer"
	"talkbot/commands"
)

// renderAsk formats the answer as the bot's Discord reply and encodes it
// as the JSON sent to Discord, the part of answering after the search.
func renderAsk(q string, s answer.Search) error {
	return json.NewEncoder(io.Discard).Encode(commands.AskReply(q, s, true))
}
