package answer

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"talkbot/corpus/text"
)

// quoteCase is one speaker of the realistic corpus with words the
// articles quote them saying (keys are exact words inside quotation
// marks), optionally about a topic.
type quoteCase struct {
	Speaker string   `json:"speaker"`
	Topic   string   `json:"topic"`
	Keys    []string `json:"keys"`
}

// TestEvalQuotes prints, for the realistic corpus's speakers, how many
// quote answers hold at least one of the speaker's known quotations
// (found) and how many of all those quotations they hold (recall), and
// checks that every quotation shown is the exact words of its passage
// (some of these articles have no link, as some real pages do not).
func TestEvalQuotes(t *testing.T) {
	ctx := context.Background()
	e := engineOver(t, "../testdata/realnews/articles")
	var cases []quoteCase
	for _, p := range []string{"../testdata/realnews/quotes-a.json", "../testdata/realnews/quotes-b.json"} {
		cases = append(cases, loadJSON[struct {
			Quotes []quoteCase `json:"quotes"`
		}](t, p).Quotes...)
	}
	found, keys, held := 0, 0, 0
	for _, c := range cases {
		who, err := CheckInput(c.Speaker)
		if err != nil {
			t.Fatalf("%q: %v", c.Speaker, err)
		}
		about, err := CheckOptionalInput(c.Topic)
		if err != nil {
			t.Fatalf("%q: %v", c.Topic, err)
		}
		res, err := e.QuotesBy(ctx, who, about)
		if err != nil {
			t.Fatalf("quote %q: %v", c.Speaker, err)
		}
		hit := 0
		for _, k := range c.Keys {
			keys++
			held := false
			for _, q := range res.Quotes {
				if strings.Contains(text.Key(q.Text), text.Key(k)) {
					held = true
					break
				}
			}
			if held {
				hit++
			} else if testing.Verbose() {
				t.Logf("quote %q about %q: %q not held", c.Speaker, c.Topic, k)
			}
		}
		held += hit
		if hit > 0 {
			found++
		} else {
			t.Logf("quote %q about %q: none of %q; speaker %q, %d quotes", c.Speaker, c.Topic, c.Keys, res.Speaker, len(res.Quotes))
		}
		for _, q := range res.Quotes {
			if !strings.Contains(q.Passage, q.Text) || q.Article.ID == "" {
				t.Errorf("quote %q: %q is not the exact words of its passage, or has no article", c.Speaker, q.Text)
			}
		}
	}
	fmt.Printf("eval quotes realnews: %d speakers: found %.3f, quotations held %d/%d (%.3f)\n",
		len(cases), float64(found)/float64(len(cases)), held, keys, float64(held)/float64(keys))
	if found*10 < len(cases)*8 {
		t.Errorf("quote answers found known words for %d of %d speakers, under 0.8", found, len(cases))
	}
}
