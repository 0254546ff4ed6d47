package main

import (
	"flag"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
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
