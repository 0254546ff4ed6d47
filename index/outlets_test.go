package index

import (
	"context"
	"path/filepath"
	"testing"

	"talkbot/corpus"
)

// A syndicated near-copy kept as a file of its own (the realistic corpus
// has several) is shown once, and the result names both outlets.
func TestNearCopyNamesEveryOutlet(t *testing.T) {
	ix, err := OpenSource(context.Background(), corpus.SourceOf(filepath.Join("..", "testdata", "realnews", "articles")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	res, err := ix.Search(context.Background(), Query{Text: "negotiators offered Ukraine a package of security guarantees compared to Article 5 vote in Congress", Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 {
		t.Fatal("no hit")
	}
	top := res.Hits[0]
	pair := map[string]bool{"Atlantic Bulletin": true, "PeaceWatch Blog": true}
	if !pair[top.Article.Publisher] {
		t.Fatalf("top hit from %s: %q", top.Article.Publisher, top.Passage.Text)
	}
	named := map[string]bool{top.Article.Publisher: true}
	for _, p := range top.Article.OtherPublishers() {
		named[p] = true
	}
	if !named["Atlantic Bulletin"] || !named["PeaceWatch Blog"] {
		t.Errorf("the result names %v, want both outlets (label %q)", named, top.Article.SourceLabel())
	}
	for _, h := range res.Hits[1:] {
		if pair[h.Article.Publisher] && newDupKey(h.Passage.Text).dupOf([]dupKey{newDupKey(top.Passage.Text)}) {
			t.Errorf("the copy is shown again: %q", h.Passage.Text)
		}
	}
	// the other outlet's name selects the story too
	if got := ix.MatchingPublishers("peacewatch"); len(got) == 0 {
		t.Error("no publisher matches peacewatch")
	}
	t.Logf("%s", top.Article.SourceLabel())
}
