package index

import (
	"context"
	"errors"
	"slices"
	"sync/atomic"
	"time"

	"talkbot/corpus"
)

// corpusCheck is the check of the corpus files that Options.CheckLater
// leaves until after the index answers.
type corpusCheck struct {
	fingerprint func(known []corpus.FileSum, since time.Time) (string, []corpus.FileSum)
	known       []corpus.FileSum // the sums the manifest keeps
	since       time.Time        // when the index was built from them
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
// already taken (only the first call checks).
func (ix *Index) CorpusChanges(ctx context.Context) (names []string, checked bool, err error) {
	if ix.later == nil {
		return nil, false, nil
	}
	c := ix.later.check.Swap(nil)
	if c == nil {
		return nil, false, nil
	}
	_, now := c.fingerprint(c.known, c.since)
	if err := ctx.Err(); err != nil {
		return nil, true, err
	}
	if len(now) == 0 {
		// a directory gone, unreadable or emptied: taking that as every
		// article removed would empty the index on a failed mount
		return nil, true, errors.New("no article file could be read in the corpus directory")
	}
	return sumsChanged(c.known, now), true, nil
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
