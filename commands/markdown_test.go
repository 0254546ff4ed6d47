package commands

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEscapeMarkdown(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain words", "plain words"},
		{"*star* _under_ ~strike~ `code` |spoil|", `\*star\* \_under\_ \~strike\~ \` + "`" + `code\` + "`" + ` \|spoil\|`},
		{"[click](https://evil.example)", `\[click\](https://evil.example)`},
		{"# Heading", `\# Heading`},
		{"- item", `\- item`},
		{"> quote", `\> quote`},
		{"-# small", `\-# small`},
		{"1. first", `1\. first`},
		{"2025. year mid-line - dash > gt # hash", `2025\. year mid-line - dash > gt # hash`},
		{"line\n# second", "line\n\\# second"},
		{"ping @everyone and <@123456>", "ping @\u200beveryone and \\<@\u200b123456>"},
		{`back\slash`, `back\\slash`},
	}
	for _, c := range cases {
		if got := escapeMarkdown(c.in, true); got != c.want {
			t.Errorf("escapeMarkdown(%q) = %q; want %q", c.in, got, c.want)
		}
	}
}

func TestRenderQuoteKeepsHighlights(t *testing.T) {
	raw := "France and the UK pledge *troops* to Ukraine."
	hl := "France and the UK **pledge** *troops* to **Ukraine**."
	got := renderQuote(raw, hl, 4096)
	want := `France and the UK **pledge** \*troops\* to **Ukraine**.`
	if got != want {
		t.Errorf("got %q; want %q", got, want)
	}
	// The source's own ** is text, not a highlight.
	raw2 := "a **b** c"
	if got := renderQuote(raw2, "a **b** **c**", 100); got != `a \*\*b\*\* **c**` {
		t.Errorf("source ** was taken as a marker: %q", got)
	}
	// A highlighted text that does not align with the passage falls back
	// to pairs of markers.
	if got := renderQuote("unrelated", "x **y** z", 100); got != "x **y** z" {
		t.Errorf("fallback: %q", got)
	}
}

func TestRenderQuoteShortens(t *testing.T) {
	raw := strings.Repeat("security guarantees for Ukraine ", 40)
	hl := strings.ReplaceAll(raw, "guarantees", "**guarantees**")
	for _, limit := range []int{1, 5, 17, 18, 19, 20, 50, 100, 333} {
		got := renderQuote(raw, hl, limit)
		if n := utf8.RuneCountInString(got); n > limit {
			t.Errorf("limit %d: %d runes: %q", limit, n, got)
		}
		if !strings.HasSuffix(got, "…") {
			t.Errorf("limit %d: shortened text does not end with …: %q", limit, got)
		}
		if strings.Count(got, "**")%2 != 0 {
			t.Errorf("limit %d: a ** pair was cut: %q", limit, got)
		}
		body := strings.TrimSuffix(strings.ReplaceAll(got, "**", ""), "…")
		if body != "" && !strings.HasPrefix(raw, body) {
			t.Errorf("limit %d: %q is not a prefix of the source", limit, body)
		}
		if body != "" && !strings.HasSuffix(body, " ") && raw[len(body)] != ' ' {
			t.Errorf("limit %d: cut inside a word: %q", limit, got)
		}
	}
}

func TestShorten(t *testing.T) {
	if got := shorten("short", 10); got != "short" {
		t.Errorf("%q", got)
	}
	got := shorten("the quick brown fox jumps", 12)
	if got != "the quick…" {
		t.Errorf("got %q", got)
	}
	if got := shorten("a **bold word** here", 12); strings.Count(got, "**")%2 != 0 || utf8.RuneCountInString(got) > 12 {
		t.Errorf("cut bold: %q", got)
	}
	if got := shorten(`ab \\ cd \*`, 7); strings.HasSuffix(strings.TrimSuffix(got, "…"), `\`) &&
		!strings.HasSuffix(strings.TrimSuffix(got, "…"), `\\`) {
		t.Errorf("dangling escape: %q", got)
	}
	if got := shorten("x", 0); got != "" {
		t.Errorf("limit 0: %q", got)
	}
}
