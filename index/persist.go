package index

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"

	"talkbot/corpus"
)

// Layout of an index directory:
//
//	DIR/lock                 flock held while a process uses the index
//	DIR/current/             the Bleve index
//	DIR/current/talkbot.json the manifest: what it was built from
//	DIR/current/catalog.gob  what the Index keeps in memory besides Bleve
//	DIR/build-*, DIR/old-*   left over by an interrupted rebuild; removed
const (
	currentDir   = "current"
	manifestName = "talkbot.json"
	// corpusSumsName holds the manifest's Corpus, in gob: at 100,000
	// articles its JSON took a tenth of a start to decode. It is not
	// checksummed (a damaged one only makes the start rehash the corpus).
	corpusSumsName = "corpus-sums.gob"
	lockWait       = 2 * time.Second
)

type manifest struct {
	Version  string `json:"version"`
	Content  string `json:"content"`
	Passages int    `json:"passages"`
	Built    string `json:"built"`
	// Files are the checksums of every file of the index (checksum.go),
	// taken at or after Checked.
	Files   map[string]fileSum `json:"files"`
	Checked string             `json:"checked,omitempty"`
	// Corpus are the sums of the article files it was built from, so a
	// start rehashes only the files that changed; kept in corpusSumsName
	// and read on first use (corpusSums), which a start that checks the
	// corpus later (Options.CheckLater) leaves until after it answers.
	Corpus []corpus.FileSum `json:"-"`
	unread *unreadSums      // Corpus not read yet; nil once read or set
	// sumsDamaged: the sums file could not be read, so Corpus lists only
	// what updates added since, and Content cannot be made from it.
	sumsDamaged bool
}

// unreadSums are the corpus sums of an index directory, read once by
// whichever copy of its manifest asks first.
type unreadSums struct {
	dir  string
	read func() (sums []corpus.FileSum, damaged bool)
}

func newUnreadSums(dir string) *unreadSums {
	u := &unreadSums{dir: dir}
	u.read = sync.OnceValues(func() ([]corpus.FileSum, bool) {
		f, err := os.Open(filepath.Join(dir, corpusSumsName))
		if err != nil {
			return nil, false
		}
		defer f.Close()
		var sums []corpus.FileSum
		if gob.NewDecoder(bufio.NewReader(f)).Decode(&sums) != nil {
			return nil, true
		}
		return sums, false
	})
	return u
}

// corpusSums is m.Corpus, read from its directory on first use.
func (m *manifest) corpusSums() []corpus.FileSum {
	if m.unread != nil {
		var damaged bool
		m.Corpus, damaged = m.unread.read()
		m.sumsDamaged = m.sumsDamaged || damaged
		m.unread = nil
	}
	return m.Corpus
}

// setCorpusSums replaces m's corpus sums, read or not; complete says
// they list every file (a fingerprint's), which mends damaged ones.
func (m *manifest) setCorpusSums(sums []corpus.FileSum, complete bool) {
	m.Corpus, m.unread = sums, nil
	if complete {
		m.sumsDamaged = false
	}
}

// present reports sums on disk to read, without reading them; false for
// none (nil: the manifest's were read, or there was no manifest).
func (u *unreadSums) present() bool {
	if u == nil {
		return false
	}
	info, err := os.Stat(filepath.Join(u.dir, corpusSumsName))
	return err == nil && info.Size() > 0
}

// sums is read without its damage flag: an empty list either way.
func (u *unreadSums) sums() []corpus.FileSum {
	s, _ := u.read()
	return s
}

// writeManifest writes m (its Corpus beside it) into dir, each file
// replaced whole.
func writeManifest(dir string, m manifest) error {
	if err := writeCorpusSums(dir, m.corpusSums()); err != nil {
		return err
	}
	return writeManifestOnly(dir, m)
}

// writeManifestOnly replaces dir's manifest, leaving the corpus sums
// beside it as they are.
func writeManifestOnly(dir string, m manifest) error {
	mb, _ := json.MarshalIndent(m, "", "  ")
	if err := writeAtomic(dir, manifestName, mb); err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	return nil
}

func writeCorpusSums(dir string, sums []corpus.FileSum) error {
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(sums); err != nil {
		return fmt.Errorf("write corpus sums: %w", err)
	}
	if err := writeAtomic(dir, corpusSumsName, b.Bytes()); err != nil {
		return fmt.Errorf("write corpus sums: %w", err)
	}
	return nil
}

// readManifest reads DIR/current's manifest; the zero manifest when
// there is none or it cannot be read.
func readManifest(dir string) (manifest, error) {
	var m manifest
	b, err := os.ReadFile(filepath.Join(dir, currentDir, manifestName))
	if err != nil {
		return m, errors.New("no manifest")
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return manifest{}, errors.New("unreadable manifest")
	}
	m.unread = newUnreadSums(filepath.Join(dir, currentDir)) // at 100,000 files a fifth of an open
	return m, nil
}

// contentHash identifies the articles and passages an index is built
// from when they are given in memory (Open); OpenSource uses
// corpus.Source.Fingerprint instead.
func contentHash(articles []corpus.Article, passages []corpus.Passage) string {
	h := sha256.New()
	enc := json.NewEncoder(h)
	for _, a := range articles {
		_ = enc.Encode(a)
	}
	for _, p := range passages {
		_ = enc.Encode(p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// openDir opens the index in opts.Dir, reusing it when it is up to date
// and building it otherwise; reusedBy is the manifest it was reused by
// (nil after a build).
func (ix *Index) openDir(ctx context.Context, opts Options, c content) (reusedBy *manifest, _ error) {
	dir := opts.Dir
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("index directory %s: %w", dir, err)
	}
	lock, err := lockDir(dir, lockWait)
	if err != nil {
		return nil, err
	}
	// The corpus's fingerprint, reading only the files whose size or
	// time changed since the index was built (all of them with Verify).
	got, _ := readManifest(dir)
	want := manifest{Version: versionString()}
	// The index's own files are checked while the corpus is
	// fingerprinted: a start where nothing changed needs both, and each
	// waits on the disk.
	checked := make(chan filesChecked, 1)
	if got.Version == want.Version {
		files := got // a copy: got's corpus sums are read meanwhile
		go func() { checked <- checkFiles(filepath.Join(dir, currentDir), files, opts.Verify) }()
	}
	var sums []corpus.FileSum
	var later *corpusCheck
	if opts.CheckLater && !opts.Verify && c.source && got.Version == want.Version && got.Content != "" && got.unread.present() {
		// taken as the manifest says; CorpusChanges checks it, and reads
		// the sums then
		want.Content = got.Content
		later = &corpusCheck{fingerprint: c.fingerprint, known: got.unread.sums, content: got.Content}
	} else {
		var known []corpus.FileSum
		if !opts.Verify {
			known = got.corpusSums()
		}
		want.Content, sums = c.fingerprint(known)
	}
	bi, fc, err := ix.reuse(dir, got, want, checked)
	cat := fc.cat
	if err == nil && fc.files != nil {
		// Files were read (new times, or too recent to trust by time):
		// record when, so the next start can trust them. Best effort.
		got.Files, got.Checked = fc.files, fc.at.UTC().Format(time.RFC3339Nano)
		_ = writeManifestOnly(filepath.Join(dir, currentDir), got)
	}
	if err == nil && sums != nil && !slices.Equal(sums, got.corpusSums()) {
		// Files rehashed (touched, or sums never kept): keep their sums so
		// the next start need not read them again. Best effort.
		got.setCorpusSums(sums, true)
		_ = writeCorpusSums(filepath.Join(dir, currentDir), sums)
	}
	if err == nil && opts.Rebuild {
		_ = bi.Close()
		err = errors.New("asked to rebuild")
	}
	if err == nil {
		if err = ix.setCatalog(cat); err != nil {
			_ = bi.Close()
			err = fmt.Errorf("catalog damaged: %v", err)
		}
	}
	if err == nil {
		ix.bi, ix.lock, ix.reused = bi, lock, true
		if later != nil {
			ix.later = &pendingCheck{}
			ix.later.check.Store(later)
		}
		ix.log.Info("index reused", "dir", dir, "passages", cat.Passages, "corpus checked", later == nil)
		return &got, nil
	}
	if errors.Is(err, ErrLocked) {
		lock.release()
		return nil, err
	}
	articles := c.articles()
	if strings.Contains(err.Error(), "damaged") {
		ix.log.Warn("the index was damaged; rebuilding it", "dir", dir, "reason", err.Error())
	} else {
		ix.log.Info("building index", "dir", dir, "articles", articles, "reason", err.Error())
	}
	endGC := buildGC(opts, articles)
	bi, cat, err = ix.rebuild(ctx, dir, want, c, articles, opts.Progress)
	endGC()
	if err != nil {
		lock.release()
		return nil, err
	}
	if err := ix.setCatalog(cat); err != nil {
		_ = bi.Close()
		lock.release()
		return nil, err
	}
	ix.bi, ix.lock = bi, lock
	return nil, nil
}

// filesChecked is checkFiles' answer.
type filesChecked struct {
	cat catalog
	err error
	// files, when not nil, are the index's sums as checked at time at,
	// for the manifest to record.
	files map[string]fileSum
	at    time.Time
}

// checkFiles verifies the index's files against the manifest's checksums
// (reading all of them when full) and reads its catalog.
func checkFiles(path string, got manifest, full bool) filesChecked {
	at := time.Now()
	checked, _ := time.Parse(time.RFC3339Nano, got.Checked)
	files, err := verifyFiles(path, got.Files, checked, full)
	if err != nil {
		return filesChecked{err: err}
	}
	cat, err := readCatalog(path)
	if err != nil || cat.Passages != got.Passages {
		return filesChecked{err: errors.New("catalog missing or damaged")}
	}
	return filesChecked{cat: cat, files: files, at: at}
}

// reuse opens DIR/current and its catalog when its manifest, got,
// matches want and its files check out (checked, sent once the versions
// agree); the error says why it could not.
func (ix *Index) reuse(dir string, got, want manifest, checked <-chan filesChecked) (bleve.Index, filesChecked, error) {
	path := filepath.Join(dir, currentDir)
	if got.Version == "" {
		return nil, filesChecked{}, errors.New("no manifest")
	}
	if got.Version != want.Version {
		return nil, filesChecked{}, fmt.Errorf("mapping changed (%s, now %s)", got.Version, want.Version)
	}
	if got.Content != want.Content {
		return nil, filesChecked{}, errors.New("corpus changed")
	}
	fc := <-checked
	if fc.err != nil {
		return nil, filesChecked{}, fc.err
	}
	bi, err := openBleve(path)
	if err != nil {
		return nil, filesChecked{}, err
	}
	n, err := bi.DocCount()
	if err != nil || n != uint64(got.Passages) {
		_ = bi.Close()
		return nil, filesChecked{}, fmt.Errorf("index damaged (%d documents, manifest says %d)", n, got.Passages)
	}
	return bi, fc, nil
}

// openBleve opens an on-disk index read-only (nothing writes to it after
// the build, so its checksums stay true), without ever blocking on
// another holder of its Bolt file. A damaged index that panics Bleve is
// an error, not a crash.
func openBleve(path string) (bi bleve.Index, err error) {
	defer func() {
		if p := recover(); p != nil {
			bi, err = nil, fmt.Errorf("index damaged: opening it failed: %v", p)
		}
	}()
	bi, err = bleve.OpenUsing(path, map[string]interface{}{"bolt_timeout": lockWait.String(), "read_only": true})
	if err != nil {
		if strings.Contains(err.Error(), "timeout") {
			return nil, fmt.Errorf("%w: %s", ErrLocked, path)
		}
		return nil, fmt.Errorf("index damaged: %v", err)
	}
	return bi, nil
}

// rebuild builds a fresh index beside the current one and swaps it in
// with renames, so an interrupted build never leaves a half index behind
// as "current". That is also why the build directory may use scorch's
// unsafe_batch (no fsync per batch): it only becomes current after Close.
func (ix *Index) rebuild(ctx context.Context, dir string, want manifest, c content, articles int, progress func(int, int)) (bleve.Index, catalog, error) {
	clearLeftovers(dir)
	build := filepath.Join(dir, "build-"+randomSuffix())
	// A write that fails in scorch's background (a full disk) ends the
	// build at once, with that error, instead of retrying forever.
	ctx, stopWatch := watchWrites(ctx, build)
	defer stopWatch()
	fail := func(err error) (bleve.Index, catalog, error) {
		if cause := context.Cause(ctx); cause != nil && cause != ctx.Err() {
			err = cause
		}
		_ = os.RemoveAll(build)
		return nil, catalog{}, err
	}
	bi, err := bleve.NewUsing(build, ix.m, "scorch", "scorch", buildConfig)
	if err != nil {
		return fail(fmt.Errorf("create index in %s: %w", build, err))
	}
	// The time the files are read from: a file changed after it has a
	// newer time than its sum records (or falls in the racy window).
	built := time.Now()
	cat, fp, sums, err := ix.fill(ctx, bi, c, articles, diskBatch, true, progress)
	if err != nil {
		_ = bi.Close()
		return fail(err)
	}
	if err := ix.compact(ctx, bi); err != nil {
		_ = bi.Close()
		return fail(fmt.Errorf("merge index %s: %w", build, err))
	}
	cat.BM25 = bm25StatsOfIndex(bi)
	if err := bi.Close(); err != nil {
		return fail(fmt.Errorf("write index %s: %w", build, err))
	}
	if err := writeCatalog(build, cat); err != nil {
		return fail(err)
	}
	// The fingerprint of what was read, not of what was checked: a file
	// edited meanwhile makes the next open rebuild rather than trust it.
	want.Content, want.Passages = fp, cat.Passages
	want.setCorpusSums(sums, true)
	want.Built = built.UTC().Format(time.RFC3339Nano)
	want.Checked = time.Now().UTC().Format(time.RFC3339Nano)
	if want.Files, err = sumFiles(build); err != nil {
		return fail(fmt.Errorf("checksum index %s: %w", build, err))
	}
	if err := writeManifest(build, want); err != nil {
		return fail(err)
	}
	cur := filepath.Join(dir, currentDir)
	old := filepath.Join(dir, "old-"+randomSuffix())
	if _, err := os.Stat(cur); err == nil {
		if err := os.Rename(cur, old); err != nil {
			return nil, catalog{}, fmt.Errorf("replace index %s: %w", cur, err)
		}
	}
	if err := os.Rename(build, cur); err != nil {
		return nil, catalog{}, fmt.Errorf("replace index %s: %w", cur, err)
	}
	_ = os.RemoveAll(old)
	bi, err = openBleve(cur)
	return bi, cat, err
}

// buildConfig is scorch's configuration for the build directory:
// unsafe_batch (see rebuild), and merged segments capped at
// maxSegmentDocs passages, because merging two segments holds both and
// the result in memory: uncapped, the last merge of a large build was
// the peak of the build's memory (docs/tuning.md).
var buildConfig = map[string]interface{}{
	"unsafe_batch":           true,
	"scorchMergePlanOptions": map[string]interface{}{"MaxSegmentSize": maxSegmentDocs},
	"asyncErrorCallbackName": writeFailureCallback,
}

const maxSegmentDocs = 100000

// compactOptions merge, once a build is done, every segment small enough
// to merge (under half of maxSegmentDocs) into as few as the cap allows.
// The merger leaves a build with a tail of small segments from its last
// batches (15 segments at 10,000 articles), and every search walks every
// segment: merging the tail (6 segments) took a fifth off search times
// there, in a fifth of a second, holding less than the merges before it.
var compactOptions = func() mergeplan.MergePlanOptions {
	o := mergeplan.DefaultMergePlanOptions
	o.MaxSegmentSize = maxSegmentDocs
	o.MaxSegmentsPerTier = 1
	o.FloorSegmentSize = maxSegmentDocs // one tier: all small segments together
	o.SegmentsPerMergeTask = 100
	return o
}()

// compact merges the small segments of a finished build (compactOptions).
func (ix *Index) compact(ctx context.Context, bi bleve.Index) error {
	adv, err := bi.Advanced()
	if err != nil {
		return err
	}
	sc, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil // not scorch: nothing to merge
	}
	start := time.Now()
	// The merger plans over segments on disk only, and the last batches'
	// segments may still be on their way there (unsafe_batch): wait.
	stat := func(name string) uint64 { v, _ := sc.StatsMap()[name].(uint64); return v }
	if err := waitUntil(ctx, 5*time.Millisecond, func() bool { return stat("num_root_memorysegments") == 0 }); err != nil {
		return err
	}
	o := compactOptions
	if err := sc.ForceMerge(ctx, &o); err != nil {
		return err
	}
	// Close does not write the latest root: until the persister has, a
	// reopened index would still list the segments before the merge.
	if err := waitUntil(ctx, 5*time.Millisecond, func() bool { return stat("LastPersistedEpoch") >= stat("CurRootEpoch") }); err != nil {
		return err
	}
	ix.log.Info("index merged", "took", time.Since(start).Round(time.Millisecond))
	return nil
}

func clearLeftovers(dir string) {
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if n := e.Name(); strings.HasPrefix(n, "build-") || strings.HasPrefix(n, "old-") {
			_ = os.RemoveAll(filepath.Join(dir, n))
		}
	}
}

func randomSuffix() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Promote makes the index built under from (the Options.Dir of an index
// now closed: a reload's, built beside the one being served) the index
// that opening dir finds: from's current replaces dir's, under dir's
// lock, and from is removed. Without it a start after a reload would
// reuse the index the reload replaced.
func Promote(from, dir string) error {
	src := filepath.Join(from, currentDir)
	if _, err := os.Stat(filepath.Join(src, manifestName)); err != nil {
		return fmt.Errorf("promote index %s: no finished index there", from)
	}
	still, err := lockDir(from, 0) // held while its index is open
	if err != nil {
		return fmt.Errorf("promote index %s: still open: %w", from, err)
	}
	defer still.release()
	lock, err := lockDir(dir, lockWait)
	if err != nil {
		return err
	}
	defer lock.release()
	cur := filepath.Join(dir, currentDir)
	old := filepath.Join(dir, "old-"+randomSuffix())
	if _, err := os.Stat(cur); err == nil {
		if err := os.Rename(cur, old); err != nil {
			return fmt.Errorf("promote index %s: %w", from, err)
		}
	}
	if err := os.Rename(src, cur); err != nil {
		_ = os.Rename(old, cur) // the index it was to replace stays
		return fmt.Errorf("promote index %s: %w", from, err)
	}
	_ = os.RemoveAll(old)
	_ = os.RemoveAll(from)
	return nil
}
