package index

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	index "github.com/blevesearch/bleve_index_api"
)

// trickyTexts exercise folding, possessives, abbreviations, multi-word
// synonym entries and stop words.
var trickyTexts = []string{
	"The U.S. and the UK’s leaders pledged troops; Zelenskyy’s café is in Kyiv.",
	"United States forces, the coalition of the willing and the E.U said so.",
	"“Security guarantees” — didn't, don't, won’t; Ukraine's 30,000 troops.",
	"", "the of and", "\xff\xfe broken", "Straße ÉLYSÉE naïve U.S.A USA us",
}

func tokenKey(ts analysis.TokenStream) string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = fmt.Sprintf("%s@%d[%d:%d]t%d", t.Term, t.Position, t.Start, t.End, t.Type)
	}
	return fmt.Sprint(out)
}

// checkOnePass fails when analysing s once differs from what each of the
// index's analyzers gives on its own.
func checkOnePass(t *testing.T, ix *Index, s string) {
	t.Helper()
	got := ix.onePass.analyse(s)
	if g, w := tokenKey(got.text), tokenKey(ix.textAn.Analyze([]byte(s))); g != w {
		t.Fatalf("%q: text tokens\n got %s\nwant %s", s, g, w)
	}
	if g, w := tokenKey(got.syn), tokenKey(ix.synAn.Analyze([]byte(s))); g != w {
		t.Fatalf("%q: syn tokens\n got %s\nwant %s", s, g, w)
	}
	words := ix.wordAn.Analyze([]byte(s))
	if g, w := got.words, distinctWords(words); !slices.Equal(g, w) {
		t.Fatalf("%q: words\n got %q\nwant %q", s, g, w)
	}
	if g, w := got.phrases, phrasesBySpan(s, ix.wordAn.Analyze([]byte(s)), stopWords()); !slices.Equal(g, w) {
		t.Fatalf("%q: phrases\n got %q\nwant %q", s, g, w)
	}
}

func TestPassageAnalyzerMatchesAnalyzers(t *testing.T) {
	ix := openBundled(t)
	_, ps := bundled()
	for _, p := range ps {
		checkOnePass(t, ix, p.Text)
	}
	for _, s := range trickyTexts {
		checkOnePass(t, ix, s)
	}
}

func FuzzPassageAnalyzer(f *testing.F) {
	for _, s := range trickyTexts {
		f.Add(s)
	}
	ix, err := bundledIndex()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) { checkOnePass(t, ix, s) })
}

// TestPreparedDocumentsIndexAsMapped builds the bundled corpus twice: as
// the index does (prepared documents, one analysis pass) and through
// Bleve's mapping alone, every field analysed by its own analyzer. Both
// must hold the same terms with the same counts and the same stored text.
func TestPreparedDocumentsIndexAsMapped(t *testing.T) {
	ix := openBundled(t)
	arts, ps := bundled()
	ref, err := bleve.NewUsing("", ix.m, "scorch", "scorch", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	byID := map[string]int{}
	for i, a := range arts {
		byID[a.ID] = i
	}
	batch := ref.NewBatch()
	for _, p := range ps {
		d := passageDoc(&arts[byID[p.ArticleID]], p)
		d[fText], d[fSyn], d[fKind] = p.Text, p.Text, p.Text
		if err := batch.Index(p.ID, d); err != nil {
			t.Fatal(err)
		}
	}
	if err := ref.Batch(batch); err != nil {
		t.Fatal(err)
	}
	reader := func(bi bleve.Index) index.IndexReader {
		adv, err := bi.Advanced()
		if err != nil {
			t.Fatal(err)
		}
		r, err := adv.Reader()
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	dict := func(bi bleve.Index, field string) map[string]uint64 {
		r := reader(bi)
		defer r.Close()
		fd, err := r.FieldDict(field)
		if err != nil {
			t.Fatal(err)
		}
		defer fd.Close()
		out := map[string]uint64{}
		for e, err := fd.Next(); err == nil && e != nil; e, err = fd.Next() {
			out[e.Term] = e.Count
		}
		return out
	}
	for _, field := range []string{fText, fSyn, fKind, fSource, fActor, fSpeaker, fArticle} {
		got, want := dict(ix.bi, field), dict(ref, field)
		if len(got) == 0 && field != fSpeaker {
			t.Errorf("%s: no terms", field)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: prepared documents hold other terms than mapped ones (%d terms, want %d)", field, len(got), len(want))
		}
	}
	// term vectors: the same locations for a common term
	locs := func(bi bleve.Index, field, term string) string {
		r := reader(bi)
		defer r.Close()
		tfr, err := r.TermFieldReader(context.Background(), []byte(term), field, true, true, true)
		if err != nil {
			t.Fatal(err)
		}
		defer tfr.Close()
		var out []string
		for tf, err := tfr.Next(nil); err == nil && tf != nil; tf, err = tfr.Next(nil) {
			id, _ := r.ExternalID(tf.ID)
			for _, l := range tf.Vectors {
				out = append(out, fmt.Sprintf("%s:%d:%d-%d", id, l.Pos, l.Start, l.End))
			}
		}
		slices.Sort(out)
		return fmt.Sprint(out)
	}
	for _, c := range []struct{ field, term string }{{fText, "troop"}, {fSyn, synonyms().groups[0].canon}, {fKind, "quantity"}} {
		if g, w := locs(ix.bi, c.field, c.term), locs(ref, c.field, c.term); g != w || g == "[]" {
			t.Errorf("%s %q: locations differ or none\n got %s\nwant %s", c.field, c.term, g, w)
		}
	}
	for _, p := range ps[:5] {
		got, ok := ix.loadPassage(p.ID)
		if !ok || got.Text != p.Text {
			t.Errorf("stored text of %s: %q", p.ID, got.Text)
		}
	}
}

// phrasesBySpan is what phrasesOf must give: phraseKey of each phrase's
// whole span, as the counter did before it keyed words once.
func phrasesBySpan(s string, toks analysis.TokenStream, stop analysis.TokenMap) []string {
	var out []string
	for i := range toks {
		if stop[string(toks[i].Term)] || len(toks[i].Term) < 2 {
			continue
		}
		for n := 2; n <= 3 && i+n <= len(toks); n++ {
			last := toks[i+n-1]
			if stop[string(last.Term)] || len(last.Term) < 2 {
				continue
			}
			if !adjacentWords(s, toks[i:i+n]) {
				break
			}
			if k := phraseKey(s[toks[i].Start:last.End]); k != "" {
				out = append(out, k)
			}
		}
	}
	return out
}

// phrasesOf keys each word once; the keys must be those of the spans.
func TestPhrasesOfMatchesSpans(t *testing.T) {
	ix := openBundled(t)
	_, ps := bundled()
	texts := append([]string{"Zelenskyy’s  Café\u00a0Plans, U.S. TROOPS and the E.U’s plan", "naïve\u0301 ÉLAN troops"}, trickyTexts...)
	for _, p := range ps {
		texts = append(texts, p.Text)
	}
	stop := stopWords()
	for _, s := range texts {
		toks := ix.wordAn.Analyze([]byte(s))
		if got, want := phrasesOf(s, toks, stop), phrasesBySpan(s, toks, stop); !slices.Equal(got, want) {
			t.Fatalf("%q:\n got %q\nwant %q", s, got, want)
		}
	}
}
