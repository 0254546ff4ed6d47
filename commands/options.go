package commands

import (
	"fmt"
	"strconv"
	"strings"
	"talkbot/answer"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// Option names shared by the definitions, the handlers and the page
// buttons.
const (
	optQuestion  = "question"
	optQuery     = "query"
	optPublisher = "publisher"
	optFrom      = "from"
	optTo        = "to"
	optWhat      = "what"
	optWho       = "who"
	optAbout     = "about"
	optPublic    = "public"
)

// Option lengths. /search's are bounded so that its page buttons'
// custom_ids always fit (see customid.go).
const (
	MaxQuestionRunes = 300
	MaxTopicRunes    = 100
	MaxNameRunes     = 100
)

func intp(n int) *int { return &n }

func str(name, desc string, required, autocomplete bool, maxLen int) *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{
		Type: discordgo.ApplicationCommandOptionString, Name: name, Description: desc,
		Required: required, Autocomplete: autocomplete, MinLength: intp(1), MaxLength: maxLen,
	}
}

func dateOpt(name, desc string) *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{
		Type: discordgo.ApplicationCommandOptionString, Name: name, Description: desc,
		MinLength: intp(10), MaxLength: 10,
	}
}

// filterOptions are the publisher and date filters of /search and
// /sources.
func filterOptions() []*discordgo.ApplicationCommandOption {
	return []*discordgo.ApplicationCommandOption{
		str(optPublisher, "Only this publisher or original outlet", false, true, MaxPublisherRunes),
		dateOpt(optFrom, "Published on or after this date (YYYY-MM-DD)"),
		dateOpt(optTo, "Published on or before this date (YYYY-MM-DD)"),
	}
}

// completePublisher offers the publishers and outlets the articles come
// from.
func completePublisher(r *Router, typed string) []string {
	return match(splitSources(r.engine.Publishers()), typed, MaxPublisherRunes)
}

// pageState is the first page of a listing the request's filters
// describe, for the asker, with the dates checked and clamped to what a
// page button can carry.
func (req request) pageState() (PageState, error) {
	pub, err := req.opts.text(optPublisher, false, MaxPublisherRunes)
	if err != nil {
		return PageState{}, err
	}
	from, err := req.opts.date(optFrom)
	if err != nil {
		return PageState{}, err
	}
	to, err := req.opts.date(optTo)
	if err != nil {
		return PageState{}, err
	}
	if err := answer.CheckDates(from, to); err != nil {
		return PageState{}, err
	}
	uid, _ := strconv.ParseUint(req.userID, 10, 64)
	return PageState{UserID: uid, From: clampDate(from), To: clampDate(to), Publisher: pub}, nil
}

// input reads a text option and checks it as what a reader typed (the
// zero Input when an optional option is absent).
func (o options) input(name string, required bool, maxRunes int) (answer.Input, error) {
	s, err := o.text(name, required, maxRunes)
	if err != nil {
		return answer.Input{}, err
	}
	if !required {
		return answer.CheckOptionalInput(s)
	}
	return answer.CheckInput(s)
}

func publicOpt() *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{
		Type: discordgo.ApplicationCommandOptionBoolean, Name: optPublic,
		Description: "Show the answer to everyone (default) or only to you (false)",
	}
}

// userError is a problem with what the person sent; its text is shown to
// them, ephemerally.
type userError struct {
	msg   string
	cause error // what went wrong, for the log line; may be nil
}

func (e *userError) Error() string { return e.msg }

func userErrorf(format string, args ...any) error {
	return &userError{msg: fmt.Sprintf(format, args...)}
}

// options reads a command's options by name, checking each value's type
// (discordgo's accessors panic on a mismatch; a crafted HTTP payload must
// not crash us).
type options map[string]*discordgo.ApplicationCommandInteractionDataOption

func optionsOf(data discordgo.ApplicationCommandInteractionData) options {
	o := make(options, len(data.Options))
	for _, opt := range data.Options {
		if opt != nil {
			o[opt.Name] = opt
		}
	}
	return o
}

// text returns a string option, trimmed; "" when absent. required and
// maxRunes are checked here because HTTP callers can skip Discord's own
// checks.
func (o options) text(name string, required bool, maxRunes int) (string, error) {
	opt, ok := o[name]
	if !ok || opt.Value == nil {
		if required {
			return "", userErrorf("The %s option is missing.", name)
		}
		return "", nil
	}
	s, ok := opt.Value.(string)
	if !ok || opt.Type != discordgo.ApplicationCommandOptionString {
		return "", userErrorf("The %s option should be text.", name)
	}
	if !utf8.ValidString(s) {
		return "", userErrorf("The %s option is not valid text.", name)
	}
	s = strings.TrimSpace(s)
	if s == "" && required {
		return "", userErrorf("The %s option is empty.", name)
	}
	if n := utf8.RuneCountInString(s); n > maxRunes {
		return "", userErrorf("The %s option is %d characters; at most %d, please.", name, n, maxRunes)
	}
	return s, nil
}

// flag returns a boolean option, def when absent.
func (o options) flag(name string, def bool) (bool, error) {
	opt, ok := o[name]
	if !ok || opt.Value == nil {
		return def, nil
	}
	b, ok := opt.Value.(bool)
	if !ok || opt.Type != discordgo.ApplicationCommandOptionBoolean {
		return def, userErrorf("The %s option should be true or false.", name)
	}
	return b, nil
}

// dateLayout is how dates are typed (corpus.DateLayout).
const dateLayout = "2006-01-02"

// date returns a YYYY-MM-DD option; zero when absent.
func (o options) date(name string) (time.Time, error) {
	s, err := o.text(name, false, 10)
	if err != nil || s == "" {
		return time.Time{}, err
	}
	d, err := time.Parse(dateLayout, s)
	if err != nil {
		return time.Time{}, userErrorf("The %s date %q is not a real date written YYYY-MM-DD, e.g. 2025-08-17.", name, s)
	}
	return d, nil
}

// focused is the option the person is typing in an autocomplete, with
// what they have typed so far.
func focused(data discordgo.ApplicationCommandInteractionData) (name, typed string) {
	for _, opt := range data.Options {
		if opt != nil && opt.Focused {
			s, _ := opt.Value.(string)
			return opt.Name, s
		}
	}
	return "", ""
}

// userID is who sent the interaction: member.user in a guild, user in a
// DM; "" when neither is there.
// memberPerms are the asker's permissions as Discord computed them for
// the channel (0 in a direct message).
func memberPerms(i *discordgo.Interaction) int64 {
	if i.Member != nil {
		return i.Member.Permissions
	}
	return 0
}

func userID(i *discordgo.Interaction) string {
	if i.Member != nil && i.Member.User != nil {
		return i.Member.User.ID
	}
	if i.User != nil {
		return i.User.ID
	}
	return ""
}
