package index

import (
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"talkbot/corpus"
)

var (
	liveCorpus = flag.String("live.corpus", "", "corpus directory for TestLiveUpdateScale (e.g. ../bench/.cache/tiers/brown-10k)")
	liveIndex  = flag.String("live.index", "", "index directory for TestLiveUpdateScale (reused while unchanged)")
)

// copyBundled writes the bundled articles to a new corpus directory.
func copyBundled(t testing.TB) string {
	dir := t.TempDir()
	ents, _ := fs.ReadDir(corpus.Bundled(), ".")
	for _, e := range ents {
		b, _ := fs.ReadFile(corpus.Bundled(), e.Name())
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// liveArticle is a made-up article naming a word no bundled one has.
func liveArticle(word, publisher string) corpus.Article {
	return corpus.Article{Title: "Norway offers " + word + " minesweepers for the Black Sea", Publisher: publisher,
		URL: "https://live.example/" + word, Published: corpus.Date{Time: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)},
		Paragraphs: []corpus.Paragraph{
			{Text: "Norway said on Sunday it would send " + word + " minesweepers to the Black Sea once a ceasefire holds, the defence ministry said."},
			{Text: "“We are ready to clear the sea lanes,” said Tore Sandvik, the defence minister, adding that the " + word + " ships would sail under a coalition command."},
		}}
}

// writeChange writes a as name in dir and reads it back as a Change.
func writeChange(t testing.TB, dir, name string, a *corpus.Article) Change {
	t.Helper()
	if a == nil {
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
		return Change{Name: name}
	}
	if err := corpus.WriteFile(dir, name, *a); err != nil {
		t.Fatal(err)
	}
	got, sum, problems, err := corpus.ReadArticle(dir, name)
	if err != nil || len(problems) > 0 {
		t.Fatalf("%s: %v %v", name, problems, err)
	}
	return Change{Name: name, Article: &got, Sum: sum}
}

// addLiveArticle writes liveArticle(word) as name in dir, updates ix
// with it and closes ix: the value the update gave goes on.
func addLiveArticle(t testing.TB, ix *Index, dir, name, word string) *Index {
	t.Helper()
	a := liveArticle(word, "Fjord Post")
	next, err := ix.Update(context.Background(), []Change{writeChange(t, dir, name, &a)})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	return next
}

func hits(t testing.TB, ix *Index, q string) []Hit {
	t.Helper()
	res, err := ix.Search(context.Background(), Query{Text: q, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	return res.Hits
}

// checkLiveCycle adds, changes and removes one article and checks that
// search, the articles list, publishers, speakers and completions follow.
func checkLiveCycle(t *testing.T, ix *Index, dir string) *Index {
	ctx := context.Background()
	before := len(ix.Articles())
	a := liveArticle("zanzibarite", "Fjord Post")
	next, err := ix.Update(ctx, []Change{writeChange(t, dir, "2026-02-01-fjord-post-norway.md", &a)})
	if err != nil {
		t.Fatal(err)
	}
	if h := hits(t, next, "zanzibarite minesweepers"); len(h) == 0 || h[0].Article.Publisher != "Fjord Post" {
		t.Fatalf("added article not found: %+v", h)
	}
	if h := hits(t, ix, "zanzibarite"); len(h) != 0 {
		t.Errorf("the value before the update found %d hits", len(h))
	}
	if len(next.Articles()) != before+1 || !slices.Contains(next.Publishers(), "Fjord Post") ||
		!slices.Contains(next.Speakers(), "Tore Sandvik") {
		t.Errorf("catalog: %d articles, publishers %v, speakers %v", len(next.Articles()), next.Publishers(), next.Speakers())
	}
	if c := next.Complete("zanzib", 5); len(c) == 0 {
		t.Errorf("no completion for the new word")
	}
	const id = "2026-02-01-fjord-post-norway"
	if n := stancesOf(next, id); n == 0 {
		t.Error("the new article's stances are not in the catalog")
	}
	ix.Close()

	// changed: the old wording is gone, the new found
	b := liveArticle("quokkalite", "Fjord Post")
	ix = next
	next, err = ix.Update(ctx, []Change{writeChange(t, dir, "2026-02-01-fjord-post-norway.md", &b)})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if h := hits(t, next, "zanzibarite"); len(h) != 0 {
		t.Errorf("the old text is still found: %+v", h)
	}
	if h := hits(t, next, "quokkalite"); len(h) == 0 {
		t.Errorf("the changed text is not found")
	}
	if len(next.Articles()) != before+1 || len(next.Complete("zanzib", 5)) != 0 {
		t.Errorf("after a change: %d articles, completions %v", len(next.Articles()), next.Complete("zanzib", 5))
	}
	for _, p := range next.StancePassages() {
		if p.ArticleID == id && strings.Contains(p.Text, "zanzibarite") {
			t.Error("a stance of the article's old text is still in the catalog")
		}
	}

	// removed
	ix = next
	next, err = ix.Update(ctx, []Change{writeChange(t, dir, "2026-02-01-fjord-post-norway.md", nil)})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if h := hits(t, next, "quokkalite"); len(h) != 0 {
		t.Errorf("a removed article is found")
	}
	if len(next.Articles()) != before || slices.Contains(next.Publishers(), "Fjord Post") || slices.Contains(next.Speakers(), "Tore Sandvik") {
		t.Errorf("after removal: %d articles, publishers %v", len(next.Articles()), next.Publishers())
	}
	if h := hits(t, next, "coalition of the willing troops"); len(h) == 0 {
		t.Error("the other articles are gone")
	}
	if n := stancesOf(next, id); n != 0 {
		t.Errorf("%d stances of a removed article are still in the catalog", n)
	}
	if stancesOf(next, "2026-01-06-234radio-us-backs-security-guarantees-ukraine") == 0 {
		t.Error("the other articles' stances are gone")
	}
	return next
}

// stancesOf counts the catalog's stance passages of one article.
func stancesOf(ix *Index, articleID string) int {
	n := 0
	for _, p := range ix.StancePassages() {
		if p.ArticleID == articleID {
			n++
		}
	}
	return n
}

func TestLiveUpdateInMemory(t *testing.T) {
	dir := copyBundled(t)
	ix, err := OpenSource(context.Background(), corpus.SourceOf(dir), Options{Live: true})
	if err != nil {
		t.Fatal(err)
	}
	checkLiveCycle(t, ix, dir).Close()
}

func TestLiveUpdateOnDiskKeepsManifestTrue(t *testing.T) {
	dir := copyBundled(t)
	idx := t.TempDir()
	ctx := context.Background()
	ix, err := OpenSource(ctx, corpus.SourceOf(dir), Options{Dir: idx, Live: true})
	if err != nil {
		t.Fatal(err)
	}
	ix = checkLiveCycle(t, ix, dir)
	// one more, left in: a restart reuses the index with it
	addLiveArticle(t, ix, dir, "2026-02-02-fjord-post-wombat.md", "wombatite").Close()
	re, err := OpenSource(ctx, corpus.SourceOf(dir), Options{Dir: idx})
	if err != nil {
		t.Fatal(err)
	}
	if !re.Reused() {
		t.Fatal("the index was rebuilt: its manifest did not match after live updates")
	}
	if h := hits(t, re, "wombatite"); len(h) == 0 {
		t.Error("the update is lost after a restart")
	}
	if h := hits(t, re, "quokkalite"); len(h) != 0 {
		t.Error("a removed article is back after a restart")
	}
	// and every checksum still holds when the corpus is rehashed
	re.Close()
	v, err := OpenSource(ctx, corpus.SourceOf(dir), Options{Dir: idx, Verify: true})
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if !v.Reused() {
		t.Error("rehashing every corpus file disagrees with the manifest")
	}
}

// Past liveCompactEvery updates the small segments are merged and every
// file summed again: the manifest still holds.
func TestLiveUpdateCompacts(t *testing.T) {
	if testing.Short() {
		t.Skip("many updates")
	}
	dir := copyBundled(t)
	idx := t.TempDir()
	ctx := context.Background()
	ix, err := OpenSource(ctx, corpus.SourceOf(dir), Options{Dir: idx, Live: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := range liveCompactEvery + 3 {
		word := "kestrel" + strings.Repeat("x", i)
		ix = addLiveArticle(t, ix, dir, "2026-02-01-live-"+word+".md", word)
	}
	if h := hits(t, ix, "kestrelxx"); len(h) == 0 {
		t.Error("an update is lost")
	}
	ix.Close()
	re, err := OpenSource(ctx, corpus.SourceOf(dir), Options{Dir: idx})
	if err != nil {
		t.Fatal(err)
	}
	defer re.Close()
	if !re.Reused() || len(hits(t, re, "kestrel")) == 0 {
		t.Errorf("after a compaction: reused %v", re.Reused())
	}
}

// TestSumsSkipVanishedFiles: a file gone between the listing of the
// index's files and its reading (a segment scorch's persister removed
// after a merge) is left out of the sums instead of failing the update,
// and a file the manifest lists that is gone at the next start is still
// damage.
func TestSumsSkipVanishedFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "kept"), []byte("kept"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := sumNames(dir, []string{"kept", "store/000000000fff.zap"})
	if err != nil {
		t.Errorf("a file gone before it was read failed the sums: %v", err)
	}
	if _, ok := got["kept"]; !ok || len(got) != 1 {
		t.Errorf("sums of a present and a vanished file: %v", got)
	}
	want := map[string]fileSum{"kept": got["kept"], "gone": {Size: 0}}
	if _, err := verifyFiles(dir, want, time.Now(), true); err == nil {
		t.Error("a listed file that is gone passed the check")
	}
}

// TestLiveUpdateScale measures a live update on a large corpus:
//
//	go test -run TestLiveUpdateScale -v ./index -args -live.corpus ../bench/.cache/tiers/brown-10k -live.index /tmp/live-ix
//
// It copies nothing: the article it adds, changes and removes is written
// into the corpus directory and removed at the end.
func TestLiveUpdateScale(t *testing.T) {
	if *liveCorpus == "" {
		t.Skip("give -live.corpus DIR")
	}
	idx := *liveIndex
	if idx == "" {
		idx = t.TempDir()
	}
	ctx := context.Background()
	start := time.Now()
	ix, err := OpenSource(ctx, corpus.SourceOf(*liveCorpus), Options{Dir: idx, Live: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d articles, %d passages: opened live in %v (reused %v)", len(ix.Articles()), ix.PassageCount(), time.Since(start).Round(time.Millisecond), ix.Reused())
	name := "2026-02-01-live-update-scale.md"
	defer os.Remove(filepath.Join(*liveCorpus, name))
	step := func(what string, a *corpus.Article, query string, want bool) {
		t0 := time.Now()
		ch := writeChange(t, *liveCorpus, name, a)
		next, err := ix.Update(ctx, []Change{ch})
		if err != nil {
			t.Fatal(err)
		}
		found := len(hits(t, next, query)) > 0
		took := time.Since(t0)
		ix.Close()
		ix = next
		if found != want {
			t.Errorf("%s: found %v", what, found)
		}
		t.Logf("%s one article: written, indexed, persisted and searched in %v", what, took.Round(time.Millisecond))
		if took > 2*time.Second {
			t.Errorf("%s took %v, over 2 s", what, took)
		}
	}
	a := liveArticle("zanzibarite", "Fjord Post")
	step("added", &a, "zanzibarite", true)
	b := liveArticle("quokkalite", "Fjord Post")
	step("changed", &b, "quokkalite", true)
	step("removed", nil, "quokkalite", false)
	ix.Close()
	re, err := OpenSource(ctx, corpus.SourceOf(*liveCorpus), Options{Dir: idx})
	if err != nil {
		t.Fatal(err)
	}
	defer re.Close()
	if !re.Reused() {
		t.Error("the index was rebuilt after live updates")
	}
}

// A live index opened and closed without an update is reused by the next
// start: opening Bolt writable writes its root, and the checksums must
// say so (a restart of serve rebuilt the whole index).
func TestLiveOpenWithoutUpdatesIsReused(t *testing.T) {
	dir := copyBundled(t)
	idx := t.TempDir()
	ctx := context.Background()
	for i := range 3 {
		ix, err := OpenSource(ctx, corpus.SourceOf(dir), Options{Dir: idx, Live: true})
		if err != nil {
			t.Fatal(err)
		}
		if i > 0 && !ix.Reused() {
			t.Fatalf("start %d rebuilt the index after a live start without updates", i+1)
		}
		if h := hits(t, ix, "troops"); len(h) == 0 {
			t.Fatal("no hits")
		}
		ix.Close()
	}
	re, err := OpenSource(ctx, corpus.SourceOf(dir), Options{Dir: idx})
	if err != nil {
		t.Fatal(err)
	}
	defer re.Close()
	if !re.Reused() {
		t.Error("a read-only start after live ones rebuilt the index")
	}
}
