package index

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"talkbot/corpus"
)

// builtCopy is a copy of the bundled corpus and an index built from it
// on disk, closed; with age > 0 the files are dated that long ago first,
// so that their sums are trusted (ageFiles).
func builtCopy(t *testing.T, age time.Duration) (dir, idx string) {
	t.Helper()
	dir, idx = copyBundled(t), t.TempDir()
	if age > 0 {
		ageFiles(t, dir, age)
	}
	ix, err := OpenSource(context.Background(), corpus.SourceOf(dir), Options{Dir: idx})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	return dir, idx
}

// bundledNames are the corpus directory's article files, sorted.
func bundledNames(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

// With CheckLater the index built before is served as it was while the
// files changed since wait for CorpusChanges, which names exactly them:
// one added, one edited, one removed, and not one only touched.
func TestCheckLaterNamesWhatChangedWhileDown(t *testing.T) {
	dir, idx := builtCopy(t, time.Hour)
	ctx := context.Background()

	names := bundledNames(t, dir)
	edited, removed, touched := names[0], names[1], names[2]
	a := liveArticle("wombatite", "Fjord Post")
	writeChange(t, dir, "2026-02-02-fjord-post-wombat.md", &a)
	b, err := os.ReadFile(filepath.Join(dir, edited))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, edited), append(b, "\nA quokkalite paragraph added later.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	writeChange(t, dir, removed, nil)
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(filepath.Join(dir, touched), later, later); err != nil {
		t.Fatal(err)
	}

	for _, live := range []bool{false, true} {
		ix, err := OpenSource(ctx, corpus.SourceOf(dir), Options{Dir: idx, CheckLater: true, Live: live})
		if err != nil {
			t.Fatal(err)
		}
		if !ix.Reused() {
			t.Fatal("CheckLater rebuilt the index instead of serving it as built")
		}
		if h := hits(t, ix, "wombatite"); len(h) != 0 {
			t.Error("the new file was read at open: the corpus was checked before answering")
		}
		got, checked, err := ix.CorpusChanges(ctx)
		if err != nil || !checked {
			t.Fatal(checked, err)
		}
		want := []string{"2026-02-02-fjord-post-wombat.md", edited, removed}
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("live %v: changes %q, want %q", live, got, want)
		}
		if again, checked, _ := ix.CorpusChanges(ctx); again != nil || checked {
			t.Errorf("a second check named %q (checked %v); the first took the check", again, checked)
		}
		ix.Close()
	}
}

// A corpus directory that cannot be read (a failed mount) is an error,
// never every article removed.
func TestCheckLaterUnreadableDirectory(t *testing.T) {
	dir, idx := builtCopy(t, 0)
	ctx := context.Background()
	ix, err := OpenSource(ctx, corpus.SourceOf(dir), Options{Dir: idx, CheckLater: true, Live: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if got, _, err := ix.CorpusChanges(ctx); err == nil {
		t.Fatalf("a gone corpus directory gave changes %q and no error", got)
	}
	// the check waits for the directory to come back (a late mount)
	if err := os.Rename(copyBundled(t), dir); err != nil {
		t.Fatal(err)
	}
	if got, checked, err := ix.CorpusChanges(ctx); err != nil || !checked || len(got) != 0 {
		t.Fatalf("the directory back: changes %q, checked %v, %v; want checked and none", got, checked, err)
	}
}

// Verify, or an index that must be built anyway, checks at open: nothing
// is left for later.
func TestCheckLaterYieldsToVerifyAndBuilds(t *testing.T) {
	dir := copyBundled(t)
	idx := t.TempDir()
	ctx := context.Background()
	ix, err := OpenSource(ctx, corpus.SourceOf(dir), Options{Dir: idx, CheckLater: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, checked, _ := ix.CorpusChanges(ctx); ix.Reused() || checked {
		t.Error("a first build left a check for later")
	}
	ix.Close()
	a := liveArticle("wombatite", "Fjord Post")
	writeChange(t, dir, "2026-02-02-fjord-post-wombat.md", &a)
	ix, err = OpenSource(ctx, corpus.SourceOf(dir), Options{Dir: idx, CheckLater: true, Verify: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.Reused() {
		t.Error("Verify reused an index whose corpus changed")
	}
	if h := hits(t, ix, "wombatite"); len(h) == 0 {
		t.Error("Verify did not take in the new file")
	}
}

// A live update that comes before the check (a file event, an article
// added from Discord) does not lose it: the value the update made still
// checks, once.
func TestCheckLaterSurvivesAnEarlierUpdate(t *testing.T) {
	dir, idx := builtCopy(t, 0)
	ctx := context.Background()
	a := liveArticle("wombatite", "Fjord Post")
	writeChange(t, dir, "2026-02-02-fjord-post-wombat.md", &a) // while down
	ix, err := OpenSource(ctx, corpus.SourceOf(dir), Options{Dir: idx, CheckLater: true, Live: true})
	if err != nil {
		t.Fatal(err)
	}
	next := addLiveArticle(t, ix, dir, "2026-02-03-fjord-post-quokka.md", "quokkalite")
	defer next.Close()
	got, checked, err := next.CorpusChanges(ctx)
	if err != nil || !checked || !slices.Contains(got, "2026-02-02-fjord-post-wombat.md") {
		t.Errorf("after an update: changes %q, checked %v, %v; want the file added while down", got, checked, err)
	}
}

// ageFiles sets every file of dir to a time well past, so that their
// sums are trusted at the next check (a file just written is read again).
func ageFiles(t *testing.T, dir string, ago time.Duration) {
	t.Helper()
	old := time.Now().Add(-ago)
	for _, n := range bundledNames(t, dir) {
		if err := os.Chtimes(filepath.Join(dir, n), old, old); err != nil {
			t.Fatal(err)
		}
	}
}

// Files only touched (a copy, a checkout) are not changes, and their new
// sums are kept, so that the next start trusts them unread.
func TestCheckLaterKeepsTouchedSums(t *testing.T) {
	dir, idx := builtCopy(t, 2*time.Hour)
	ctx := context.Background()
	touched := bundledNames(t, dir)[0]
	when := time.Now().Add(-time.Hour).Truncate(time.Second)
	if err := os.Chtimes(filepath.Join(dir, touched), when, when); err != nil {
		t.Fatal(err)
	}
	ix, err := OpenSource(ctx, corpus.SourceOf(dir), Options{Dir: idx, CheckLater: true, Live: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, checked, err := ix.CorpusChanges(ctx); len(got) != 0 || !checked || err != nil {
		t.Fatalf("a touched file gave changes %q (checked %v, %v)", got, checked, err)
	}
	ix.Close()
	m, err := readManifest(idx)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(m.corpusSums(), func(s corpus.FileSum) bool { return s.Name == touched })
	if i < 0 || !m.corpusSums()[i].ModTime.Equal(when) {
		t.Fatalf("the touched file's kept sum is %+v, want its new time %v", m.corpusSums(), when)
	}
}

// A sum taken while its file was still within a clock tick of being
// written keeps no time: however late the manifest is written again (a
// live update moves its build time on), the file is read again rather
// than trusted by a time that could hide a second edit.
func TestRacySumIsReadAgainAfterALiveUpdate(t *testing.T) {
	dir := copyBundled(t)
	// dated ahead: a sum taken before a file's time has passed is racy,
	// however slow the machine
	ahead := time.Now().Add(time.Hour)
	for _, n := range bundledNames(t, dir) {
		if err := os.Chtimes(filepath.Join(dir, n), ahead, ahead); err != nil {
			t.Fatal(err)
		}
	}
	idx := t.TempDir()
	ctx := context.Background()
	ix, err := OpenSource(ctx, corpus.SourceOf(dir), Options{Dir: idx, Live: true})
	if err != nil {
		t.Fatal(err)
	}
	addLiveArticle(t, ix, dir, "2026-02-02-fjord-post-wombat.md", "wombatite").Close()
	m, err := readManifest(idx)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range m.corpusSums() {
		if !s.ModTime.IsZero() {
			t.Errorf("%s: a sum taken within a clock tick of the file's writing keeps its time %v", s.Name, s.ModTime)
		}
	}
	// an edit that keeps size and time is still seen
	edited := bundledNames(t, dir)[0]
	p := filepath.Join(dir, edited)
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	b[len(b)-2] ^= 0x20 // same size
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	ix, err = OpenSource(ctx, corpus.SourceOf(dir), Options{Dir: idx, CheckLater: true, Live: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	got, _, err := ix.CorpusChanges(ctx)
	if err != nil || !slices.Contains(got, edited) {
		t.Fatalf("an edit keeping size and time went unseen: changes %q, %v", got, err)
	}
}

// When some files changed, the unchanged ones still have their sums kept
// again (a file added live is read as it is written, so its sum has no
// time until a start reads it again); the changed keep theirs for the
// update that takes them in.
func TestCheckLaterRefreshesUnchangedSumsBesideChanges(t *testing.T) {
	dir, idx := builtCopy(t, 2*time.Hour)
	ctx := context.Background()
	names := bundledNames(t, dir)
	touched, edited := names[0], names[1]
	when := time.Now().Add(-time.Hour).Truncate(time.Second)
	if err := os.Chtimes(filepath.Join(dir, touched), when, when); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, edited))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, edited), append(b, "\nA quokkalite paragraph added later.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	was, err := readManifest(idx)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := OpenSource(ctx, corpus.SourceOf(dir), Options{Dir: idx, CheckLater: true, Live: true})
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := ix.CorpusChanges(ctx)
	ix.Close()
	if err != nil || !slices.Equal(got, []string{edited}) {
		t.Fatalf("changes %q (%v), want only %q", got, err, edited)
	}
	m, err := readManifest(idx)
	if err != nil {
		t.Fatal(err)
	}
	sumOf := func(sums []corpus.FileSum, name string) corpus.FileSum {
		i := slices.IndexFunc(sums, func(s corpus.FileSum) bool { return s.Name == name })
		if i < 0 {
			t.Fatalf("no sum for %s", name)
		}
		return sums[i]
	}
	if s := sumOf(m.corpusSums(), touched); !s.ModTime.Equal(when) {
		t.Errorf("the touched file's kept sum has time %v, want %v", s.ModTime, when)
	}
	if s, w := sumOf(m.corpusSums(), edited), sumOf(was.corpusSums(), edited); s != w {
		t.Errorf("the edited file's sum was replaced before its update: %+v, was %+v", s, w)
	}
}

// Sums kept after a check yield to an update that wrote its own since the
// check began: the update's stand.
func TestKeptSumsYieldToAnUpdate(t *testing.T) {
	dir, idx := builtCopy(t, 2*time.Hour)
	ctx := context.Background()
	ix, err := OpenSource(ctx, corpus.SourceOf(dir), Options{Dir: idx, CheckLater: true, Live: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	was := slices.Clone(ix.live.man.corpusSums())
	a := liveArticle("wombatite", "Fjord Post")
	name := "2026-02-02-fjord-post-wombat.md"
	next, err := ix.Update(ctx, []Change{writeChange(t, dir, name, &a)})
	if err != nil {
		t.Fatal(err)
	}
	defer next.Close()
	stale := slices.Clone(was)
	stale[0].ModTime = stale[0].ModTime.Add(time.Minute)
	ix.keepCorpusSums(was, stale) // as a check that began before the update would
	m, err := readManifest(idx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(m.corpusSums(), func(s corpus.FileSum) bool { return s.Name == name }) {
		t.Fatalf("the check's sums replaced the update's: %d sums, %s's missing", len(m.corpusSums()), name)
	}
	if m.corpusSums()[0].ModTime.Equal(stale[0].ModTime) {
		t.Fatal("the check's sums were written over the update's")
	}
}

// Corpus sums that cannot be read (a damaged file) are not every file
// changed: the fingerprint says whether anything did, the sums are kept
// again when nothing did, and otherwise a removed file is still named.
func TestCheckLaterWithDamagedSums(t *testing.T) {
	dir, idx := builtCopy(t, 2*time.Hour)
	ctx := context.Background()
	damage := func() {
		if err := os.WriteFile(filepath.Join(idx, currentDir, corpusSumsName), []byte("not gob"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	check := func() []string {
		ix, err := OpenSource(ctx, corpus.SourceOf(dir), Options{Dir: idx, CheckLater: true, Live: true})
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		if !ix.Reused() {
			t.Fatal("damaged corpus sums rebuilt the index at open")
		}
		got, checked, err := ix.CorpusChanges(ctx)
		if err != nil || !checked {
			t.Fatal(checked, err)
		}
		return got
	}
	damage()
	if got := check(); len(got) != 0 {
		t.Fatalf("unchanged corpus with damaged sums: changes %q", got)
	}
	if m, _ := readManifest(idx); len(m.corpusSums()) != len(bundledNames(t, dir)) {
		t.Fatalf("the sums were not kept again: %d of %d files", len(m.corpusSums()), len(bundledNames(t, dir)))
	}
	removed := bundledNames(t, dir)[0]
	if err := os.Remove(filepath.Join(dir, removed)); err != nil {
		t.Fatal(err)
	}
	damage()
	if got := check(); !slices.Contains(got, removed) {
		t.Fatalf("a file removed while the sums were damaged is not named: %q", got)
	}
}

// An update that comes before the check over damaged sums cannot make a
// fingerprint from them: the manifest says so, and the next start checks
// the corpus whole, so a file removed meanwhile is not left indexed.
func TestDamagedSumsAndAnUpdateBeforeTheCheck(t *testing.T) {
	dir, idx := builtCopy(t, 2*time.Hour)
	ctx := context.Background()
	if err := os.WriteFile(filepath.Join(idx, currentDir, corpusSumsName), []byte("not gob"), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := Options{Dir: idx, CheckLater: true, Live: true}
	ix, err := OpenSource(ctx, corpus.SourceOf(dir), opts)
	if err != nil {
		t.Fatal(err)
	}
	addLiveArticle(t, ix, dir, "2026-02-02-fjord-post-wombat.md", "wombatite").Close()
	removed := bundledNames(t, dir)[0]
	if err := os.Remove(filepath.Join(dir, removed)); err != nil {
		t.Fatal(err)
	}
	ix, err = OpenSource(ctx, corpus.SourceOf(dir), opts)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, ok := ix.articles[corpus.IDOf(removed)]; ok {
		t.Fatal("a file removed after an update over damaged sums is still indexed")
	}
	if h := hits(t, ix, "wombatite"); len(h) == 0 {
		t.Fatal("the update's article is gone")
	}
}
