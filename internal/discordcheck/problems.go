// Package discordcheck validates what talkbot sends to Discord against the
// limits in Discord's API documentation (application commands, interaction
// responses, webhook edits and follow-ups), so tests fail where Discord
// would answer 400. The in-repo fake Discord and the commands' property
// tests both use it.
//
// Every error is an Error: a list of problems, each naming the JSON path
// of the offending field, e.g. "data.embeds[0].description: 4097 > 4096".
package discordcheck

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Problem is one thing Discord would reject, at a JSON path.
type Problem struct {
	// Path is the JSON path of the field: "data.embeds[0].title",
	// "[2].options[0].name" (a command list starts with its index).
	Path string
	// Msg says what is wrong: "4097 > 4096", "must be lower case".
	Msg string
}

func (p Problem) String() string {
	if p.Path == "" {
		return p.Msg
	}
	return p.Path + ": " + p.Msg
}

// Error lists every problem found in one payload.
type Error []Problem

func (e Error) Error() string {
	parts := make([]string, len(e))
	for i, p := range e {
		parts[i] = p.String()
	}
	return strings.Join(parts, "; ")
}

// checker collects problems while walking a payload.
type checker struct {
	problems Error
}

func (c *checker) add(path, format string, args ...any) {
	c.problems = append(c.problems, Problem{Path: path, Msg: fmt.Sprintf(format, args...)})
}

// err returns nil when nothing was found, so callers can `return c.err()`.
func (c *checker) err() error {
	if len(c.problems) == 0 {
		return nil
	}
	return c.problems
}

// maxLen reports s when it is longer than max characters. Discord counts
// characters, not bytes.
func (c *checker) maxLen(path, s string, max int) int {
	n := utf8.RuneCountInString(s)
	if n > max {
		c.add(path, "%d > %d", n, max)
	}
	return n
}

// between reports s unless it has min..max characters.
func (c *checker) between(path, s string, min, max int) {
	n := utf8.RuneCountInString(s)
	switch {
	case n < min && n == 0:
		c.add(path, "required (1-%d characters)", max)
	case n < min:
		c.add(path, "%d < %d", n, min)
	case n > max:
		c.add(path, "%d > %d", n, max)
	}
}

// join builds "a.b" or "[i]" paths without a leading dot.
func join(prefix, field string) string {
	if prefix == "" || strings.HasPrefix(field, "[") {
		return prefix + field
	}
	return prefix + "." + field
}

func index(prefix, field string, i int) string {
	return fmt.Sprintf("%s[%d]", join(prefix, field), i)
}

func runes(s string) int { return utf8.RuneCountInString(s) }
