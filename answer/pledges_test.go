package answer

import (
	"reflect"
	"testing"

	"talkbot/corpus"
	"talkbot/corpus/annotate"
)

func testArticle(id, date string, approx bool) corpus.Article {
	d, err := corpus.ParseDate(date)
	if err != nil {
		panic(err)
	}
	return corpus.Article{ID: id, Published: d, PublishedApproximate: approx, URL: "https://example.org/" + id}
}

func testRecord(actor string, k annotate.Kind, a corpus.Article, seq int) stanceRecord {
	return stanceRecord{actor: actor, kind: k, article: a,
		passage: corpus.Passage{ID: corpus.PassageID(a.ID, seq), Text: a.ID + " passage", Seq: seq}}
}

func TestGroupStancesNewestDecides(t *testing.T) {
	old, mid, recent := testArticle("old", "2025-04-25", true), testArticle("mid", "2025-08-26", false), testArticle("new", "2026-01-06", true)
	recs := []stanceRecord{
		testRecord("United Kingdom", annotate.Unclear, old, 0),
		testRecord("United Kingdom", annotate.Pledged, recent, 1),
		testRecord("United States", annotate.Pledged, old, 2),
		testRecord("United States", annotate.Declined, mid, 3),
		testRecord("Croatia", annotate.Declined, recent, 4),
		testRecord("France", annotate.Pledged, recent, 5),
		testRecord("France", annotate.Pledged, mid, 6),
		// the same article says both: the refusal wins the tie
		testRecord("Spain", annotate.Pledged, recent, 7),
		testRecord("Spain", annotate.Declined, recent, 8),
	}
	for i := range recs {
		recs[i].order = i
	}
	got := groupStances("troops", recs)
	if n := actorNames(got.Pledged); !reflect.DeepEqual(n, []string{"France", "United Kingdom"}) {
		t.Errorf("pledged = %q", n)
	}
	if n := actorNames(got.Declined); !reflect.DeepEqual(n, []string{"Croatia", "Spain", "United States"}) {
		t.Errorf("declined = %q", n)
	}
	if len(got.Unclear) != 0 {
		t.Errorf("unclear = %q", actorNames(got.Unclear))
	}
	uk := got.Pledged[1]
	if want := []string{"unclear (2025-04-25, approx.)", "pledged (2026-01-06, approx.)"}; !reflect.DeepEqual(uk.History, want) {
		t.Errorf("UK history = %q, want %q", uk.History, want)
	}
	if len(uk.Quotes) != 1 || uk.Quotes[0].Article.ID != "new" {
		t.Errorf("UK quotes should be the pledge only: %+v", uk.Quotes)
	}
	if got.Pledged[0].History != nil {
		t.Errorf("France never changed, history %q", got.Pledged[0].History)
	}
	if fr := got.Pledged[0]; len(fr.Quotes) != 2 || fr.Quotes[0].Article.ID != "new" {
		t.Errorf("France quotes not newest first: %+v", fr.Quotes)
	}
}

func TestGroupStancesEmpty(t *testing.T) {
	got := groupStances("unicorns", nil)
	if got.Pledged == nil || got.Declined == nil || got.Unclear == nil || got.Topic != "unicorns" {
		t.Fatalf("empty answer must have empty lists (JSON []), got %+v", got)
	}
}
