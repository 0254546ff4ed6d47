package index

import (
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2/search"

	"talkbot/corpus"
)

// catalogName is the file beside the manifest holding the catalog, so
// that a reused index needs neither the corpus nor a scan of Bleve.
const catalogName = "catalog.gob"

// catalog is what the Index keeps in memory besides Bleve, small next to
// the corpus: article metadata without bodies, the distinct speakers and
// actors, the completion phrases, the word dictionary, and the problems
// met while loading.
type catalog struct {
	Articles []corpus.Article // load order, Paragraphs nil; see encodeCatalog
	// TitleKeys are, for each article, what its title matches
	// (joinTitleKeys); written with the articles.
	TitleKeys []string
	Speakers  []string         // sorted
	Actors    []string         // sorted
	Phrases   []catalogPhrase  // most frequent first
	Problems  []corpus.Problem // files skipped, with file and line
	Passages  int
	Words     []byte // the word dictionary (wordDict), an FST
	// SpeakerCounts and ActorCounts are how many passages quote or name
	// each, so that a live update (update.go) can tell when the last one
	// goes; nil in a catalog written before they were kept.
	SpeakerCounts map[string]int
	ActorCounts   map[string]int
	// Stances are the passages that state a stance (corpus.Passage.Stances),
	// with their text and without actors or speakers, in load order: what
	// who-pledged reads, so opening an index needs no rescan.
	Stances []corpus.Passage
	// BM25 are the scoring statistics of the index it was built with
	// (bm25StatsOf), nil when they are to be read from the index: in a
	// catalog written before they were kept, or after a live update.
	BM25 *search.BM25Stats
}

// catalogPhrase is a phrase with exported fields, for gob.
type catalogPhrase struct {
	Text  string
	Count int
}

// The catalog file is its gob-encoded fields but the articles, then the
// articles (encodeArticleRecords), after the length of the first part. It is
// read whole: gob reads a large message in growing chunks, and the
// articles were most of a 30 MB catalog at 100,000 articles.
func encodeCatalog(c catalog) ([]byte, error) {
	if len(c.TitleKeys) != len(c.Articles) {
		return nil, fmt.Errorf("catalog: %d title keys for %d articles", len(c.TitleKeys), len(c.Articles))
	}
	articles := encodeArticleRecords(c.Articles, c.TitleKeys)
	c.Articles, c.TitleKeys = nil, nil // gob leaves empty fields out
	var head bytes.Buffer
	if err := gob.NewEncoder(&head).Encode(c); err != nil {
		return nil, err
	}
	b := binary.AppendUvarint(make([]byte, 0, binary.MaxVarintLen64+head.Len()+len(articles)), uint64(head.Len()))
	b = append(b, head.Bytes()...)
	return append(b, articles...), nil
}

func decodeCatalog(data []byte) (catalog, error) {
	var c catalog
	n, k := binary.Uvarint(data)
	if k <= 0 || n > uint64(len(data)-k) {
		return c, errors.New("catalog damaged: bad header length")
	}
	head := bytes.NewReader(data[k : k+int(n)])
	if err := gob.NewDecoder(head).Decode(&c); err != nil {
		return c, err
	}
	if head.Len() != 0 {
		return c, errors.New("catalog damaged: bytes after its fields")
	}
	articles, keys, err := decodeArticleRecords(data[k+int(n):])
	if err != nil {
		return c, err
	}
	c.Articles, c.TitleKeys = articles, keys
	return c, nil
}

func writeCatalog(dir string, c catalog) error {
	path := filepath.Join(dir, catalogName)
	b, err := encodeCatalog(c)
	if err != nil {
		return fmt.Errorf("write catalog %s: %w", path, err)
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write catalog: %w", err)
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return fmt.Errorf("write catalog %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("write catalog %s: %w", path, err)
	}
	return f.Close()
}

func readCatalog(dir string) (catalog, error) {
	b, err := os.ReadFile(filepath.Join(dir, catalogName))
	if err != nil {
		return catalog{}, err
	}
	return decodeCatalog(b)
}

// setCatalog keeps what lists and hits need in memory. The passages
// themselves stay in the index. It fails only on a damaged word
// dictionary.
func (ix *Index) setCatalog(c catalog) error {
	words, err := loadWordDict(c.Words)
	if err != nil {
		return err
	}
	ix.words = words
	if c.BM25 != nil && c.BM25.DocCount == float64(c.Passages) {
		ix.bm25.Store(c.BM25)
	}
	if len(c.TitleKeys) != len(c.Articles) {
		return fmt.Errorf("catalog damaged: %d title keys for %d articles", len(c.TitleKeys), len(c.Articles))
	}
	ix.articles = make(map[string]corpus.Article, len(c.Articles))
	ix.titleKeys = make(map[string]string, len(c.Articles))
	src := map[string]bool{}
	for i, a := range c.Articles {
		a.Paragraphs = nil
		ix.articles[a.ID] = a
		ix.titleKeys[a.ID] = c.TitleKeys[i]
		for _, s := range append([]string{a.Publisher, a.OriginalSource}, a.OtherPublishers()...) {
			if s != "" {
				src[s] = true
			}
		}
		if !a.Published.IsZero() {
			d := dayOf(a.Published.Time)
			if ix.firstDay.IsZero() || d.Before(ix.firstDay) {
				ix.firstDay = d
			}
			if d.After(ix.lastDay) {
				ix.lastDay = d
			}
		}
	}
	articles := c.Articles
	ix.newest = sync.OnceValue(func() []string { return newestFirst(articles) }) // for listings only
	ix.sources, ix.speakers, ix.actors = sortedKeys(src), c.Speakers, c.Actors
	ix.phrases = make([]phrase, len(c.Phrases))
	for i, p := range c.Phrases {
		ix.phrases[i] = phrase{p.Text, p.Count}
	}
	ix.problems = c.Problems
	ix.count = c.Passages
	ix.cat = c
	ix.stances = c.Stances
	return nil
}

// titleKeySep joins an article's title keys in the catalog. Keys are
// field, NUL, term; no term holds a line break (the tokenizer splits on
// it, and titles are one line).
const titleKeySep = "\n"

func joinTitleKeys(keys []string) string { return strings.Join(keys, titleKeySep) }

// titleKeysOfArticle yields what an article's title matches (titleKeysOf),
// read from the catalog: no search analyses a title.
func (ix *Index) titleKeysOfArticle(id string) iter.Seq[string] {
	return func(yield func(string) bool) {
		keys := ix.titleKeys[id]
		if keys == "" {
			return
		}
		for k := range strings.SplitSeq(keys, titleKeySep) {
			if !yield(k) {
				return
			}
		}
	}
}

// newestFirst lists the articles' ids by date, newest first, then by id.
// The dates are sorted beside the ids, not looked up per comparison: at
// 100,000 articles the lookups were a tenth of opening the index.
func newestFirst(articles []corpus.Article) []string {
	type dated struct {
		id string
		at time.Time
	}
	byDate := make([]dated, len(articles))
	for i, a := range articles {
		byDate[i] = dated{a.ID, a.Published.Time}
	}
	slices.SortFunc(byDate, func(a, b dated) int {
		if c := b.at.Compare(a.at); c != 0 {
			return c
		}
		return strings.Compare(a.id, b.id)
	})
	ids := make([]string, len(byDate))
	for i, d := range byDate {
		ids[i] = d.id
	}
	return ids
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i]) < strings.ToLower(out[j]) })
	return out
}
