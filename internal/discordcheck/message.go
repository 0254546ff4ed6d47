package discordcheck

import (
	"github.com/bwmarrin/discordgo"
)

// Limits of messages, embeds and components, from Discord's "Message
// Resource" and "Component Reference" pages.
const (
	MaxContent          = 2000
	MaxEmbeds           = 10
	MaxEmbedTitle       = 256
	MaxEmbedDescription = 4096
	MaxEmbedFields      = 25
	MaxFieldName        = 256
	MaxFieldValue       = 1024
	MaxFooter           = 2048
	MaxAuthor           = 256
	MaxEmbedTotal       = 6000 // all embeds of one message together
	MaxActionRows       = 5
	MaxRowComponents    = 5
	MaxCustomID         = 100
	MaxButtonLabel      = 80
	MaxURL              = 512
	MaxSelectOptions    = 25
	MaxPlaceholder      = 150
)

// message is what the payload kinds share.
type message struct {
	content    string
	embeds     []*discordgo.MessageEmbed
	components []discordgo.MessageComponent
	mentions   *discordgo.MessageAllowedMentions
	flags      discordgo.MessageFlags
	// partial is true for edits, where absent fields are left unchanged.
	partial bool
}

// allowedFlags are the only flags a bot may set on an interaction reply.
const allowedFlags = discordgo.MessageFlagsSuppressEmbeds | discordgo.MessageFlagsEphemeral |
	discordgo.MessageFlagsSuppressNotifications

func (c *checker) message(p string, m message) {
	c.maxLen(join(p, "content"), m.content, MaxContent)
	if m.flags&^allowedFlags != 0 {
		c.add(join(p, "flags"), "only ephemeral, suppress-embeds and suppress-notifications may be set (got %d)", m.flags)
	}
	if !m.partial && m.content == "" && len(m.embeds) == 0 && len(m.components) == 0 {
		c.add(p, "cannot send an empty message (no content, embeds or components)")
	}
	c.embeds(p, m.embeds)
	c.components(p, m.components)
	// talkbot's rule on top of Discord's: quoted text must never ping, so
	// every reply carries an explicit empty parse list.
	switch {
	case m.mentions == nil:
		c.add(join(p, "allowed_mentions"), "missing: set AllowedMentions{Parse: []AllowedMentionType{}}")
	case m.mentions.Parse == nil:
		c.add(join(p, "allowed_mentions.parse"), "null: set an empty list so nothing is pinged")
	case len(m.mentions.Parse) > 0 || len(m.mentions.Users) > 0 || len(m.mentions.Roles) > 0:
		c.add(join(p, "allowed_mentions"), "must allow no mentions (got parse %v)", m.mentions.Parse)
	}
}

func (c *checker) embeds(p string, embeds []*discordgo.MessageEmbed) {
	if len(embeds) > MaxEmbeds {
		c.add(join(p, "embeds"), "%d embeds > %d", len(embeds), MaxEmbeds)
	}
	total := 0
	for i, e := range embeds {
		ep := index(p, "embeds", i)
		if e == nil {
			c.add(ep, "null embed")
			continue
		}
		total += c.maxLen(join(ep, "title"), e.Title, MaxEmbedTitle)
		total += c.maxLen(join(ep, "description"), e.Description, MaxEmbedDescription)
		c.maxLen(join(ep, "url"), e.URL, 2048)
		if e.Footer != nil {
			total += c.maxLen(join(ep, "footer.text"), e.Footer.Text, MaxFooter)
		}
		if e.Author != nil {
			total += c.maxLen(join(ep, "author.name"), e.Author.Name, MaxAuthor)
		}
		if len(e.Fields) > MaxEmbedFields {
			c.add(join(ep, "fields"), "%d fields > %d", len(e.Fields), MaxEmbedFields)
		}
		for j, f := range e.Fields {
			fp := index(ep, "fields", j)
			if f == nil {
				c.add(fp, "null field")
				continue
			}
			c.between(join(fp, "name"), f.Name, 1, MaxFieldName)
			c.between(join(fp, "value"), f.Value, 1, MaxFieldValue)
			total += runes(f.Name) + runes(f.Value)
		}
	}
	if total > MaxEmbedTotal {
		c.add(join(p, "embeds"), "%d characters in all embeds > %d", total, MaxEmbedTotal)
	}
}

func (c *checker) components(p string, rows []discordgo.MessageComponent) {
	if len(rows) > MaxActionRows {
		c.add(join(p, "components"), "%d action rows > %d", len(rows), MaxActionRows)
	}
	ids := map[string]string{}
	for i, comp := range rows {
		rp := index(p, "components", i)
		row, ok := asRow(comp)
		if !ok {
			c.add(rp, "top-level components must be action rows (got %T)", comp)
			continue
		}
		if len(row.Components) == 0 {
			c.add(join(rp, "components"), "an action row needs 1-%d components", MaxRowComponents)
		}
		if len(row.Components) > MaxRowComponents {
			c.add(join(rp, "components"), "%d components in a row > %d", len(row.Components), MaxRowComponents)
		}
		for j, child := range row.Components {
			cp := index(rp, "components", j)
			switch v := child.(type) {
			case discordgo.Button:
				c.button(cp, &v, ids)
			case *discordgo.Button:
				c.button(cp, v, ids)
			case discordgo.SelectMenu:
				c.selectMenu(cp, &v, ids, len(row.Components))
			case *discordgo.SelectMenu:
				c.selectMenu(cp, v, ids, len(row.Components))
			case nil:
				c.add(cp, "null component")
			default:
				c.add(cp, "a message action row holds buttons or one select menu (got %T)", child)
			}
		}
	}
}

func asRow(comp discordgo.MessageComponent) (*discordgo.ActionsRow, bool) {
	switch v := comp.(type) {
	case discordgo.ActionsRow:
		return &v, true
	case *discordgo.ActionsRow:
		return v, v != nil
	}
	return nil, false
}

func (c *checker) customID(p, id string, ids map[string]string) {
	c.between(join(p, "custom_id"), id, 1, MaxCustomID)
	if id == "" {
		return
	}
	if other, dup := ids[id]; dup {
		c.add(join(p, "custom_id"), "%q is already used at %s", id, other)
	}
	ids[id] = p
}

func (c *checker) button(p string, b *discordgo.Button, ids map[string]string) {
	style := b.Style
	if style == 0 {
		style = discordgo.PrimaryButton // what discordgo sends for a zero style
	}
	c.maxLen(join(p, "label"), b.Label, MaxButtonLabel)
	if b.Label == "" && b.Emoji == nil {
		c.add(p, "a button needs a label or an emoji")
	}
	switch {
	case style == discordgo.LinkButton:
		if b.URL == "" {
			c.add(join(p, "url"), "a link button needs a url")
		}
		c.maxLen(join(p, "url"), b.URL, MaxURL)
		if b.CustomID != "" {
			c.add(join(p, "custom_id"), "a link button cannot have a custom_id")
		}
	case style >= discordgo.PrimaryButton && style <= discordgo.DangerButton:
		if b.URL != "" {
			c.add(join(p, "url"), "only link buttons have a url")
		}
		c.customID(p, b.CustomID, ids)
	default:
		c.add(join(p, "style"), "unknown button style %d", style)
	}
}

func (c *checker) selectMenu(p string, s *discordgo.SelectMenu, ids map[string]string, rowLen int) {
	if rowLen > 1 {
		c.add(p, "a select menu must be alone in its action row")
	}
	c.customID(p, s.CustomID, ids)
	c.maxLen(join(p, "placeholder"), s.Placeholder, MaxPlaceholder)
	if len(s.Options) > MaxSelectOptions {
		c.add(join(p, "options"), "%d options > %d", len(s.Options), MaxSelectOptions)
	}
	for i, o := range s.Options {
		op := index(p, "options", i)
		c.between(join(op, "label"), o.Label, 1, 100)
		c.between(join(op, "value"), o.Value, 1, 100)
		c.maxLen(join(op, "description"), o.Description, 100)
	}
}

// Response checks an interaction callback body (POST .../callback, or the
// HTTP answer to an interaction). Paths start at "type" and "data".
func Response(r *discordgo.InteractionResponse) error {
	c := &checker{}
	if r == nil {
		c.add("", "null response")
		return c.err()
	}
	d := r.Data
	switch r.Type {
	case discordgo.InteractionResponsePong:
		if d != nil {
			c.add("data", "a PONG has no data")
		}
	case discordgo.InteractionResponseChannelMessageWithSource, discordgo.InteractionResponseUpdateMessage:
		if d == nil {
			c.add("data", "required for a message response")
			break
		}
		// An update may leave out what does not change, but it still must
		// not ping anyone.
		c.message("data", message{
			content: d.Content, embeds: d.Embeds, components: d.Components,
			mentions: d.AllowedMentions, flags: d.Flags,
			partial: r.Type == discordgo.InteractionResponseUpdateMessage,
		})
		if len(d.Choices) > 0 {
			c.add("data.choices", "choices are for autocomplete results")
		}
	case discordgo.InteractionResponseDeferredChannelMessageWithSource:
		if d != nil {
			if d.Flags&^discordgo.MessageFlagsEphemeral != 0 {
				c.add("data.flags", "a deferred reply takes only the ephemeral flag (got %d)", d.Flags)
			}
			if d.Content != "" || len(d.Embeds) > 0 || len(d.Components) > 0 {
				c.add("data", "a deferred reply carries no message; edit the original instead")
			}
		}
	case discordgo.InteractionResponseDeferredMessageUpdate:
		if d != nil && (d.Content != "" || len(d.Embeds) > 0 || len(d.Components) > 0) {
			c.add("data", "a deferred update carries no message")
		}
	case discordgo.InteractionApplicationCommandAutocompleteResult:
		c.autocomplete(d)
	case discordgo.InteractionResponseModal:
		if d == nil {
			c.add("data", "required for a modal")
			break
		}
		c.between("data.custom_id", d.CustomID, 1, MaxCustomID)
		c.between("data.title", d.Title, 1, 45)
		if len(d.Components) == 0 || len(d.Components) > MaxActionRows {
			c.add("data.components", "a modal needs 1-%d action rows", MaxActionRows)
		}
	default:
		c.add("type", "unknown interaction response type %d", r.Type)
	}
	return c.err()
}

// MaxAutocompleteChoices is how many suggestions Discord shows.
const MaxAutocompleteChoices = 25

func (c *checker) autocomplete(d *discordgo.InteractionResponseData) {
	if d == nil {
		c.add("data", "required: an autocomplete result needs data.choices (may be empty)")
		return
	}
	if d.Content != "" || len(d.Embeds) > 0 || len(d.Components) > 0 {
		c.add("data", "an autocomplete result carries only choices")
	}
	if len(d.Choices) > MaxAutocompleteChoices {
		c.add("data.choices", "%d choices > %d", len(d.Choices), MaxAutocompleteChoices)
	}
	for i, ch := range d.Choices {
		cp := index("data", "choices", i)
		if ch == nil {
			c.add(cp, "null choice")
			continue
		}
		c.choice(cp, ch, 0)
	}
}

// WebhookEdit checks an edit of a message (PATCH .../messages/@original):
// absent fields stay unchanged, but allowed_mentions must be set.
func WebhookEdit(e *discordgo.WebhookEdit) error {
	c := &checker{}
	if e == nil {
		c.add("", "null edit")
		return c.err()
	}
	m := message{mentions: e.AllowedMentions, partial: true}
	if e.Content != nil {
		m.content = *e.Content
	}
	if e.Embeds != nil {
		m.embeds = *e.Embeds
	}
	if e.Components != nil {
		m.components = *e.Components
	}
	c.message("", m)
	return c.err()
}

// WebhookParams checks a follow-up message (POST /webhooks/{app}/{token}).
func WebhookParams(w *discordgo.WebhookParams) error {
	c := &checker{}
	if w == nil {
		c.add("", "null message")
		return c.err()
	}
	c.message("", message{
		content: w.Content, embeds: w.Embeds, components: w.Components,
		mentions: w.AllowedMentions, flags: w.Flags,
	})
	return c.err()
}
