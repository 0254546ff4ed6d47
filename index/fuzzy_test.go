package index

import (
	"slices"
	"strings"
	"testing"

	"talkbot/corpus/text"
)

// within is what fuzzy must find: every word at most k edits away.
func within(words []string, q string, k int) []string {
	var out []string
	for _, w := range words {
		if text.EditDistance(q, w) <= k {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func checkFuzzy(t *testing.T, words []string, q string, k int) {
	t.Helper()
	d := testDict(t, words)
	var got []string
	for _, e := range d.fuzzy(q, k, 1<<20) {
		got = append(got, e.word)
	}
	if want := within(words, q, k); !slices.Equal(got, want) {
		t.Fatalf("fuzzy(%q, %d) over %q:\n got %q\nwant %q", q, k, words, got, want)
	}
}

func TestFuzzyFindsEveryWordWithinReach(t *testing.T) {
	words := strings.Fields("troops troop tropes trooper guarantee guarantees guard zelensky zelenskyy zelenski " +
		"ceasefire cease fire kyiv kiev café cafe naïve straße strasse ab ba abc acb bca a b ü üb bü 日本 日本語 本日")
	for _, q := range []string{"torops", "guarentees", "zelenksy", "ceasfire", "kiyv", "cafe", "café", "strase",
		"ba", "ab", "", "x", "bü", "üb", "日本", "本日語", "troopers", "guard", "\xff", "a\xffb"} {
		for k := 1; k <= 2; k++ {
			checkFuzzy(t, words, q, k)
		}
	}
}

func FuzzFuzzy(f *testing.F) {
	f.Add("troops troop tropes", "torops", uint8(1))
	f.Add("café cafe naïve", "cafè", uint8(2))
	f.Add("ab ba abc acb", "ba", uint8(1))
	f.Fuzz(func(t *testing.T, dict, q string, k uint8) {
		words := strings.Fields(dict)
		if len(words) == 0 || len(words) > 50 || len(q) > 40 {
			return
		}
		checkFuzzy(t, words, q, int(k%2)+1)
	})
}
