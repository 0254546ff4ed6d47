package index

import (
	"context"
	"strings"
	"testing"
)

// A capital, demonym or person in the question matches the country a
// passage is annotated with, and a person matches the passages quoting
// them, however the passage words it.
func TestAnnotationsMatchConcepts(t *testing.T) {
	ix := openMem(t, []testArticle{
		{"d1", "Nordic views", []string{
			"Denmark is ready in principle to send peacekeepers once a ceasefire holds.",
			"Peacekeepers from many countries were discussed, peacekeepers again and peacekeepers.",
		}},
		{"r1", "Kremlin briefing", []string{
			"The Kremlin spokesman Dmitry Peskov spoke to reporters on Monday.",
			"\"Any foreign contingent is a legitimate target,\" he said.",
			"A foreign contingent, another contingent and a contingent were named.",
		}},
	})
	for q, want := range map[string]string{
		"is Copenhagen willing to send peacekeepers":     "Denmark is ready",
		"is copenhagen willing to send peacekeepers":     "Denmark is ready",
		"what did Peskov say about a foreign contingent": "legitimate target",
		// an office is its holder: the passage quoting Peskov, though it
		// never says "spokesman" (the one that does quotes no one)
		"what did the kremlin spokesman say about a foreign contingent": "legitimate target",
	} {
		res, err := ix.Search(context.Background(), Query{Text: q, Limit: 3})
		if err != nil || len(res.Hits) == 0 {
			t.Fatalf("%q: %v, %d hits", q, err, len(res.Hits))
		}
		if got := res.Hits[0].Passage.Text; !strings.Contains(got, want) {
			t.Errorf("%q: first %q, want the passage with %q", q, got, want)
		}
	}
}

func TestNamedIn(t *testing.T) {
	for _, c := range []struct {
		s                string
		actors, speakers string
	}{
		{"Warsaw", "poland", ""},
		{"croatia", "croatia", ""},
		{"Polish", "poland", ""},
		{"Meloni", "", "giorgia meloni"},
		{"troops", "", ""},
	} {
		a, s := namedIn(c.s)
		if strings.Join(a, ",") != c.actors || strings.Join(s, ",") != c.speakers {
			t.Errorf("%q: actors %q speakers %q, want %q %q", c.s, a, s, c.actors, c.speakers)
		}
	}
}

// Paraphrases from real coverage (synonyms.txt) find one another.
func TestParaphrases(t *testing.T) {
	ix := openMem(t, []testArticle{{"p1", "Talks", []string{
		"The White House said air support was an option.",
		"Moscow holds roughly a fifth of Ukrainian territory.",
		"A cessation of hostilities was agreed.",
		"Britain will rebuild the Ukrainian army.",
	}}})
	for q, want := range map[string]string{
		"could Washington provide air cover":      "air support",
		"how much land does Russia occupy":        "fifth of Ukrainian territory",
		"was a truce agreed":                      "cessation of hostilities",
		"who will rebuild the Ukrainian military": "rebuild the Ukrainian army",
	} {
		res, err := ix.Search(context.Background(), Query{Text: q, Limit: 1})
		if err != nil || len(res.Hits) == 0 || !strings.Contains(res.Hits[0].Passage.Text, want) {
			t.Errorf("%q: %v %+v; want the passage with %q", q, err, res.Hits, want)
		}
	}
}
