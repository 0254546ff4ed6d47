package ingest

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"talkbot/corpus"
)

func TestContainment(t *testing.T) {
	var base []string
	for i := range 12 {
		base = append(base, fmt.Sprintf("Sentence %d of the story says that officials from country %d met envoys in city %d on day %d to discuss item %d.", i, i*7, i*3, i+1, i*11))
	}
	other := make([]string, len(base))
	for i := range base {
		other[i] = fmt.Sprintf("An unrelated line %d about weather number %d, rain in region %d and sun in town %d for week %d.", i, i*5, i*2, i+9, i*13)
	}
	a := sketchOf(base)
	for name, c := range map[string]struct {
		text     []string
		min, max float64
	}{
		"itself":           {base, 0.99, 1.01},
		"with a preface":   {append([]string{"(Wire) — reported from the capital by our staff."}, base...), 0.8, 1.2},
		"its first half":   {base[:6], 0.8, 1.2},
		"another story":    {other, 0, 0.2},
		"too short to say": {base[:1], 0, 0},
	} {
		if got := containment(a, sketchOf(c.text)); got < c.min || got > c.max {
			t.Errorf("%s: containment %.2f, want %.2f..%.2f", name, got, c.min, c.max)
		}
	}
}

// The realistic corpus's near-copies (wire stories run by several
// outlets) are found, and no two different stories are taken for one.
func TestNearCopiesInRealnews(t *testing.T) {
	arts, problems := corpus.LoadDir(filepath.Join("..", "..", "testdata", "realnews", "articles"))
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	sk := make([]sketch, len(arts))
	for i, a := range arts {
		sk[i] = sketchOf(paragraphTexts(a.Paragraphs))
	}
	pairs := 0
	for i := range arts {
		for j := i + 1; j < len(arts); j++ {
			if c := containment(sk[i], sk[j]); c >= nearCopy {
				pairs++
				t.Logf("%.2f %s ~ %s", c, arts[i].ID, arts[j].ID)
				// file names start with the date; a .txt article has no other
				if di, dj := arts[i].ID[:7], arts[j].ID[:7]; di != dj && !strings.HasPrefix(dj, di[:5]) {
					t.Errorf("%s and %s are months apart: not one story", arts[i].ID, arts[j].ID)
				}
			}
		}
	}
	t.Logf("%d near-copy pairs among %d articles", pairs, len(arts))
}
