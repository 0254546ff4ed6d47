package index

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSearch feeds arbitrary text to Search and Complete: they must never
// fail or panic, and highlighting must only add ** markers.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"troops:", `+-"`, "*", "U.S.-led", "Zelenskyy’s café", "who will lead the ceasefire monitoring",
		"guarentees", "coalition of the willing", "\xff", "a) b)", "**bold**"} {
		f.Add(s)
	}
	ix, err := bundledIndex()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		res, err := ix.Search(context.Background(), Query{Text: q, Limit: 3})
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		for _, h := range res.Hits {
			if strings.ReplaceAll(h.Highlighted, "**", "") != strings.ReplaceAll(h.Passage.Text, "**", "") {
				t.Fatalf("%q: highlight altered text", q)
			}
			if !utf8.ValidString(h.Highlighted) {
				t.Fatalf("%q: invalid UTF-8 highlight", q)
			}
		}
		_ = ix.Complete(q, 5)
	})
}
