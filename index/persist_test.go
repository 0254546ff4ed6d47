package index

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"talkbot/corpus"
)

// small is a hand-made corpus of two articles.
func small() ([]corpus.Article, []corpus.Passage) {
	d1, _ := corpus.ParseDate("2025-08-17")
	d2, _ := corpus.ParseDate("2026-01-06")
	arts := []corpus.Article{
		{ID: "a1", Title: "Trump backs security deal", Publisher: "RightSpeak", OriginalSource: "New York Post", URL: "http://a/1", Published: d1},
		{ID: "a2", Title: "France and UK pledge troops", Publisher: "234Radio", OriginalSource: "Al Jazeera", URL: "http://a/2", Published: d2},
	}
	ps := []corpus.Passage{
		{ID: "a1/0", ArticleID: "a1", Seq: 0, Text: "President Trump has committed in principle to providing “security guarantees” to Ukraine.", Actors: []string{"United States", "Ukraine"}, Speakers: nil},
		{ID: "a1/1", ArticleID: "a1", Seq: 1, Text: "Kyiv has long sought U.S. security guarantees as a bulwark against future Russian aggression.", Actors: []string{"United States", "Ukraine", "Russia"}},
		{ID: "a1/2", ArticleID: "a1", Seq: 2, Text: "Trump’s apparent shift on the matter is notable, Zelenskyy’s café said.", Speakers: []string{"Trump"}},
		{ID: "a2/0", ArticleID: "a2", Seq: 0, Text: "Starmer said “the hardest yards are still ahead” despite excellent progress.", Speakers: []string{"Keir Starmer"}, Actors: []string{"United Kingdom"}},
		{ID: "a2/1", ArticleID: "a2", Seq: 1, Text: "France and the United Kingdom promised to send soldiers to Ukraine after a ceasefire.", Actors: []string{"France", "United Kingdom", "Ukraine"}},
		{ID: "a2/2", ArticleID: "a2", Seq: 2, Text: "France and the United Kingdom promised to send soldiers to Ukraine after a ceasefire!", Actors: []string{"France", "United Kingdom", "Ukraine"}},
	}
	return arts, ps
}

func openSmall(t *testing.T, dir string) *Index {
	t.Helper()
	arts, ps := small()
	ix, err := Open(context.Background(), arts, ps, Options{Dir: dir})
	if err != nil {
		t.Fatalf("Open(%q): %v", dir, err)
	}
	return ix
}

func mustFind(t *testing.T, ix *Index, q, wantID string) {
	t.Helper()
	res, err := ix.Search(context.Background(), Query{Text: q})
	if err != nil {
		t.Fatalf("%q: %v", q, err)
	}
	if len(res.Hits) == 0 || res.Hits[0].Passage.ID != wantID {
		t.Fatalf("%q: want %s first, got %+v", q, wantID, res.Hits)
	}
}

func TestDiskReuseAndRebuild(t *testing.T) {
	dir := t.TempDir()
	ix := openSmall(t, dir)
	if ix.Reused() {
		t.Fatal("first open reported reuse")
	}
	mustFind(t, ix, "hardest yards", "a2/0")
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	st1, err := os.Stat(filepath.Join(dir, currentDir))
	if err != nil {
		t.Fatal(err)
	}

	// unchanged: reused, same directory
	ix = openSmall(t, dir)
	if !ix.Reused() {
		t.Fatal("unchanged corpus was rebuilt")
	}
	mustFind(t, ix, "hardest yards", "a2/0")
	ix.Close()
	st2, _ := os.Stat(filepath.Join(dir, currentDir))
	if !os.SameFile(st1, st2) {
		t.Fatal("index directory replaced although reused")
	}

	// a passage changes: rebuilt, new text searchable
	arts, ps := small()
	ps[0].Text = "President Trump pledged a backstop for Ukraine."
	ix, err = Open(context.Background(), arts, ps, Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if ix.Reused() {
		t.Fatal("changed passage did not rebuild")
	}
	mustFind(t, ix, "backstop", "a1/0")
	ix.Close()

	// the mapping version changes: rebuilt
	old := mappingVersion
	mappingVersion += 100
	t.Cleanup(func() { mappingVersion = old })
	ix = openSmall(t, dir)
	if ix.Reused() {
		t.Fatal("mapping change did not rebuild")
	}
	ix.Close()
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), "build-") || strings.HasPrefix(e.Name(), "old-") {
			t.Errorf("leftover %s", e.Name())
		}
	}
}

func TestDiskCorruptIsRebuilt(t *testing.T) {
	dir := t.TempDir()
	openSmall(t, dir).Close()
	// damage the Bleve files but keep the manifest
	cur := filepath.Join(dir, currentDir)
	ents, _ := os.ReadDir(cur)
	for _, e := range ents {
		if e.Name() != manifestName {
			if err := os.RemoveAll(filepath.Join(cur, e.Name())); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := os.WriteFile(filepath.Join(cur, "index_meta.json"), []byte("{garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	ix := openSmall(t, dir)
	defer ix.Close()
	if ix.Reused() {
		t.Fatal("corrupt index reused")
	}
	mustFind(t, ix, "hardest yards", "a2/0")
}

func TestDiskLockedErrorsQuickly(t *testing.T) {
	dir := t.TempDir()
	ix := openSmall(t, dir)
	defer ix.Close()
	start := time.Now()
	arts, ps := small()
	_, err := Open(context.Background(), arts, ps, Options{Dir: dir})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: got %v, want ErrLocked", err)
	}
	if !strings.Contains(err.Error(), dir) {
		t.Errorf("error %q does not name the directory", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("locked open took %v", d)
	}
}

func TestProgressReported(t *testing.T) {
	arts, ps := small()
	var last, calls int
	ix, err := Open(context.Background(), arts, ps, Options{Progress: func(done, total int) {
		calls++
		last = done
		if total != len(arts) {
			t.Errorf("total %d, want %d articles", total, len(arts))
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if calls == 0 || last != len(arts) {
		t.Fatalf("progress: %d calls, last %d", calls, last)
	}
}

// TestDiskWrittenByOtherBleveHandle: a foreign program holding the index
// open for writing either still holds Bolt's lock, and opening fails with
// ErrLocked within seconds, or has already rewritten the Bolt root, which
// no longer matches its checksum, and the index is rebuilt beside it.
// Either way nothing hangs or reads a changed index, and once the other
// handle lets go the index answers as before.
func TestDiskWrittenByOtherBleveHandle(t *testing.T) {
	dir := t.TempDir()
	openSmall(t, dir).Close()
	other, err := bleve.Open(filepath.Join(dir, currentDir))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	arts, ps := small()
	ix, err := Open(context.Background(), arts, ps, Options{Dir: dir})
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v", d)
	}
	switch {
	case err == nil && ix.Reused():
		t.Error("an index another handle writes was reused")
	case err == nil:
		ix.Close()
	case !errors.Is(err, ErrLocked):
		t.Fatalf("got %v, want ErrLocked or a rebuild", err)
	}
	other.Close()
	ix = openSmall(t, dir)
	defer ix.Close()
	mustFind(t, ix, "hardest yards", "a2/0")
}

// A build ends with its small segments merged: without it, the last
// batches' segments (one per diskBatch passages) would each be searched.
func TestBuildMergesSmallSegments(t *testing.T) {
	var arts []corpus.Article
	var ps []corpus.Passage
	for a := range 40 {
		id := fmt.Sprintf("art%02d", a)
		arts = append(arts, corpus.Article{ID: id, Title: "Article " + id, Publisher: "P", URL: "http://a/" + id})
		for i := range 100 {
			ps = append(ps, corpus.Passage{ID: corpus.PassageID(id, i), ArticleID: id, Seq: i,
				Text: fmt.Sprintf("Passage %d of %s says troops %d and guarantees %d.", i, id, i*a, a)})
		}
	}
	dir := t.TempDir()
	ix, err := Open(context.Background(), arts, ps, Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n := segments(t, ix.bi); len(ps) < 3*diskBatch || n != 1 {
		t.Fatalf("%d passages in %d segments, want 1", len(ps), n)
	}
	if n, _ := ix.bi.DocCount(); n != uint64(len(ps)) {
		t.Fatalf("%d documents after merging, want %d", n, len(ps))
	}
	mustFind(t, ix, "troops 3861", corpus.PassageID("art39", 99))
}

// segments is the number of segments an open index searches.
func segments(t *testing.T, bi bleve.Index) uint64 {
	t.Helper()
	adv, err := bi.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	sc, ok := adv.(*scorch.Scorch)
	if !ok {
		t.Fatalf("%T is not scorch", adv)
	}
	stats := sc.StatsMap()
	return stats["num_root_filesegments"].(uint64) + stats["num_root_memorysegments"].(uint64)
}

// A build raises the GC target while it runs and puts the runtime's back
// after; GCPercent -1 (GOGC set) leaves it alone.
func TestBuildTunesGC(t *testing.T) {
	now := func() (int, int64) {
		p := debug.SetGCPercent(100)
		debug.SetGCPercent(p)
		return p, debug.SetMemoryLimit(-1)
	}
	p0, l0 := now()
	defer func() { debug.SetGCPercent(p0); debug.SetMemoryLimit(l0) }()
	debug.SetGCPercent(100)
	debug.SetMemoryLimit(math.MaxInt64)
	arts, ps := small()
	for _, c := range []struct {
		opts        Options
		wantPercent int
	}{{Options{}, buildGCPercent}, {Options{Dir: t.TempDir()}, buildGCPercent}, {Options{GCPercent: -1, MemoryLimit: -1}, 100}} {
		var percent int
		var limit int64
		c.opts.Progress = func(int, int) { percent, limit = now() }
		ix, err := Open(context.Background(), arts, ps, c.opts)
		if err != nil {
			t.Fatal(err)
		}
		ix.Close()
		if percent != c.wantPercent || (c.wantPercent == 100) != (limit == math.MaxInt64) {
			t.Errorf("%+v: during the build GC %d, limit %d; want %d", c.opts, percent, limit, c.wantPercent)
		}
		if p, l := now(); p != 100 || l != math.MaxInt64 {
			t.Errorf("%+v: after the build GC %d, limit %d; want the runtime's", c.opts, p, l)
		}
	}
}

// TestReuseRehashesOnlyChangedFiles: reopening reads a corpus file again
// only when its size or time changed (or with Verify): a file whose bytes
// changed under the same size and time is trusted until Verify, and a
// file edited normally is seen.
func TestReuseRehashesOnlyChangedFiles(t *testing.T) {
	src := t.TempDir()
	old := time.Now().Add(-time.Hour)
	write := func(name, body string, mtime time.Time) {
		p := filepath.Join(src, name)
		content := "---\ntitle: \"" + name + "\"\npublisher: P\nurl: https://e.org/" + name + "\n---\n" + body + "\n"
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	write("a.md", "The talks resumed in Geneva on Monday.", old)
	write("b.md", "The delegations met again on Tuesday.", old)
	dir := t.TempDir()
	open := func(verify bool) *Index {
		t.Helper()
		ix, err := OpenSource(context.Background(), corpus.SourceOf(src), Options{Dir: dir, Verify: verify})
		if err != nil {
			t.Fatal(err)
		}
		return ix
	}
	open(false).Close()
	if ix := open(false); !ix.Reused() {
		t.Fatal("an unchanged corpus was rebuilt")
	} else {
		ix.Close()
	}
	// Same size, same time, other bytes: not read again, so reused...
	write("a.md", "The talks resumed in Vienna on Monday.", old)
	if ix := open(false); !ix.Reused() {
		t.Fatal("a file with the same size and time was read again")
	} else {
		ix.Close()
	}
	// ...until Verify rehashes everything.
	if ix := open(true); ix.Reused() {
		t.Fatal("Verify reused an index built from other bytes")
	} else {
		mustFind(t, ix, "Vienna", "a/0")
		ix.Close()
	}
	// An ordinary edit changes the time: seen without Verify.
	write("b.md", "The delegations met again on Thursday.", time.Now())
	if ix := open(false); ix.Reused() {
		t.Fatal("an edited file was not seen")
	} else {
		ix.Close()
	}
}
