package index

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"sync/atomic"

	"talkbot/corpus"
)

// corpusCheck is the check of the corpus files that Options.CheckLater
// leaves until after the index answers.
type corpusCheck struct {
	fingerprint func(known []corpus.FileSum) (string, []corpus.FileSum)
	known       func() []corpus.FileSum // the sums the manifest keeps, read on first use
	content     string                  // the manifest's fingerprint of them
}

// pendingCheck holds the check until CorpusChanges takes it. The values
// a live update makes share it with the one opened: an update that comes
// first (a file event, an article added) must not lose it.
type pendingCheck struct{ check atomic.Pointer[corpusCheck] }

// CorpusChanges checks the corpus files against what an index opened
// with Options.CheckLater was built from, reading only the files whose
// size or modification time changed, and names the files added, changed
// or gone since: the changes for Update. checked is false when there was
// nothing to check: an index checked when it was opened, or a check
// already done (only the first call that succeeds checks; a failed one
// leaves it for the next). The files whose content
// is unchanged have their sums kept again (their times may have changed:
// a copy, a checkout, a file added live and read as it was written), so
// that the next start need not read them.
func (ix *Index) CorpusChanges(ctx context.Context) (names []string, checked bool, err error) {
	if ix.later == nil {
		return nil, false, nil
	}
	c := ix.later.check.Swap(nil)
	if c == nil {
		return nil, false, nil
	}
	known := c.known()
	fp, now := c.fingerprint(known)
	if err := ctx.Err(); err != nil {
		ix.later.check.CompareAndSwap(nil, c) // left for a later call
		return nil, true, err
	}
	if len(now) == 0 {
		// a directory gone, unreadable or emptied: taking that as every
		// article removed would empty the index on a failed mount. The
		// check is left for a later call (a mount that comes back).
		ix.later.check.CompareAndSwap(nil, c)
		return nil, true, errors.New("no article file could be read in the corpus directory")
	}
	if len(known) == 0 {
		return ix.changesWithoutSums(fp == c.content, now), true, nil
	}
	if fresh := refreshedSums(known, now); !sameSums(fresh, known) {
		ix.keepCorpusSums(known, fresh)
	}
	return sumsChanged(known, now), true, nil
}

// changesWithoutSums is CorpusChanges when the sums the index was built
// from could not be read (a damaged file): the fingerprint still says
// whether anything changed. If nothing did, the sums are kept again;
// otherwise every file is taken in again, and the articles whose file is
// gone are removed.
func (ix *Index) changesWithoutSums(same bool, now []corpus.FileSum) []string {
	if same {
		ix.keepCorpusSums(nil, now)
		return nil
	}
	names := make([]string, 0, len(now))
	present := make(map[string]bool, len(now))
	for _, s := range now {
		names = append(names, s.Name)
		present[corpus.IDOf(s.Name)] = true
	}
	for id, a := range ix.articles {
		if !present[id] {
			names = append(names, filepath.Base(a.Path))
		}
	}
	slices.Sort(names)
	return names
}

// refreshedSums is was with the sums now gives for the files whose
// content is unchanged (their times may not be: touched, or read again
// after a sum that could not be trusted); the others keep was's, for the
// update that takes them in to replace.
func refreshedSums(was, now []corpus.FileSum) []corpus.FileSum {
	nowOf := make(map[string]corpus.FileSum, len(now))
	for _, s := range now {
		nowOf[s.Name] = s
	}
	out := make([]corpus.FileSum, len(was))
	for i, s := range was {
		if n, ok := nowOf[s.Name]; ok && n.SHA256 == s.SHA256 {
			s = n
		}
		out[i] = s
	}
	return out
}

// keepCorpusSums writes sums in place of was, best effort, unless an
// update has written others since was was read (its sums stand). Only a
// live index has a place for them.
func (ix *Index) keepCorpusSums(was, now []corpus.FileSum) {
	h := ix.live
	if h == nil || h.path == "" {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if !sameSums(h.man.corpusSums(), was) {
		return
	}
	if writeCorpusSums(h.path, now) == nil {
		h.man.setCorpusSums(now, true)
	}
}

// sameSums reports whether two lists of sums say the same of each file,
// times compared as instants.
func sameSums(a, b []corpus.FileSum) bool {
	return slices.EqualFunc(a, b, func(x, y corpus.FileSum) bool {
		return x.Name == y.Name && x.Size == y.Size && x.SHA256 == y.SHA256 && x.ModTime.Equal(y.ModTime)
	})
}

// sumsChanged names the files whose content differs between two lists
// of sums: added, removed, or with another hash. A file that could not be
// read has no sum now, so it is named too: reading it again says why.
func sumsChanged(was, now []corpus.FileSum) []string {
	hashOf := make(map[string]string, len(was))
	for _, s := range was {
		hashOf[s.Name] = s.SHA256
	}
	var names []string
	for _, s := range now {
		if h, ok := hashOf[s.Name]; !ok || h != s.SHA256 {
			names = append(names, s.Name)
		}
		delete(hashOf, s.Name)
	}
	for name := range hashOf {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}
