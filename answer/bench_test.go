package answer

import (
	"context"
	"testing"

	"talkbot/index"
)

// benchTopics are typical /who-pledged topics, a misspelt one included.
var benchTopics = []string{"troops", "logistics", "military hubs", "air defence", "monitoring", "troopps"}

// BenchmarkWhoPledged is one /who-pledged answer on the bundled corpus,
// cycling through the topics (warm after the first round).
func BenchmarkWhoPledged(b *testing.B) {
	e := NewEngine(benchIndex(b))
	ctx := context.Background()
	for i := 0; b.Loop(); i++ {
		if _, err := e.WhoPledged(ctx, in(b, benchTopics[i%len(benchTopics)])); err != nil {
			b.Fatal(err)
		}
	}
}

var benchQuotes = [][2]string{{"Zelenskyy", ""}, {"keir starmer", "military hubs"}, {"Trump", ""},
	{"Merz", "compromises"}, {"Boris Johnson", ""}}

// BenchmarkQuotesBy is one /quote answer on the bundled corpus, cycling
// through speakers (an unknown one and topic filters included).
func BenchmarkQuotesBy(b *testing.B) {
	e := NewEngine(benchIndex(b))
	ctx := context.Background()
	for i := 0; b.Loop(); i++ {
		q := benchQuotes[i%len(benchQuotes)]
		if _, err := e.QuotesBy(ctx, in(b, q[0]), in(b, q[1])); err != nil {
			b.Fatal(err)
		}
	}
}

func benchIndex(b *testing.B) *index.Index {
	b.Helper()
	ix, err := annotateBundled()
	if err != nil {
		b.Fatalf("bundled index: %v", err)
	}
	return ix
}

// BenchmarkWhoPledgedNoAnswerCache skips the answer cache: passages,
// sentences and searches are remembered, the stances are read anew.
func BenchmarkWhoPledgedNoAnswerCache(b *testing.B) {
	e := NewEngine(benchIndex(b))
	for i := 0; b.Loop(); i++ {
		e.whoPledged(benchTopics[i%len(benchTopics)])
	}
}

// BenchmarkWhoPledgedCold starts every answer from an empty memo: the
// first question on a topic after start-up or a reload.
func BenchmarkWhoPledgedCold(b *testing.B) {
	ix := benchIndex(b)
	for i := 0; b.Loop(); i++ {
		NewEngine(ix).whoPledged(benchTopics[i%len(benchTopics)])
	}
}

// BenchmarkQuotesByNoAnswerCache is BenchmarkQuotesBy without the answer
// cache.
func BenchmarkQuotesByNoAnswerCache(b *testing.B) {
	e := NewEngine(benchIndex(b))
	ctx := context.Background()
	for i := 0; b.Loop(); i++ {
		q := benchQuotes[i%len(benchQuotes)]
		if _, err := e.quotesBy(ctx, q[0], q[1]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkQuotesByCold starts every answer from an empty memo.
func BenchmarkQuotesByCold(b *testing.B) {
	ix := benchIndex(b)
	ctx := context.Background()
	for i := 0; b.Loop(); i++ {
		q := benchQuotes[i%len(benchQuotes)]
		if _, err := NewEngine(ix).quotesBy(ctx, q[0], q[1]); err != nil {
			b.Fatal(err)
		}
	}
}
