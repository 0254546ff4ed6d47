package corpus

import (
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"talkbot/corpus/text"
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
	f.Add("---\ntitle: t\npublisher: p\nurl: https://e.org\nalso_published_by:\n  - {publisher: q, url: 'http://q.org', published: 2026-01-02}\n  - [x]\n---\nText.\n", true)
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

// FuzzBoilerplateCues checks that the cheap tests run before three
// regexps never skip a line the regexp would match: each cue must hold
// whenever its regexp matches.
func FuzzBoilerplateCues(f *testing.F) {
	for _, s := range []string{
		"Troops at the border (Photo: Jane Roe via AP) ",
		"Soldiers on parade [EPA-EFE]",
		"I am a freelance journalist and my work appears weekly.",
		"I'M A WRITER; MY beat is Europe.",
		"I am a journali\u017ft and my column is weekly.",
		"Radio X is a radio station that \u212aeeps and \u017feeks to inform.",
		"Radio Nowhere is Europe's leading podcast network that seeks to bring local voices to the world.",
		"HARBOUR TIMES IS AN ONLINE NEWSPAPER WHICH PROVIDES NEWS.",
		"Plain prose, with nothing to find.",
		"The plan. --->READ MoRe HERE and\u00a0more\tof \xff it",
		"\u212aelvin read\u2003more",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fo := strings.TrimSpace(text.Fold(s))
		k := foldedKey(fo)
		if captionCreditRe.MatchString(fo) && !endsBracketed(fo) {
			t.Errorf("%q: a caption credit not ending in a bracket", s)
		}
		if professionRe.MatchString(fo) && !hasProfessionCue(cueText(k)) {
			t.Errorf("%q: a profession without its cue", s)
		}
		if orgBioRe.MatchString(fo) && !(isOrWasEarly(cueText(k)) && containsAny(cueText(k), orgBioVerbs...)) {
			t.Errorf("%q: a publisher bio without its verb", s)
		}
		if hasProfessionCue(k) != containsAny(k, professionCues...) {
			t.Errorf("%q: hasProfessionCue disagrees with containsAny", s)
		}
		if k != text.Key(s) {
			t.Errorf("%q: foldedKey %q, text.Key %q", s, k, text.Key(s))
		}
		if got, want := countFields(s), len(strings.Fields(s)); got != want {
			t.Errorf("%q: countFields %d, want %d", s, got, want)
		}
		if got, want := containsFoldASCII(s, "read more"), strings.Contains(strings.ToLower(s), "read more"); got != want {
			t.Errorf("%q: containsFoldASCII %v, want %v", s, got, want)
		}
	})
}
