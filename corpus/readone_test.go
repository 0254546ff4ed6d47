package corpus

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestReadArticleAndFingerprintOf(t *testing.T) {
	dir := t.TempDir()
	a := Article{Title: "T", Publisher: "P", URL: "https://e.org/a", Paragraphs: []Paragraph{{Text: "Some text of the article."}}}
	if err := WriteFile(dir, "b.md", a); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("Headline here\n\nThe lead sentence of a plain article goes on.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "bad.md"), []byte("no front matter\n"), 0o644)
	got, sum, problems, err := ReadArticle(dir, "b.md")
	if err != nil || len(problems) > 0 || got.ID != "b" || got.Title != "T" || sum.Name != "b.md" || sum.SHA256 == "" {
		t.Fatalf("b.md: %+v %+v %v %v", got, sum, problems, err)
	}
	if _, _, problems, err := ReadArticle(dir, "bad.md"); err != nil || len(problems) != 1 || problems[0].Path != filepath.Join(dir, "bad.md") {
		t.Errorf("bad.md: %v %v", problems, err)
	}
	if _, _, _, err := ReadArticle(dir, "gone.md"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("gone.md: %v", err)
	}
	if _, _, _, err := ReadArticle(dir, "../x.md"); err == nil {
		t.Error("a name outside the directory was read")
	}
	_, aSum, _, _ := ReadArticle(dir, "a.txt")
	_, badSum, _, _ := ReadArticle(dir, "bad.md")
	want, _ := SourceOf(dir).Fingerprint(nil)
	if got := FingerprintOf([]FileSum{sum, badSum, aSum}); got != want {
		t.Errorf("FingerprintOf = %s, Fingerprint = %s", got, want)
	}
	if IDOf("2026-01-06-x.md") != "2026-01-06-x" || IDOf("My Notes.txt") != "my-notes" || IsArticleFile(".tmp-x.md") || !IsArticleFile("a.txt") {
		t.Error("IDOf / IsArticleFile")
	}
}
