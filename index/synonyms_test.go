package index

import (
	"context"
	"strings"
	"testing"

	"talkbot/corpus"
)

func TestSynonymsFileParses(t *testing.T) {
	th, err := parseThesaurus(synonymsData, "synonyms.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(th.groups) < 20 {
		t.Fatalf("only %d groups", len(th.groups))
	}
}

func TestSynonymsFileErrorsNameLine(t *testing.T) {
	for _, c := range []struct{ data, want string }{
		{"# c\ntroops\n", "x.txt:2: a group needs at least two"},
		{"troops, soldiers\nforces, soldiers\n", "x.txt:2: \"soldiers\" is also in the group on line 1"},
		{"the, troops\n", "x.txt:1: \"the\" is only stop words"},
	} {
		_, err := parseThesaurus(c.data, "x.txt")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %q", c.data, err, c.want)
		}
	}
}

// A multi-word entry typed as written ranks its exact wording first and
// is highlighted whole; another variant of its group still matches.
func TestMultiWordEntryExact(t *testing.T) {
	arts := []corpus.Article{{ID: "a", Title: "t"}, {ID: "b", Title: "t"}}
	ps := []corpus.Passage{
		{ID: "a/0", ArticleID: "a", Text: "Officials of Britain met the envoys on Monday."},
		{ID: "b/0", ArticleID: "b", Text: "Officials of the United Kingdom met the envoys on Monday."},
	}
	ix, err := Open(context.Background(), arts, ps, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	res, err := ix.Search(context.Background(), Query{Text: "United Kingdom officials", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 2 || res.Hits[0].Passage.ID != "b/0" {
		t.Fatalf("want b/0 then a/0, got %+v", res.Hits)
	}
	if !strings.Contains(res.Hits[0].Highlighted, "**United Kingdom**") || !strings.Contains(res.Hits[1].Highlighted, "**Britain**") {
		t.Errorf("highlights: %q / %q", res.Hits[0].Highlighted, res.Hits[1].Highlighted)
	}
	// the exact-entry term sits beside the group term, never alone
	toks := synonyms().Filter(ix.textAn.Analyze([]byte("the United Kingdom")))
	if len(toks) != 2 || string(toks[0].Term) != "uk" || string(toks[1].Term) != "uk=unit_kingdom" || toks[0].Position != toks[1].Position {
		t.Errorf("syn tokens: %v", toks)
	}
}
