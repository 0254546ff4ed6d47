package corpus

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAlsoPublishedByRoundTrip(t *testing.T) {
	d, _ := ParseDate("2026-01-07")
	a := Article{ID: "x", Title: "T", Publisher: "Reuters", URL: "https://reuters.example/a",
		AlsoPublishedBy: []Outlet{{Publisher: "Yahoo News", URL: "https://yahoo.example/b", Published: d},
			{Publisher: "MSN", URL: "http://msn.example/c"}},
		Paragraphs: []Paragraph{{Text: "A paragraph of the story."}}}
	b, err := Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	back, ps := Parse("x.md", b)
	if len(ps) > 0 {
		t.Fatalf("problems %v in\n%s", ps, b)
	}
	sameArticle(t, a, back)
	if got := back.SourceLabel(); got != "Reuters; also published by Yahoo News, MSN" {
		t.Errorf("SourceLabel = %q", got)
	}
	j, _ := json.Marshal(back)
	if !strings.Contains(string(j), `"also_published_by":[{"publisher":"Yahoo News","url":"https://yahoo.example/b","published":"2026-01-07"}`) {
		t.Errorf("JSON: %s", j)
	}
	// without outlets nothing new is written, and the JSON leaves it out
	a.AlsoPublishedBy = nil
	b, _ = Marshal(a)
	if strings.Contains(string(b), "also_published_by") {
		t.Errorf("empty list written:\n%s", b)
	}
	if j, _ := json.Marshal(a); strings.Contains(string(j), "also_published_by") {
		t.Errorf("JSON has the empty field: %s", j)
	}
}

func TestAlsoPublishedByProblems(t *testing.T) {
	head := "---\ntitle: T\npublisher: P\nurl: https://e.org/a\n"
	for name, c := range map[string]struct{ yaml, want string }{
		"not a list":   {"also_published_by: Reuters\n", "must be a list"},
		"item a value": {"also_published_by: [Reuters]\n", "item 1 is a value"},
		"no url":       {"also_published_by:\n  - publisher: R\n", "needs a publisher and a url"},
		"bad url":      {"also_published_by:\n  - {publisher: R, url: ftp://x}\n", "not an http(s) address"},
		"bad date":     {"also_published_by:\n  - {publisher: R, url: 'https://r.org', published: May}\n", "not a date"},
		"unknown":      {"also_published_by:\n  - {publisher: R, url: 'https://r.org', when: x}\n", `unknown field "when"`},
	} {
		_, ps := Parse("f.md", []byte(head+c.yaml+"---\nBody text.\n"))
		if len(ps) != 1 || !strings.Contains(ps[0].Msg, c.want) || ps[0].Line < 5 || ps[0].Line > 6 {
			t.Errorf("%s: problems %v, want one on line 5 or 6 saying %q", name, ps, c.want)
		}
	}
}

func TestWithOutlets(t *testing.T) {
	a := Article{Publisher: "AP", URL: "https://ap.example/1"}
	b := Article{Publisher: "Yahoo", URL: "https://y.example/1", AlsoPublishedBy: []Outlet{{Publisher: "MSN", URL: "https://msn.example/1"}}}
	c := Article{Publisher: "AP", URL: "https://ap.example/1"} // a itself
	got := a.WithOutlets(b, c, b)
	if len(got.AlsoPublishedBy) != 2 || got.AlsoPublishedBy[0].Publisher != "Yahoo" || got.AlsoPublishedBy[1].Publisher != "MSN" {
		t.Errorf("WithOutlets = %+v", got.AlsoPublishedBy)
	}
	if len(a.AlsoPublishedBy) != 0 {
		t.Error("WithOutlets changed its receiver")
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	a := Article{ID: "2026-01-06-ap-talks", Title: "Talks", Publisher: "AP", URL: "https://ap.example/1",
		Paragraphs: []Paragraph{{Text: "The first paragraph of the article."}}}
	if err := WriteFile(dir, "2026-01-06-ap-talks.md", a); err != nil {
		t.Fatal(err)
	}
	a.Title = "Talks, updated"
	if err := WriteFile(dir, "2026-01-06-ap-talks.md", a); err != nil {
		t.Fatal(err)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Fatalf("files left: %v", ents)
	}
	arts, ps := LoadDir(dir)
	if len(ps) > 0 || len(arts) != 1 || arts[0].Title != "Talks, updated" {
		t.Fatalf("loaded %+v, %v", arts, ps)
	}
	for _, bad := range []string{"", "../x.md", "a/b.md", ".hidden.md", "x.txt"} {
		if err := WriteFile(dir, bad, a); err == nil {
			t.Errorf("%q written", bad)
		}
	}
	// a refused article writes nothing
	if err := WriteFile(dir, "empty.md", Article{Title: "T"}); err == nil {
		t.Error("an article without publisher written")
	}
	if _, err := os.Stat(filepath.Join(dir, "empty.md")); err == nil {
		t.Error("a refused article left a file")
	}
	if err := RemoveFile(dir, "2026-01-06-ap-talks.md"); err != nil {
		t.Fatal(err)
	}
	if err := RemoveFile(dir, "2026-01-06-ap-talks.md"); err != nil {
		t.Errorf("removing a file already gone: %v", err)
	}
}

func TestWriteFileReadOnlyDir(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes anywhere")
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	err := WriteFile(dir, "a.md", Article{Title: "T", Publisher: "P", URL: "https://e.org", Paragraphs: []Paragraph{{Text: "x"}}})
	if err == nil || !strings.Contains(err.Error(), "cannot write in "+dir) {
		t.Errorf("err = %v", err)
	}
}
