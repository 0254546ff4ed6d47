package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"talkbot/corpus"
)

func TestFTSBuildOpenSearch(t *testing.T) {
	ctx := context.Background()
	arts := []corpus.Article{{ID: "a1", Title: "One"}, {ID: "a2", Title: "Two"}}
	ps := []corpus.Passage{
		{ID: "a1/0", ArticleID: "a1", Text: "Britain pledged troops for the reassurance force."},
		{ID: "a1/1", ArticleID: "a1", Text: "France pledged troops too, and more troops later."},
		{ID: "a1/2", ArticleID: "a1", Text: "Troops, troops, troops: the word of the day."},
		{ID: "a2/0", ArticleID: "a2", Text: "The jury said the election was conducted well."},
	}
	path := filepath.Join(t.TempDir(), "fts.db")
	if err := buildFTS(ctx, path, arts, ps); err != nil {
		t.Fatal(err)
	}
	f, err := openFTS(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	s, err := f.Search(ctx, `pledging "troops"?`, 3, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Results) != 2 {
		t.Fatalf("per-article cap 2: got %d results", len(s.Results))
	}
	for _, r := range s.Results {
		if r.Article.ID != "a1" || r.Article.Title != "One" || !strings.Contains(r.Highlighted, "**") {
			t.Errorf("result %+v", r)
		}
	}
	if s.Results[0].Score < s.Results[1].Score {
		t.Errorf("scores not best first: %v %v", s.Results[0].Score, s.Results[1].Score)
	}
	// Porter stemming: "elections" finds "election".
	s, err = f.Search(ctx, "elections", 10, 0)
	if err != nil || len(s.Results) != 1 || s.Results[0].PassageID != "a2/0" {
		t.Fatalf("stemmed search: %+v %v", s, err)
	}
	// Syntax characters are words, never FTS5 syntax.
	for _, q := range []string{`NEAR(`, `"`, `a* OR -`, `col:umn`, ``} {
		if _, err := f.Search(ctx, q, 3, 2); err != nil {
			t.Errorf("query %q: %v", q, err)
		}
	}
	if _, err := openFTS(filepath.Join(t.TempDir(), "missing.db")); err == nil {
		t.Error("opening a missing database succeeded")
	}
}
