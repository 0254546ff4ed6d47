package corpus

import (
	"io/fs"
	"reflect"
	"strings"
	"testing"
)

// sameArticle compares what Marshal promises to keep: the metadata and
// the paragraphs' text.
func sameArticle(t *testing.T, want, got Article) {
	t.Helper()
	strip := func(a Article) (Article, []string) {
		var texts []string
		for _, p := range a.Paragraphs {
			texts = append(texts, p.Text)
		}
		a.Paragraphs, a.Path = nil, ""
		return a, texts
	}
	wm, wt := strip(want)
	gm, gt := strip(got)
	if !reflect.DeepEqual(wm, gm) {
		t.Errorf("metadata changed:\nwant %+v\n got %+v", wm, gm)
	}
	if !reflect.DeepEqual(wt, gt) {
		t.Errorf("paragraphs changed:\nwant %q\n got %q", wt, gt)
	}
}

func TestMarshalRoundTripsBundled(t *testing.T) {
	arts, problems := Load(Bundled())
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	for _, a := range arts {
		b, err := Marshal(a)
		if err != nil {
			t.Fatalf("%s: %v", a.ID, err)
		}
		back, ps := Parse(a.ID+".md", b)
		if len(ps) > 0 {
			t.Fatalf("%s: the written file has problems: %v\n%s", a.ID, ps, b)
		}
		sameArticle(t, a, back)
	}
}

func TestMarshalOddValues(t *testing.T) {
	d, _ := ParseDate("2025-02-28")
	a := Article{ID: "odd", Title: `"Yes": no # not a comment — 'quoted' \ back`, Publisher: "true",
		OriginalSource: "2025-01-01", URL: "https://example.org/a?b=c&d=e#f", Published: d, PublishedApproximate: true,
		Author: "null", Paragraphs: []Paragraph{{Text: "--- dashes start this sentence, which goes on."}, {Text: "A second paragraph: \"quoted\", with a colon."}, {Text: "Ünïcödé «text»."}}}
	b, err := Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	back, ps := Parse("odd.md", b)
	if len(ps) > 0 {
		t.Fatalf("problems %v in\n%s", ps, b)
	}
	sameArticle(t, a, back)
	// Unknown metadata is written as null and reads back as unknown.
	a2 := Article{ID: "bare", Title: "T", Publisher: "P", URL: "http://e.org", Paragraphs: []Paragraph{{Text: "Body text here."}}}
	b, err = Marshal(a2)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "published: null") || !strings.Contains(string(b), "author: null") {
		t.Errorf("unknown fields not null:\n%s", b)
	}
	back, _ = Parse("bare.md", b)
	sameArticle(t, a2, back)
}

func TestMarshalRefuses(t *testing.T) {
	good := Article{ID: "x", Title: "T", Publisher: "P", URL: "https://e.org", Paragraphs: []Paragraph{{Text: "Text."}}}
	for name, edit := range map[string]func(*Article){
		"no title":       func(a *Article) { a.Title = " " },
		"no publisher":   func(a *Article) { a.Publisher = "" },
		"no url":         func(a *Article) { a.URL = "" },
		"ftp url":        func(a *Article) { a.URL = "ftp://e.org/x" },
		"no text":        func(a *Article) { a.Paragraphs = nil },
		"blank para":     func(a *Article) { a.Paragraphs = []Paragraph{{Text: "  "}} },
		"two paragraphs": func(a *Article) { a.Paragraphs = []Paragraph{{Text: "One.\n\nTwo."}} },
	} {
		a := good
		edit(&a)
		if _, err := Marshal(a); err == nil {
			t.Errorf("%s: written", name)
		}
	}
}

// FuzzMarshalRoundTrip: whatever file parses, writing its article and
// parsing that gives the same article back.
func FuzzMarshalRoundTrip(f *testing.F) {
	entries, _ := fs.ReadDir(Bundled(), ".")
	for _, e := range entries {
		b, _ := fs.ReadFile(Bundled(), e.Name())
		f.Add(b)
	}
	f.Add([]byte("---\ntitle: \"a: b\"\npublisher: x\nurl: https://e.org\n---\nOne.\n\n  Two  \n"))
	f.Add([]byte("---\ntitle: t\npublisher: x\nurl: https://e.org\nalso_published_by:\n  - {publisher: \"Y: z\", url: \"https://y.org/a\", published: 2026-01-02}\n  - publisher: w\n    url: http://w.org\n---\nOne.\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		a, ps := Parse("f.md", src)
		if len(ps) > 0 {
			return
		}
		b, err := Marshal(a)
		if err != nil {
			t.Fatalf("a parsed article does not write: %v", err)
		}
		back, ps := Parse("f.md", b)
		if len(ps) > 0 {
			t.Fatalf("the written file has problems %v:\n%s", ps, b)
		}
		sameArticle(t, a, back)
	})
}
