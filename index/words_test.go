package index

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
)

func tokens(words ...string) analysis.TokenStream {
	ts := make(analysis.TokenStream, len(words))
	for i, w := range words {
		ts[i] = &analysis.Token{Term: []byte(w)}
	}
	return ts
}

func testDict(t *testing.T, passages ...[]string) wordDict {
	t.Helper()
	c := newWordCounter()
	for _, p := range passages {
		c.passage(distinctWords(tokens(p...)))
	}
	b, err := c.encode()
	if err != nil {
		t.Fatal(err)
	}
	d, err := loadWordDict(b)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestWordDictCountsPassages(t *testing.T) {
	d := testDict(t,
		[]string{"troops", "troops", "pledge"}, // a word twice in one passage counts once
		[]string{"troops", "ukraine"},
		[]string{"guarantees"})
	for w, want := range map[string]uint64{"troops": 2, "pledge": 1, "ukraine": 1, "guarantees": 1, "absent": 0, "": 0} {
		if got := d.freq(w); got != want {
			t.Errorf("freq(%q) = %d, want %d", w, got, want)
		}
	}
}

func TestWordDictFuzzyAndPrefix(t *testing.T) {
	d := testDict(t, []string{"guarantees", "guarantee", "guard", "troops", "tropes", "starmer", "ceasefire"},
		[]string{"guarantees"})
	words := func(ws []wordFreq) []string {
		var out []string
		for _, w := range ws {
			out = append(out, w.word)
		}
		return out
	}
	if got := words(d.fuzzy("guarentees", 2, 10)); !slices.Equal(got, []string{"guarantee", "guarantees"}) {
		t.Errorf("fuzzy guarentees: %q", got)
	}
	// a transposition is one edit, as in Bleve's FieldDictFuzzy
	if got := words(d.fuzzy("torops", 1, 10)); !slices.Equal(got, []string{"troops"}) {
		t.Errorf("fuzzy torops: %q", got)
	}
	if got := d.fuzzy("guarentees", 2, 1); len(got) != 1 {
		t.Errorf("limit 1 gave %d", len(got))
	}
	if got := d.fuzzy("x", 3, 10); got != nil {
		t.Errorf("fuzziness 3: %v", got)
	}
	got := d.prefix("guar", 10)
	if !slices.Equal(words(got), []string{"guarantee", "guarantees", "guard"}) || got[1].freq != 2 {
		t.Errorf("prefix guar: %+v", got)
	}
	if got := d.prefix("zz", 10); got != nil {
		t.Errorf("prefix zz: %v", got)
	}
	if got := d.prefix("", 10); got != nil {
		t.Errorf("empty prefix listed the dictionary: %v", got)
	}
}

func TestWordDictEmptyAndDamaged(t *testing.T) {
	var empty wordDict
	if empty.freq("a") != 0 || empty.fuzzy("abc", 1, 5) != nil || empty.prefix("a", 5) != nil {
		t.Error("empty dictionary answered")
	}
	if _, err := loadWordDict([]byte("not an fst at all")); err == nil {
		t.Error("garbage loaded as a dictionary")
	}
}

func TestPrefixEnd(t *testing.T) {
	for in, want := range map[string]string{"a": "b", "az": "a{", "a\xff": "b", "\xff\xff": ""} {
		if got := string(prefixEnd([]byte(in))); got != want {
			t.Errorf("prefixEnd(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWordCounterPrunesRarestPastTheBound(t *testing.T) {
	c := newWordCounter()
	c.passage([]string{"common"})
	c.passage([]string{"common"})
	for i := 0; len(c.counts) <= maxWords; i++ {
		c.counts[string(rune(0x10000+i))] = 1 // distinct rare words, counted as passage() does
	}
	c.passage([]string{"another"})
	if len(c.counts) > maxWords/2 {
		t.Fatalf("%d words kept after pruning", len(c.counts))
	}
	if c.counts["common"] != 2 {
		t.Fatalf("a word seen in two passages was pruned: %d", c.counts["common"])
	}
}

// The dictionary is kept with an on-disk index; a damaged one rebuilds
// the index rather than answering without spelling correction.
func TestSourceDamagedWordDictRebuilds(t *testing.T) {
	cdir := corpusDir(t, nil)
	idir := t.TempDir()
	openSource(t, cdir, idir).Close()
	cur := filepath.Join(idir, currentDir)
	cat, err := readCatalog(cur)
	if err != nil {
		t.Fatal(err)
	}
	if len(cat.Words) == 0 {
		t.Fatal("catalog holds no word dictionary")
	}
	cat.Words = []byte("damaged")
	if err := writeCatalog(cur, cat); err != nil {
		t.Fatal(err)
	}
	ix := openSource(t, cdir, idir)
	defer ix.Close()
	if ix.Reused() {
		t.Fatal("index with a damaged word dictionary reused")
	}
	res, err := ix.Search(context.Background(), Query{Text: "guarentees"})
	if err != nil || res.Suggestion != "guarantees" {
		t.Fatalf("rebuilt index: suggestion %q, err %v", res.Suggestion, err)
	}
	if _, err := os.Stat(filepath.Join(cur, catalogName)); err != nil {
		t.Fatal(err)
	}
}
