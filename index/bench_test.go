package index

import (
	"context"
	"testing"

	"talkbot/corpus"
)

// benchQueries are typical questions, with a misspelling and a filter.
var benchQueries = []Query{
	{Text: "who will lead the ceasefire monitoring"},
	{Text: "US soldiers on the ground"},
	{Text: "Starmr hardest yards"},
	{Text: "mutual defence agreement", Publisher: "rightspeak"},
	{Text: "Kiev security guarantees Oval Office"},
}

// BenchmarkSearch is one highlighted search on the bundled corpus, never
// answered from the result cache (a question asked for the first time).
func BenchmarkSearch(b *testing.B) {
	ix := openBundled(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := ix.search(ctx, benchQueries[i%len(benchQueries)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearchRepeated is the same questions asked again: the result
// cache answers.
func BenchmarkSearchRepeated(b *testing.B) {
	ix := openBundled(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := ix.Search(ctx, benchQueries[i%len(benchQueries)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpenFirstAnswer is start-up: load the embedded corpus, build
// the in-memory index and answer one question.
func BenchmarkOpenFirstAnswer(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		arts, _ := corpus.Load(corpus.Bundled())
		ps := corpus.AllPassages(arts)
		ix, err := Open(ctx, arts, ps, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if res, err := ix.Search(ctx, Query{Text: "who pledged troops?"}); err != nil || len(res.Hits) == 0 {
			b.Fatal(err, res)
		}
		ix.Close()
	}
}
