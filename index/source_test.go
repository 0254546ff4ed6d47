package index

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"talkbot/corpus"
)

// corpusDir copies the bundled articles into a temporary directory and
// adds extra files (name → content).
func corpusDir(t *testing.T, extra map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	b := corpus.Bundled()
	ents, err := fs.ReadDir(b, ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		data, err := fs.ReadFile(b, e.Name())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, src := range extra {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func openSource(t *testing.T, corpusDir, indexDir string) *Index {
	t.Helper()
	ix, err := OpenSource(context.Background(), corpus.SourceOf(corpusDir), Options{Dir: indexDir})
	if err != nil {
		t.Fatalf("OpenSource(%s, %s): %v", corpusDir, indexDir, err)
	}
	return ix
}

// listings is everything the catalog answers, to compare two indexes.
func listings(ix *Index) map[string]any {
	return map[string]any{
		"articles":   ix.Articles(),
		"publishers": ix.Publishers(),
		"speakers":   ix.Speakers(),
		"actors":     ix.Actors(),
		"phrases":    ix.phrases,
		"titles":     allTitleKeys(ix),
		"passages":   ix.PassageCount(),
		"problems":   ix.Problems(),
		"complete":   ix.Complete("security", 10),
	}
}

// allTitleKeys is every article's title keys, as searches see them.
func allTitleKeys(ix *Index) map[string][]string {
	out := map[string][]string{}
	for _, a := range ix.Articles() {
		out[a.ID] = slices.Collect(ix.titleKeysOfArticle(a.ID))
	}
	return out
}

const badFile = "---\ntitle: Broken\npublisher: X\nurl: http://x\npublished: 2025-13-45\n---\nSome text here.\n"

func TestSourceReusedWithoutCorpusMatchesBuild(t *testing.T) {
	cdir := corpusDir(t, map[string]string{"zz-broken.md": badFile})
	idir := t.TempDir()
	built := openSource(t, cdir, idir)
	if built.Reused() {
		t.Fatal("first open reported reuse")
	}
	want := listings(built)
	res, err := built.Search(context.Background(), Query{Text: "hardest yards"})
	if err != nil || len(res.Hits) == 0 || !strings.Contains(res.Hits[0].Passage.Text, "hardest yards") {
		t.Fatalf("hardest yards: %v %+v", err, res.Hits)
	}
	built.Close()

	reused := openSource(t, cdir, idir)
	defer reused.Close()
	if !reused.Reused() {
		t.Fatal("unchanged corpus was rebuilt")
	}
	got := listings(reused)
	for k := range want {
		if !reflect.DeepEqual(got[k], want[k]) {
			t.Errorf("%s after reuse:\n got %v\nwant %v", k, got[k], want[k])
		}
	}
	ps := reused.Problems()
	if len(ps) != 1 || !strings.HasPrefix(ps[0].Error(), filepath.Join(cdir, "zz-broken.md")+":5:") {
		t.Fatalf("problems on reuse: %v, want zz-broken.md:5", ps)
	}
}

func TestSourceMatchesInMemoryOpen(t *testing.T) {
	arts, ps := bundled()
	mem, err := Open(context.Background(), arts, ps, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	src, err := OpenSource(context.Background(), corpus.SourceFS(corpus.Bundled()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	want, got := listings(mem), listings(src)
	for k := range want {
		if !reflect.DeepEqual(got[k], want[k]) {
			t.Errorf("%s streamed:\n got %v\nwant %v", k, got[k], want[k])
		}
	}
}

func TestSourceChangedFileRebuilds(t *testing.T) {
	cdir := corpusDir(t, map[string]string{"extra.txt": "Ceasefire talks in Geneva\n\nThe delegates discussed a demilitarised zone.\n"})
	idir := t.TempDir()
	openSource(t, cdir, idir).Close()

	if err := os.WriteFile(filepath.Join(cdir, "extra.txt"), []byte("Ceasefire talks in Geneva\n\nThe delegates discussed a zeppelin.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ix := openSource(t, cdir, idir)
	if ix.Reused() {
		t.Fatal("edited file did not rebuild")
	}
	mustFind(t, ix, "zeppelin", "extra/0")
	ix.Close()

	if err := os.Remove(filepath.Join(cdir, "extra.txt")); err != nil {
		t.Fatal(err)
	}
	ix = openSource(t, cdir, idir)
	defer ix.Close()
	if ix.Reused() {
		t.Fatal("removed file did not rebuild")
	}
	if _, ok := ix.Article("extra"); ok {
		t.Fatal("removed article still listed")
	}
}

func TestSourceDuplicateIDReported(t *testing.T) {
	b := corpus.Bundled()
	ents, _ := fs.ReadDir(b, ".")
	data, _ := fs.ReadFile(b, ents[0].Name())
	id := strings.TrimSuffix(ents[0].Name(), ".md")
	// a .txt file's id is its slugged name: the same id as the .md
	cdir := corpusDir(t, map[string]string{id + ".txt": "A title\n\n" + string(data[len(data)/2:])})
	ix, err := OpenSource(context.Background(), corpus.SourceOf(cdir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ps := ix.Problems()
	if len(ps) != 1 || !strings.Contains(ps[0].Msg, "already used") {
		t.Fatalf("problems %v, want one duplicate id", ps)
	}
	if len(ix.Articles()) != len(ents) {
		t.Fatalf("%d articles, want %d", len(ix.Articles()), len(ents))
	}
}

func TestSourceInterruptedBuildKeepsCurrent(t *testing.T) {
	cdir := corpusDir(t, nil)
	idir := t.TempDir()
	openSource(t, cdir, idir).Close()
	if err := os.WriteFile(filepath.Join(cdir, "extra.txt"), []byte("New article\n\nSomething about zeppelins.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	_, err := OpenSource(ctx, corpus.SourceOf(cdir), Options{Dir: idir, Progress: func(done, total int) { cancel() }})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted build: %v, want context.Canceled", err)
	}
	ents, _ := os.ReadDir(idir)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), "build-") {
			t.Errorf("leftover %s", e.Name())
		}
	}
	// the old index is still current, and still answers for the old files
	if err := os.Remove(filepath.Join(cdir, "extra.txt")); err != nil {
		t.Fatal(err)
	}
	ix := openSource(t, cdir, idir)
	defer ix.Close()
	if !ix.Reused() {
		t.Fatal("interrupted build replaced the current index")
	}
}

func TestSourceMissingCatalogRebuilds(t *testing.T) {
	cdir := corpusDir(t, nil)
	idir := t.TempDir()
	openSource(t, cdir, idir).Close()
	if err := os.Remove(filepath.Join(idir, currentDir, catalogName)); err != nil {
		t.Fatal(err)
	}
	ix := openSource(t, cdir, idir)
	defer ix.Close()
	if ix.Reused() {
		t.Fatal("index without catalog reused")
	}
	if len(ix.Articles()) == 0 {
		t.Fatal("rebuilt index lists no article")
	}
}

func TestCatalogRoundTrip(t *testing.T) {
	d, _ := corpus.ParseDate("2025-08-17")
	want := catalog{
		Articles: []corpus.Article{{ID: "a1", Title: "Trump backs deal", Publisher: "P", OriginalSource: "O", URL: "http://a", Published: d, PublishedApproximate: true, Author: "Au", Path: "dir/a1.md"},
			{ID: "a2", Title: "Undated"}},
		TitleKeys: []string{joinTitleKeys([]string{"text\x00back", "text\x00deal"}), ""},
		Speakers:  []string{"Keir Starmer"},
		Actors:    []string{"NATO", "Ukraine"},
		Phrases:   []catalogPhrase{{"security guarantees", 7}},
		Problems:  []corpus.Problem{{Path: "dir/bad.md", Line: 3, Msg: "bad date"}},
		Passages:  12,
	}
	dir := t.TempDir()
	if err := writeCatalog(dir, want); err != nil {
		t.Fatal(err)
	}
	got, err := readCatalog(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, want)
	}
	if err := os.WriteFile(filepath.Join(dir, catalogName), []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readCatalog(dir); err == nil {
		t.Fatal("garbage catalog read without error")
	}
}
