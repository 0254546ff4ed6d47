package answer

import (
	"strings"
	"testing"

	"talkbot/corpus"
)

// TestQuotationContext: "he said" is the last person named before the
// quotation, passages back if those between name no one, but not past
// the context window, and not someone named earlier than the last.
func TestQuotationContext(t *testing.T) {
	passages := func(texts ...string) *articleInfo {
		a := &articleInfo{}
		for i, s := range texts {
			a.ps = append(a.ps, corpus.Passage{ID: corpus.PassageID("a", i), Text: s})
		}
		return a
	}
	speaker := func(a *articleInfo, i int) string {
		qs := a.quotations(i)
		if len(qs) != 1 {
			t.Fatalf("passage %d: %d quotations, want 1", i, len(qs))
		}
		return qs[0].Speaker
	}
	a := passages("Keir Starmer arrived in Paris.", "The talks began at noon.", "“We are ready,” he said.")
	if got := speaker(a, 2); got != "Keir Starmer" {
		t.Errorf("two passages back: %q, want Keir Starmer", got)
	}
	a = passages("Keir Starmer arrived.", "Emmanuel Macron met him.", "“We are ready,” he said.")
	if got := speaker(a, 2); got != "Emmanuel Macron" {
		t.Errorf("the last named: %q, want Emmanuel Macron", got)
	}
	filler := strings.Repeat("The talks went on. ", contextKeep/19+1)
	a = passages("Keir Starmer arrived.", filler, "“We are ready,” he said.")
	if got := speaker(a, 2); got != "" {
		t.Errorf("past the context: %q, want no one", got)
	}
}
