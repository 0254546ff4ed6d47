package corpus

import (
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// FuzzLoad feeds arbitrary files to the loader: it must never panic, every
// problem must point inside the file, and whatever loads must be quoted
// exactly from the file.
func FuzzLoad(f *testing.F) {
	f.Add(goodFront+goodBody, true)
	f.Add("---\ntitle: [a\n---\nbody\n", true)
	f.Add("---\n---\n", true)
	f.Add("---\ntitle: &a x\npublisher: *a\nurl: *a\n---\nText here.\n", true)
	f.Add("---\r\ntitle: x\r\npublisher: y\r\nurl: https://e.org\r\n---\r\nA line.\r\n", true)
	f.Add("Headline\n\nThe lead, with a comma after forty characters or so, goes on.\n", false)
	f.Add("\xff\xfe", false)
	f.Add("One. --->READ MORE HEREX\n\u00a0\n• item\n", false)
	f.Fuzz(func(t *testing.T, src string, md bool) {
		name := "f.txt"
		if md {
			name = "f.md"
		}
		articles, problems := Load(fstest.MapFS{name: {Data: []byte(src)}})
		lines := strings.Count(src, "\n") + 1
		for _, p := range problems {
			if p.Path != name || p.Line < 0 || p.Line > lines || p.Msg == "" {
				t.Errorf("bad problem %+v for a file of %d lines", p, lines)
			}
		}
		if len(articles)+min(len(problems), 1) != 1 {
			t.Errorf("%d articles and %d problems for one file", len(articles), len(problems))
		}
		for _, a := range articles {
			if !utf8.ValidString(a.Title) || a.Title == "" && !md {
				t.Errorf("title %q", a.Title)
			}
			for _, p := range Passages(a) {
				if !strings.Contains(src, p.Text) || p.Text == "" {
					t.Errorf("passage %q is not a piece of the source", p.Text)
				}
				if p.Line < 1 || p.Line > lines {
					t.Errorf("passage line %d outside 1..%d", p.Line, lines)
				}
			}
		}
	})
}
