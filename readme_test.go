package main

import (
	"context"
	"flag"
	"os"
	"regexp"
	"strconv"
	"strings"
	"talkbot/commands"
	"talkbot/internal/testengine"
	"testing"

	"github.com/bwmarrin/discordgo"
)

var updateReadme = flag.Bool("update", false, "rewrite the README's transcripts from the current code")

// transcriptRe is a README transcript: a marker naming the command line,
// then the fenced block of what it prints.
var transcriptRe = regexp.MustCompile("(?s)<!-- transcript: (.*?) \\(kept true[^\\n]*-->\\n```\\n(.*?)```\\n")

// TestReadmeTranscripts runs every command line the README shows output
// for, piped as the README shows it, and compares the output.
func TestReadmeTranscripts(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	found := 0
	readme = transcriptRe.ReplaceAllStringFunc(readme, func(block string) string {
		m := transcriptRe.FindStringSubmatch(block)
		args, err := splitQuoted(m[1])
		if err != nil {
			t.Fatalf("transcript %q: %v", m[1], err)
		}
		found++
		_, out, errOut := runCLI(t, nil, args...)
		if *updateReadme {
			return strings.Replace(block, "```\n"+m[2]+"```\n", "```\n"+out+"```\n", 1)
		}
		if out != m[2] {
			t.Errorf("README shows for talkbot %s:\n%s\nbut it prints:\n%s%s", m[1], m[2], out, errOut)
		}
		return block
	})
	if found == 0 {
		t.Fatal("no transcript in README.md")
	}
	if *updateReadme {
		if err := os.WriteFile("README.md", []byte(readme), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// splitQuoted splits a command line as a shell would for simple quoting.
func splitQuoted(s string) ([]string, error) {
	var out []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				return nil, strconv.ErrSyntax
			}
			out = append(out, s[1:end+1])
			s = s[end+2:]
			continue
		}
		word, rest, _ := strings.Cut(s, " ")
		out = append(out, word)
		s = rest
	}
	return out, nil
}

// discordRe is a README rendering of a Discord reply: a marker naming the
// command and its options, then the fenced block of the reply as text.
var discordRe = regexp.MustCompile("(?s)<!-- discord: (/\\S+)((?: \\w+=\"[^\"]*\")*) \\(kept true[^\\n]*-->\\n```\\n(.*?)```\\n")

var optionRe = regexp.MustCompile(`(\w+)="([^"]*)"`)

// TestReadmeDiscordReplies answers every command the README shows a reply
// for with the real router over the bundled articles and compares the
// reply, rendered as text.
func TestReadmeDiscordReplies(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	r := commands.NewRouter(commands.Deps{Engine: testengine.Bundled(t), RateLimit: commands.RateLimit{PerSecond: 1e6, Burst: 1e6}})
	found := 0
	readme := discordRe.ReplaceAllStringFunc(string(b), func(block string) string {
		m := discordRe.FindStringSubmatch(block)
		found++
		data := discordgo.ApplicationCommandInteractionData{ID: "1", Name: strings.TrimPrefix(m[1], "/")}
		for _, o := range optionRe.FindAllStringSubmatch(m[2], -1) {
			data.Options = append(data.Options, &discordgo.ApplicationCommandInteractionDataOption{
				Name: o[1], Type: discordgo.ApplicationCommandOptionString, Value: o[2]})
		}
		i := &discordgo.Interaction{Type: discordgo.InteractionApplicationCommand, ID: "1", Token: "t", GuildID: "1",
			Member: &discordgo.Member{User: &discordgo.User{ID: "80351110224678912"}}, Data: data}
		got := replyText(r.Handle(context.Background(), i).Response)
		if *updateReadme {
			return strings.Replace(block, "```\n"+m[3]+"```\n", "```\n"+got+"```\n", 1)
		}
		if got != m[3] {
			t.Errorf("README shows for %s%s:\n%s\nbut the reply is:\n%s", m[1], m[2], m[3], got)
		}
		return block
	})
	if found == 0 {
		t.Fatal("no Discord reply in README.md")
	}
	if *updateReadme {
		if err := os.WriteFile("README.md", []byte(readme), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// replyText renders a reply as the README shows it: the content, each
// embed's lines behind "┃" (title first, footer last), an attached image
// named, and the buttons in brackets.
func replyText(resp *discordgo.InteractionResponse) string {
	var b strings.Builder
	d := resp.Data
	if d.Content != "" {
		b.WriteString(d.Content + "\n")
	}
	for _, e := range d.Embeds {
		b.WriteString("┃ " + e.Title + "\n")
		for _, l := range strings.Split(e.Description, "\n") {
			b.WriteString("┃ " + l + "\n")
		}
		if e.Footer != nil {
			b.WriteString("┃ " + e.Footer.Text + "\n")
		}
		if e.Image != nil {
			b.WriteString("┃ [image: " + strings.TrimPrefix(e.Image.URL, "attachment://") + "]\n")
		}
		b.WriteString("\n")
	}
	var buttons []string
	for _, row := range d.Components {
		if ar, ok := row.(discordgo.ActionsRow); ok {
			for _, c := range ar.Components {
				if btn, ok := c.(discordgo.Button); ok {
					buttons = append(buttons, "["+btn.Label+"]")
				}
			}
		}
	}
	if len(buttons) > 0 {
		b.WriteString(strings.Join(buttons, " ") + "\n")
	}
	return b.String()
}
