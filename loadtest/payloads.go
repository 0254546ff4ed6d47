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
	"strings"

	"talkbot/commands"
)

// The application and guild every generated interaction claims.
const (
	appID   = "1100000000000000001"
	guildID = "1200000000000000002"
)

// Mix is what the generated interactions ask about. The questions must
// fit the corpus served: the bundled articles are about the talks, a
// benchmark tier of Brown texts is about anything at all, so a benchmark
// passes questions of both kinds, and people and publishers that tier
// knows. Every list must be non-empty; DefaultMix fits the bundled corpus.
type Mix struct {
	// Questions for /ask and /search (and the pages of /search).
	Questions []string
	// People for /quote who:, Topics for /who-pledged what: and /quote about:.
	People, Topics []string
	// Publishers for the publisher: filter of /search and /sources.
	Publishers []string
	// DateRanges are from/to filters ("YYYY-MM-DD", "" for open).
	DateRanges [][2]string
	// Partials are what a person has typed when autocomplete is asked
	// (of ask's question, search's query, quote's who, sources' publisher).
	Partials []string
	// SourcesPages is how many /sources pages the unfiltered list has: the
	// page buttons press one of them (0 is taken as 1).
	SourcesPages int
}

// DefaultMix is the bundled corpus's mix.
func DefaultMix() *Mix {
	return &Mix{
		Questions: []string{
			"who pledged troops?", "security guarantees for Ukraine", "air defence",
			"ceasefire monitoring", "coalition of the willing", "NATO membership",
			"reassurance force", "peace talks", "Article 5", "sanctions on Russia",
		},
		People:       []string{"Zelensky", "Macron", "Starmer", "Trump", "Putin", "Rutte"},
		Topics:       []string{"troops", "air defence", "monitoring", "logistics", "guarantees"},
		Publishers:   []string{"Reuters", "Al Jazeera", "234Radio", "Kyiv"},
		DateRanges:   [][2]string{{"2025-08-01", ""}, {"", "2025-12-31"}, {"2025-01-01", "2026-12-31"}},
		Partials:     []string{"tro", "secur", "air d", "cease", "coal", "nato", "g", "pea", "sanc", "zel"},
		SourcesPages: 1,
	}
}

func (m *Mix) check() error {
	if len(m.Questions) == 0 || len(m.People) == 0 || len(m.Topics) == 0 || len(m.Publishers) == 0 ||
		len(m.DateRanges) == 0 || len(m.Partials) == 0 {
		return fmt.Errorf("loadtest: every list of the Mix must be non-empty")
	}
	return nil
}

// Kinds are the interaction kinds a run sends, as named in a Report; slot
// says how many of every 20 requests are of each kind (commandSlots).
var Kinds = []string{"ask", "search", "search-page", "who-pledged", "quote", "sources", "sources-page", "help", "autocomplete"}

// commandSlots is the mix of every 20 requests: mostly questions, as
// people use the bot, every command and button present.
var commandSlots = [20]string{
	"ask", "ask", "ask", "ask", "ask",
	"search", "search", "search", "search-page", "search-page",
	"who-pledged", "quote", "quote", "sources", "sources-page", "help",
	"autocomplete", "autocomplete", "autocomplete", "autocomplete",
}

// pick is the i-th element of a list, wrapping.
func pick[T any](list []T, i int) T { return list[i%len(list)] }

// payload builds the n-th good interaction: a deterministic mix so runs
// are comparable. userID is unique per request, so the per-user rate
// limit measures nothing here but the handlers. Each list is walked by
// the request's round (n/20), so the same question comes back only after
// the whole list has been asked.
func (m *Mix) payload(n int) (kind string, body []byte) {
	user := strconv.Itoa(3000000000000000000 + n)
	kind = commandSlots[n%len(commandSlots)]
	round := n / len(commandSlots)
	q := pick(m.Questions, round*5+n%len(commandSlots))
	switch kind {
	case "ask":
		return kind, command(n, user, "ask", opt("question", 3, q))
	case "search":
		opts := append([]map[string]any{opt("query", 3, q)}, m.filters(round)...)
		return kind, command(n, user, "search", opts...)
	case "search-page":
		return kind, m.searchButton(n, user, round)
	case "who-pledged":
		return kind, command(n, user, "who-pledged", opt("what", 3, pick(m.Topics, round)))
	case "quote":
		opts := []map[string]any{opt("who", 3, pick(m.People, round*2+n%2))}
		if n%2 == 1 {
			opts = append(opts, opt("about", 3, pick(m.Topics, round)))
		}
		return kind, command(n, user, "quote", opts...)
	case "sources":
		opts := append([]map[string]any{opt("public", 5, false)}, m.filters(round)...)
		return kind, command(n, user, "sources", opts...)
	case "sources-page":
		return kind, m.sourcesButton(n, user, round)
	case "help":
		return kind, command(n, user, "help")
	default:
		return "autocomplete", m.autocomplete(n, user, round)
	}
}

// filters are the options of round's filter: one search or sources list
// in three is filtered by publisher, one by dates, one not at all.
func (m *Mix) filters(round int) []map[string]any {
	switch round % 3 {
	case 1:
		return []map[string]any{opt("publisher", 3, pick(m.Publishers, round))}
	case 2:
		return dateOpts(pick(m.DateRanges, round))
	}
	return nil
}

// dateOpts are the from/to options of a range, the open ends left out.
func dateOpts(r [2]string) []map[string]any {
	var out []map[string]any
	if r[0] != "" {
		out = append(out, opt("from", 3, r[0]))
	}
	if r[1] != "" {
		out = append(out, opt("to", 3, r[1]))
	}
	return out
}

func opt(name string, typ int, v any) map[string]any {
	return map[string]any{"name": name, "type": typ, "value": v}
}

// token is the n-th interaction's token: a deferred reply's webhook edit
// names it, which is how the edit is matched to its request.
func token(n int) string { return fmt.Sprintf("aW50ZXJhY3Rpb246%019d", n) }

func envelope(n int, user string, typ int, data any) []byte {
	b, err := json.Marshal(map[string]any{
		"id":             strconv.Itoa(4000000000000000000 + n),
		"application_id": appID,
		"type":           typ,
		"token":          token(n),
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

// autocomplete asks for suggestions of one of the four completed options,
// in turn.
func (m *Mix) autocomplete(n int, user string, round int) []byte {
	cmd, name, typed := "ask", "question", pick(m.Partials, round*4+n%4)
	switch round % 4 {
	case 1:
		cmd, name = "search", "query"
	case 2:
		cmd, name, typed = "quote", "who", prefix(pick(m.People, round), 3)
	case 3:
		cmd, name, typed = "sources", "publisher", prefix(pick(m.Publishers, round), 2)
	}
	o := opt(name, 3, typed)
	o["focused"] = true
	return envelope(n, user, 4, map[string]any{
		"id": "1400000000000000004", "name": cmd, "type": 1, "options": []any{o},
	})
}

// prefix is the first n letters of s, as a person has typed them.
func prefix(s string, n int) string {
	r := []rune(strings.ToLower(s))
	return string(r[:min(n, len(r))])
}

// searchButton presses Next on a /search answer: page 2, or page 3 one
// time in four. The page comes from the custom_id alone, so it searches
// afresh; the question is one short enough for a custom_id (the bot shows
// no buttons otherwise).
func (m *Mix) searchButton(n int, user string, round int) []byte {
	uid, _ := strconv.ParseUint(user, 10, 64)
	page := 1 + min(1, round%4/3)
	for i := range len(m.Questions) {
		st := commands.PageState{UserID: uid, Page: page, Query: pick(m.Questions, round+i)}
		if round%3 == 1 {
			st.Publisher = prefix(pick(m.Publishers, round), 35)
		}
		if id, err := st.Encode(); err == nil {
			return envelope(n, user, 3, map[string]any{"custom_id": id, "component_type": 2})
		}
	}
	panic("loadtest: no question of the Mix fits a custom_id")
}

// sourcesButton turns to a page of the unfiltered /sources list.
func (m *Mix) sourcesButton(n int, user string, round int) []byte {
	uid, _ := strconv.ParseUint(user, 10, 64)
	pages := min(max(m.SourcesPages, 1), commands.MaxPages)
	st := commands.PageState{UserID: uid, Page: (1 + round) % pages, Sources: true}
	id, err := st.Encode()
	if err != nil {
		panic(err) // no query, no publisher: always fits
	}
	return envelope(n, user, 3, map[string]any{"custom_id": id, "component_type": 2})
}
