package answer

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"testing"
)

var updateGolden = flag.Bool("update", false, "rewrite answer/testdata/golden.json from the current code")

// goldenTopics and goldenSpeakers cover the eval's questions and more, so
// a speed-up that changes any answer fails here.
var goldenTopics = []string{"troops", "soldiers", "logistics", "military hubs", "air defence", "air defense",
	"monitoring", "ceasefire monitoring", "intelligence", "air force", "security guarantees", "troopps",
	"peacekeepers", "funding", "weapons", "boots on the ground", "naval", "training", "backstop",
	"reassurance force", "guarantees", "sanctions", "money", "zzz unknown words"}

var goldenQuotes = [][2]string{{"Trump", ""}, {"Starmer", ""}, {"Paula Pinio", ""}, {"Zelenskyy", ""},
	{"zelenski", "backstop"}, {"Merz", ""}, {"Friedrich Merz", "compromises"}, {"Witkoff", ""},
	{"Kushner", ""}, {"Macron", ""}, {"Starmr", ""}, {"keir starmer", "military hubs"},
	{"Donald Trump", "details"}, {"Pinio", ""}, {"Boris Johnson", ""}, {"Macron", "troops"},
	{"Zelensky", "security guarantees"}, {"Putin", ""}, {"Rubio", ""}, {"Meloni", ""}, {"nobody at all", ""}}

type goldenAnswers struct {
	Pledges []Pledges
	Quotes  []Quotes
}

func computeGolden(t *testing.T) goldenAnswers {
	e := bundledEngine(t)
	ctx := context.Background()
	var g goldenAnswers
	for _, topic := range goldenTopics {
		p, err := e.WhoPledged(ctx, in(t, topic))
		if err != nil {
			t.Fatalf("who-pledged %q: %v", topic, err)
		}
		g.Pledges = append(g.Pledges, p)
	}
	speakers := e.Speakers()
	qs := append([][2]string(nil), goldenQuotes...)
	for _, s := range speakers {
		qs = append(qs, [2]string{s, ""})
	}
	for _, q := range qs {
		res, err := e.QuotesBy(ctx, in(t, q[0]), in(t, q[1]))
		if err != nil {
			t.Fatalf("quote %q %q: %v", q[0], q[1], err)
		}
		g.Quotes = append(g.Quotes, res)
	}
	return g
}

// TestGoldenAnswers compares every answer with the one recorded before the
// caches and fast paths existed (go test -run Golden -update rewrites it).
func TestGoldenAnswers(t *testing.T) {
	const path = "testdata/golden.json"
	got, err := json.MarshalIndent(computeGolden(t), "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if *updateGolden {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		var w goldenAnswers
		if err := json.Unmarshal(want, &w); err != nil {
			t.Fatal(err)
		}
		g := computeGolden(t)
		for i := range w.Pledges {
			a, _ := json.Marshal(w.Pledges[i])
			b, _ := json.Marshal(g.Pledges[i])
			if !bytes.Equal(a, b) {
				t.Errorf("who-pledged %q changed:\nwant %s\n got %s", w.Pledges[i].Topic, a, b)
			}
		}
		for i := range w.Quotes {
			a, _ := json.Marshal(w.Quotes[i])
			b, _ := json.Marshal(g.Quotes[i])
			if !bytes.Equal(a, b) {
				t.Errorf("quote %q changed:\nwant %s\n got %s", w.Quotes[i].Speaker, a, b)
			}
		}
		if !t.Failed() {
			t.Errorf("answers differ from %s", path)
		}
	}
}
