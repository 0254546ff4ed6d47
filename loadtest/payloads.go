// Package loadtest drives a talkbot serve endpoint the way Discord does:
// every interaction signed with ed25519 over timestamp + body, a mix of
// slash commands, autocomplete and button presses, optionally
// interleaved with forged, stale, malformed and oversized requests that
// must be refused with the right status.
package loadtest

import (
	"encoding/json"
	"fmt"
	"strconv"

	"talkbot/commands"
)

// The application and guild every generated interaction claims.
const (
	appID   = "1100000000000000001"
	guildID = "1200000000000000002"
)

var questions = []string{
	"who pledged troops?", "security guarantees for Ukraine", "air defence",
	"ceasefire monitoring", "coalition of the willing", "NATO membership",
	"reassurance force", "peace talks", "Article 5", "sanctions on Russia",
}

var partials = []string{"tro", "secur", "air d", "cease", "coal", "nato", "g", "pea", "sanc", "zel"}

var people = []string{"Zelensky", "Macron", "Starmer", "Trump", "Putin", "Rutte"}

// payload builds the n-th good interaction: a deterministic mix so runs
// are comparable. userID is unique per request, so the per-user rate
// limit measures nothing here but the handlers.
func payload(n int) (kind string, body []byte) {
	user := strconv.Itoa(3000000000000000000 + n)
	q := questions[n%len(questions)]
	switch n % 10 {
	case 0, 1:
		return "ask", command(n, user, "ask", opt("question", 3, q))
	case 2:
		return "search", command(n, user, "search", opt("query", 3, q))
	case 3:
		return "who-pledged", command(n, user, "who-pledged", opt("what", 3, "troops"))
	case 4:
		return "quote", command(n, user, "quote", opt("who", 3, people[n%len(people)]))
	case 5:
		return "sources", command(n, user, "sources", opt("public", 5, false))
	case 6:
		return "help", command(n, user, "help")
	case 7, 8:
		return "autocomplete", autocomplete(n, user, partials[n%len(partials)])
	default:
		return "button", button(n, user, q)
	}
}

func opt(name string, typ int, v any) map[string]any {
	return map[string]any{"name": name, "type": typ, "value": v}
}

func envelope(n int, user string, typ int, data any) []byte {
	b, err := json.Marshal(map[string]any{
		"id":             strconv.Itoa(4000000000000000000 + n),
		"application_id": appID,
		"type":           typ,
		"token":          fmt.Sprintf("aW50ZXJhY3Rpb246%019d", n),
		"version":        1,
		"guild_id":       guildID,
		"channel_id":     "1300000000000000003",
		"locale":         "en-GB",
		"member": map[string]any{
			"user":        map[string]any{"id": user, "username": "load" + user[len(user)-4:], "discriminator": "0"},
			"roles":       []string{},
			"permissions": "2248473465835073",
			"joined_at":   "2024-01-01T00:00:00+00:00",
		},
		"data": data,
	})
	if err != nil {
		panic(err) // only maps of plain values: cannot fail
	}
	return b
}

func command(n int, user, name string, opts ...map[string]any) []byte {
	if opts == nil {
		opts = []map[string]any{}
	}
	return envelope(n, user, 2, map[string]any{
		"id": "1400000000000000004", "name": name, "type": 1, "options": opts,
	})
}

func autocomplete(n int, user, typed string) []byte {
	o := opt("question", 3, typed)
	o["focused"] = true
	return envelope(n, user, 4, map[string]any{
		"id": "1400000000000000004", "name": "ask", "type": 1, "options": []any{o},
	})
}

func button(n int, user, q string) []byte {
	uid, _ := strconv.ParseUint(user, 10, 64)
	id, err := commands.PageState{UserID: uid, Page: 1, Query: q}.Encode()
	if err != nil {
		panic(err) // fixed short queries: always fit
	}
	return envelope(n, user, 3, map[string]any{"custom_id": id, "component_type": 2})
}
