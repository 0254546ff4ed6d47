package commands

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"talkbot/corpus/text"
)

// maxChoices is Discord's limit on autocomplete results; maxChoiceRunes
// its limit on a choice's name and value.
const (
	maxChoices     = 25
	maxChoiceRunes = 100
)

// choices is an autocomplete result; the value is what gets typed in.
func choices(values []string) *discordgo.InteractionResponse {
	out := make([]*discordgo.ApplicationCommandOptionChoice, 0, len(values))
	for _, v := range values {
		if len(out) == maxChoices {
			break
		}
		if v == "" || utf8.RuneCountInString(v) > maxChoiceRunes {
			continue
		}
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: v, Value: v})
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: out, AllowedMentions: NoMentions()},
	}
}

// completeText offers the typed text itself first (so it can be sent as
// it is), then the index's completions that fit the option.
func completeText(ix interface{ Complete(string, int) []string }, typed string, maxRunes int) []string {
	typed = strings.TrimSpace(typed)
	if typed == "" {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	if utf8.RuneCountInString(typed) <= maxRunes {
		out = append(out, typed)
		seen[strings.ToLower(typed)] = true
	}
	for _, c := range ix.Complete(typed, maxChoices) {
		if utf8.RuneCountInString(c) > maxRunes || seen[strings.ToLower(c)] {
			continue
		}
		seen[strings.ToLower(c)] = true
		out = append(out, c)
	}
	return out
}

// splitSources turns "New York Post; The Wall Street Journal" into its
// outlets, which the publisher filter also matches.
func splitSources(names []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		for _, part := range strings.Split(n, ";") {
			if part = strings.TrimSpace(part); part != "" && !seen[part] {
				seen[part] = true
				out = append(out, part)
			}
		}
	}
	sort.Strings(out)
	return out
}

// match lists the names containing what is typed (folded), names that
// start with it first.
func match(names []string, typed string, maxRunes int) []string {
	key := strings.ToLower(text.Fold(strings.TrimSpace(typed)))
	var starts, contains []string
	for _, n := range names {
		if utf8.RuneCountInString(n) > maxRunes {
			continue
		}
		f := strings.ToLower(text.Fold(n))
		switch {
		case strings.HasPrefix(f, key) || strings.Contains(f, " "+key):
			// "zel" finds "Volodymyr Zelensky" as well as "Zelensky".
			starts = append(starts, n)
		case strings.Contains(f, key):
			contains = append(contains, n)
		}
	}
	out := append(starts, contains...)
	if len(out) > maxChoices {
		out = out[:maxChoices]
	}
	return out
}
