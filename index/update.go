package index

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/vellum"

	"talkbot/corpus"
	"talkbot/internal/lru"
)

// Live updates: an index opened with Options.Live takes the articles of
// files added, changed or removed while it serves (Update), without a
// rebuild. The Bleve index is written in place (a small segment per
// update, deletions recorded in the root), so an update costs the
// changed articles, not the corpus; the catalog (articles, speakers,
// actors, completion phrases, the word dictionary) follows the same
// changes. Each update gives a new *Index sharing the Bleve index with
// the one before, with caches of its own, so that serving swaps it in
// as it swaps a rebuilt index: a request keeps the value it started with.
//
// On disk the manifest stays true: an update's batch is synced before
// Update returns, the catalog is written, the checksums of the files
// that changed (the Bolt root, new segments, the catalog) are taken
// again, and the manifest is replaced with a rename, so a restart reuses
// the index with the update in it. A crash between the batch and the
// manifest leaves checksums that do not match: the next start rebuilds,
// it never reads a damaged index. The merger does not run on its own
// (every file stays as summed between updates); every liveCompactEvery
// updates, the small segments updates left are merged and every file is
// summed again. Full rebuilds remain for mapping changes.

// Change is one article file that changed in the corpus directory.
type Change struct {
	// Name is the file's name in the corpus directory; the article's id
	// comes from it (corpus.IDOf).
	Name string
	// Article is what the file gives now (Paragraphs included); nil when
	// the file is gone.
	Article *corpus.Article
	// Sum is the file's sum (corpus.ReadArticle), kept in the manifest
	// of an on-disk index; zero for a removal.
	Sum corpus.FileSum
}

// liveHandle is the writable Bleve index that the values Update makes
// share, closed when the last of them is.
type liveHandle struct {
	mu   sync.Mutex // one update at a time
	bi   bleve.Index
	lock *dirLock
	path string   // DIR/current; "" in memory
	man  manifest // on disk: what DIR/current/talkbot.json says
	refs atomic.Int64
	// updates counts the updates since the index was built or compacted.
	updates int
}

// liveCompactEvery is how many updates leave their small segments before
// they are merged: every search walks every segment.
const liveCompactEvery = 16

// liveMemoryRebuildAfter is how many updates an in-memory index (which
// never merges) takes before NeedsRebuild says a rebuild would search
// faster.
const liveMemoryRebuildAfter = 200

func newLiveHandle(bi bleve.Index, lock *dirLock, path string, man manifest) *liveHandle {
	h := &liveHandle{bi: bi, lock: lock, path: path, man: man}
	h.refs.Store(1)
	return h
}

func (h *liveHandle) release() error {
	if h.refs.Add(-1) > 0 {
		return nil
	}
	err := h.bi.Close()
	if err == nil && h.path != "" {
		err = h.resum()
	}
	if h.lock != nil {
		h.lock.release()
	}
	return err
}

// resum writes the manifest again with the checksums of the files that
// change in place: Bolt writes its root whenever scorch opens or closes
// the index writable, and a next start that found it changed took the
// index for damaged and rebuilt it all. The corpus sums stay as they are
// on disk (at 100,000 articles writing them was a third of a start).
func (h *liveHandle) resum() error { return h.writeManifest(h.man, false, false) }

// writeManifest writes man with the checksums of the files that changed
// (all of them with all), its corpus sums too when they changed, and
// keeps it as what the disk says.
func (h *liveHandle) writeManifest(man manifest, all, corpusChanged bool) error {
	man.Checked = time.Now().UTC().Format(time.RFC3339Nano)
	files, err := resumFiles(h.path, man.Files, all)
	if err != nil {
		return fmt.Errorf("checksum index %s: %w", h.path, err)
	}
	man.Files = files
	write := writeManifestOnly
	if corpusChanged {
		write = writeManifest
	}
	if err := write(h.path, man); err != nil {
		return err
	}
	h.man = man
	return nil
}

// liveConfig opens DIR/current writable without the merger planning
// merges of its own (no segment is small enough for it to take): files
// change only when an update or a compaction writes them.
var liveConfig = map[string]interface{}{
	"bolt_timeout":           lockWait.String(),
	"scorchMergePlanOptions": map[string]interface{}{"MaxSegmentSize": 1},
}

// goLive reopens the on-disk index opened read-only as writable. man is
// the manifest it was reused by (nil: read it again, after a build).
func (ix *Index) goLive(dir string, man *manifest) error {
	path := filepath.Join(dir, currentDir)
	if err := ix.bi.Close(); err != nil {
		return fmt.Errorf("reopen index %s for updates: %w", path, err)
	}
	ix.bi = nil
	if man == nil {
		m, err := readManifest(dir)
		if err != nil {
			return fmt.Errorf("reopen index %s for updates: %w", path, err)
		}
		man = &m
	}
	bi, err := bleve.OpenUsing(path, liveConfig)
	if err != nil {
		// a directory it cannot write (a read-only mount): serve it as it
		// is, changes rebuild
		ix.log.Warn("the index cannot be opened for live updates; changes to the corpus will rebuild it", "dir", path, "err", err)
		if ix.bi, err = openBleve(path); err != nil {
			return err
		}
		return nil
	}
	ix.bi = bi
	ix.live = newLiveHandle(bi, ix.lock, path, *man)
	ix.lock = nil // the handle releases it
	return ix.live.resum()
}

// Live reports whether the index takes Update.
func (ix *Index) Live() bool { return ix.live != nil }

// NeedsRebuild reports an in-memory index that has taken so many updates
// that a rebuild would search faster (an on-disk one merges its own).
func (ix *Index) NeedsRebuild() bool {
	if ix.live == nil || ix.live.path != "" {
		return false
	}
	ix.live.mu.Lock()
	defer ix.live.mu.Unlock()
	return ix.live.updates >= liveMemoryRebuildAfter
}

// Update indexes the changes and returns the index that holds them; ix
// keeps answering as before until it is closed (close it once the new
// value serves). On error nothing is changed that the new value would
// have shown, and ix stays usable.
func (ix *Index) Update(ctx context.Context, changes []Change) (*Index, error) {
	h := ix.live
	if h == nil {
		return nil, errors.New("index: not opened for live updates (Options.Live)")
	}
	h.mu.Lock()
	defer h.mu.Unlock()

	cat := ix.cat
	cat.BM25 = nil // the update changes them; the next value reads them anew
	cat.Articles = append([]corpus.Article(nil), cat.Articles...)
	cat.Problems = append([]corpus.Problem(nil), cat.Problems...)
	cat.SpeakerCounts = countsOf(cat.SpeakerCounts, cat.Speakers)
	cat.ActorCounts = countsOf(cat.ActorCounts, cat.Actors)
	pos := make(map[string]int, len(cat.Articles))
	for i, a := range cat.Articles {
		pos[a.ID] = i
	}
	d := newDelta()
	batch := h.bi.NewBatch()
	var adds []preparedArticle
	removed := map[string]bool{}
	sums := map[string]*corpus.FileSum{}
	for _, ch := range changes {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		id := corpus.IDOf(ch.Name)
		if i, had := pos[id]; had {
			old := cat.Articles[i]
			n := 0
			for seq := 0; ; seq++ {
				p, ok := ix.loadPassage(corpus.PassageID(id, seq))
				if !ok {
					break
				}
				batch.Delete(p.ID)
				d.passage(ix, p, -1)
				n++
			}
			d.phrase(old.Title, -2)
			cat.Passages -= n
			removed[id] = true
		}
		cat.Problems = withoutProblemsOf(cat.Problems, ch.Name)
		if ch.Article == nil {
			sums[ch.Name] = nil
			continue
		}
		a := *ch.Article
		a.ID = id
		pa := ix.prepare(a, corpus.Passages(a))
		if pa.err != nil {
			return nil, pa.err
		}
		adds = append(adds, pa)
		s := ch.Sum
		sums[ch.Name] = &s
	}
	for _, pa := range adds {
		for i, p := range pa.passages {
			if err := batch.IndexAdvanced(pa.docs[i]); err != nil {
				return nil, fmt.Errorf("index passage %s: %w", p.ID, err)
			}
			d.analysed(p, pa.words[i], pa.phrases[i], +1)
		}
		d.phrase(pa.a.Title, +2)
		cat.Passages += len(pa.passages)
	}
	// the batch is synced to disk before Batch returns (no unsafe_batch);
	// then the persister tidies the Bolt root and old files: wait for it
	waits := persisterWaits(h.bi)
	if err := h.bi.Batch(batch); err != nil {
		return nil, fmt.Errorf("update index: %w", err)
	}
	if h.path != "" {
		settle(ctx, h.bi, waits)
	}
	h.updates++

	// the catalog: articles in place where they were, new ones last
	byID := map[string]corpus.Article{}
	for _, pa := range adds {
		byID[pa.a.ID] = pa.a
	}
	kept := cat.Articles[:0]
	for _, a := range cat.Articles {
		if na, ok := byID[a.ID]; ok {
			kept = append(kept, na)
			delete(byID, a.ID)
		} else if !removed[a.ID] {
			kept = append(kept, a)
		}
	}
	for _, pa := range adds {
		if na, ok := byID[pa.a.ID]; ok {
			kept = append(kept, na)
			delete(byID, pa.a.ID)
		}
	}
	cat.Articles = kept
	newKeys := make(map[string]string, len(adds))
	for _, pa := range adds {
		newKeys[pa.a.ID] = pa.titleKeys
	}
	cat.TitleKeys = make([]string, len(kept))
	for i, a := range kept {
		if k, ok := newKeys[a.ID]; ok {
			cat.TitleKeys[i] = k
		} else {
			cat.TitleKeys[i] = ix.titleKeys[a.ID]
		}
	}
	// the stance passages: a changed or removed article's old ones out,
	// the new articles' in
	stances := make([]corpus.Passage, 0, len(cat.Stances))
	for _, p := range cat.Stances {
		if !removed[p.ArticleID] {
			stances = append(stances, p)
		}
	}
	for _, pa := range adds {
		for _, p := range pa.passages {
			if len(p.Stances) > 0 {
				stances = append(stances, stancePassage(p))
			}
		}
	}
	cat.Stances = stances
	var err error
	if cat.Words, err = d.applyWords(cat.Words); err != nil {
		return nil, err
	}
	cat.Phrases = d.applyPhrases(cat.Phrases)
	applyCounts(cat.SpeakerCounts, d.speakers)
	applyCounts(cat.ActorCounts, d.actors)
	cat.Speakers, cat.Actors = sortedKeys(cat.SpeakerCounts), sortedKeys(cat.ActorCounts)

	if h.path != "" {
		if err := h.persist(ctx, ix, cat, sums); err != nil {
			return nil, err
		}
	}
	next := ix.successor()
	if err := next.setCatalog(cat); err != nil {
		return nil, err
	}
	h.refs.Add(1)
	return next, nil
}

// successor is a new value over the same Bleve index and settings, with
// empty caches; setCatalog fills it.
func (ix *Index) successor() *Index {
	n := &Index{bi: ix.bi, m: ix.m, textAn: ix.textAn, synAn: ix.synAn, wordAn: ix.wordAn,
		onePass: ix.onePass, textOptions: ix.textOptions, synOptions: ix.synOptions,
		passageCache: lru.NewSized(cachedPassageBytes, passageSize),
		spellCache:   lru.NewSized(cachedWordBytes, wordSize),
		reused:       ix.reused, log: ix.log, onDamage: ix.onDamage, live: ix.live, later: ix.later}
	if ix.resultCache != nil {
		n.resultCache = lru.NewSized(cachedResultBytes, resultSize)
	}
	return n
}

// persist keeps DIR/current's manifest true after an update: the
// catalog, the sums of the files that changed, the corpus's fingerprint.
func (h *liveHandle) persist(ctx context.Context, ix *Index, cat catalog, sums map[string]*corpus.FileSum) error {
	full := false
	if h.updates >= liveCompactEvery {
		waits := persisterWaits(h.bi)
		if err := ix.compact(ctx, h.bi); err != nil {
			return fmt.Errorf("merge index %s: %w", h.path, err)
		}
		settle(ctx, h.bi, waits)
		h.updates, full = 0, true
	}
	if err := writeCatalogAtomic(h.path, cat); err != nil {
		return err
	}
	man := h.man
	var corpusSums []corpus.FileSum
	for _, s := range man.corpusSums() {
		if _, changed := sums[s.Name]; !changed {
			corpusSums = append(corpusSums, s)
		}
	}
	for _, s := range sums {
		if s != nil {
			corpusSums = append(corpusSums, *s)
		}
	}
	sort.Slice(corpusSums, func(i, j int) bool { return corpusSums[i].Name < corpusSums[j].Name })
	man.setCorpusSums(corpusSums, false)
	man.Content = corpus.FingerprintOf(corpusSums)
	if man.sumsDamaged {
		// the sums list only the files updated since they were found
		// damaged: no fingerprint, so the next start checks the corpus
		// whole (and rebuilds if it changed)
		man.Content = ""
	}
	man.Passages = cat.Passages
	man.Built = time.Now().UTC().Format(time.RFC3339Nano)
	return h.writeManifest(man, full, true)
}

// persisterWaits is how often scorch's persister has gone idle: it
// removes the Bolt root's old snapshots and unused segment files just
// before, so a count past the one read before a batch means the files
// are as they will stay.
func persisterWaits(bi bleve.Index) uint64 {
	adv, err := bi.Advanced()
	if err != nil {
		return 0
	}
	sc, ok := adv.(*scorch.Scorch)
	if !ok {
		return 0
	}
	v, _ := sc.StatsMap()["TotPersistLoopWait"].(uint64)
	return v
}

// settleWait bounds the wait for the persister to go idle.
const settleWait = 2 * time.Second

// settle waits until the persister has gone idle since it counted before.
func settle(ctx context.Context, bi bleve.Index, before uint64) {
	ctx, cancel := context.WithTimeout(ctx, settleWait)
	defer cancel()
	_ = waitUntil(ctx, 2*time.Millisecond, func() bool { return persisterWaits(bi) > before })
}

// mutableFiles are the files of an index that change in place: every
// other file (a segment, Bleve's metadata) is written once under a name
// of its own, so the same name and size mean the same bytes.
var mutableFiles = map[string]bool{"store/root.bolt": true, catalogName: true}

// resumFiles checksums dir's files again: only those that are new,
// changed size or change in place, unless all. A file gone by the time it
// is read is left out instead of failing the update: after a merge
// scorch's persister removes the segments it replaced while the files
// are being listed. (Every file still there is summed, replaced or not:
// the next start takes a file on disk the manifest does not list for
// damage, and after Close the directory stays as it is.)
func resumFiles(dir string, old map[string]fileSum, all bool) (map[string]fileSum, error) {
	names, err := listFiles(dir)
	if err != nil {
		return nil, err
	}
	out := map[string]fileSum{}
	var reread []string
	for _, rel := range names {
		s, ok := old[rel]
		if !ok || all || mutableFiles[rel] {
			reread = append(reread, rel)
			continue
		}
		info, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return nil, err
		case info.Size() == s.Size:
			out[rel] = s
		default:
			reread = append(reread, rel)
		}
	}
	sums, err := sumNames(dir, reread)
	for n, s := range sums {
		out[n] = s
	}
	return out, err
}

// writeCatalogAtomic replaces dir's catalog through a synced temporary
// file and a rename.
func writeCatalogAtomic(dir string, c catalog) error {
	b, err := encodeCatalog(c)
	if err != nil {
		return fmt.Errorf("write catalog: %w", err)
	}
	return writeAtomic(dir, catalogName, b)
}

func writeAtomic(dir, name string, data []byte) error {
	f, err := os.CreateTemp(dir, ".tmp-"+name+"-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		os.Remove(tmp)
		return err
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// countsOf is a copy of counts, or, for a catalog written before counts
// were kept, one for each name.
func countsOf(counts map[string]int, names []string) map[string]int {
	out := make(map[string]int, max(len(counts), len(names)))
	if counts == nil {
		for _, n := range names {
			out[n] = 1
		}
		return out
	}
	for k, v := range counts {
		out[k] = v
	}
	return out
}

func applyCounts(counts, delta map[string]int) {
	for k, n := range delta {
		if counts[k] += n; counts[k] <= 0 {
			delete(counts, k)
		}
	}
}

func withoutProblemsOf(ps []corpus.Problem, name string) []corpus.Problem {
	out := ps[:0]
	for _, p := range ps {
		if filepath.Base(p.Path) != name {
			out = append(out, p)
		}
	}
	return out
}

// delta is what an update changes in the catalog's counts.
type delta struct {
	words    map[string]int64
	phrases  map[string]int
	speakers map[string]int
	actors   map[string]int
}

func newDelta() *delta {
	return &delta{words: map[string]int64{}, phrases: map[string]int{}, speakers: map[string]int{}, actors: map[string]int{}}
}

// passage counts a stored passage in or out (sign), analysing it again.
func (d *delta) passage(ix *Index, p corpus.Passage, sign int) {
	an := ix.onePass.analyse(p.Text)
	d.analysed(p, an.words, an.phrases, sign)
}

func (d *delta) analysed(p corpus.Passage, words, phrases []string, sign int) {
	for _, w := range words {
		d.words[w] += int64(sign)
	}
	for _, ph := range phrases {
		d.phrases[ph] += sign
	}
	for _, s := range p.Speakers {
		d.speakers[s] += sign
		d.phrase(s, 3*sign)
	}
	for _, s := range p.Actors {
		d.actors[s] += sign
		d.phrase(s, 3*sign)
	}
}

// phrase weighs a title, speaker or actor as a completion, as a build does.
func (d *delta) phrase(s string, n int) {
	if k := phraseKey(s); k != "" {
		d.phrases[k] += n
	}
}

// applyWords gives the word dictionary with the delta's counts applied:
// the old dictionary and the changed words, both in byte order, merged
// into a new FST.
func (d *delta) applyWords(data []byte) ([]byte, error) {
	changed := make([]string, 0, len(d.words))
	for w, n := range d.words {
		if n != 0 {
			changed = append(changed, w)
		}
	}
	if len(changed) == 0 {
		return data, nil
	}
	sort.Strings(changed)
	var buf bytes.Buffer
	b, err := vellum.New(&buf, nil)
	if err != nil {
		return nil, err
	}
	insert := func(w string, n int64) error {
		if n <= 0 {
			return nil
		}
		if err := b.Insert([]byte(w), uint64(n)); err != nil {
			return fmt.Errorf("word dictionary: %w", err)
		}
		return nil
	}
	i := 0
	if len(data) > 0 {
		f, err := vellum.Load(data)
		if err != nil {
			return nil, fmt.Errorf("word dictionary: %w", err)
		}
		it, err := f.Iterator(nil, nil)
		for err == nil {
			k, v := it.Current()
			w := string(k)
			for ; i < len(changed) && changed[i] < w; i++ {
				if err := insert(changed[i], d.words[changed[i]]); err != nil {
					return nil, err
				}
			}
			n := int64(v)
			if i < len(changed) && changed[i] == w {
				n += d.words[w]
				i++
			}
			if err := insert(w, n); err != nil {
				return nil, err
			}
			err = it.Next()
		}
	}
	for ; i < len(changed); i++ {
		if err := insert(changed[i], d.words[changed[i]]); err != nil {
			return nil, err
		}
	}
	if err := b.Close(); err != nil {
		return nil, fmt.Errorf("word dictionary: %w", err)
	}
	return buf.Bytes(), nil
}

// applyPhrases gives the completion phrases with the delta's counts
// applied: a phrase needs two occurrences, as in a build, and the most
// frequent maxPhrases are kept.
func (d *delta) applyPhrases(old []catalogPhrase) []catalogPhrase {
	counts := make(map[string]int, len(old)+len(d.phrases))
	for _, p := range old {
		counts[p.Text] = p.Count
	}
	for k, n := range d.phrases {
		counts[k] += n
	}
	out := make([]catalogPhrase, 0, len(counts))
	for k, n := range counts {
		if n >= 2 {
			out = append(out, catalogPhrase{k, n})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Text < out[j].Text
	})
	if len(out) > maxPhrases {
		out = out[:maxPhrases]
	}
	return out
}
