package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

const goodFront = `---
title: "Ports reopen after talks"
publisher: Harbour Times
original_source: Coastal Wire
url: https://example.org/ports
published: 2025-03-04
published_approximate: true
author: Ines Varga
---
`

const goodBody = "The ports of the region reopened on Monday after a week of talks.\n"

func TestLoadMarkdown(t *testing.T) {
	fsys := fstest.MapFS{"ports-reopen.md": {Data: []byte(goodFront + goodBody)}}
	articles, problems := Load(fsys)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if len(articles) != 1 {
		t.Fatalf("got %d articles", len(articles))
	}
	a := articles[0]
	want := Article{
		ID: "ports-reopen", Title: "Ports reopen after talks", Publisher: "Harbour Times",
		OriginalSource: "Coastal Wire", URL: "https://example.org/ports",
		PublishedApproximate: true, Author: "Ines Varga", Path: "ports-reopen.md",
	}
	if a.ID != want.ID || a.Title != want.Title || a.Publisher != want.Publisher || a.OriginalSource != want.OriginalSource ||
		a.URL != want.URL || a.PublishedApproximate != want.PublishedApproximate || a.Author != want.Author || a.Path != want.Path {
		t.Errorf("article = %+v\nwant %+v", a, want)
	}
	if got := a.Published.String(); got != "2025-03-04" {
		t.Errorf("published = %s", got)
	}
	if len(a.Paragraphs) != 1 || a.Paragraphs[0].Line != 10 || a.Paragraphs[0].Text != strings.TrimSpace(goodBody) {
		t.Errorf("paragraphs = %+v", a.Paragraphs)
	}
}

// Each broken file is reported at the line to fix, with words a person
// can act on, and the good file next to it still loads.
func TestLoadFrontMatterProblems(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		msg       string
	}{
		{"no-front.md", goodBody, 1, "no front matter"},
		{"unclosed.md", "---\ntitle: x\npublisher: y\n", 1, "not closed"},
		{"bad-yaml.md", "---\ntitle: a\npublisher: b\nurl: [unclosed\n---\n" + goodBody, 4, "not valid YAML"},
		{"bad-indent.md", "---\ntitle: a\n  publisher: b\n---\n" + goodBody, 3, "not valid YAML"},
		{"unknown.md", strings.Replace(goodFront, "author:", "writer:", 1) + goodBody, 8, `unknown field "writer"`},
		{"bad-date.md", strings.Replace(goodFront, "2025-03-04", "2025-02-30", 1) + goodBody, 6, `published "2025-02-30" is not a calendar date`},
		{"short-date.md", strings.Replace(goodFront, "2025-03-04", "4 March 2025", 1) + goodBody, 6, `published "4 March 2025" is not a date written YYYY-MM-DD`},
		{"bad-bool.md", strings.Replace(goodFront, "approximate: true", "approximate: maybe", 1) + goodBody, 7, "true or false"},
		{"list-title.md", strings.Replace(goodFront, `title: "Ports reopen after talks"`, "title:\n  - a\n  - b", 1) + goodBody, 3, "title must be text"},
		{"no-title.md", strings.Replace(goodFront, `title: "Ports reopen after talks"`+"\n", "", 1) + goodBody, 8, "title is missing"},
		{"empty-title.md", strings.Replace(goodFront, `"Ports reopen after talks"`, `""`, 1) + goodBody, 2, "title is empty"},
		{"no-publisher.md", strings.Replace(goodFront, "publisher: Harbour Times\n", "", 1) + goodBody, 8, "publisher is missing"},
		{"no-url.md", strings.Replace(goodFront, "url: https://example.org/ports\n", "", 1) + goodBody, 8, "url is missing"},
		{"bad-url.md", strings.Replace(goodFront, "https://example.org/ports", "example.org/ports", 1) + goodBody, 5, "not an http(s) address"},
		{"twice.md", strings.Replace(goodFront, "author: Ines Varga", "author: Ines Varga\ntitle: Again", 1) + goodBody, 9, "given twice"},
		{"not-map.md", "---\n- a\n- b\n---\n" + goodBody, 2, "key: value"},
		{"empty-body.md", goodFront + "\n \u00a0\n\n", 10, "empty body"},
		{"only-furniture.md", goodFront + "Related content\nPost a Comment\n", 10, "no article text"},
		{"latin1.md", goodFront + "The caf\xe9 reopened.\n", 10, "not UTF-8"},
		{"latin1-front.md", strings.Replace(goodFront, "Ines Varga", "In\xe9s Varga", 1) + goodBody, 8, "not UTF-8"},
		{"empty.txt", "", 1, "empty file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				tt.name:    {Data: []byte(tt.src)},
				"zz-ok.md": {Data: []byte(goodFront + goodBody)},
			}
			articles, problems := Load(fsys)
			if len(articles) != 1 || articles[0].ID != "zz-ok" {
				t.Errorf("the good file should still load, got %d articles", len(articles))
			}
			if len(problems) != 1 {
				t.Fatalf("problems = %v, want one", problems)
			}
			p := problems[0]
			if p.Path != tt.name || p.Line != tt.line || !strings.Contains(p.Msg, tt.msg) {
				t.Errorf("problem = %q, want %s:%d: ...%s...", p.Error(), tt.name, tt.line, tt.msg)
			}
		})
	}
}

func TestProblemError(t *testing.T) {
	if got := (Problem{Path: "a.md", Line: 3, Msg: "bad"}).Error(); got != "a.md:3: bad" {
		t.Errorf("got %q", got)
	}
	if got := (Problem{Path: "a.md", Msg: "bad"}).Error(); got != "a.md: bad" {
		t.Errorf("got %q", got)
	}
}

func TestLoadOrderIgnoredAndDuplicates(t *testing.T) {
	fsys := fstest.MapFS{
		"b.md":            {Data: []byte(goodFront + goodBody)},
		"a.txt":           {Data: []byte(goodBody)},
		"b.txt":           {Data: []byte(goodBody)},
		"README.md":       {Data: []byte("# How to add articles\n")},
		"_draft.md":       {Data: []byte("not yet")},
		".hidden.txt":     {Data: []byte("x")},
		"notes.json":      {Data: []byte("{}")},
		"sub/c.md":        {Data: []byte(goodFront + goodBody)},
		"Harbour News.MD": {Data: []byte(goodFront + goodBody)},
	}
	articles, problems := Load(fsys)
	var ids []string
	for _, a := range articles {
		ids = append(ids, a.ID)
	}
	if got := strings.Join(ids, ","); got != "Harbour News,a,b" {
		t.Errorf("ids = %s, want Harbour News,a,b (name order; README, drafts, other files and sub-directories skipped)", got)
	}
	if len(problems) != 1 || problems[0].Path != "b.txt" || !strings.Contains(problems[0].Msg, `id "b" is already used by b.md`) {
		t.Errorf("problems = %v, want b.txt reported as a duplicate id", problems)
	}
}

func TestLoadDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "ok.md"), []byte(goodFront+goodBody), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bad.md"), []byte("---\ntitle: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	articles, problems := LoadDir(dir)
	if len(articles) != 1 || articles[0].Path != filepath.Join(dir, "ok.md") {
		t.Errorf("articles = %+v", articles)
	}
	if len(problems) != 1 || problems[0].Error() != filepath.Join(dir, "bad.md")+":1: front matter is not closed: no line \"---\" after the metadata" {
		t.Errorf("problems = %v", problems)
	}

	missing := filepath.Join(dir, "nope")
	if _, problems := LoadDir(missing); len(problems) != 1 || problems[0].Path != missing || !strings.Contains(problems[0].Msg, "cannot read corpus directory") {
		t.Errorf("missing dir: problems = %v", problems)
	}
	file := filepath.Join(dir, "ok.md")
	if _, problems := LoadDir(file); len(problems) != 1 || !strings.Contains(problems[0].Msg, "must be a directory") {
		t.Errorf("file as dir: problems = %v", problems)
	}
}

func TestLoadCRLFAndBOM(t *testing.T) {
	src := "\uFEFF" + strings.ReplaceAll(goodFront+"First paragraph here.\n\nSecond one, also prose.\n", "\n", "\r\n")
	articles, problems := Load(fstest.MapFS{"crlf.md": {Data: []byte(src)}})
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	got := articles[0].Paragraphs
	if len(got) != 2 || got[0] != (Paragraph{Text: "First paragraph here.", Line: 10}) || got[1] != (Paragraph{Text: "Second one, also prose.", Line: 12}) {
		t.Errorf("paragraphs = %+v", got)
	}
}

func TestTxtTitle(t *testing.T) {
	tests := []struct{ name, src, title string }{
		{"headline first", "Ports reopen after talks\nThe ports reopened on Monday, officials said.\n", "Ports reopen after talks"},
		{"question headline", "Will the ports reopen?\n\nThe ports may reopen on Monday, officials said.\n", "Will the ports reopen?"},
		{"label glued to headline", "WorldPorts reopen after talks\n\nPorts reopen after talks\n\nThe ports reopened on Monday.\n", "Ports reopen after talks"},
		{"lead cut at comma after 40", "The ports of the southern region reopened on Monday, after a week of talks, officials said.\nMore text follows here.\n", "The ports of the southern region reopened on Monday"},
		{"early comma is skipped", "On Monday, the ports of the southern region reopened after talks, officials said.\n", "On Monday, the ports of the southern region reopened after talks"},
		{"no comma", "The ports reopened.\n", "The ports reopened"},
		{"non-breaking spaces", "Ports\u00a0reopen  after\u00a0talks\nBody text goes here.\n", "Ports reopen after talks"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, problems := parseArticle("x.txt", tt.src)
			if len(problems) > 0 {
				t.Fatal(problems)
			}
			if a.Title != tt.title {
				t.Errorf("title = %q, want %q", a.Title, tt.title)
			}
		})
	}
	long := strings.Repeat("word ", 80) + "end."
	if got := leadTitle(long); len([]rune(got)) > titleMax+1 || !strings.HasSuffix(got, "…") {
		t.Errorf("long lead title = %q", got)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"000_aa387408880903a5.txt": "000-aa387408880903a5",
		"Café  Talks!.txt":         "cafe-talks",
		"__x__.txt":                "x",
	} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}
