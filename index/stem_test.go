package index

import (
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
)

// The cached stemmer gives Bleve's stems, cached or not, and never
// writes into the text the tokens point at.
func TestStemCacheMatchesSnowball(t *testing.T) {
	words := []string{"guarantees", "guarantee", "pledged", "pledging", "troops", "skies", "running", "ceasefire", "Zelenskyy", "generously", "pledged",
		"abilities", "generous", "troop"} // stems of stems: each word is stemmed once
	ref := en.NewEnglishStemmerFilter()
	for round := range 2 { // the second round is answered from the cache
		for _, w := range words {
			src := []byte(w)
			got := stems.Filter(analysis.TokenStream{{Term: src[:len(w):len(w)]}})[0].Term
			want := ref.Filter(analysis.TokenStream{{Term: []byte(w)}})[0].Term
			if string(got) != string(want) {
				t.Errorf("round %d: stem(%q) = %q, want %q", round, w, got, want)
			}
			if string(src) != w {
				t.Errorf("round %d: the text of %q became %q", round, w, src)
			}
		}
	}
}

// A stream mixing cached and new words is stemmed once each, in place.
func TestStemCacheMixedStream(t *testing.T) {
	ref := en.NewEnglishStemmerFilter()
	words := []string{"negotiations", "negotiating", "xylophonists", "negotiations", "quizzically"}
	stems.Filter(analysis.TokenStream{{Term: []byte("negotiations")}}) // cached before
	in := make(analysis.TokenStream, len(words))
	for i, w := range words {
		in[i] = &analysis.Token{Term: []byte(w)}
	}
	out := stems.Filter(in)
	for i, w := range words {
		if want := ref.Filter(analysis.TokenStream{{Term: []byte(w)}})[0].Term; string(out[i].Term) != string(want) {
			t.Errorf("stem(%q) = %q, want %q", w, out[i].Term, want)
		}
	}
}
