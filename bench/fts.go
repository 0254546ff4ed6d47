package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/registry"
	_ "modernc.org/sqlite" // SQLite transpiled to Go: the driver that needs no C compiler

	"talkbot/answer"
	"talkbot/corpus"
)

// ftsDrivers are the database/sql drivers FTS5 is measured with, by the
// name the report uses. modernc is always there; mattn (C SQLite through
// cgo, faster) is added by fts_mattn.go when built with -tags sqlite_fts5,
// as bench/run.sh does where a C compiler is found.
var ftsDrivers = map[string]string{"modernc": "sqlite"}

// ftsEngine is the engine name of FTS5 through a driver ("fts5-mattn").
func ftsEngine(driver string) string { return "fts5-" + driver }

// ftsEngineNames are the FTS5 engines this binary can measure, C first.
func ftsEngineNames() []string {
	var out []string
	for d := range ftsDrivers {
		out = append(out, ftsEngine(d))
	}
	sort.Strings(out)
	return out
}

// driverOf is the driver of an FTS5 engine name, "" for another engine.
func driverOf(engine string) string {
	d, ok := strings.CutPrefix(engine, "fts5-")
	if _, known := ftsDrivers[d]; !ok || !known {
		return ""
	}
	return d
}

// ftsIndex is the peer engine: one FTS5 table of the same passages talkbot
// indexes, porter stemming, bm25 ranking, and the articles as JSON for
// citing them. It is used as a competent user would: stop words dropped
// from the question (talkbot's own list), and the same passage text shown
// once (the Brown tiers hold many copies of each text; talkbot shows
// near-identical passages once too).
type ftsIndex struct {
	db                        *sql.DB
	query, highlight, article *sql.Stmt
}

const ftsSchema = `
CREATE TABLE articles(id TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE VIRTUAL TABLE passages USING fts5(id UNINDEXED, article UNINDEXED, text, tokenize='porter');
`

// buildFTS writes a new database at path holding the corpus's passages,
// reading the corpus files one article at a time as talkbot's build does
// (so neither engine holds the whole corpus, and both times include
// reading and splitting it). It returns the articles and passages written.
func buildFTS(ctx context.Context, driver, path string, src corpus.Source) (arts, passages int, err error) {
	if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
		return 0, 0, err
	}
	db, err := sql.Open(ftsDrivers[driver], path)
	if err != nil {
		return 0, 0, err
	}
	defer db.Close()
	// One connection: the pragmas below are per connection.
	db.SetMaxOpenConns(1)
	// A bulk load into a file that is thrown away on failure: no journal,
	// no fsync, as an operator loading a search index would.
	for _, p := range []string{"PRAGMA journal_mode=OFF", "PRAGMA synchronous=OFF", ftsSchema} {
		if _, err := db.ExecContext(ctx, p); err != nil {
			return 0, 0, fmt.Errorf("fts5 %q: %v", p, err)
		}
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, 0, err
	}
	defer tx.Rollback()
	insA, err := tx.PrepareContext(ctx, `INSERT INTO articles(id, json) VALUES (?, ?)`)
	if err != nil {
		return 0, 0, err
	}
	insP, err := tx.PrepareContext(ctx, `INSERT INTO passages(id, article, text) VALUES (?, ?, ?)`)
	if err != nil {
		return 0, 0, err
	}
	_, problems, err := src.Each(func(a corpus.Article) error {
		ps := corpus.Passages(a)
		b, err := json.Marshal(a)
		if err != nil {
			return err
		}
		if _, err := insA.ExecContext(ctx, a.ID, string(b)); err != nil {
			return fmt.Errorf("article %s: %v", a.ID, err)
		}
		arts++
		for _, p := range ps {
			if _, err := insP.ExecContext(ctx, p.ID, p.ArticleID, p.Text); err != nil {
				return fmt.Errorf("passage %s: %v", p.ID, err)
			}
			passages++
		}
		return nil
	})
	if err != nil {
		return 0, 0, err
	}
	if len(problems) > 0 {
		return 0, 0, fmt.Errorf("%d corpus problems, first: %v", len(problems), problems[0])
	}
	if err := tx.Commit(); err != nil {
		return 0, 0, err
	}
	// Merge the b-tree segments as an operator would after a bulk load.
	_, err = db.ExecContext(ctx, `INSERT INTO passages(passages) VALUES ('optimize')`)
	return arts, passages, err
}

// openFTS opens a database written by buildFTS.
func openFTS(driver, path string) (*ftsIndex, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	name, ok := ftsDrivers[driver]
	if !ok {
		return nil, fmt.Errorf("no FTS5 driver %q in this build", driver)
	}
	db, err := sql.Open(name, "file:"+path+"?mode=ro")
	if err != nil {
		return nil, err
	}
	// In rank order (FTS5 ranks every match and sorts them itself), read
	// only as far as the distinct passages wanted: with 200 copies of a
	// text a fixed LIMIT would either miss distinct passages or read far
	// too many. Only the passages kept are highlighted, by rowid.
	q, err := db.Prepare(`SELECT rowid, id, article, text, rank FROM passages WHERE passages MATCH ? ORDER BY rank`)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	h, err := db.Prepare(`SELECT highlight(passages, 2, '**', '**') FROM passages WHERE passages MATCH ? AND rowid = ?`)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	a, err := db.Prepare(`SELECT json FROM articles WHERE id = ?`)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return &ftsIndex{db: db, query: q, highlight: h, article: a}, nil
}

func (f *ftsIndex) Close() error { return f.db.Close() }

// stopWords is talkbot's stop list (the English analyser's, which
// index/complete.go uses too).
var stopWords = func() map[string]bool {
	m, err := registry.NewCache().TokenMapNamed(en.StopName)
	if err != nil {
		panic(err) // compiled in: cannot fail
	}
	out := make(map[string]bool, len(m))
	for w := range m {
		out[w] = true
	}
	return out
}()

// ftsMatch turns free text into an FTS5 query that cannot be read as
// syntax: every distinct word quoted and joined with OR (what a plain BM25
// search does), stop words left out unless the question has nothing else.
func ftsMatch(text string) string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	var kept []string
	seen := map[string]bool{}
	for _, w := range words {
		if !seen[w] && !stopWords[w] {
			kept = append(kept, w)
		}
		seen[w] = true
	}
	if len(kept) == 0 { // "what is it": search what there is
		kept = words
	}
	var b strings.Builder
	seen = map[string]bool{}
	for _, w := range kept {
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

// Search returns the best distinct passages, at most perArticle from one
// article when perArticle > 0, shaped as talkbot's answer so both engines
// are formatted by the same code.
func (f *ftsIndex) Search(ctx context.Context, text string, limit, perArticle int) (answer.Search, error) {
	out := answer.Search{Query: text}
	m := ftsMatch(text)
	if m == "" {
		return out, nil
	}
	rows, err := f.query.QueryContext(ctx, m)
	if err != nil {
		return out, err
	}
	defer rows.Close()
	per := map[string]int{}
	shown := map[string]bool{}
	for len(out.Results) < limit && rows.Next() {
		var r answer.Citation
		var rowid int64
		var articleID string
		if err := rows.Scan(&rowid, &r.PassageID, &articleID, &r.Passage, &r.Score); err != nil {
			return out, err
		}
		out.Total++
		if shown[r.Passage] || (perArticle > 0 && per[articleID] >= perArticle) {
			continue
		}
		shown[r.Passage] = true
		per[articleID]++
		if err := f.highlight.QueryRowContext(ctx, m, rowid).Scan(&r.Highlighted); err != nil {
			return out, fmt.Errorf("highlight %s: %v", r.PassageID, err)
		}
		var aj string
		if err := f.article.QueryRowContext(ctx, articleID).Scan(&aj); err != nil {
			return out, fmt.Errorf("article %s: %v", articleID, err)
		}
		if err := json.Unmarshal([]byte(aj), &r.Article); err != nil {
			return out, err
		}
		r.Score = -r.Score // rank (bm25) is lower-is-better
		out.Results = append(out.Results, r)
	}
	return out, rows.Err()
}
