package index

import (
	"encoding/binary"
	"reflect"
	"testing"
	"time"

	"talkbot/corpus"
)

// fullArticle sets every field but Paragraphs (which the catalog never
// keeps), each to a value of its own.
func fullArticle(id string) corpus.Article {
	day := corpus.Date{Time: time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC)}
	return corpus.Article{ID: id, Title: "Trump meets Putin in Anchorage", Publisher: "Wire Service",
		OriginalSource: "Reuters", URL: "https://example.org/" + id, Published: day, PublishedApproximate: true,
		Author: "A. Writer", Path: "/corpus/" + id + ".md",
		AlsoPublishedBy: []corpus.Outlet{{Publisher: "Daily Copy", URL: "https://copy.example/" + id, Published: corpus.Date{Time: day.AddDate(0, 0, 1)}}, {Publisher: "No Date"}}}
}

func TestArticleRecordsRoundTrip(t *testing.T) {
	// a field added to corpus.Article must be added to the encoding: this
	// count is the reminder
	if n := reflect.TypeOf(corpus.Article{}).NumField(); n != 11 {
		t.Fatalf("corpus.Article has %d fields; the article records hold 10 of 11 (all but Paragraphs): update them and this count", n)
	}
	a := fullArticle("a1")
	v := reflect.ValueOf(a)
	for i := 0; i < v.NumField(); i++ {
		if name := v.Type().Field(i).Name; name != "Paragraphs" && v.Field(i).IsZero() {
			t.Fatalf("fullArticle leaves %s unset", name)
		}
	}
	in := catalog{Articles: []corpus.Article{a, {ID: "bare"}, fullArticle("a2")}, TitleKeys: []string{"text\x00anchorag\ntext\x00putin", "", "actor\x00united states"}, Passages: 3,
		Speakers: []string{"Macron"}, Stances: []corpus.Passage{{ID: "a1/0", Text: "We will send troops."}}}
	data, err := encodeCatalog(in)
	if err != nil {
		t.Fatal(err)
	}
	out, err := decodeCatalog(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(out, in) {
		t.Errorf("round trip:\n got %+v\nwant %+v", out, in)
	}
	if out.Articles[2].Published.Location() != time.UTC {
		t.Error("a date came back outside UTC")
	}
}

// Every truncation, a changed version byte and trailing bytes are an
// error, never a panic or a short list taken for the whole.
func TestArticleRecordsDamaged(t *testing.T) {
	data := encodeArticleRecords([]corpus.Article{fullArticle("a1"), fullArticle("a2")}, []string{"text\x00troop\ntext\x00putin", ""})
	for n := 0; n < len(data); n++ {
		if _, _, err := decodeArticleRecords(data[:n]); err == nil {
			t.Fatalf("%d of %d bytes decoded without an error", n, len(data))
		}
	}
	if _, _, err := decodeArticleRecords(append([]byte{articleRecordsVersion + 1}, data[1:]...)); err == nil {
		t.Error("an unknown version decoded")
	}
	if _, _, err := decodeArticleRecords(append(data, 0)); err == nil {
		t.Error("trailing bytes decoded")
	}
	// counts that claim more than the bytes could hold: an error, not a
	// slice of billions
	huge := binary.AppendUvarint([]byte{articleRecordsVersion}, 1<<40)
	if _, _, err := decodeArticleRecords(append(huge, data[2:]...)); err == nil {
		t.Error("an article count past the data decoded")
	}
	oneOutlet := encodeArticleRecords([]corpus.Article{{ID: "x", AlsoPublishedBy: []corpus.Outlet{{Publisher: "P"}}}}, nil)
	at := len(oneOutlet) - 5 // the outlet count, before "P", its empty URL and its missing date
	inflated := append(binary.AppendUvarint(append([]byte{}, oneOutlet[:at]...), 1<<40), oneOutlet[at+1:]...)
	if _, _, err := decodeArticleRecords(inflated); err == nil {
		t.Error("an outlet count past the data decoded")
	}
	flag := encodeArticleRecords([]corpus.Article{{ID: "x"}}, nil)
	flag[len(flag)-2] = 7 // the approximate flag
	if _, _, err := decodeArticleRecords(flag); err == nil {
		t.Error("an approximate flag of 7 decoded")
	}
	cat, _ := encodeCatalog(catalog{Articles: []corpus.Article{fullArticle("a1")}, TitleKeys: []string{"text\x00putin"}, Passages: 1})
	for n := 0; n < len(cat); n++ {
		if _, err := decodeCatalog(cat[:n]); err == nil {
			t.Fatalf("a catalog cut to %d of %d bytes decoded without an error", n, len(cat))
		}
	}
}

// The article records, not the gob part: the catalog is checked against
// the manifest's checksums before it is decoded, and the records are the
// code of this package.
func FuzzArticleRecords(f *testing.F) {
	f.Add(encodeArticleRecords([]corpus.Article{fullArticle("a1")}, []string{"text\x00troop"}))
	f.Add(encodeArticleRecords([]corpus.Article{{ID: "bare"}, fullArticle("a2")}, nil))
	f.Fuzz(func(t *testing.T, b []byte) {
		as, keys, err := decodeArticleRecords(b)
		if err != nil {
			return
		}
		again, againKeys, err := decodeArticleRecords(encodeArticleRecords(as, keys))
		if err != nil || !reflect.DeepEqual(as, again) || !reflect.DeepEqual(keys, againKeys) {
			t.Fatalf("re-encoding articles that decoded: %v", err)
		}
	})
}
