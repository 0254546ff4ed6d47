package main

import (
	"context"
	"strings"
	"testing"
)

func TestWrapLine(t *testing.T) {
	url := "https://example.org/a/very/long/address/that/does/not/fit/in/the/line/at/all"
	for _, c := range []struct {
		in    string
		width int
		want  string
	}{
		{"short line", 40, "short line"},
		{`1. "The quick brown fox jumps over the lazy dog"`, 20, "1. \"The quick brown\n   fox jumps over\n   the lazy dog\""},
		{"   " + url, 30, "   " + url},
		{"   see " + url + " now", 30, "   see\n   " + url + "\n   now"},
		{"- \x1b[1mbold\x1b[0m words here", 12, "- \x1b[1mbold\x1b[0m words\n  here"},
		{"no wrap when width is zero and the line is long", 0, "no wrap when width is zero and the line is long"},
	} {
		if got := wrapLine(c.in, c.width); got != c.want {
			t.Errorf("wrapLine(%q, %d) =\n%q\nwant\n%q", c.in, c.width, got, c.want)
		}
		for _, l := range strings.Split(wrapLine(c.in, c.width), "\n") {
			if c.width > 0 && visibleWidth(l) > c.width && !strings.Contains(l, "https://") {
				t.Errorf("line %q is wider than %d", l, c.width)
			}
		}
	}
}

func TestLineWrapperKeepsLinesAcrossWrites(t *testing.T) {
	var b strings.Builder
	lw := &lineWrapper{w: &b, width: 10}
	lw.Write([]byte("one two th"))
	lw.Write([]byte("ree four\nfive"))
	lw.Flush()
	if got := b.String(); got != "one two\nthree four\nfive" {
		t.Errorf("got %q", got)
	}
}

// TestTerminalOutput: on a terminal the answer is wrapped to its width
// under a hanging indent, with matched words bold unless NO_COLOR or
// TERM=dumb says otherwise; piped, it is neither.
func TestTerminalOutput(t *testing.T) {
	for _, c := range []struct {
		name     string
		terminal bool
		width    int
		env      map[string]string
		bold     bool
	}{
		{"terminal", true, 60, nil, true},
		{"NO_COLOR", true, 60, map[string]string{"NO_COLOR": "1"}, false},
		{"TERM=dumb", true, 60, map[string]string{"TERM": "dumb"}, false},
		{"piped", false, 0, nil, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out, errOut strings.Builder
			env := &cliEnv{stdout: &out, stderr: &errOut, isTerminal: c.terminal, width: c.width,
				getenv: func(k string) string { return c.env[k] }}
			if code := run(context.Background(), env, []string{"ask", "who pledged troops?"}); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut.String())
			}
			if got := strings.Contains(out.String(), ansiBold); got != c.bold {
				t.Errorf("bold %v, want %v", got, c.bold)
			}
			long := false
			for _, l := range strings.Split(out.String(), "\n") {
				if visibleWidth(l) > 60 && !strings.Contains(l, "http") {
					long = true
					if c.width > 0 {
						t.Errorf("line wider than %d: %q", c.width, l)
					}
				}
				if c.width > 0 && strings.HasPrefix(l, " ") && !strings.HasPrefix(l, "   ") {
					t.Errorf("continuation without the hanging indent: %q", l)
				}
			}
			if c.width == 0 && !long {
				t.Error("piped output was wrapped")
			}
		})
	}
}
