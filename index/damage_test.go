package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"
)

// flipByte flips the bits of one byte of path at offset (from the end when
// negative).
func flipByte(t *testing.T, path string, offset int64) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if offset < 0 {
		info, _ := f.Stat()
		offset += info.Size()
	}
	b := make([]byte, 1)
	if _, err := f.ReadAt(b, offset); err != nil {
		t.Fatal(err)
	}
	b[0] ^= 0xff
	if _, err := f.WriteAt(b, offset); err != nil {
		t.Fatal(err)
	}
}

func segmentOf(t *testing.T, dir string) string {
	t.Helper()
	zaps, _ := filepath.Glob(filepath.Join(dir, currentDir, "store", "*.zap"))
	if len(zaps) == 0 {
		t.Fatal("no segment file")
	}
	return zaps[0]
}

// TestDamagedFilesAreRebuilt: a byte flipped in a segment (at its start,
// middle and end), in the Bolt root or in the catalog, or a truncated
// segment, is found by the checksums when the index is opened; it is
// rebuilt and answers as before, never panicking.
func TestDamagedFilesAreRebuilt(t *testing.T) {
	for name, damage := range map[string]func(t *testing.T, dir string){
		"segment start":  func(t *testing.T, dir string) { flipByte(t, segmentOf(t, dir), 10) },
		"segment middle": func(t *testing.T, dir string) { flipByte(t, segmentOf(t, dir), 2000) },
		"segment footer": func(t *testing.T, dir string) { flipByte(t, segmentOf(t, dir), -5) },
		"bolt root": func(t *testing.T, dir string) {
			flipByte(t, filepath.Join(dir, currentDir, "store", "root.bolt"), 4200)
		},
		"catalog": func(t *testing.T, dir string) { flipByte(t, filepath.Join(dir, currentDir, catalogName), 300) },
		"truncated": func(t *testing.T, dir string) {
			seg := segmentOf(t, dir)
			info, _ := os.Stat(seg)
			if err := os.Truncate(seg, info.Size()/2); err != nil {
				t.Fatal(err)
			}
		},
		"extra file": func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, currentDir, "store", "000000000099.zap"), []byte("junk"), 0o644)
		},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			openSmall(t, dir).Close()
			damage(t, dir)
			ix := openSmall(t, dir)
			defer ix.Close()
			if ix.Reused() {
				t.Fatal("a damaged index was reused")
			}
			mustFind(t, ix, "hardest yards", "a2/0")
		})
	}
}

// TestReadFailureIsDamage: when Bleve cannot read the index while
// answering (here its handle was closed underneath), a search fails with
// ErrDamaged, not a panic, and the owner is told once. Bytes changed under
// a memory-mapped segment can panic inside Bleve's own goroutines, which
// no caller can recover; the checksums find that damage at the next open.
func TestReadFailureIsDamage(t *testing.T) {
	arts, ps := small()
	var told atomic.Int32
	ix, err := Open(context.Background(), arts, ps, Options{Dir: t.TempDir(), NoResultCache: true,
		OnDamage: func(error) { told.Add(1) }})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.lock.release() // Close would close the Bleve handle twice
	if err := ix.bi.Close(); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"hardest yards", "troops ceasefire"} {
		if _, err := ix.Search(context.Background(), Query{Text: q}); !errors.Is(err, ErrDamaged) {
			t.Errorf("%q: %v, want ErrDamaged", q, err)
		}
	}
	if _, ok := ix.Passage("a1/0"); ok {
		t.Error("a passage was read from a closed index")
	}
	if told.Load() != 1 {
		t.Errorf("owner told %d times, want once", told.Load())
	}
	// A cancelled search of a sound index is not damage.
	sound := openSmall(t, t.TempDir())
	defer sound.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := sound.Search(ctx, Query{Text: "Kyiv"}); errors.Is(err, ErrDamaged) {
		t.Error("a cancelled search counted as damage")
	}
}

func TestRebuildOption(t *testing.T) {
	dir := t.TempDir()
	openSmall(t, dir).Close()
	arts, ps := small()
	ix, err := Open(context.Background(), arts, ps, Options{Dir: dir, Rebuild: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.Reused() {
		t.Error("Rebuild reused the index")
	}
}

// TestUnchangedFilesAreTrustedByTime: a start reads only the index files
// whose modification time is not the recorded one (or too close to when it
// was recorded to prove anything); Verify reads them all. A copy that kept
// the bytes but not the times is read once and trusted after; damage that
// keeps a file's size and time is found only with Verify, the trade-off
// that keeps a 3 GB index from being read at every start.
func TestUnchangedFilesAreTrustedByTime(t *testing.T) {
	dir := t.TempDir()
	openSmall(t, dir).Close()
	cur := filepath.Join(dir, currentDir)
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	names, err := listFiles(cur)
	if err != nil || len(names) < 3 {
		t.Fatalf("index files: %v %v", names, err)
	}
	for _, n := range names {
		if err := os.Chtimes(filepath.Join(cur, n), old, old); err != nil {
			t.Fatal(err)
		}
	}
	ix := openSmall(t, dir)
	if !ix.Reused() {
		t.Fatal("an index whose files only changed times was rebuilt")
	}
	ix.Close()
	m, err := readManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	for n, s := range m.Files {
		if s.ModTime != old.UnixNano() {
			t.Errorf("%s: recorded time %v, want the file's %v", n, time.Unix(0, s.ModTime), old)
		}
	}

	seg := segmentOf(t, dir)
	flipByte(t, seg, 2000)
	if err := os.Chtimes(seg, old, old); err != nil {
		t.Fatal(err)
	}
	ix = openSmall(t, dir)
	if !ix.Reused() {
		t.Fatal("a file with its recorded size and time was read again")
	}
	ix.Close()

	arts, ps := small()
	ix, err = Open(context.Background(), arts, ps, Options{Dir: dir, Verify: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.Reused() {
		t.Fatal("Verify reused a damaged index")
	}
	mustFind(t, ix, "hardest yards", "a2/0")
}

// TestRacyWindow: a time with a fraction of a second is racy within
// 100 ms of the check, a whole-second time (a coarse file system) within
// 2 s.
func TestRacyWindow(t *testing.T) {
	checked := time.Date(2026, 12, 1, 12, 0, 10, 0, time.UTC)
	for _, c := range []struct {
		mod  time.Time
		want bool
	}{
		{checked.Add(-50 * time.Millisecond), true},
		{checked.Add(-150 * time.Millisecond), false},
		{checked.Add(time.Millisecond), true},
		{checked.Add(-time.Second), true}, // whole seconds
		{checked.Add(-3 * time.Second), false},
	} {
		if got := racy(c.mod.UnixNano(), checked); got != c.want {
			t.Errorf("racy(%v before the check) = %v, want %v", checked.Sub(c.mod), got, c.want)
		}
	}
}
