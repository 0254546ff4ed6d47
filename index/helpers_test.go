package index

import (
	"context"
	"sync"
	"testing"

	"talkbot/corpus"
)

// bundled loads the embedded corpus once for all tests.
var bundled = sync.OnceValues(func() ([]corpus.Article, []corpus.Passage) {
	arts, _ := corpus.Load(corpus.Bundled())
	ps := corpus.AllPassages(arts)
	return arts, ps
})

var bundledIndex = sync.OnceValues(func() (*Index, error) {
	arts, ps := bundled()
	return Open(context.Background(), arts, ps, Options{})
})

func openBundled(t testing.TB) *Index {
	t.Helper()
	ix, err := bundledIndex()
	if err != nil {
		t.Fatalf("open bundled index: %v", err)
	}
	return ix
}
