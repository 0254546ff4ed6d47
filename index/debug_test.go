package index

import (
	"context"
	"os"
	"testing"
)

func TestDebugQuery(t *testing.T) {
	q := os.Getenv("Q")
	if q == "" {
		t.Skip()
	}
	ix := openBundled(t)
	res, _ := ix.Search(context.Background(), Query{Text: q, Limit: 5})
	t.Logf("total %d suggestion %q", res.Total, res.Suggestion)
	for _, h := range res.Hits {
		t.Logf("%.3f %s: %s", h.Score, h.Passage.ID, h.Highlighted)
	}
}
