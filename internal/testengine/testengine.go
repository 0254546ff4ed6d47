// Package testengine builds real answer engines for other packages'
// tests: the transports' tests in bot must answer from a real index
// without bot importing index or corpus.
package testengine

import (
	"context"
	"sync"
	"testing"

	"talkbot/answer"
	"talkbot/corpus"
	"talkbot/index"
)

var bundled = sync.OnceValues(func() (*answer.Engine, error) {
	return open(corpus.SourceOf(""))
})

// Bundled is one engine over the bundled articles, shared by every test
// of the process (building it is the slow part). Never close it.
func Bundled(t testing.TB) *answer.Engine {
	t.Helper()
	e, err := bundled()
	if err != nil {
		t.Fatalf("bundled index: %v", err)
	}
	return e
}

// Dir is a new engine over the articles in dir, closed when the test ends.
func Dir(t testing.TB, dir string) *answer.Engine {
	t.Helper()
	e, err := open(corpus.SourceOf(dir))
	if err != nil {
		t.Fatalf("index of %s: %v", dir, err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

func open(src corpus.Source) (*answer.Engine, error) {
	ix, err := index.OpenSource(context.Background(), src, index.Options{})
	if err != nil {
		return nil, err
	}
	return answer.NewEngine(ix), nil
}

// BundledPassages is the text of every passage of the bundled articles,
// for tests that check a reply quotes the source word for word.
var BundledPassages = sync.OnceValue(func() []string {
	arts, _ := corpus.Load(corpus.Bundled())
	var out []string
	for _, p := range corpus.AllPassages(arts) {
		out = append(out, p.Text)
	}
	return out
})
