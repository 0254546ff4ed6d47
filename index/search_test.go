package index

import (
	"context"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"talkbot/corpus"
)

func openSmallMem(t *testing.T) *Index {
	t.Helper()
	arts, ps := small()
	ix, err := Open(context.Background(), arts, ps, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func TestHostileInput(t *testing.T) {
	ix := openSmallMem(t)
	inputs := []string{"", "   ", strings.Repeat("troops ", 1500), strings.Repeat("x", 10000), "troops:", `+-"`, "*", "?", "~~~^2",
		"title:foo AND (", "日本語のテキスト", "Zelenskyy’s café", "\x00\xff\xfe", "🙂🙂", `\`, "/regex/", "a b c d e f g"}
	for _, in := range inputs {
		res, err := ix.Search(context.Background(), Query{Text: in, Limit: 100})
		if err != nil {
			t.Errorf("%.30q: %v", in, err)
		}
		if strings.TrimSpace(in) == "" && len(res.Hits) != 0 {
			t.Errorf("empty query returned hits")
		}
		if in == "*" && len(res.Hits) != 0 {
			t.Errorf("* matched everything")
		}
	}
	if res, _ := ix.Search(context.Background(), Query{Text: "troops:"}); len(res.Hits) == 0 {
		t.Error("troops: found nothing; want the soldiers passage")
	}
}

func TestSynonymsAndFolding(t *testing.T) {
	ix := openSmallMem(t)
	for q, want := range map[string]string{
		"troops":                         "a2/1", // soldiers
		"Britain":                        "a2/1", // United Kingdom
		"Kiev":                           "a1/1",
		"United States guarantees":       "a1/1", // U.S.
		"Zelenskyys cafe":                "a1/2", // curly apostrophe, accent
		"cease-fire":                     "a2/1",
		"who will send the peacekeepers": "a2/1",
	} {
		mustFind(t, ix, q, want)
	}
	if got := ix.Synonyms("kyiv"); strings.Join(got, ",") != "Kyiv,Kiev" {
		t.Errorf("Synonyms(kyiv) = %v", got)
	}
	if ix.Synonyms("zzz") != nil {
		t.Error("Synonyms of an unknown word")
	}
}

var boldRE = regexp.MustCompile(`\*\*([^*]+)\*\*`)

func TestHighlightOnOriginalText(t *testing.T) {
	ix := openSmallMem(t)
	res, err := ix.Search(context.Background(), Query{Text: "US security guarantees", Limit: 10})
	if err != nil || len(res.Hits) == 0 {
		t.Fatal(err, res)
	}
	for _, h := range res.Hits {
		if strings.ReplaceAll(h.Highlighted, "**", "") != h.Passage.Text {
			t.Errorf("highlight changed the text:\n%s\n%s", h.Highlighted, h.Passage.Text)
		}
		if !strings.Contains(h.Highlighted, "**") {
			t.Errorf("no marker in %q", h.Highlighted)
		}
	}
	h := res.Hits[0]
	if h.Passage.ID != "a1/1" {
		t.Fatalf("top %s", h.Passage.ID)
	}
	var bold []string
	for _, m := range boldRE.FindAllStringSubmatch(h.Highlighted, -1) {
		bold = append(bold, m[1])
	}
	if got := strings.Join(bold, "|"); got != "U.S|security|guarantees" {
		t.Errorf("bold words %q", got)
	}
	res, _ = ix.Search(context.Background(), Query{Text: "zelenskyy cafe"})
	if len(res.Hits) == 0 || !strings.Contains(res.Hits[0].Highlighted, "**Zelenskyy’s** **café**") {
		t.Errorf("curly/accented highlight: %+v", res.Hits)
	}
}

func TestDedupeNearIdentical(t *testing.T) {
	ix := openSmallMem(t)
	res, _ := ix.Search(context.Background(), Query{Text: "France United Kingdom soldiers", Limit: 10})
	n := 0
	for _, h := range res.Hits {
		if h.Passage.ID == "a2/1" || h.Passage.ID == "a2/2" {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("near-identical passages returned %d times", n)
	}
}

func TestSuggestion(t *testing.T) {
	ix := openSmallMem(t)
	res, _ := ix.Search(context.Background(), Query{Text: "Starmr hardest yrds"})
	if res.Suggestion != "Starmer hardest yards" {
		t.Errorf("suggestion %q", res.Suggestion)
	}
	if len(res.Hits) == 0 || res.Hits[0].Passage.ID != "a2/0" {
		t.Errorf("corrected search: %+v", res.Hits)
	}
	res, _ = ix.Search(context.Background(), Query{Text: "guarentees"})
	if res.Suggestion != "guarantees" || len(res.Hits) == 0 {
		t.Errorf("guarentees: %q %d hits", res.Suggestion, len(res.Hits))
	}
	// English words the corpus lacks are no typos: "belong" is not "along"
	res, _ = ix.Search(context.Background(), Query{Text: "nations that belong to the coalition"})
	if res.Suggestion != "" {
		t.Errorf("an English word was respelt: %q", res.Suggestion)
	}
	res, _ = ix.Search(context.Background(), Query{Text: "Kiev"})
	if res.Suggestion != "" {
		t.Errorf("a synonym variant was respelt: %q", res.Suggestion)
	}
	res, _ = ix.Search(context.Background(), Query{Text: "qqqqzzzz"})
	if res.Total != 0 || res.Suggestion != "" || len(res.Hits) != 0 {
		t.Errorf("nonsense: %+v", res)
	}
}

func TestFilters(t *testing.T) {
	ix := openSmallMem(t)
	ctx := context.Background()
	ids := func(res Result) string {
		var s []string
		for _, h := range res.Hits {
			s = append(s, h.Passage.ID)
		}
		return strings.Join(s, ",")
	}
	day := func(s string) time.Time { d, _ := corpus.ParseDate(s); return d.Time }
	cases := []struct {
		q    Query
		want string
	}{
		{Query{Publisher: "al jazeera", Limit: 10}, "a2/0,a2/1"}, // newest first, dedupe drops a2/2
		{Query{Publisher: "RIGHTSPEAK", Limit: 10}, "a1/0,a1/1,a1/2"},
		{Query{Publisher: "york", Text: "guarantees", Limit: 10}, "a1/0,a1/1"},
		{Query{Publisher: "nobody"}, ""},
		{Query{Text: "guarantees", From: day("2026-01-01")}, ""},
		{Query{Text: "Starmer", To: day("2026-01-06"), From: day("2026-01-06")}, "a2/0"},
		// dates: open ends, bounds outside the corpus, a range across a
		// year boundary, and an empty range
		{Query{Publisher: "rightspeak", To: day("2025-08-17"), Limit: 10}, "a1/0,a1/1,a1/2"},
		{Query{Publisher: "rightspeak", To: day("2025-08-16"), Limit: 10}, ""},
		{Query{Publisher: "al jazeera", From: day("1990-01-01"), To: day("2099-12-31"), Limit: 10}, "a2/0,a2/1"},
		{Query{Text: "guarantees Starmer", From: day("2025-08-18"), To: day("2026-01-06")}, "a2/0"},
		{Query{Text: "guarantees Starmer", From: day("2025-08-17"), To: day("2026-01-05")}, "a1/0,a1/1"},
		{Query{Text: "guarantees", From: day("2026-02-01"), To: day("2025-01-01")}, ""},
		{Query{Text: "guarantees", To: day("1999-01-01")}, ""},
		{Query{Speaker: "keir starmer"}, "a2/0"},
		{Query{Actor: "Russia"}, "a1/1"},
		{Query{Actor: "France", Text: "ceasefire"}, "a2/1"},
		{Query{Limit: 10, Offset: 1, Publisher: "rightspeak"}, "a1/1,a1/2"},
	}
	for _, c := range cases {
		res, err := ix.Search(ctx, c.q)
		if err != nil {
			t.Errorf("%+v: %v", c.q, err)
			continue
		}
		got := ids(res)
		if c.q.Text != "" { // ranking order is not what this test checks
			g := strings.Split(got, ",")
			sort.Strings(g)
			got = strings.Join(g, ",")
		}
		if got != c.want {
			t.Errorf("%+v: got %q, want %q", c.q, got, c.want)
		}
	}
}

func TestMaxPerArticle(t *testing.T) {
	ix := openSmallMem(t)
	res, err := ix.Search(context.Background(), Query{Text: "trump", MaxPerArticle: 1, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || res.Hits[0].Passage.ArticleID != "a1" {
		t.Fatalf("got %+v", res.Hits)
	}
}

func TestLookups(t *testing.T) {
	ix := openSmallMem(t)
	arts := ix.Articles()
	if len(arts) != 2 || arts[0].ID != "a2" {
		t.Fatalf("Articles not newest first: %v", arts)
	}
	p, ok := ix.Passage("a1/1")
	if !ok || p.Seq != 1 || p.ArticleID != "a1" || !strings.HasPrefix(p.Text, "Kyiv") || len(p.Actors) != 3 {
		t.Fatalf("Passage: %+v %v", p, ok)
	}
	before, after := ix.Neighbours(p)
	if !strings.HasPrefix(before, "President") || !strings.HasPrefix(after, "Trump’s") {
		t.Errorf("Neighbours: %q / %q", before, after)
	}
	if _, ok := ix.Passage("nope/9"); ok {
		t.Error("unknown passage found")
	}
	if got := strings.Join(ix.Publishers(), "|"); got != "234Radio|Al Jazeera|New York Post|RightSpeak" {
		t.Errorf("Publishers %q", got)
	}
	if got := strings.Join(ix.Speakers(), "|"); got != "Keir Starmer|Trump" {
		t.Errorf("Speakers %q", got)
	}
	if ix.PassageCount() != 6 {
		t.Errorf("PassageCount %d", ix.PassageCount())
	}
	if got := ix.Complete("hard", 5); len(got) == 0 || got[0] != "hardest" && !strings.HasPrefix(got[0], "hard") {
		t.Errorf("Complete(hard) = %v", got)
	}
	if got := ix.Complete("security guar", 5); len(got) == 0 || got[0] != "security guarantees" {
		t.Errorf("Complete(security guar) = %v", got)
	}
	for _, in := range []string{"", "*", strings.Repeat("z", 5000), "\xff"} {
		_ = ix.Complete(in, 25) // must not panic
	}
}

// The result cache must be invisible: the same answer as a fresh search,
// and a caller changing its copy must not change what the next caller
// gets.
func TestResultCacheIsInvisible(t *testing.T) {
	ix := openBundled(t)
	ctx := context.Background()
	q := Query{Text: "who will lead the ceasefire monitoring", Limit: 3}
	fresh, err := ix.search(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	first, _ := ix.Search(ctx, q)
	first.Hits[0] = Hit{}
	second, _ := ix.Search(ctx, q)
	if len(second.Hits) != len(fresh.Hits) || second.Hits[0].Passage.ID != fresh.Hits[0].Passage.ID || second.Hits[0].Highlighted != fresh.Hits[0].Highlighted {
		t.Fatalf("cached result differs from a fresh search: %+v vs %+v", second.Hits, fresh.Hits)
	}
}

// A person named in full is one idea of the question, which a passage
// naming them by the surname alone holds: "Kushner referred to the
// meeting as ..." answers "how did Jared Kushner describe the summit".
func TestFullNameIsOneConcept(t *testing.T) {
	ix := openSmallMem(t)
	cs, _ := ix.concepts("how did Jared Kushner describe the summit")
	var got []string
	for _, c := range cs {
		got = append(got, strings.Join(c.terms, "+"))
	}
	if strings.Join(got, ",") != "kushner+jare,describ,summit" {
		t.Errorf("concepts %v", got)
	}
	ix = openMem(t, []testArticle{
		{"n1", "Paris", []string{"Jared Kushner and Steve Witkoff attended the summit in Paris, as did Jared's aides."}},
		{"n2", "Paris", []string{`Kushner referred to the summit as "a very, very big milestone."`}},
	})
	res, err := ix.Search(context.Background(), Query{Text: "how did Jared Kushner describe the summit", Limit: 2})
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("%v, %d hits", err, len(res.Hits))
	}
	if !strings.Contains(res.Hits[0].Passage.Text, "milestone") {
		t.Errorf("first: %q", res.Hits[0].Passage.Text)
	}
}

// TestHitPassagesByNumber: a hit's passage read through its internal
// document number is the passage read by its id, on an index of several
// segments (a live index after updates); a number that names another
// document is not taken for it.
func TestHitPassagesByNumber(t *testing.T) {
	ctx := context.Background()
	dir := copyBundled(t)
	ix, err := OpenSource(ctx, corpus.SourceOf(dir), Options{Dir: t.TempDir(), Live: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"zanzibarite", "quokkaite"} {
		ix = addLiveArticle(t, ix, dir, "2026-02-01-"+w+".md", w)
	}
	defer ix.Close()
	hp := ix.hitPassages()
	defer hp.close()
	if hp.snap == nil || len(hp.snap.Segments()) < 2 {
		t.Fatalf("want a scorch snapshot of several segments, got %v", hp.snap != nil)
	}
	sr, err := ix.bi.Search(bleve.NewSearchRequestOptions(bleve.NewMatchQuery("minesweepers troops"), 200, 0, false))
	if err != nil || len(sr.Hits) < 10 {
		t.Fatalf("search: %v, %d hits", err, len(sr.Hits))
	}
	segs := map[int]bool{}
	for _, h := range sr.Hits {
		got, ok := hp.load(h)
		want, wantOK := ix.loadPassage(h.ID)
		if !ok || !wantOK || !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: by number %v %+v, by id %v %+v", h.ID, ok, got, wantOK, want)
		}
		segs[sort.Search(len(hp.offsets), func(x int) bool { return hp.offsets[x] > h.IndexInternalID.Value() })-1] = true
	}
	if len(segs) < 2 {
		t.Errorf("the hits came from %d segment(s); the test needs several", len(segs))
	}
	other := *sr.Hits[0]
	other.IndexInternalID = sr.Hits[1].IndexInternalID
	if _, ok := hp.load(&other); ok {
		t.Error("a number naming another document was taken for the hit")
	}
}
