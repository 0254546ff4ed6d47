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

// testPassage is a passage of article a stating stances; its text is
// unique unless text is given.
func testPassage(a corpus.Article, seq int, txt string, obs ...annotate.Observation) corpus.Passage {
	if txt == "" {
		txt = a.ID + " passage " + string(rune('a'+seq))
	}
	for i := range obs {
		obs[i].Start, obs[i].End = 0, len(txt)
	}
	return corpus.Passage{ID: corpus.PassageID(a.ID, seq), ArticleID: a.ID, Seq: seq, Text: txt, Stances: obs}
}

func obs(actor, topic string, k annotate.Kind) annotate.Observation {
	return annotate.Observation{Actor: actor, Topic: topic, Kind: k}
}

func ledgerFrom(ps []corpus.Passage, arts ...corpus.Article) map[string]*Ledger {
	byID := map[string]corpus.Article{}
	for _, a := range arts {
		byID[a.ID] = a
	}
	return buildLedgers(ps, func(id string) corpus.Article { return byID[id] })
}

func TestLedgerNewestDecides(t *testing.T) {
	old, mid, recent := testArticle("old", "2025-04-25", true), testArticle("mid", "2025-08-26", false), testArticle("new", "2026-01-06", false)
	other := testArticle("other", "2026-01-06", false)
	ps := []corpus.Passage{
		testPassage(old, 0, "", obs("United Kingdom", "troops", annotate.Unclear), obs("United States", "troops", annotate.Pledged)),
		testPassage(recent, 1, "", obs("United Kingdom", "troops", annotate.Pledged)),
		testPassage(mid, 2, "", obs("United States", "troops", annotate.Declined)),
		testPassage(recent, 3, "", obs("Croatia", "troops", annotate.Declined), obs("France", "troops", annotate.Pledged)),
		testPassage(mid, 4, "", obs("France", "troops", annotate.Pledged)),
		// the same article says both: the refusal wins the tie
		testPassage(recent, 5, "", obs("Spain", "troops", annotate.Pledged), obs("Spain", "troops", annotate.Declined)),
		// two articles of the same day disagree: contested, both shown
		testPassage(recent, 6, "", obs("Germany", "troops", annotate.Unclear)),
		testPassage(other, 0, "", obs("Germany", "troops", annotate.Declined)),
		testPassage(recent, 7, "", obs("Russia", "troops", annotate.Opposes), obs("Coalition of the Willing", "troops", annotate.Pledged)),
	}
	got := ledgerFrom(ps, old, mid, recent, other)["troops"].Pledges()
	if n := actorNames(got.Pledged); !reflect.DeepEqual(n, []string{"France", "United Kingdom"}) {
		t.Errorf("pledged = %q", n)
	}
	if n := actorNames(got.Declined); !reflect.DeepEqual(n, []string{"Croatia", "Spain", "United States"}) {
		t.Errorf("declined = %q", n)
	}
	if n := actorNames(got.Contested); !reflect.DeepEqual(n, []string{"Germany"}) || len(got.Contested[0].Quotes) != 2 ||
		!reflect.DeepEqual(got.Contested[0].Between, []string{"declined", "unclear"}) {
		t.Errorf("contested = %+v", got.Contested)
	}
	if n := actorNames(got.Opposes); !reflect.DeepEqual(n, []string{"Russia"}) {
		t.Errorf("opposes = %q", n)
	}
	if n := actorNames(got.Groups); !reflect.DeepEqual(n, []string{"Coalition of the Willing"}) || got.Groups[0].Stance != "pledged" {
		t.Errorf("groups = %+v", got.Groups)
	}
	uk := got.Pledged[1]
	if want := []string{"unclear (2025-04-25, approx.)"}; !reflect.DeepEqual(uk.History, want) {
		t.Errorf("UK history = %q, want %q (only older stances that differ)", uk.History, want)
	}
	if len(uk.Quotes) != 1 || uk.Quotes[0].Article.ID != "new" || uk.Quotes[0].Stance != "pledged" {
		t.Errorf("UK quotes should be the pledge only: %+v", uk.Quotes)
	}
	if got.Pledged[0].History != nil {
		t.Errorf("France never changed, history %q", got.Pledged[0].History)
	}
	if fr := got.Pledged[0]; len(fr.Quotes) != 2 || fr.Quotes[0].Article.ID != "new" || len(fr.Timeline) != 2 {
		t.Errorf("France quotes not newest first: %+v", fr)
	}
}

func TestLedgerSyndicatedOnce(t *testing.T) {
	a, b := testArticle("wire", "2025-09-04", false), testArticle("copy", "2025-09-05", false)
	txt := "Poland would not send soldiers to Ukraine, Tusk said on Thursday after the meeting in Paris."
	ps := []corpus.Passage{
		testPassage(a, 0, txt, obs("Poland", "troops", annotate.Declined)),
		testPassage(b, 0, "UPDATE: "+txt, obs("Poland", "troops", annotate.Declined)),
	}
	l := ledgerFrom(ps, a, b)["troops"]
	if len(l.Actors) != 1 || len(l.Actors[0].Observations) != 1 || l.Actors[0].Observations[0].Copies != 2 {
		t.Fatalf("syndicated copies should count once: %+v", l.Actors)
	}
}

func TestLedgerEmpty(t *testing.T) {
	got := ledgerFrom(nil)["troops"].Pledges()
	if got.Pledged == nil || got.Declined == nil || got.Unclear == nil || got.Contested == nil || got.Groups == nil || got.Topic != "troops" {
		t.Fatalf("empty answer must have empty lists (JSON []), got %+v", got)
	}
}
