package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"talkbot/corpus"
)

// writeCorpus writes articles as corpus files in a new directory.
func writeCorpus(t *testing.T, arts ...corpus.Article) string {
	dir := t.TempDir()
	for _, a := range arts {
		b, err := corpus.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, a.ID+".md"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func article(id, title string, paras ...string) corpus.Article {
	a := corpus.Article{ID: id, Title: title, Publisher: "P", URL: "https://example.org/" + id,
		Published: corpus.Date{Time: time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)}}
	for _, p := range paras {
		a.Paragraphs = append(a.Paragraphs, corpus.Paragraph{Text: p})
	}
	return a
}

// TestFTSBuildOpenSearch runs for every driver this binary has (modernc
// always; mattn with -tags sqlite_fts5).
func TestFTSBuildOpenSearch(t *testing.T) {
	dir := writeCorpus(t,
		article("a1", "One", "Britain pledged troops for the reassurance force.",
			"France pledged troops too, and more troops later.", "Troops, troops, troops: the word of the day."),
		article("a2", "Two", "The jury said the election was conducted well."),
		// Syndicated copies: the same passage text under other articles.
		article("a3", "Three", "Britain pledged troops for the reassurance force."),
		article("a4", "Four", "Britain pledged troops for the reassurance force."),
	)
	for driver := range ftsDrivers {
		t.Run(driver, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "fts.db")
			arts, ps, err := buildFTS(ctx, driver, path, corpus.SourceOf(dir))
			if err != nil {
				t.Fatal(err)
			}
			if arts != 4 || ps != 6 {
				t.Fatalf("built %d articles, %d passages; want 4, 6", arts, ps)
			}
			f, err := openFTS(driver, path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()

			s, err := f.Search(ctx, `pledging "troops"?`, 3, 2)
			if err != nil {
				t.Fatal(err)
			}
			// Three distinct texts match; a1 holds all three, so with at most
			// 2 from one article the third shows only if a copy of one of
			// them, under a3 or a4, ranked first.
			if len(s.Results) < 2 || len(s.Results) > 3 {
				t.Fatalf("got %d results, want 2 or 3 distinct passages", len(s.Results))
			}
			texts, per := map[string]bool{}, map[string]int{}
			for _, r := range s.Results {
				if texts[r.Passage] {
					t.Errorf("passage shown twice: %q", r.Passage)
				}
				texts[r.Passage] = true
				per[r.Article.ID]++
				if r.Article.Title == "" || !strings.Contains(r.Highlighted, "**") {
					t.Errorf("result %+v", r)
				}
			}
			if per["a1"] > 2 {
				t.Errorf("per-article cap 2: %v", per)
			}
			if s.Results[0].Score < s.Results[1].Score {
				t.Errorf("scores not best first: %v %v", s.Results[0].Score, s.Results[1].Score)
			}
			if s, err := f.Search(ctx, "troops", 10, 0); err != nil || len(s.Results) != 3 {
				t.Fatalf("troops, no per-article cap: %d results, want the 3 distinct passages (%v)", len(s.Results), err)
			}
			// Porter stemming: "elections" finds "election"; stop words
			// ("what did the ... say") are left out of the match.
			s, err = f.Search(ctx, "what did the elections say", 10, 0)
			if err != nil || len(s.Results) != 1 || s.Results[0].PassageID != "a2/0" {
				t.Fatalf("stemmed search: %+v %v", s, err)
			}
			// Syntax characters are words, never FTS5 syntax.
			for _, q := range []string{`NEAR(`, `"`, `a* OR -`, `col:umn`, ``, `the and of`} {
				if _, err := f.Search(ctx, q, 3, 2); err != nil {
					t.Errorf("query %q: %v", q, err)
				}
			}
			if _, err := openFTS(driver, filepath.Join(t.TempDir(), "missing.db")); err == nil {
				t.Error("opening a missing database succeeded")
			}
		})
	}
}

func TestFTSMatchDropsStopWords(t *testing.T) {
	for in, want := range map[string]string{
		"Who pledged the troops for Ukraine?": `"pledged" OR "troops" OR "ukraine"`,
		"troops, troops and TROOPS":           `"troops"`,
		"what is it":                          `"what" OR "is" OR "it"`,
		"":                                    ``,
	} {
		if got := ftsMatch(in); got != want {
			t.Errorf("ftsMatch(%q) = %s, want %s", in, got, want)
		}
	}
}
