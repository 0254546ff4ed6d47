package index

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"time"

	"talkbot/corpus"
)

// corpusCheck is the check of the corpus files that Options.CheckLater
// leaves until after the index answers.
type corpusCheck struct {
	fingerprint func(known []corpus.FileSum, since time.Time) (string, []corpus.FileSum)
	known       []corpus.FileSum // the sums the manifest keeps, by name
	since       time.Time        // when they were taken
	dir         string           // the index directory (Options.Dir)
}

// CorpusChanges checks the corpus files against what an index opened
// with Options.CheckLater was built from, reading only the files whose
// size or modification time changed, and names the files added, changed
// or gone since: the changes for Update. It is nil for an index checked
// when it was opened, and after the first call. Files that were only
// touched have their sums kept again, so that the next start need not
// read them.
func (ix *Index) CorpusChanges(ctx context.Context) ([]string, error) {
	c := ix.later.Swap(nil)
	if c == nil {
		return nil, nil
	}
	_, now := c.fingerprint(c.known, c.since)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if len(now) == 0 {
		// a directory gone, unreadable or emptied: taking that as every
		// article removed would empty the index on a failed mount
		return nil, errors.New("no article file could be read in the corpus directory")
	}
	changed := sumsChanged(c.known, now)
	if len(changed) == 0 && !slices.Equal(now, c.known) {
		ix.keepCorpusSums(c, now)
	}
	return changed, nil
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

// keepCorpusSums records the sums of a corpus whose content is as the
// index holds it (files touched, not changed), best effort. A live index
// keeps them in its manifest too, which the next update writes.
func (ix *Index) keepCorpusSums(c *corpusCheck, sums []corpus.FileSum) {
	path := filepath.Join(c.dir, currentDir)
	if h := ix.live; h != nil {
		h.mu.Lock()
		defer h.mu.Unlock()
		if !slices.Equal(h.man.Corpus, c.known) {
			return // an update came first; its sums stand
		}
		h.man.Corpus = sums
	}
	_ = writeCorpusSums(path, sums)
}
