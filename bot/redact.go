package bot

import (
	"regexp"
	"strings"
)

// webhookToken is the interaction token in a webhook URL: it lets anyone
// edit the reply for 15 minutes, so it is never logged either.
var webhookToken = regexp.MustCompile(`(/webhooks/\d+/)[A-Za-z0-9_.\-]+`)

// Redact removes secrets from text about to be printed or logged: the bot
// token (and any "Bot <token>" header echoed back in a response body) and
// interaction tokens in webhook URLs. Everything that prints a response
// body or an error from Discord goes through it.
func Redact(s, token string) string {
	if token != "" {
		s = strings.ReplaceAll(s, token, "<token>")
	}
	return webhookToken.ReplaceAllString(s, "${1}<interaction-token>")
}
