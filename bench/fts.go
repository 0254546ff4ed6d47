package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"unicode"

	_ "modernc.org/sqlite" // the peer: SQLite with FTS5, pure Go

	"talkbot/answer"
	"talkbot/corpus"
)

// ftsIndex is the peer engine: one FTS5 table of the same passages talkbot
// indexes, porter stemming, bm25 ranking, and the articles as JSON for
// citing them.
type ftsIndex struct {
	db    *sql.DB
	query *sql.Stmt
}

const ftsSchema = `
CREATE TABLE articles(id TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE VIRTUAL TABLE passages USING fts5(id UNINDEXED, article UNINDEXED, text, tokenize='porter');
`

// buildFTS writes a new database at path holding the passages.
func buildFTS(ctx context.Context, path string, arts []corpus.Article, passages []corpus.Passage) error {
	if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
		return err
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, ftsSchema); err != nil {
		return fmt.Errorf("fts5 schema: %v", err)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	insA, err := tx.PrepareContext(ctx, `INSERT INTO articles(id, json) VALUES (?, ?)`)
	if err != nil {
		return err
	}
	for _, a := range arts {
		b, err := json.Marshal(a)
		if err != nil {
			return err
		}
		if _, err := insA.ExecContext(ctx, a.ID, string(b)); err != nil {
			return fmt.Errorf("article %s: %v", a.ID, err)
		}
	}
	insP, err := tx.PrepareContext(ctx, `INSERT INTO passages(id, article, text) VALUES (?, ?, ?)`)
	if err != nil {
		return err
	}
	for _, p := range passages {
		if _, err := insP.ExecContext(ctx, p.ID, p.ArticleID, p.Text); err != nil {
			return fmt.Errorf("passage %s: %v", p.ID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	// Merge the b-tree segments as an operator would after a bulk load.
	_, err = db.ExecContext(ctx, `INSERT INTO passages(passages) VALUES ('optimize')`)
	return err
}

// openFTS opens a database written by buildFTS.
func openFTS(path string) (*ftsIndex, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return nil, err
	}
	// Rank inside the FTS5 table first (ORDER BY rank is its fast path),
	// then join the few rows kept to their articles.
	q, err := db.Prepare(`SELECT p.id, p.text, p.hl, p.score, articles.json FROM
		(SELECT id, article, text, highlight(passages, 2, '**', '**') AS hl, rank AS score
		 FROM passages WHERE passages MATCH ? ORDER BY rank LIMIT ?) AS p
		JOIN articles ON articles.id = p.article ORDER BY p.score`)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return &ftsIndex{db: db, query: q}, nil
}

func (f *ftsIndex) Close() error { return f.db.Close() }

// ftsMatch turns free text into an FTS5 query that cannot be read as
// syntax: every word quoted, joined with OR (what a plain BM25 search does).
func ftsMatch(text string) string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	seen := map[string]bool{}
	var b strings.Builder
	for _, w := range words {
		if seen[w] {
			continue
		}
		seen[w] = true
		if b.Len() > 0 {
			b.WriteString(" OR ")
		}
		b.WriteString(`"` + w + `"`)
	}
	return b.String()
}

// Search returns the best passages, at most perArticle from one article
// when perArticle > 0, shaped as talkbot's answer so both engines are
// formatted by the same code.
func (f *ftsIndex) Search(ctx context.Context, text string, limit, perArticle int) (answer.Search, error) {
	out := answer.Search{Query: text}
	m := ftsMatch(text)
	if m == "" {
		return out, nil
	}
	fetch := limit
	if perArticle > 0 {
		fetch = limit * 4 // room to skip passages over the per-article cap
	}
	rows, err := f.query.QueryContext(ctx, m, fetch)
	if err != nil {
		return out, err
	}
	defer rows.Close()
	per := map[string]int{}
	for rows.Next() {
		var r answer.Citation
		var aj string
		if err := rows.Scan(&r.PassageID, &r.Passage, &r.Highlighted, &r.Score, &aj); err != nil {
			return out, err
		}
		out.Total++
		if len(out.Results) == limit {
			continue
		}
		if err := json.Unmarshal([]byte(aj), &r.Article); err != nil {
			return out, err
		}
		if perArticle > 0 && per[r.Article.ID] >= perArticle {
			continue
		}
		per[r.Article.ID]++
		r.Score = -r.Score // rank (bm25) is lower-is-better
		out.Results = append(out.Results, r)
	}
	return out, rows.Err()
}
