package answer

import (
	"reflect"
	"testing"

	"talkbot/corpus"
	"talkbot/corpus/annotate"
)

func art(id, date string, approx bool) corpus.Article {
	d, err := corpus.ParseDate(date)
	if err != nil {
		panic(err)
	}
	return corpus.Article{ID: id, Published: d, PublishedApproximate: approx, URL: "https://example.org/" + id}
}

func rec(actor string, k annotate.Kind, a corpus.Article, seq int) stanceRecord {
	return stanceRecord{actor: actor, kind: k, article: a,
		passage: corpus.Passage{ID: corpus.PassageID(a.ID, seq), Text: a.ID + " passage", Seq: seq}}
}

func TestGroupStancesNewestDecides(t *testing.T) {
	old, mid, recent := art("old", "2025-04-25", true), art("mid", "2025-08-26", false), art("new", "2026-01-06", true)
	recs := []stanceRecord{
		rec("United Kingdom", annotate.Unclear, old, 0),
		rec("United Kingdom", annotate.Pledged, recent, 1),
		rec("United States", annotate.Pledged, old, 2),
		rec("United States", annotate.Declined, mid, 3),
		rec("Croatia", annotate.Declined, recent, 4),
		rec("France", annotate.Pledged, recent, 5),
		rec("France", annotate.Pledged, mid, 6),
		// the same article says both: the refusal wins the tie
		rec("Spain", annotate.Pledged, recent, 7),
		rec("Spain", annotate.Declined, recent, 8),
	}
	for i := range recs {
		recs[i].order = i
	}
	got := groupStances("troops", recs)
	if n := names(got.Pledged); !reflect.DeepEqual(n, []string{"France", "United Kingdom"}) {
		t.Errorf("pledged = %q", n)
	}
	if n := names(got.Declined); !reflect.DeepEqual(n, []string{"Croatia", "Spain", "United States"}) {
		t.Errorf("declined = %q", n)
	}
	if len(got.Unclear) != 0 {
		t.Errorf("unclear = %q", names(got.Unclear))
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
