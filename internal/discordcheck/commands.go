package discordcheck

import (
	"regexp"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// Limits of application commands, from Discord's "Application Commands" page.
const (
	MaxCommands          = 100 // CHAT_INPUT commands per scope
	MaxContextCommands   = 5   // USER and MESSAGE commands each
	MaxNameLen           = 32
	MaxDescriptionLen    = 100
	MaxOptions           = 25
	MaxChoices           = 25
	MaxChoiceLen         = 100 // choice name and string value
	MaxStringOptionLen   = 6000
	MaxCommandCharacters = 4000 // names, descriptions and values of a command together
)

// nameRe is Discord's rule for CHAT_INPUT command and option names
// (Devanagari and Thai are listed separately there because of their marks).
var nameRe = regexp.MustCompile(`^[-_'\p{L}\p{N}\p{Devanagari}\p{Thai}]{1,32}$`)

// Commands checks a bulk overwrite: every command and option as Discord
// validates it. Paths start with the command's index: "[0].options[1].name".
func Commands(cmds []*discordgo.ApplicationCommand) error {
	c := &checker{}
	counts := map[discordgo.ApplicationCommandType]int{}
	seen := map[string]int{}
	for i, cmd := range cmds {
		p := index("", "", i)
		if cmd == nil {
			c.add(p, "null command")
			continue
		}
		typ := cmd.Type
		if typ == 0 {
			typ = discordgo.ChatApplicationCommand
		}
		counts[typ]++
		key := string(rune('0'+typ)) + cmd.Name
		if j, dup := seen[key]; dup {
			c.add(join(p, "name"), "%q is already used by command [%d]", cmd.Name, j)
		} else {
			seen[key] = i
		}
		c.command(p, cmd, typ)
	}
	if n := counts[discordgo.ChatApplicationCommand]; n > MaxCommands {
		c.add("", "%d slash commands > %d", n, MaxCommands)
	}
	for _, t := range []discordgo.ApplicationCommandType{discordgo.UserApplicationCommand, discordgo.MessageApplicationCommand} {
		if n := counts[t]; n > MaxContextCommands {
			c.add("", "%d context-menu commands of type %d > %d", n, t, MaxContextCommands)
		}
	}
	return c.err()
}

func (c *checker) command(p string, cmd *discordgo.ApplicationCommand, typ discordgo.ApplicationCommandType) {
	switch typ {
	case discordgo.ChatApplicationCommand:
		c.name(join(p, "name"), cmd.Name)
		c.between(join(p, "description"), cmd.Description, 1, MaxDescriptionLen)
		c.options(p, cmd.Options, 0)
		if n := commandCharacters(cmd); n > MaxCommandCharacters {
			c.add(p, "names, descriptions and values total %d characters > %d", n, MaxCommandCharacters)
		}
	case discordgo.UserApplicationCommand, discordgo.MessageApplicationCommand:
		c.between(join(p, "name"), cmd.Name, 1, MaxNameLen)
		if cmd.Description != "" {
			c.add(join(p, "description"), "must be empty for a context-menu command")
		}
		if len(cmd.Options) > 0 {
			c.add(join(p, "options"), "only slash commands take options")
		}
	default:
		c.add(join(p, "type"), "unknown command type %d", typ)
	}
}

// name applies the CHAT_INPUT naming rule.
func (c *checker) name(p, name string) {
	switch {
	case name == "":
		c.add(p, "required (1-%d characters)", MaxNameLen)
	case !nameRe.MatchString(name):
		c.add(p, "%q does not match ^[-_'\\p{L}\\p{N}]{1,32}$", name)
	case strings.ToLower(name) != name:
		c.add(p, "%q must be lower case", name)
	}
}

// options checks one level of options; depth 0 is the command's own list,
// 1 a subcommand or group's, 2 a subcommand inside a group.
func (c *checker) options(p string, opts []*discordgo.ApplicationCommandOption, depth int) {
	if len(opts) > MaxOptions {
		c.add(join(p, "options"), "%d options > %d", len(opts), MaxOptions)
	}
	seen := map[string]int{}
	optional := -1
	subs, plain := 0, 0
	for i, o := range opts {
		op := index(p, "options", i)
		if o == nil {
			c.add(op, "null option")
			continue
		}
		c.name(join(op, "name"), o.Name)
		if j, dup := seen[o.Name]; dup {
			c.add(join(op, "name"), "%q is already used by option [%d]", o.Name, j)
		} else {
			seen[o.Name] = i
		}
		c.between(join(op, "description"), o.Description, 1, MaxDescriptionLen)
		switch o.Type {
		case discordgo.ApplicationCommandOptionSubCommand, discordgo.ApplicationCommandOptionSubCommandGroup:
			subs++
			c.subcommand(op, o, depth)
			continue
		case discordgo.ApplicationCommandOptionString, discordgo.ApplicationCommandOptionInteger,
			discordgo.ApplicationCommandOptionBoolean, discordgo.ApplicationCommandOptionUser,
			discordgo.ApplicationCommandOptionChannel, discordgo.ApplicationCommandOptionRole,
			discordgo.ApplicationCommandOptionMentionable, discordgo.ApplicationCommandOptionNumber,
			discordgo.ApplicationCommandOptionAttachment:
			plain++
		default:
			c.add(join(op, "type"), "unknown option type %d", o.Type)
			continue
		}
		if !o.Required && optional < 0 {
			optional = i
		}
		if o.Required && optional >= 0 {
			c.add(join(op, "required"), "required option %q comes after optional option [%d]; required options must be listed first", o.Name, optional)
		}
		c.valueOption(op, o)
	}
	if subs > 0 && plain > 0 {
		c.add(join(p, "options"), "subcommands and plain options cannot be mixed")
	}
}

func (c *checker) subcommand(op string, o *discordgo.ApplicationCommandOption, depth int) {
	if o.Required {
		c.add(join(op, "required"), "a subcommand cannot be required")
	}
	if len(o.Choices) > 0 || o.Autocomplete {
		c.add(op, "a subcommand takes no choices or autocomplete")
	}
	if o.Type == discordgo.ApplicationCommandOptionSubCommandGroup {
		if depth > 0 {
			c.add(join(op, "type"), "a subcommand group can only be at the top level")
		}
		for i, s := range o.Options {
			if s != nil && s.Type != discordgo.ApplicationCommandOptionSubCommand {
				c.add(join(index(op, "options", i), "type"), "a group holds subcommands only")
			}
		}
	} else {
		for i, s := range o.Options {
			if s != nil && (s.Type == discordgo.ApplicationCommandOptionSubCommand || s.Type == discordgo.ApplicationCommandOptionSubCommandGroup) {
				c.add(join(index(op, "options", i), "type"), "a subcommand cannot hold subcommands")
			}
		}
	}
	c.options(op, o.Options, depth+1)
}

func (c *checker) valueOption(op string, o *discordgo.ApplicationCommandOption) {
	if len(o.Options) > 0 {
		c.add(join(op, "options"), "only subcommands take options")
	}
	if len(o.Choices) > MaxChoices {
		c.add(join(op, "choices"), "%d choices > %d", len(o.Choices), MaxChoices)
	}
	if len(o.Choices) > 0 && o.Autocomplete {
		c.add(join(op, "autocomplete"), "autocomplete cannot be set together with choices")
	}
	valued := o.Type == discordgo.ApplicationCommandOptionString ||
		o.Type == discordgo.ApplicationCommandOptionInteger ||
		o.Type == discordgo.ApplicationCommandOptionNumber
	if o.Autocomplete && !valued {
		c.add(join(op, "autocomplete"), "only string, integer and number options autocomplete")
	}
	if len(o.Choices) > 0 && !valued {
		c.add(join(op, "choices"), "only string, integer and number options take choices")
	}
	for i, ch := range o.Choices {
		cp := index(op, "choices", i)
		if ch == nil {
			c.add(cp, "null choice")
			continue
		}
		c.choice(cp, ch, o.Type)
	}
	if o.Type != discordgo.ApplicationCommandOptionString && (o.MinLength != nil || o.MaxLength != 0) {
		c.add(op, "min_length and max_length are for string options")
	}
	if o.MinLength != nil && (*o.MinLength < 0 || *o.MinLength > MaxStringOptionLen) {
		c.add(join(op, "min_length"), "%d outside 0-%d", *o.MinLength, MaxStringOptionLen)
	}
	if o.MaxLength != 0 && (o.MaxLength < 1 || o.MaxLength > MaxStringOptionLen) {
		c.add(join(op, "max_length"), "%d outside 1-%d", o.MaxLength, MaxStringOptionLen)
	}
	if o.MinLength != nil && o.MaxLength != 0 && *o.MinLength > o.MaxLength {
		c.add(join(op, "min_length"), "%d > max_length %d", *o.MinLength, o.MaxLength)
	}
}

// choice checks one choice of a command option or an autocomplete result.
func (c *checker) choice(cp string, ch *discordgo.ApplicationCommandOptionChoice, typ discordgo.ApplicationCommandOptionType) {
	c.between(join(cp, "name"), ch.Name, 1, MaxChoiceLen)
	switch v := ch.Value.(type) {
	case string:
		if typ != 0 && typ != discordgo.ApplicationCommandOptionString {
			c.add(join(cp, "value"), "a string value for an option of type %d", typ)
		}
		c.between(join(cp, "value"), v, 1, MaxChoiceLen)
	case float64, float32, int, int64, int32, uint, uint64, uint32:
		if typ == discordgo.ApplicationCommandOptionString {
			c.add(join(cp, "value"), "a number value for a string option")
		}
	case nil:
		c.add(join(cp, "value"), "required")
	default:
		c.add(join(cp, "value"), "must be a string or a number, not %T", v)
	}
}

// commandCharacters counts what Discord sums for its 4000-character limit.
func commandCharacters(cmd *discordgo.ApplicationCommand) int {
	n := runes(cmd.Name) + runes(cmd.Description)
	var walk func([]*discordgo.ApplicationCommandOption)
	walk = func(opts []*discordgo.ApplicationCommandOption) {
		for _, o := range opts {
			if o == nil {
				continue
			}
			n += runes(o.Name) + runes(o.Description)
			for _, ch := range o.Choices {
				if ch == nil {
					continue
				}
				n += runes(ch.Name)
				if s, ok := ch.Value.(string); ok {
					n += runes(s)
				}
			}
			walk(o.Options)
		}
	}
	walk(cmd.Options)
	return n
}
