package index

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"talkbot/corpus"

	"github.com/blevesearch/bleve/v2/index/scorch"
	bindex "github.com/blevesearch/bleve_index_api"
)

// copiesCorpus writes n outlets' articles carrying the same wire
// paragraph, and one article with another paragraph on the subject.
func copiesCorpus(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	write := func(a corpus.Article) {
		b, err := corpus.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, a.ID+".md"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	day := time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC)
	for i := range n {
		write(corpus.Article{
			ID: fmt.Sprintf("2026-01-10-outlet%02d-wire", i), Title: fmt.Sprintf("Wire story %d", i),
			Publisher: fmt.Sprintf("Outlet %02d", i), URL: fmt.Sprintf("https://outlet%02d.example/wire", i),
			Published: corpus.Date{Time: day},
			Paragraphs: []corpus.Paragraph{
				{Text: "Ruritania will send three hundred zanzibarite engineers to rebuild bridges after a ceasefire, its defence ministry said."},
				{Text: fmt.Sprintf("Outlet %02d has its own closing line about the weather in the capital.", i)},
			},
		})
	}
	write(corpus.Article{
		ID: "2026-01-11-gazette-engineers", Title: "Engineers", Publisher: "Gazette", URL: "https://gazette.example/engineers",
		Published: corpus.Date{Time: day.AddDate(0, 0, 1)},
		Paragraphs: []corpus.Paragraph{
			{Text: "Officials in the capital cautioned on Tuesday that, whatever was promised at the summit, the engineers from Ruritania and their zanzibarite equipment would need several months of preparation, new permits and a long journey by rail and road before they could reach any of the damaged crossings."},
		},
	})
	return dir
}

// The first pass's candidates are folded by text before the second pass:
// twelve outlets' copies of a wire paragraph become one candidate, and
// the one result names the outlets whose copies were folded into it.
func TestExactCopiesFoldBeforeSecondPass(t *testing.T) {
	ctx := context.Background()
	ix, err := OpenSource(ctx, corpus.SourceOf(copiesCorpus(t, 12)), Options{Dir: t.TempDir(), NoResultCache: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	r, err := ix.reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	_, _, cls, _, err := ix.queryClauses(ctx, r, "zanzibarite engineers")
	if err != nil {
		t.Fatal(err)
	}
	nums, _, ok, err := ix.firstByMaxScore(ctx, r, cls, nil, 20)
	if err != nil || !ok {
		t.Fatalf("first pass: ok %v, err %v", ok, err)
	}
	if len(nums) != 13 {
		t.Fatalf("first pass chose %d passages, want the 12 copies and the other one", len(nums))
	}
	text := func(num uint64) string {
		t.Helper()
		id, err := r.ExternalID(bindex.NewIndexInternalID(nil, num))
		if err != nil {
			t.Fatal(err)
		}
		p, ok := ix.Passage(id)
		if !ok {
			t.Fatalf("no passage %s", id)
		}
		return p.Text
	}
	kept, copies := foldByText(r.(*scorch.IndexSnapshot), nums)
	if len(kept) != 2 || kept[0] != nums[0] || text(kept[0]) == text(kept[1]) {
		t.Fatalf("kept %v of %v: want the best copy and the other passage", kept, nums)
	}
	if got := len(copies[kept[0]]); got != maxCopies {
		t.Errorf("%d copies remembered, want %d (11 folded, capped)", got, maxCopies)
	}
	for _, c := range copies[kept[0]] {
		if text(c) != text(kept[0]) {
			t.Errorf("folded a different text: %q", text(c))
		}
	}

	res, err := ix.Search(ctx, Query{Text: "zanzibarite engineers", Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 2 || res.Hits[0].Passage.Text == res.Hits[1].Passage.Text {
		t.Fatalf("%d hits, want the wire paragraph and the other passage once each", len(res.Hits))
	}
	for _, h := range res.Hits {
		if h.Article.Publisher == "Gazette" {
			continue
		}
		if got := len(h.Article.OtherPublishers()); got < maxCopies {
			t.Errorf("the wire paragraph names %d other outlets (%s), want at least %d", got, h.Article.SourceLabel(), maxCopies)
		}
	}
}

// A text whose first copies are in articles over the per-article cap is
// shown from another article that carried it, naming the capped ones,
// whether the copies were folded before the second pass or not (before,
// unfolded copies of a capped text were all dropped).
func TestFoldedCopyShownFromAnotherArticle(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	day := time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC)
	for i := range 3 {
		paras := []corpus.Paragraph{{Text: "Ruritania will send three hundred zanzibarite engineers to rebuild bridges after a ceasefire, its defence ministry said."}}
		if i < 2 {
			// the first two outlets' own lead outranks the wire text
			paras = append([]corpus.Paragraph{{Text: fmt.Sprintf("Zanzibarite engineers, zanzibarite engineers: outlet %d's lead.", i)}}, paras...)
		}
		b, err := corpus.Marshal(corpus.Article{
			ID: fmt.Sprintf("2026-01-10-outlet%02d-wire", i), Title: "Wire", Publisher: fmt.Sprintf("Outlet %02d", i),
			URL: fmt.Sprintf("https://outlet%02d.example/wire", i), Published: corpus.Date{Time: day}, Paragraphs: paras,
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("2026-01-10-outlet%02d-wire.md", i)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ix, err := OpenSource(ctx, corpus.SourceOf(dir), Options{Dir: t.TempDir(), NoResultCache: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	defer func(was bool) { foldCopies = was }(foldCopies)
	// folded or not, the text is shown once, from the article under the
	// cap, naming the capped articles that carried it too
	for _, fold := range []bool{true, false} {
		foldCopies = fold
		res, err := ix.Search(ctx, Query{Text: "zanzibarite engineers", Limit: 10, MaxPerArticle: 1})
		if err != nil {
			t.Fatal(err)
		}
		wire := 0
		for _, h := range res.Hits {
			if !strings.HasPrefix(h.Passage.Text, "Ruritania will send") {
				continue
			}
			wire++
			if h.Article.Publisher != "Outlet 02" {
				t.Errorf("folding %v: wire text shown from %s, whose lead is shown already", fold, h.Article.Publisher)
			}
			others := h.Article.OtherPublishers()
			slices.Sort(others)
			if got := strings.Join(others, ", "); got != "Outlet 00, Outlet 01" {
				t.Errorf("folding %v: the wire text names %q as its other outlets, want the two capped ones", fold, got)
			}
		}
		if wire != 1 || len(res.Hits) != 3 {
			t.Errorf("folding %v: %d hits, the wire text %d times: want both leads and the wire text once", fold, len(res.Hits), wire)
		}
	}
}
